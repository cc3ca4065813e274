"""What the case API reads and writes. Checks that are not about JSON are the domain's own: a
child is checked by people.forms.ChildForm, an event by the event catalogue in casework.services."""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from accounts.models import User
from accounts.roles import Role
from casework.models import (
    AdviceRequest,
    AdviserType,
    AssessmentCase,
    CaseEvent,
    CaseExceptionRecord,
    RequestSource,
    Stage,
)
from clock import dates
from clock.case_events import EVENT_TYPES, EventKind
from people import codelists
from people import services as people_services
from people.access import children_visible_to
from people.forms import ChildForm
from people.models import Child, Setting

FUTURE = "The date cannot be in the future"


def not_in_future(value):
    if value > dates.today():
        raise serializers.ValidationError(FUTURE)
    return value


def _user_named(username, roles, message):
    user = User.objects.filter(username=username, is_active=True, role__in=roles).first()
    if user is None:
        raise serializers.ValidationError(message)
    return user


# Children ---------------------------------------------------------------------------------------


class NeedField(serializers.ChoiceField):
    """A SEN2 need type ("" for none recorded). Described once in the OpenAPI document as
    `SenType` (api.schema), not as one enum per field."""

    def __init__(self, **kwargs):
        super().__init__(choices=codelists.SEN_TYPE, allow_blank=True, **kwargs)


class SettingRefSerializer(serializers.ModelSerializer):
    class Meta:
        model = Setting
        fields = ["public_id", "urn", "name"]


class ChildSerializer(serializers.ModelSerializer):
    setting = SettingRefSerializer(read_only=True)
    year_group = serializers.SerializerMethodField()
    key_stage = serializers.SerializerMethodField()
    primary_need = NeedField(read_only=True)
    secondary_need = NeedField(read_only=True)

    class Meta:
        model = Child
        fields = [
            "public_id",
            "legal_first_name",
            "legal_last_name",
            "preferred_name",
            "date_of_birth",
            "sex",
            "gender_identity",
            "upn",
            "nhs_number",
            "uln",
            "ethnicity",
            "first_language",
            "interpreter_needed",
            "address",
            "postcode",
            "setting",
            "year_group",
            "key_stage",
            "sen_provision",
            "primary_need",
            "secondary_need",
            "social_care_status",
            "version",
        ]

    @extend_schema_field(OpenApiTypes.INT)
    def get_year_group(self, child):
        return child.year_group()

    @extend_schema_field(OpenApiTypes.STR)
    def get_key_stage(self, child):
        return child.key_stage()


REQUIRED = ChildForm.Meta.error_messages
# API names that differ from the form's: a school is named by its URN, never a database id.
FORM_FIELD_NAMES = {"setting": "setting_urn"}


class NewChildSerializer(serializers.Serializer):
    """A new child's record. Every value is checked by the web form's own rules (ChildForm): UPN
    check letter, NHS number modulus 11, postcode, year group, and no second record with the same
    UPN or NHS number. Blank values are let through to the form, so its messages are the ones given."""

    legal_first_name = serializers.CharField(allow_blank=True, error_messages=REQUIRED["legal_first_name"])
    legal_last_name = serializers.CharField(allow_blank=True, error_messages=REQUIRED["legal_last_name"])
    preferred_name = serializers.CharField(required=False, allow_blank=True)
    date_of_birth = serializers.DateField(error_messages={"required": "Enter date of birth"})
    sex = serializers.ChoiceField(choices=codelists.SEX, default="U")
    gender_identity = serializers.CharField(required=False, allow_blank=True)
    upn = serializers.CharField(required=False, allow_blank=True, help_text="e.g. B801200005001")
    nhs_number = serializers.CharField(required=False, allow_blank=True, help_text="e.g. 9434765870")
    uln = serializers.CharField(required=False, allow_blank=True)
    ethnicity = serializers.ChoiceField(choices=codelists.ETHNICITY, default="NOBT")
    first_language = serializers.ChoiceField(choices=codelists.FIRST_LANGUAGE, default="ENG")
    interpreter_needed = serializers.BooleanField(default=False)
    address = serializers.CharField(required=False, allow_blank=True)
    postcode = serializers.CharField(required=False, allow_blank=True)
    setting_urn = serializers.IntegerField(required=False, allow_null=True, help_text="The school's URN")
    year_group_override = serializers.IntegerField(required=False, allow_null=True)
    sen_provision = serializers.ChoiceField(
        choices=codelists.SEN_PROVISION, default=codelists.SenProvision.NONE
    )
    primary_need = NeedField(required=False)
    secondary_need = NeedField(required=False)
    social_care_status = serializers.ChoiceField(
        choices=codelists.SOCIAL_CARE_STATUS, required=False, allow_blank=True
    )

    def validate_setting_urn(self, urn):
        if urn is None:
            return None
        setting = Setting.objects.filter(urn=urn, is_open=True).only("pk").first()
        if setting is None:
            raise serializers.ValidationError("No open school or setting has this URN")
        return setting

    def validate(self, attrs):
        self.form = ChildForm(data=self._form_data(attrs))
        if not self.form.is_valid():
            raise serializers.ValidationError(
                {
                    FORM_FIELD_NAMES.get(name, name): list(messages)
                    for name, messages in self.form.errors.items()
                }
            )
        return attrs

    @staticmethod
    def _form_data(attrs):
        """The JSON as the web form would have posted it (a date as day, month and year boxes)."""
        data = {name: ("" if value is None else value) for name, value in attrs.items()}
        born = data.pop("date_of_birth")
        setting = data.pop("setting_urn", None)
        data.update(
            date_of_birth_day=str(born.day),
            date_of_birth_month=str(born.month),
            date_of_birth_year=str(born.year),
        )
        data["setting"] = setting.pk if setting else ""
        return data

    def create(self, validated_data):
        return people_services.create_child(self.context["request"], self.form)


# Cases ------------------------------------------------------------------------------------------


class ChildRefSerializer(serializers.ModelSerializer):
    class Meta:
        model = Child
        fields = ["public_id", "legal_first_name", "legal_last_name", "date_of_birth"]


class CaseSummarySerializer(serializers.ModelSerializer):
    child = ChildRefSerializer(read_only=True)
    stage_label = serializers.CharField(source="get_stage_display", read_only=True)
    caseworker = serializers.SlugRelatedField(slug_field="username", read_only=True)

    class Meta:
        model = AssessmentCase
        fields = [
            "public_id",
            "reference",
            "child",
            "source",
            "received_on",
            "stage",
            "stage_label",
            "caseworker",
            "next_deadline",
            "next_step",
            "is_overdue",
            "closed_on",
            "version",
        ]
        extra_kwargs = {"next_deadline": {"help_text": "Due date of the open step due soonest"}}


class StepSerializer(serializers.Serializer):
    """One statutory clock, as the clock engine (clock) sees it today."""

    key = serializers.CharField(help_text='e.g. "decision_to_assess", or "advice:ep" for one adviser')
    label = serializers.CharField()
    source = serializers.CharField(help_text="The regulation that sets the time limit")
    start = serializers.DateField(allow_null=True)
    due = serializers.DateField(allow_null=True)
    done = serializers.DateField(allow_null=True)
    status = serializers.CharField(
        help_text="not_started, on_track, due_soon, overdue, met, met_late, excused or closed"
    )
    status_label = serializers.CharField(source="status.label")


class AdviceRequestSerializer(serializers.ModelSerializer):
    adviser_type_label = serializers.CharField(source="get_adviser_type_display", read_only=True)
    professional = serializers.SlugRelatedField(slug_field="username", read_only=True)

    class Meta:
        model = AdviceRequest
        fields = [
            "public_id",
            "ref",
            "adviser_type",
            "adviser_type_label",
            "professional",
            "requested_on",
            "due_on",
            "received_on",
            "cancelled_on",
            "is_late",
        ]


class CaseExceptionSerializer(serializers.ModelSerializer):
    reason_label = serializers.CharField(source="get_reason_display", read_only=True)

    class Meta:
        model = CaseExceptionRecord
        fields = ["reason", "reason_label", "start", "end", "ref", "note"]


class CaseEventSerializer(serializers.ModelSerializer):
    label = serializers.SerializerMethodField()
    recorded_by = serializers.SlugRelatedField(slug_field="username", read_only=True)

    class Meta:
        model = CaseEvent
        fields = ["kind", "label", "on", "ref", "note", "recorded_at", "recorded_by"]

    @extend_schema_field(OpenApiTypes.STR)
    def get_label(self, event):
        return EVENT_TYPES[EventKind(event.kind)].label


class CaseDetailSerializer(CaseSummarySerializer):
    """The case with every clock. `next_deadline`, `next_step` and `is_overdue` are worked out
    for today from the clocks (the list shows the copy stored for fast filtering)."""

    steps = serializers.SerializerMethodField()
    next_deadline = serializers.SerializerMethodField()
    next_step = serializers.SerializerMethodField()
    next_step_key = serializers.SerializerMethodField()
    is_overdue = serializers.SerializerMethodField()
    advice_requests = AdviceRequestSerializer(many=True, read_only=True)
    exceptions = CaseExceptionSerializer(many=True, read_only=True)
    events = CaseEventSerializer(many=True, read_only=True)

    class Meta(CaseSummarySerializer.Meta):
        fields = [
            *CaseSummarySerializer.Meta.fields,
            "requester_name",
            "reasons",
            "consent_given",
            "next_step_key",
            "steps",
            "advice_requests",
            "exceptions",
            "events",
        ]

    @property
    def timeline(self):
        return self.context["timeline"]

    @extend_schema_field(StepSerializer(many=True))
    def get_steps(self, case):
        return StepSerializer(self.timeline.steps, many=True).data

    @extend_schema_field(OpenApiTypes.DATE)
    def get_next_deadline(self, case):
        step = self.timeline.next_deadline
        return step.due.isoformat() if step else None

    @extend_schema_field(OpenApiTypes.STR)
    def get_next_step(self, case):
        step = self.timeline.next_deadline
        return step.label if step else ""

    @extend_schema_field(OpenApiTypes.STR)
    def get_next_step_key(self, case):
        step = self.timeline.next_deadline
        return step.key if step else None

    @extend_schema_field(OpenApiTypes.BOOL)
    def get_is_overdue(self, case):
        return bool(self.timeline.overdue)


class NewCaseSerializer(serializers.Serializer):
    """A request for an EHC needs assessment, as received."""

    child = serializers.UUIDField(help_text="The child's public_id")
    source = serializers.ChoiceField(choices=RequestSource.choices, help_text="Who asked (SEN2 codes)")
    received_on = serializers.DateField(validators=[not_in_future])
    reasons = serializers.CharField()
    consent_given = serializers.BooleanField(help_text="The family consents to information being shared")
    requester_name = serializers.CharField(required=False, allow_blank=True, max_length=200, default="")
    caseworker = serializers.CharField(required=False, help_text="Username of the caseworker to allocate")

    def validate_child(self, public_id):
        child = children_visible_to(self.context["request"].user).filter(public_id=public_id).first()
        if child is None:
            raise serializers.ValidationError("No child with this id")
        return child

    def validate_caseworker(self, username):
        return _user_named(username, (Role.CASEWORKER, Role.MANAGER), "No caseworker has this username")


class CaseFilterSerializer(serializers.Serializer):
    stage = serializers.ChoiceField(choices=Stage.choices, required=False)
    caseworker = serializers.CharField(required=False, help_text="The caseworker's username")
    overdue = serializers.BooleanField(required=False, help_text="true: only cases with a step overdue")
    due_before = serializers.DateField(required=False, help_text="Next deadline before this date")
    child = serializers.UUIDField(required=False, help_text="The child's public_id")


# Events the events endpoint takes; a request and an advice request have endpoints of their own
# (they make rows besides the event), and cancelling advice has no service yet.
RECORDABLE = [
    kind
    for kind in EventKind
    if kind not in (EventKind.REQUEST_RECEIVED, EventKind.ADVICE_REQUESTED, EventKind.ADVICE_CANCELLED)
]


class NewEventSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(
        choices=[(kind.value, EVENT_TYPES[kind].label) for kind in RECORDABLE],
        error_messages={
            "invalid_choice": '"{input}" cannot be recorded here: requests are made with POST cases/, '
            "advice requests with POST cases/<id>/advice-requests/"
        },
    )
    on = serializers.DateField(validators=[not_in_future], help_text="The date it happened")
    ref = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=40,
        default="",
        help_text="Which adviser or setting, for advice_received (the advice request's ref), "
        "setting_consulted and setting_replied",
    )
    note = serializers.CharField(required=False, allow_blank=True, default="")
    version = serializers.IntegerField(
        min_value=1, help_text="The case's version when the client last read it"
    )

    def validate(self, attrs):
        paired = EVENT_TYPES[EventKind(attrs["kind"])].paired
        if paired and not attrs["ref"]:
            raise serializers.ValidationError({"ref": "Say which adviser or setting this is about"})
        if not paired and attrs["ref"]:
            raise serializers.ValidationError(
                {"ref": "This kind of event is not about one adviser or setting"}
            )
        return attrs


class NewAdviceRequestSerializer(serializers.Serializer):
    adviser_type = serializers.ChoiceField(choices=AdviserType.choices)
    on = serializers.DateField(validators=[not_in_future], help_text="The date the advice was asked for")
    professional = serializers.CharField(required=False, help_text="Username of the professional asked")
    note = serializers.CharField(required=False, allow_blank=True, default="")
    version = serializers.IntegerField(
        min_value=1, required=False, help_text="If sent, refused with 409 when the case has changed since"
    )

    def validate_professional(self, username):
        return _user_named(username, (Role.PROFESSIONAL,), "No professional has this username")
