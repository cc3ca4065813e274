"""Forms for recording disagreements, with GOV.UK dates and plain-English errors."""

from django import forms

from core.forms import GovUKDateField, OneTimeFormMixin, VersionFieldMixin
from engagement.models import (
    ORDER_KIND_CHOICES,
    RATING_MAX,
    About,
    AppealOutcome,
    Audience,
    Measure,
    MediationOutcome,
    ProposalOutcome,
    QuestionKind,
    Survey,
    ThemeSource,
)

HINT = "For example, 27 3 2026"


def _about(label):
    return forms.ChoiceField(
        label=label,
        choices=About.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose what the disagreement is about"},
    )


class MediationForm(OneTimeFormMixin, forms.Form):
    about = _about("What is the disagreement about?")
    requested_on = GovUKDateField(
        label="Date the family contacted the mediation adviser", past_only=True, help_text=HINT
    )
    information_only = forms.BooleanField(
        label="The family only wanted information about mediation", required=False
    )
    certificate_issued_on = GovUKDateField(
        label="Date the certificate was issued", past_only=True, required=False, help_text=HINT
    )
    held_on = GovUKDateField(label="Date mediation was held", past_only=True, required=False, help_text=HINT)
    outcome = forms.ChoiceField(
        label="Outcome", choices=[("", "Not yet known"), *MediationOutcome.choices], required=False
    )


class AppealForm(OneTimeFormMixin, forms.Form):
    about = _about("What is the appeal about?")
    registered_on = GovUKDateField(
        label="Date the tribunal registered the appeal", past_only=True, help_text=HINT
    )
    grounds = forms.CharField(
        label="Grounds of appeal",
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": "Enter the grounds of appeal"},
    )
    hearing_on = GovUKDateField(label="Hearing date", required=False, help_text=HINT)


class MediationEditForm(VersionFieldMixin, MediationForm):
    pass


class AppealEditForm(VersionFieldMixin, AppealForm):
    outcome = forms.ChoiceField(
        label="Outcome", choices=[("", "Not yet decided"), *AppealOutcome.choices], required=False
    )
    decided_on = GovUKDateField(label="Date of the decision", past_only=True, required=False, help_text=HINT)


class OrderForm(OneTimeFormMixin, forms.Form):
    kind = forms.ChoiceField(
        label="What did the tribunal order?",
        choices=ORDER_KIND_CHOICES,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose what the tribunal ordered"},
    )
    made_on = GovUKDateField(label="Date of the order", past_only=True, help_text=HINT)


class ComplaintForm(OneTimeFormMixin, forms.Form):
    complainant = forms.CharField(
        label="Who made the complaint",
        max_length=200,
        error_messages={"required": "Enter who made the complaint"},
    )
    summary = forms.CharField(
        label="What the complaint is about",
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": "Enter what the complaint is about"},
    )
    received_on = GovUKDateField(label="Date the complaint was received", past_only=True, help_text=HINT)


class ComplaintEditForm(VersionFieldMixin, ComplaintForm):
    responded_on = GovUKDateField(
        label="Date of the response", past_only=True, required=False, help_text=HINT
    )


# --- Surveys ------------------------------------------------------------------------------------


class SurveyForm(OneTimeFormMixin, forms.Form):
    title = forms.CharField(
        label="Title", max_length=200, error_messages={"required": "Enter the survey's title"}
    )
    introduction = forms.CharField(
        label="Introduction (optional)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Shown above the questions: why you are asking and how the answers will be used",
    )
    audience = forms.ChoiceField(
        label="Who is the survey for?",
        choices=Audience.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose who the survey is for"},
    )
    opens_on = GovUKDateField(label="Opens on", help_text=HINT)
    closes_on = GovUKDateField(label="Closes on", help_text=HINT)
    anonymous = forms.BooleanField(
        label="Answers are anonymous (kept with no link to the person)", required=False, initial=True
    )
    open_by_link = forms.BooleanField(label="Anyone with the survey's link may answer", required=False)


class QuestionForm(OneTimeFormMixin, forms.Form):
    kind = forms.ChoiceField(
        label="Type of question",
        choices=QuestionKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose the type of question"},
    )
    text = forms.CharField(
        label="Question", max_length=300, error_messages={"required": "Enter the question"}
    )
    hint = forms.CharField(label="Hint (optional)", max_length=300, required=False)
    options = forms.CharField(
        label="Answers to choose from",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="For choice questions: one answer on each line",
    )
    required = forms.BooleanField(label="An answer is needed", required=False, initial=True)
    measure = forms.ChoiceField(
        label="Does this question feed a measure?",
        choices=[("", "No"), *Measure.choices],
        required=False,
    )
    positive_options = forms.CharField(
        label="Answers that count as yes for the measure",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="One on each line, as written above. A rating of 4 or 5 counts as yes.",
    )


def answer_form(questions, data=None):
    """A form with one field for each question, in order."""
    form = forms.Form(data)
    for question in questions:
        name = f"q{question.pk}"
        label = question.text
        needed = {"required": f"Answer the question: {question.text}"}
        if question.kind == QuestionKind.TEXT:
            field = forms.CharField(widget=forms.Textarea(attrs={"rows": 4}), max_length=5000)
        elif question.kind == QuestionKind.MULTIPLE:
            options = [(o, o) for o in question.option_list]
            field = forms.MultipleChoiceField(choices=options, widget=forms.CheckboxSelectMultiple)
        elif question.kind == QuestionKind.RATING:
            options = [(str(n), f"{n}{RATING_WORDS.get(n, '')}") for n in range(1, RATING_MAX + 1)]
            field = forms.ChoiceField(choices=options, widget=forms.RadioSelect)
        else:
            options = [(o, o) for o in question.option_list]
            field = forms.ChoiceField(choices=options, widget=forms.RadioSelect)
        field.label, field.required, field.help_text = label, question.required, question.hint
        field.error_messages.update(needed)
        form.fields[name] = field
    return form


RATING_WORDS = {1: " (not at all)", RATING_MAX: " (completely)"}


class PairForm(OneTimeFormMixin, forms.Form):
    course = forms.CharField(label="Course", max_length=200, error_messages={"required": "Enter the course"})
    before = forms.ModelChoiceField(
        label="Survey before the course",
        queryset=Survey.objects.filter(audience=Audience.TRAINING),
        error_messages={"required": "Choose the survey before the course"},
    )
    after = forms.ModelChoiceField(
        label="Survey after the course",
        queryset=Survey.objects.filter(audience=Audience.TRAINING),
        error_messages={"required": "Choose the survey after the course"},
    )


# --- "You said, we did" and youth voice ----------------------------------------------------------


class ThemeForm(OneTimeFormMixin, forms.Form):
    source = forms.ChoiceField(
        label="Where did we hear it?",
        choices=ThemeSource.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose where we heard it"},
    )
    survey = forms.ModelChoiceField(
        label="Survey (optional)", queryset=Survey.objects.all(), required=False, empty_label="None"
    )
    you_said = forms.CharField(
        label="You said",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Enter what people told us"},
    )
    we_did = forms.CharField(label="We did", widget=forms.Textarea(attrs={"rows": 3}), required=False)
    heard_on = GovUKDateField(label="When we heard it", past_only=True, help_text=HINT)
    published = forms.BooleanField(label="Show on the public page", required=False)


class ThemeEditForm(VersionFieldMixin, ThemeForm):
    pass


class SessionForm(OneTimeFormMixin, forms.Form):
    held_on = GovUKDateField(label="Date of the session", past_only=True, help_text=HINT)
    topic = forms.CharField(label="Topic", max_length=200, error_messages={"required": "Enter the topic"})
    attendance = forms.IntegerField(
        label="How many young people came",
        min_value=0,
        max_value=500,
        error_messages={
            "required": "Enter how many young people came",
            "invalid": "Enter how many young people came as a number, like 12",
            "min_value": "The number of young people cannot be less than 0",
            "max_value": "The number of young people must be 500 or fewer",
        },
    )


class ProposalForm(OneTimeFormMixin, forms.Form):
    proposal = forms.CharField(
        label="What did the young people propose?",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Enter the proposal"},
    )


class OutcomeForm(VersionFieldMixin, forms.Form):
    outcome = forms.ChoiceField(label="Outcome", choices=ProposalOutcome.choices, widget=forms.RadioSelect)
    response = forms.CharField(
        label="What happened, in words the forum will understand",
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )
    decided_on = GovUKDateField(label="Date of the decision", past_only=True, required=False, help_text=HINT)
