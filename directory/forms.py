from django import forms

from core.forms import OneTimeFormMixin
from directory import proposals, queries
from directory.choices import FundingType, ReferralRoute, ServiceStatus
from directory.feedback import MAX_TEXT
from directory.models import Service, YouSaidWeDid
from directory.search import MAX_QUERY_CHARACTERS

DISTANCES = [("1", "1 mile"), ("3", "3 miles"), ("5", "5 miles"), ("10", "10 miles"), ("25", "25 miles")]
COSTS = [("free", "Free"), ("paid", "There is a cost")]


def _choices(taxonomy_code, blank="Any"):
    return [("", blank), *((t.code, t.name) for t in queries.terms_of(taxonomy_code))]


class SearchForm(forms.Form):
    """The Local Offer search. Filters that do not make sense are reported and left out; the
    words are cut to a length the search uses rather than refused, so a search always answers."""

    q = forms.CharField(label="Search the Local Offer", required=False)
    age = forms.IntegerField(
        label="Age of the child or young person",
        required=False,
        min_value=0,
        max_value=25,
        error_messages={
            "invalid": "Age must be a number, like 7",
            "min_value": "Age must be 0 or more",
            "max_value": "Age must be 25 or less",
        },
        widget=forms.TextInput(attrs={"inputmode": "numeric"}),
    )
    need = forms.ChoiceField(label="Need", required=False)
    category = forms.ChoiceField(label="Type of service", required=False)
    pathway = forms.ChoiceField(label="Health pathway", required=False)
    cost = forms.ChoiceField(label="Cost", required=False, choices=[("", "Free or paid"), *COSTS])
    funding = forms.ChoiceField(
        label="Who runs or pays for it", required=False, choices=[("", "Anyone"), *FundingType.choices]
    )
    area = forms.ChoiceField(label="Town or area", required=False)
    postcode = forms.CharField(label="Postcode", required=False, max_length=100)
    distance = forms.ChoiceField(label="Distance", required=False, choices=DISTANCES, initial="5")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["need"].choices = [*_choices("needs"), *_choices("sen-types")[1:]]
        self.fields["category"].choices = _choices("categories")
        self.fields["pathway"].choices = _choices("pathways")
        self.fields["area"].choices = [("", "Anywhere"), *((t, t) for t in queries.towns())]
        for name in self.fields:
            self.fields[name].error_messages.setdefault("invalid_choice", "Choose from the list")

    def clean_q(self):
        return self.cleaned_data["q"][:MAX_QUERY_CHARACTERS]

    def usable(self) -> dict:
        """The filters that were valid, so one mistake does not stop the search."""
        self.is_valid()
        return {name: value for name, value in self.cleaned_data.items() if value not in (None, "")}


class UsefulForm(forms.Form):
    page = forms.CharField(max_length=2000)
    useful = forms.ChoiceField(choices=[("yes", "Yes"), ("no", "No")])


class ProblemForm(forms.Form):
    page = forms.CharField(widget=forms.HiddenInput, max_length=2000, required=False)
    text = forms.CharField(
        label="What is wrong with this page?",
        help_text="For example, a phone number that does not work or a service that has closed. "
        "Do not include personal details such as names.",
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=MAX_TEXT,
        error_messages={
            "required": "Tell us what is wrong with this page",
            "max_length": f"Use {MAX_TEXT} characters or fewer",
        },
    )


class ProposeChangeForm(OneTimeFormMixin, forms.ModelForm):
    """A provider's edit to their service. Saving it makes a ProposedChange, not a new entry."""

    categories = forms.MultipleChoiceField(
        label="Type of service", required=False, widget=forms.CheckboxSelectMultiple
    )
    needs = forms.MultipleChoiceField(
        label="Needs it is for", required=False, widget=forms.CheckboxSelectMultiple
    )
    pathways = forms.MultipleChoiceField(
        label="Health pathways it is part of", required=False, widget=forms.CheckboxSelectMultiple
    )
    phone = forms.CharField(label="Phone number", max_length=30, required=False)
    url = forms.URLField(label="Website", required=False, assume_scheme="https")
    reason = forms.CharField(
        label="Why are you making this change?",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="This helps the Local Offer team check it quickly",
    )

    class Meta:
        model = Service
        fields = proposals.SERVICE_FIELDS
        widgets = {
            "description": forms.Textarea(attrs={"rows": 6}),
            "eligibility": forms.Textarea(attrs={"rows": 3}),
            "how_to_access": forms.Textarea(attrs={"rows": 3}),
            "when_available": forms.Textarea(attrs={"rows": 3}),
            "fees": forms.Textarea(attrs={"rows": 2}),
            "accessibility": forms.Textarea(attrs={"rows": 3}),
            "status": forms.RadioSelect,
            "referral_route": forms.RadioSelect,
            "funding_type": forms.RadioSelect,
        }
        labels = {"minimum_age": "Youngest age (years)", "maximum_age": "Oldest age (years)"}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = ServiceStatus.choices
        self.fields["referral_route"].choices = ReferralRoute.choices
        self.fields["funding_type"].choices = FundingType.choices
        for code in proposals.TERM_FIELDS:
            self.fields[code].choices = _choices(code)[1:]
        if self.instance.pk and not self.is_bound:
            current = proposals.current_values(self.instance)
            for code in (*proposals.TERM_FIELDS, proposals.PHONE_FIELD):
                self.initial[code] = current[code]

    def clean(self):
        cleaned = super().clean()
        low, high = cleaned.get("minimum_age"), cleaned.get("maximum_age")
        if low is not None and high is not None and low > high:
            self.add_error("maximum_age", "Oldest age must be the same as or more than the youngest age")
        return cleaned

    def proposed_values(self) -> dict:
        names = [*proposals.SERVICE_FIELDS, *proposals.TERM_FIELDS, proposals.PHONE_FIELD]
        return {name: self.cleaned_data.get(name) for name in names}

    def _post_clean(self):
        # Validate like a model form, but never write to the instance: the edit is a proposal.
        pass


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label="Your decision",
        choices=[("approve", "Approve and publish"), ("reject", "Reject")],
        widget=forms.RadioSelect,
        error_messages={"required": "Choose whether to approve or reject the change"},
    )
    note = forms.CharField(
        label="Note to the provider",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Say why, if you reject it",
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("decision") == "reject" and not cleaned.get("note", "").strip():
            self.add_error("note", "Say why you are rejecting the change")
        return cleaned


class YouSaidWeDidForm(OneTimeFormMixin, forms.ModelForm):
    class Meta:
        model = YouSaidWeDid
        fields = ["you_said", "we_did", "published"]
        widgets = {"you_said": forms.Textarea(attrs={"rows": 3}), "we_did": forms.Textarea(attrs={"rows": 3})}
        labels = {"published": "Publish it on the Local Offer now"}
