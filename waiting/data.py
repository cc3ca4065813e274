"""Bradford's health pathways and their targets, from seed 000 (WSOA area 4, "Outcome Indicators
WSOA 4": baseline, Mar 23, Sept 23, Mar 24, Sept 24). Loaded as rows an administrator then edits."""

from datetime import date
from decimal import Decimal

from directory.models import TaxonomyTerm
from waiting.models import Kind, Measure, Pathway, TargetMeasure, Trajectory

POINTS = [
    (date(2023, 3, 31), "Mar 23"),
    (date(2023, 9, 30), "Sept 23"),
    (date(2024, 3, 31), "Mar 24"),
    (date(2024, 9, 30), "Sept 24"),
]

# code, name, kind, provider, measure, % within 13, % within 18, directory term, KPI codes, trajectories
PATHWAYS = [
    (
        "autism",
        "Autism diagnostic assessment",
        Kind.AUTISM,
        "Bradford District Care NHS Foundation Trust",
        Measure.FIRST_APPOINTMENT,
        12,
        None,
        "autism-assessment",
        "4.1a,4.1b,4.1c",
        {
            TargetMeasure.AVERAGE_WAIT: (31, 29, 27, 26),
            TargetMeasure.LONGEST_WAIT: (90, 60, 52, 45),
            TargetMeasure.WITHIN_13: (0.5, 3, 6, 12),
        },
    ),
    (
        "adhd",
        "ADHD diagnostic assessment",
        Kind.ADHD,
        "Bradford District Care NHS Foundation Trust",
        Measure.FIRST_APPOINTMENT,
        12,
        None,
        "adhd-assessment",
        "",
        {
            TargetMeasure.AVERAGE_WAIT: (31, 29, 27, 26),
            TargetMeasure.LONGEST_WAIT: (90, 60, 52, 45),
            TargetMeasure.WITHIN_13: (0.5, 3, 6, 12),
        },
    ),
    (
        "camhs",
        "CAMHS",
        Kind.CAMHS,
        "Bradford District Care NHS Foundation Trust",
        Measure.TREATMENT,
        None,
        90,
        "camhs",
        "4.2",
        {TargetMeasure.WITHIN_18: (85, 90, 90, 90)},
    ),
    (
        "salt",
        "Speech and language therapy",
        Kind.SALT,
        "Bradford Teaching Hospitals NHS Foundation Trust",
        Measure.ASSESSMENT,
        None,
        90,
        "speech-therapy",
        "4.3",
        {TargetMeasure.WITHIN_18: (65, 75, 85, 90)},
    ),
    (
        "equipment",
        "Specialist equipment",
        Kind.EQUIPMENT,
        "Bradford Teaching Hospitals NHS Foundation Trust",
        Measure.TREATMENT,
        None,
        80,
        "specialist-equipment",
        "4.4",
        {TargetMeasure.WITHIN_18: (50, 65, 75, 80)},
    ),
    (
        "wheelchairs",
        "Wheelchair service",
        Kind.WHEELCHAIRS,
        "Bradford Teaching Hospitals NHS Foundation Trust",
        Measure.TREATMENT,
        None,
        80,
        "wheelchairs",
        "4.5",
        {TargetMeasure.WITHIN_18: (80, 80, 80, 80)},
    ),
]


def load_pathways() -> list[Pathway]:
    """Create the seed pathways and trajectories that are not there yet (never overwrites edits)."""
    terms = {t.code: t for t in TaxonomyTerm.objects.filter(taxonomy__code="pathways")}
    made = []
    for code, name, kind, provider, measure, t13, t18, term, kpis, trajectories in PATHWAYS:
        pathway, created = Pathway.objects.get_or_create(
            code=code,
            defaults={
                "name": name,
                "kind": kind,
                "provider": provider,
                "measure": measure,
                "target_within_13_weeks": t13,
                "target_within_18_weeks": t18,
                "support_term": terms.get(term),
                "kpi_codes": kpis,
            },
        )
        if created:
            Trajectory.objects.bulk_create(
                Trajectory(pathway=pathway, measure=m, due=due, label=label, value=Decimal(str(v)))
                for m, values in trajectories.items()
                for (due, label), v in zip(POINTS, values, strict=True)
            )
        made.append(pathway)
    return made
