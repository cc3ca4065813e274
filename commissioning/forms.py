"""Forms for commissioning pages."""

from django import forms

from commissioning import forecast
from people import codelists


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
