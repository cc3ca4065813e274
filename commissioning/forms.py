"""Forms for commissioning pages."""

from django import forms

from commissioning import forecast
from commissioning.models import CostPeriod, PlacementKind, Provision, ProvisionKind
from commissioning.services import UNUSUAL_YEARLY_COST, cost_problems, yearly_total
from core.forms import GovUKDateField, OneTimeFormMixin, VersionFieldMixin
from improvement.models import Action as ImprovementAction
from people import codelists
from people.models import Setting


class GrowthForm(forms.Form):
    """The forecast's growth assumptions: new plans each year, per cent a year, by primary need."""

    def __init__(self, *args, needs=(), **kwargs):
        super().__init__(*args, **kwargs)
        for need in needs:
            self.fields[f"growth_{need}"] = forms.DecimalField(
                label=f"{codelists.label(codelists.SEN_TYPE, need) or need}: growth in new plans (% a year)",
                initial=0,
                required=True,
                min_value=forecast.GROWTH_MIN,
                max_value=forecast.GROWTH_MAX,
                decimal_places=1,
                error_messages={
                    "required": "Enter a growth rate, such as 0 or 5",
                    "invalid": "Enter the growth rate as a number, such as 5 or -2.5",
                    "min_value": f"Growth must be {forecast.GROWTH_MIN:g}%% a year or more",
                    "max_value": f"Growth must be {forecast.GROWTH_MAX:g}%% a year or less",
                },
            )

    def growth(self) -> dict[str, float]:
        return {name.removeprefix("growth_"): float(value) for name, value in self.cleaned_data.items()}


MONEY = {
    "max_digits": 10,
    "decimal_places": 2,
    "required": False,
}


def _money(label):
    return forms.DecimalField(
        label=label,
        **MONEY,
        error_messages={
            "invalid": f"Enter the {label.lower()} as an amount in pounds, such as 1250 or 1250.50",
            "max_digits": f"The {label.lower()} is too large",
            "max_decimal_places": f"Enter the {label.lower()} in pounds and pence",
        },
    )


class CostFields(forms.Form):
    """A cost split between who pays. Amounts are checked by commissioning.services."""

    period = forms.ChoiceField(
        label="The cost is for",
        choices=CostPeriod.choices,
        widget=forms.RadioSelect,
        required=False,
    )
    education = _money("Education cost (high-needs block)")
    health = _money("Health cost (ICB)")
    social_care = _money("Social care cost")
    # The yearly figure the person was shown and confirmed (commissioning/_cost_confirm.html).
    confirmed_yearly = forms.CharField(required=False, widget=forms.HiddenInput)

    def needs_confirming(self, provider):
        """The cost for a year to show back before saving, or None when there is no cost to check,
        the cost breaks a rule (the errors come first), or this is the figure the person already
        confirmed (changing any amount asks again). `provider`: who is paid."""

        if not self.has_cost() or cost_problems(provider, self.cost()):
            return None
        total = yearly_total(self.cost())
        if total is None or total <= 0 or self.cleaned_data.get("confirmed_yearly") == f"{total:.2f}":
            return None
        entered = sum(self.cleaned_data.get(k) or 0 for k in ("education", "health", "social_care"))
        return {
            "entered": entered,
            "period": CostPeriod(self.cleaned_data["period"]).label.lower(),
            "yearly": total,
            "value": f"{total:.2f}",
            "unusual": total > UNUSUAL_YEARLY_COST,
            "threshold": UNUSUAL_YEARLY_COST,
        }

    def cost(self) -> dict:
        return {k: self.cleaned_data.get(k) for k in ("period", "education", "health", "social_care")}

    def has_cost(self) -> bool:
        return any(
            self.cleaned_data.get(k) not in (None, "")
            for k in ("period", "education", "health", "social_care")
        )


class CostForm(OneTimeFormMixin, CostFields):
    pass


class CorrectCostForm(OneTimeFormMixin, CostFields):
    reason = forms.CharField(
        label="Why is the cost being corrected?",
        help_text="For example, a weekly rate was typed as a yearly one (kept in the cost's history)",
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=1000,
        error_messages={"required": "Enter why the cost is being corrected"},
    )
    field_order = ["period", "education", "health", "social_care", "reason"]


class PlacementForm(OneTimeFormMixin, CostFields):
    kind = forms.ChoiceField(
        label="Type of placement",
        choices=PlacementKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select the type of placement"},
    )
    provider = forms.ModelChoiceField(
        label="Provider",
        queryset=Setting.objects.none(),
        required=False,
        empty_label="Choose the school, college or provider",
        help_text="Leave blank only if the provider is not yet agreed: a cost cannot be added without one",
    )
    start_on = GovUKDateField(label="Start date", help_text="For example, 1 9 2026")
    end_on = GovUKDateField(label="End date", required=False, help_text="Leave blank if it has no end date")
    contract_reference = forms.CharField(label="Contract reference", max_length=60, required=False)
    field_order = ["kind", "provider", "start_on", "end_on", "contract_reference", "period"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["provider"].queryset = Setting.objects.order_by("name")

    def placement(self) -> dict:
        return {
            k: self.cleaned_data.get(k)
            for k in ("kind", "provider", "start_on", "end_on", "contract_reference")
        }


class BudgetForm(forms.Form):
    year = forms.IntegerField(
        label="Financial year starting in April",
        min_value=2000,
        max_value=2100,
        error_messages={
            "required": "Enter the year the financial year starts, such as 2026",
            "invalid": "Enter the year as 4 numbers, such as 2026",
            "min_value": "Enter a year from 2000",
            "max_value": "Enter a year before 2100",
        },
    )
    amount = forms.DecimalField(
        label="High-needs budget (pounds)",
        max_digits=14,
        decimal_places=2,
        error_messages={
            "required": "Enter the budget in pounds",
            "invalid": "Enter the budget as an amount in pounds, such as 95000000",
        },
    )


class IntentionForm(OneTimeFormMixin):
    title = forms.CharField(
        label="Commissioning intention", max_length=200, error_messages={"required": "Enter the intention"}
    )
    detail = forms.CharField(label="Detail", widget=forms.Textarea(attrs={"rows": 4}), required=False)
    need = forms.ChoiceField(
        label="Primary need (if it is about one need)",
        choices=[("", "Any need"), *codelists.SEN_TYPE],
        required=False,
    )
    by_year = forms.IntegerField(
        label="To be in place by (year)",
        min_value=2000,
        max_value=2100,
        required=False,
        error_messages={"invalid": "Enter the year as 4 numbers, such as 2028"},
    )
    actions = forms.ModelMultipleChoiceField(
        label="Improvement-plan actions it delivers",
        queryset=ImprovementAction.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["actions"].queryset = ImprovementAction.objects.all()
        self.fields["actions"].label_from_instance = lambda a: f"{a.number}: {a.text[:120]}"


class EndPlacementForm(VersionFieldMixin):
    end_on = GovUKDateField(
        label="End date", help_text="The last day of the placement, for example 31 7 2026"
    )


class PlacesForm(OneTimeFormMixin):
    provision = forms.ModelChoiceField(
        label="Provision",
        queryset=Provision.objects.none(),
        required=False,
        empty_label="A new provision (enter its name below)",
    )
    name = forms.CharField(label="Name of a new provision", max_length=200, required=False)
    kind = forms.ChoiceField(
        label="Type of a new provision", choices=[("", "Choose"), *ProvisionKind.choices], required=False
    )
    need = forms.ChoiceField(
        label="Primary need the places are for",
        choices=[("", "Choose"), *codelists.SEN_TYPE],
        error_messages={"required": "Select the primary need the places are for"},
    )
    commissioned = forms.IntegerField(
        label="Commissioned places",
        min_value=0,
        error_messages={
            "required": "Enter the number of places",
            "invalid": "Enter the places as a whole number",
            "min_value": "Commissioned places must be 0 or more",
        },
    )
    roll = forms.IntegerField(
        label="Current roll",
        min_value=0,
        initial=0,
        error_messages={
            "required": "Enter the current roll, or 0",
            "invalid": "Enter the roll as a whole number",
            "min_value": "Current roll must be 0 or more",
        },
    )
    from_year = forms.IntegerField(
        label="Open from (year)",
        help_text="Leave blank for places open now",
        min_value=2000,
        max_value=2100,
        required=False,
        error_messages={"invalid": "Enter the year as 4 numbers, such as 2027"},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["provision"].queryset = Provision.objects.order_by("name")
