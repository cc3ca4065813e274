"""The default audit tool: one criterion per plan section (A-K) and per agency's contribution, each
with what good looks like. Loaded by migration 0002 as version 1 of "EHC plan quality audit"."""

NAME = "EHC plan quality audit"

CRITERIA = [
    (
        "A",
        "The child's and family's views",
        "Written in the child's and family's own words, with "
        "their interests, aspirations and what matters to them; it is clear how they took part.",
    ),
    (
        "B",
        "Special educational needs",
        "Every need is described specifically, drawn from the advice, "
        "with the primary need identified; no provision is written here.",
    ),
    (
        "C",
        "Health needs",
        "Health needs relating to the SEN are described from health advice, or the "
        "plan says clearly that there are none.",
    ),
    (
        "D",
        "Social care needs",
        "Social care needs are described from social care advice, or the plan "
        "says clearly that there are none.",
    ),
    (
        "E",
        "Outcomes",
        "Outcomes are SMART, linked to needs, ambitious and (from Year 9) prepare for adulthood.",
    ),
    (
        "F",
        "Special educational provision",
        "Provision is specified and quantified (who, what, how "
        "often, for how long) and meets each need in section B.",
    ),
    (
        "G",
        "Health provision",
        "Health provision is specified, linked to section C needs, and agreed "
        "with the health service that will provide it.",
    ),
    (
        "H",
        "Social care provision",
        "Provision under section 2 of the CSDPA (H1) and other social care "
        "provision (H2) is specified and linked to section D.",
    ),
    (
        "I",
        "Placement",
        "The school or other institution is named, or the type of setting, as the law requires.",
    ),
    (
        "J",
        "Personal budget",
        "Any personal budget is described with how it will be used and the arrangements for direct payments.",
    ),
    ("K", "Advice and information", "All advice gathered is listed with dates, and the plan reflects it."),
    (
        "education",
        "Education contribution",
        "Advice from the school and educational psychologist is "
        "current, specific and used throughout the plan.",
    ),
    (
        "health",
        "Health contribution",
        "Health advice is timely, specific and written so the family can understand it.",
    ),
    (
        "social_care",
        "Social care contribution",
        "Social care advice is timely and identifies needs "
        "and provision, or says clearly the child is not known.",
    ),
]


def load(apps_or_none=None):
    """Create version 1 of the default rubric if there is none (idempotent)."""
    if apps_or_none is None:
        # The live models only when no migration gives its historical ones (0002 imports this module).
        from quality.models import Criterion, Rubric
    else:
        Rubric = apps_or_none.get_model("quality", "Rubric")  # noqa: N806
        Criterion = apps_or_none.get_model("quality", "Criterion")  # noqa: N806
    if Rubric.objects.filter(name=NAME).exists():
        return Rubric.objects.filter(name=NAME, is_current=True).first()
    rubric = Rubric.objects.create(name=NAME, number=1, is_current=True)
    Criterion.objects.bulk_create(
        Criterion(rubric=rubric, order=index, area=area, title=title, guidance=guidance)
        for index, (area, title, guidance) in enumerate(CRITERIA, start=1)
    )
    return rubric
