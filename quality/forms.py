"""Forms of the audit cycle. The services make the final checks (quality.services.QualityRefused);
these forms check what a person typed, so every mistake is listed at once."""

from django import forms

from accounts.models import User
from accounts.roles import Role
from clock import dates
from core.forms import GovUKDateField, OneTimeFormMixin, VersionFieldMixin
from people import codelists
from quality.models import Grade, SampleKind, Theme
from quality.rules import AUDITOR_ROLES
from quality.services import OVERALL

GRADE_CHOICES = Grade.choices


def people_who_audit():
    return User.objects.filter(is_active=True, role__in=AUDITOR_ROLES).order_by("last_name", "first_name")


class UserChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.get_full_name() or obj.username} ({obj.get_role_display()})"


class DrawSampleForm(OneTimeFormMixin):
    cycle = GovUKDateField(label="Audit month", help_text="Any day in the month, for example 1 9 2026")
    kind = forms.ChoiceField(label="Kind of sample", choices=SampleKind.choices, widget=forms.RadioSelect)
    theme = forms.ChoiceField(
        label="Theme (thematic samples only)",
        choices=[("", "Choose a theme")] + Theme.choices,
        required=False,
        widget=forms.RadioSelect,
    )
    primary_need = forms.ChoiceField(
        label="Primary need (for the primary need theme)",
        choices=[("", "Choose a primary need")] + list(codelists.SEN_TYPE),
        required=False,
    )
    issued_month = GovUKDateField(
        label="Month the plans were issued in (for that theme)",
        help_text="Any day in the month, for example 1 7 2026",
        required=False,
    )
    caseworker = UserChoiceField(
        label="Caseworker (for one caseworker's plans)",
        queryset=User.objects.filter(is_active=True, role=Role.CASEWORKER).order_by(
            "last_name", "first_name"
        ),
        required=False,
        empty_label="Choose a caseworker",
    )
    percentage = forms.DecimalField(
        label="Percentage of plans",
        help_text="Enter a percentage or a number of plans, not both",
        required=False,
        max_digits=5,
        decimal_places=2,
        error_messages={"invalid": "Enter the percentage as a number, like 5"},
    )
    size = forms.IntegerField(
        label="Number of plans",
        required=False,
        error_messages={"invalid": "Enter the number of plans as a whole number, like 20"},
    )
    seed = forms.IntegerField(
        label="Seed (optional)",
        help_text="To repeat an earlier draw, enter its seed; leave blank for a new draw",
        required=False,
        min_value=0,
        error_messages={"invalid": "Enter the seed as a whole number"},
    )
    include_audited = forms.BooleanField(label="Include plans already audited this month", required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.initial.setdefault("cycle", dates.month_start(dates.today()))

    def theme_value(self):
        data, theme = self.cleaned_data, self.cleaned_data.get("theme")
        if theme == Theme.PRIMARY_NEED:
            return data.get("primary_need") or None
        if theme == Theme.ISSUED_IN_MONTH:
            return data.get("issued_month")
        if theme == Theme.CASEWORKER:
            return data["caseworker"].pk if data.get("caseworker") else None
        return None


class AssignForm(forms.Form):
    """Choose the auditor of one audit. `auditors` is read once for every row of a sample's page,
    so a sample of a thousand plans does not read the list of auditors a thousand times."""

    auditor = forms.ChoiceField(
        label="Auditor",
        widget=forms.Select(attrs={"class": "govuk-select"}),
        error_messages={"required": "Choose an auditor", "invalid_choice": "Choose an auditor from the list"},
    )

    def __init__(self, *args, auditors=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.auditors = {str(user.pk): user for user in auditors}
        self.fields["auditor"].choices = [("", "Choose an auditor")] + [
            (pk, UserChoiceField.label_from_instance(None, user)) for pk, user in self.auditors.items()
        ]

    def clean_auditor(self):
        return self.auditors[self.cleaned_data["auditor"]]


def _grade_field(label, required=False):
    return forms.ChoiceField(label=label, choices=GRADE_CHOICES, required=required, widget=forms.RadioSelect)


class GradesForm(forms.Form):
    """A grade and a comment for each criterion of a rubric: fields grade_<pk> and comment_<pk>."""

    def __init__(self, *args, criteria=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.criteria = list(criteria)
        for criterion in self.criteria:
            self.fields[f"grade_{criterion.pk}"] = _grade_field(f"Grade for {criterion.title}")
            self.fields[f"comment_{criterion.pk}"] = forms.CharField(
                label=f"Comment on {criterion.title}",
                required=False,
                widget=forms.Textarea(attrs={"rows": 2}),
            )

    def rows(self):
        return [(c, self[f"grade_{c.pk}"], self[f"comment_{c.pk}"]) for c in self.criteria]

    def grades(self) -> dict:
        data = self.cleaned_data
        return {c.pk: (data.get(f"grade_{c.pk}", ""), data.get(f"comment_{c.pk}", "")) for c in self.criteria}

    def require_every_grade(self):
        for criterion in self.criteria:
            name = f"grade_{criterion.pk}"
            if not self.cleaned_data.get(name) and name not in self.errors:
                self.add_error(name, f"Choose a grade for {criterion.title}")


class AuditForm(VersionFieldMixin, GradesForm):
    overall = _grade_field("Overall grade for the plan")
    family_voice = forms.CharField(
        label="What the family said (if they took part)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    young_person_voice = forms.CharField(
        label="What the child or young person said (if they took part)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def clean(self):
        data = super().clean()
        if self.data.get("submit"):
            self.require_every_grade()
            if not data.get("overall") and "overall" not in self.errors:
                self.add_error("overall", "Choose an overall grade for the plan")
        return data


class ModerationForm(GradesForm):
    overall = _grade_field("Overall grade for the plan")

    def clean(self):
        data = super().clean()
        self.require_every_grade()
        if not data.get("overall") and "overall" not in self.errors:
            self.add_error("overall", "Choose an overall grade for the plan")
        return data


class ResolveForm(forms.Form):
    def __init__(self, *args, rows=(), overall=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.disagreements = list(rows)
        self.overall = overall
        for row in self.disagreements:
            title = row.criterion.title
            self.fields[f"agreed_{row.criterion_id}"] = _grade_field(f"Agreed grade for {title}")
            self.fields[f"reason_{row.criterion_id}"] = forms.CharField(
                label=f"Why this grade was agreed for {title}",
                required=False,
                widget=forms.Textarea(attrs={"rows": 2}),
            )
        if overall:  # last, as in the side-by-side table
            self.fields["agreed_overall"] = _grade_field("Agreed overall grade for the plan")
            self.fields["reason_overall"] = forms.CharField(
                label="Why this overall grade was agreed for the plan",
                required=False,
                widget=forms.Textarea(attrs={"rows": 2}),
            )

    def clean(self):
        data = super().clean()
        for row in self.disagreements:
            pk, title = row.criterion_id, row.criterion.title
            if not data.get(f"agreed_{pk}") and f"agreed_{pk}" not in self.errors:
                self.add_error(f"agreed_{pk}", f"Choose the agreed grade for {title}")
            if not (data.get(f"reason_{pk}") or "").strip():
                self.add_error(f"reason_{pk}", f"Enter why the grade for {title} was agreed")
        if self.overall:
            if not data.get("agreed_overall") and "agreed_overall" not in self.errors:
                self.add_error("agreed_overall", "Choose the agreed overall grade for the plan")
            if not (data.get("reason_overall") or "").strip():
                self.add_error("reason_overall", "Enter why the overall grade for the plan was agreed")
        return data

    def resolutions(self) -> dict:
        data = self.cleaned_data
        resolutions = {
            r.criterion_id: (data[f"agreed_{r.criterion_id}"], data[f"reason_{r.criterion_id}"])
            for r in self.disagreements
        }
        if self.overall:
            resolutions[OVERALL] = (data["agreed_overall"], data["reason_overall"])
        return resolutions


class ActionDoneForm(forms.Form):
    done_note = forms.CharField(
        label="What was done",
        help_text="For example, the outcomes were rewritten with the family and the plan amended",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Enter what was done"},
    )


class RubricForm(forms.Form):
    """Every criterion's title and guidance; saving makes a new version of the rubric."""

    rubric_version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, criteria=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.criteria = list(criteria)
        for criterion in self.criteria:
            self.fields[f"title_{criterion.pk}"] = forms.CharField(
                label=f"Criterion ({criterion.get_area_display()})",
                max_length=200,
                initial=criterion.title,
                error_messages={
                    "required": f"Enter a title for the criterion on {criterion.get_area_display()}"
                },
            )
            self.fields[f"guidance_{criterion.pk}"] = forms.CharField(
                label="What good looks like",
                initial=criterion.guidance,
                widget=forms.Textarea(attrs={"rows": 3}),
                error_messages={"required": f"Enter what good looks like for {criterion.get_area_display()}"},
            )

    def rows(self):
        return [(c, self[f"title_{c.pk}"], self[f"guidance_{c.pk}"]) for c in self.criteria]

    def changes(self) -> dict:
        data = self.cleaned_data
        return {
            c.pk: (data[f"title_{c.pk}"].strip(), data[f"guidance_{c.pk}"].strip()) for c in self.criteria
        }
