from django import forms
from django.core.exceptions import ValidationError

from core.forms import GovUKDateField, OneTimeFormMixin, VersionFieldMixin
from people import codelists, crossfield, validators
from people.models import Child, ParentCarer, Setting

# SEN2 settings whose arrangement must be described (SENSettingOther).
OTHER_SETTINGS = ("OTH", "NIEO")


class ChildForm(forms.ModelForm):
    date_of_birth = GovUKDateField(label="Date of birth", past_only=True, help_text="For example, 27 3 2015")
    # Wider than the stored values: people type spaces, which the clean_ methods remove.
    upn = forms.CharField(
        label="Unique pupil number (UPN)",
        max_length=20,
        required=False,
        help_text="13 characters, for example B801200005001",
    )
    nhs_number = forms.CharField(
        label="NHS number", max_length=20, required=False, help_text="10 digits, for example 943 476 5870"
    )
    postcode = forms.CharField(label="Postcode", max_length=20, required=False)
    setting = forms.ModelChoiceField(
        queryset=Setting.objects.filter(is_open=True).only("pk", "name"),
        required=False,
        label="Current school or setting",
    )
    setting_started_on = GovUKDateField(
        label="Started at this school or setting on",
        required=False,
        past_only=True,
        help_text="For example, 1 9 2023",
    )
    subsidiary_setting = forms.ModelChoiceField(
        queryset=Setting.objects.filter(is_open=True).only("pk", "name"),
        required=False,
        label="Second school or setting (dual registration)",
    )

    class Meta:
        model = Child
        fields = [
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
            "year_group_override",
            "sen_provision",
            "primary_need",
            "secondary_need",
            "social_care_status",
            # Statutory returns (SEN2, Ofsted Annex A).
            "upn_unknown_reason",
            "setting_started_on",
            "specialist_provision",
            "sen2_setting",
            "sen2_setting_other",
            "residential_placement",
            "work_based_learning",
            "detained_from",
            "detained_until",
            "subsidiary_setting",
            "suspensions",
            "permanent_exclusions",
            "absence_percent",
            "pupil_premium",
            "social_care_team",
            "disability",
        ]
        labels = {
            "year_group_override": "Year group, if taught out of their year group",
            "sen_provision": "Special educational provision",
            "interpreter_needed": "Needs an interpreter",
        }
        help_texts = {
            "year_group_override": "Leave blank to use the year group for their date of birth "
            "(0 is Reception, 1 is Year 1)",
        }
        error_messages = {
            "legal_first_name": {"required": "Enter the child's first name"},
            "legal_last_name": {"required": "Enter the child's last name"},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in (
            "sex",
            "ethnicity",
            "first_language",
            "sen_provision",
            "primary_need",
            "secondary_need",
            "social_care_status",
        ):
            field = self.fields[name]
            field.required = name in ("sex", "sen_provision")
        self._set_up_return_fields()
        self.fields["primary_need"].choices = [("", "None recorded"), *codelists.SEN_TYPE]
        self.fields["secondary_need"].choices = [("", "None recorded"), *codelists.SEN_TYPE]
        self.fields["setting"].empty_label = "Not in a school or setting"

    def _set_up_return_fields(self):
        self.fields["upn_unknown_reason"].choices = [("", "Not needed: they have a UPN or ULN")] + [
            (code, f"{code}: {label}") for code, label in codelists.UPN_UNKNOWN
        ]
        self.fields["upn_unknown_reason"].help_text = "Only for a child with neither a UPN nor a ULN"
        self.fields["sen2_setting"].choices = [("", "Not needed: they attend a school or setting")] + [
            (code, f"{code}: {label}") for code, label in codelists.SEN2_SETTING
        ]
        self.fields["sen2_setting"].help_text = "Only for a child with no current school or setting"
        self.fields["specialist_provision"].choices = [
            ("", "Neither: an ordinary place"),
            *codelists.SPECIALIST_PROVISION,
        ]
        self.fields["subsidiary_setting"].empty_label = "None"
        self.fields["absence_percent"].help_text = "For example, 7.5"

    def clean(self):
        data = super().clean()
        problems = crossfield.upn_reason_problems(
            reason=data.get("upn_unknown_reason") or "",
            upn=data.get("upn") or "",
            uln=data.get("uln") or "",
            setting=data.get("setting"),
            sen2_setting=data.get("sen2_setting") or "",
        )
        for field, message in problems[:1]:  # one message for the field, the first
            self.add_error(field, message)
        if data.get("setting") and data.get("sen2_setting"):
            self.add_error("sen2_setting", "Leave this blank: the child has a current school or setting")
        self._check_specialist_provision(data)
        self._check_sen2_other(data)
        self._check_detention(data)
        absence = data.get("absence_percent")
        if absence is not None and not 0 <= absence <= 100:
            self.add_error("absence_percent", "Enter a percentage from 0 to 100")
        return data

    def clean_date_of_birth(self):
        born = self.cleaned_data.get("date_of_birth")
        # A new record is a new request's child: over 25 is refused; an edit keeps the other checks.
        return validators.validate_date_of_birth(born, new_request=self.instance.pk is None) if born else born

    def _check_sen2_other(self, data):
        """SEN2 asks what an "Other" or "Not in education or training: other" arrangement is
        (SENSettingOther)."""
        needs_other = data.get("sen2_setting") in OTHER_SETTINGS and not data.get("setting")
        if needs_other and not data.get("sen2_setting_other"):
            self.add_error("sen2_setting_other", "Describe the arrangement: SEN2 asks what it is")
        elif data.get("sen2_setting_other") and not needs_other:
            self.add_error(
                "sen2_setting_other",
                "Leave this blank: it is only for 'Other' or 'Not in education or training: other'",
            )

    def _check_detention(self, data):
        start, end = data.get("detained_from"), data.get("detained_until")
        if end and not start:
            self.add_error("detained_from", "Enter the date the detention started")
        elif start and end and end < start:
            self.add_error("detained_until", "The end of the detention must be on or after its start")

    def _check_specialist_provision(self, data):
        """A place in an SEN unit or resourced provision needs a school that has one."""
        place, setting = data.get("specialist_provision"), data.get("setting")
        if not place:
            return
        if setting is None:
            self.add_error(
                "specialist_provision", "Choose the school first: the child has no school recorded"
            )
            return
        has = setting.has_sen_unit if place == "sen_unit" else setting.has_resourced_provision
        if not has and setting.setting_type != "resourced":
            what = "SEN unit" if place == "sen_unit" else "resourced provision"
            self.add_error("specialist_provision", f"{setting.name} has no {what} recorded")

    def clean_upn(self):
        value = self.cleaned_data.get("upn")
        upn = validators.validate_upn(value) if value else None
        self._refuse_taken("upn", upn, "Another child's record already has this UPN")
        return upn

    def clean_nhs_number(self):
        value = self.cleaned_data.get("nhs_number")
        number = validators.validate_nhs_number(value) if value else None
        self._refuse_taken("nhs_number", number, "Another child's record already has this NHS number")
        return number

    def _refuse_taken(self, field, value, message):
        if value and Child.objects.filter(**{field: value}).exclude(pk=self.instance.pk).exists():
            raise ValidationError(message)

    def clean_uln(self):
        value = self.cleaned_data.get("uln")
        return validators.validate_uln(value) if value else ""

    def clean_postcode(self):
        value = self.cleaned_data.get("postcode")
        return validators.normalise_postcode(value) if value else ""

    def clean_year_group_override(self):
        value = self.cleaned_data.get("year_group_override")
        if value is not None and not -2 <= value <= 14:
            raise ValidationError("Enter a year group from -2 (nursery) to 14 (post-19)")
        return value


class NewChildForm(OneTimeFormMixin, ChildForm):
    confirm_not_duplicate = forms.BooleanField(
        required=False, label="I have checked: this is a different child"
    )


class EditChildForm(VersionFieldMixin, ChildForm):
    pass


class ImportForm(forms.Form):
    file = forms.FileField(
        label="Upload a file",
        error_messages={"required": "Select a file to import"},
    )
    form_token = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, allowed=(".csv",), **kwargs):
        self.allowed = allowed
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = "The file must be " + " or ".join(
            a.lstrip(".").upper() for a in allowed
        )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith(self.allowed):
            raise ValidationError(self.fields["file"].help_text)
        if upload.size > 20 * 1024 * 1024:
            raise ValidationError("The file must be smaller than 20MB")
        return upload


class ParentCarerForm(OneTimeFormMixin, forms.ModelForm):
    relationship = forms.ChoiceField(
        label="Relationship to the child",
        choices=codelists.RELATIONSHIP,
        error_messages={"required": "Select their relationship to the child"},
    )
    parental_responsibility = forms.BooleanField(label="Has parental responsibility", required=False)
    postcode = forms.CharField(label="Postcode", max_length=20, required=False)

    class Meta:
        model = ParentCarer
        fields = [
            "first_name",
            "last_name",
            "email",
            "phone",
            "address",
            "postcode",
            "contact_preference",
            "language",
            "interpreter_needed",
        ]
        labels = {
            "contact_preference": "How they want to be contacted",
            "language": "Preferred language",
            "interpreter_needed": "Needs an interpreter",
        }
        error_messages = {
            "first_name": {"required": "Enter their first name"},
            "last_name": {"required": "Enter their last name"},
        }

    def clean_postcode(self):
        value = self.cleaned_data.get("postcode")
        return validators.normalise_postcode(value) if value else ""

    def clean(self):
        data = super().clean()
        preference = data.get("contact_preference")
        if preference == "email" and not data.get("email"):
            self.add_error("email", "Enter an email address, or choose another way to contact them")
        if preference in ("sms", "phone") and not data.get("phone"):
            self.add_error("phone", "Enter a phone number, or choose another way to contact them")
        if preference == "letter" and not (data.get("address") and data.get("postcode")):
            self.add_error("address", "Enter their address and postcode to send letters")
        return data
