"""Demo data: Brookfield's health waiting lists, support register, children in care's health
assessments and annual health checks, shaped like seed 000's area 4 (long autism and ADHD waits
coming down, CAMHS and therapies near their 18-week targets).

About 20,000 referrals at scale 1 (80,000 at scale 4, for bench/bench_waiting.py) over three years,
each with a wait drawn from its pathway's spread; a wait that has not ended by today is still on the
list. Some referrals are linked to the demo's children; the demo parent's child is on the CAMHS
list. The KPIs these figures feed (waiting/kpis.py) get their history at the end of the demo
(performance.demo.measured_later).
"""

from datetime import date, timedelta

from clock.health import initial_health_assessment_due, next_review_due
from people.codelists import SocialCareStatus
from people.models import Child, ChildRelationship
from people.validators import nhs_check_digit
from waiting.data import load_pathways
from waiting.models import (
    STOP_FIELD,
    AssessmentKind,
    CareEpisode,
    EndReason,
    HealthAssessment,
    HealthCheckReturn,
    PanelMeeting,
    RatingChange,
    Referral,
    RegisterEntry,
)

REFERRALS_AT_SCALE_1 = 20_000
HISTORY_DAYS = 3 * 365
# Pathway code -> (share of referrals, median wait in weeks, spread): a lognormal wait.
SHAPES = {
    "autism": (0.22, 30, 0.55),
    "adhd": (0.18, 34, 0.55),
    "camhs": (0.22, 9, 0.6),
    "salt": (0.2, 12, 0.5),
    "equipment": (0.09, 14, 0.6),
    "wheelchairs": (0.09, 11, 0.5),
}
END_REASONS = [EndReason.NOT_NEEDED, EndReason.MOVED, EndReason.DID_NOT_ATTEND, EndReason.DECLINED]


class Numbers:
    """NHS numbers in the 999 test range, none twice."""

    def __init__(self, rng):
        self.rng, self.used = rng, set()

    def next(self):
        while True:
            first_nine = f"999{self.rng.randint(0, 999999):06d}"
            check = nhs_check_digit(first_nine)
            if check is not None and first_nine not in self.used:
                self.used.add(first_nine)
                return f"{first_nine}{check}"


def build(context):
    rng, today = context.rng, context.today
    pathways = {p.code: p for p in load_pathways()}
    numbers = Numbers(rng)
    children = list(
        Child.objects.exclude(nhs_number="")
        .exclude(nhs_number__isnull=True)
        .values_list("pk", "nhs_number", "date_of_birth")[:3000]
    )
    numbers.used.update(n[:9] for _, n, _ in children if n)
    total = max(int(REFERRALS_AT_SCALE_1 * context.scale), 60)
    referrals = []
    codes = list(SHAPES)
    weights = [SHAPES[c][0] for c in codes]
    seen_keys = set()
    for index in context.progress(range(total), "referrals", total=total):
        code = rng.choices(codes, weights)[0]
        pathway = pathways[code]
        _, median, spread = SHAPES[code]
        referred = today - timedelta(days=rng.randint(0, HISTORY_DAYS))
        linked = children[index % len(children)] if children and rng.random() < 0.15 else None
        if linked:
            child_id, nhs, born = linked
        else:
            child_id, nhs = None, numbers.next()
            born = referred - timedelta(days=rng.randint(2 * 365, 17 * 365))
        if born >= referred or (nhs, pathway.pk, referred) in seen_keys:
            continue
        seen_keys.add((nhs, pathway.pk, referred))
        # Waits have come down over the three years: older referrals waited longer.
        improvement = 1.3 - 0.5 * (HISTORY_DAYS - (today - referred).days) / HISTORY_DAYS
        weeks = rng.lognormvariate(0, spread) * median * improvement
        stop = referred + timedelta(days=max(int(weeks * 7), 1))
        values = {"first_appointment": None, "assessment_start": None, "treatment_start": None}
        ended, reason = None, ""
        if rng.random() < 0.08:
            removed = referred + timedelta(days=rng.randint(7, 200))
            if removed <= today:
                ended, reason = removed, rng.choice(END_REASONS)
        if not ended and stop <= today:
            values[STOP_FIELD[pathway.measure]] = stop
            if pathway.measure != "first_appointment" and rng.random() < 0.7:
                values["first_appointment"] = referred + (stop - referred) / 2
        referrals.append(
            Referral(
                child_id=child_id,
                nhs_number=nhs,
                date_of_birth=born,
                pathway=pathway,
                provider_reference=f"{code.upper()[:3]}-{index + 1:06d}",
                referral_date=referred,
                ended_on=ended,
                end_reason=reason,
                extract_month=None,
                **values,
            )
        )
    Referral.objects.bulk_create(referrals, batch_size=2000)
    _parent_child_on_camhs(context, pathways["camhs"], numbers)
    entries = _register(context)
    episodes = _children_in_care(context)
    checks = _health_checks(context)
    return {
        "health referrals": len(referrals),
        "support register entries": entries,
        "children in care with health assessments": episodes,
        "annual health check quarters": checks,
    }


def _parent_child_on_camhs(context, camhs, numbers):
    parent = context.data.get("users", {}).get("parent")
    link = ChildRelationship.objects.filter(parent_carer__user=parent).select_related("child").first()
    if link is None:
        return
    child = link.child
    Referral.objects.create(
        child=child,
        nhs_number=child.nhs_number or numbers.next(),
        date_of_birth=child.date_of_birth,
        pathway=camhs,
        provider_reference="CAM-PARENT-1",
        referral_date=context.today - timedelta(weeks=7),
    )


def _register(context) -> int:
    rng, today = context.rng, context.today
    users = context.data.get("accounts", {})
    workers = [*users.get("dco", []), *users.get("dsco", []), *users.get("health_officer", [])]
    candidates = list(
        Child.objects.filter(primary_need__in=["ASD", "SLD", "PMLD", "MLD"])[
            : max(int(60 * context.scale), 8)
        ]
    )
    entries = []
    for child in candidates:
        added = today - timedelta(days=rng.randint(10, 700))
        removed = added + timedelta(days=rng.randint(60, 400)) if rng.random() < 0.3 else None
        last = added + timedelta(days=rng.randint(0, 60))
        entries.append(
            RegisterEntry(
                child=child,
                inclusion_reason="autism" if child.primary_need == "ASD" else rng.choice(["ld", "both"]),
                risk_reason=rng.choice(
                    [
                        "Placement at risk of breaking down; family struggling to cope at home.",
                        "Increasing self-harm and two A&E attendances in the last month.",
                        "Out of school for a term; escalating distress and aggression at home.",
                    ]
                ),
                consent=rng.choice(["given", "given", "given", "best_interests", "not_yet"]),
                consent_on=added,
                risk_rating=rng.choice(["red", "amber", "amber", "green", "green"]),
                key_worker=rng.choice(workers) if workers and rng.random() < 0.85 else None,
                added_on=added,
                last_review_on=last if last <= today else None,
                next_review_on=today + timedelta(days=rng.randint(-20, 90)),
                removed_on=removed if removed and removed <= today else None,
                removal_reason="Risk reduced: support in place" if removed and removed <= today else "",
            )
        )
    RegisterEntry.objects.bulk_create(entries)
    RatingChange.objects.bulk_create(
        RatingChange(entry=e, rating=e.risk_rating, reason="Added to the register") for e in entries
    )
    for months_ago in range(6):
        meeting = PanelMeeting.objects.create(
            held_on=today - timedelta(days=30 * months_ago + 5),
            minutes="Reviewed every red and amber entry. Actions agreed for key workers; two CETRs booked.",
        )
        meeting.entries.set([e for e in entries if e.risk_rating != "green"][:10])
    return len(entries)


def _children_in_care(context) -> int:
    rng, today = context.rng, context.today
    looked_after = list(
        Child.objects.filter(social_care_status=SocialCareStatus.LOOKED_AFTER)[
            : max(int(60 * context.scale), 10)
        ]
    )
    if len(looked_after) < 10:
        looked_after += list(
            Child.objects.exclude(pk__in=[c.pk for c in looked_after])[: 10 - len(looked_after)]
        )
    done = []
    for child in looked_after:
        started = today - timedelta(days=rng.randint(5, 900))
        episode = CareEpisode(child=child, started_on=started)
        kind, due = AssessmentKind.INITIAL, initial_health_assessment_due(started)
        while due is not None and due <= today + timedelta(days=10):
            # Most are on time; initial assessments slip more often (seed 000: 4% on time at baseline).
            late = rng.random() < (0.45 if kind == AssessmentKind.INITIAL else 0.2)
            on = (
                due + timedelta(days=rng.randint(1, 40)) if late else due - timedelta(days=rng.randint(0, 15))
            )
            if on > today:
                break
            done.append(HealthAssessment(episode=episode, kind=kind, due_on=due, done_on=on))
            kind, due = AssessmentKind.REVIEW, next_review_due(child.date_of_birth, on)
        episode.next_kind, episode.next_due = kind, due
        episode.save()
    for assessment in done:
        assessment.episode_id = assessment.episode.pk
    HealthAssessment.objects.bulk_create(done)
    return len(looked_after)


def _health_checks(context) -> int:
    today, rng = context.today, context.rng
    made = 0
    for year in range(today.year - 2, today.year + 1):
        for month, day in ((3, 31), (6, 30), (9, 30), (12, 31)):
            end = date(year, month, day)
            if end > today:
                continue
            register = rng.randint(880, 940)
            HealthCheckReturn.objects.update_or_create(
                quarter_end=end,
                defaults={
                    "register_count": register,
                    "checks_done": int(register * rng.uniform(0.55, 0.8)),
                    "evidence": "Demo data: Brookfield ICB GP practice report (made up)",
                },
            )
            made += 1
    return made
