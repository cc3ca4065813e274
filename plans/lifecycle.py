"""The plan's lifecycle as a catalogue, like clock.case_events: which step each door may take, why
not (in words a page can show beside a disabled action), who owns a version (its assessment case
or its annual review) and the legal shape every door shares:

- no final or amended plan inside the family's 15 days (reg 13(1) for a draft, reg 22(2) for
  proposed amendments: "beginning with the day on which the draft was served") unless their
  response is recorded, or a manager records a reason for going early (audited);
- a draft from an assessment names no school or type of setting (CFA 2014 s.38(5)): the family
  states their preference in their 15 days;
- a setting consulted that has not replied is flagged before it is named.

Every door (case page, /api/v1 case events, plan page, review page) reaches plans.services through
here or through the owner's own service, so the rules above live in one place.
"""

from dataclasses import dataclass
from enum import StrEnum

from django.utils import timezone

from casework.services import SETTING_REF_PREFIX
from clock import dates
from clock.assessment import draft_comments_last_day
from clock.case_events import EventKind as K
from clock.reviews import ReviewEventKind, amendment_comments_last_day
from portal.models import DraftResponse
from reviews.models import AnnualReview, Stage

SECTION_I_REFUSAL = (
    "A draft plan from an assessment must not name a school or a type of setting (section I): the "
    "family can ask for one during their 15 days to comment (Children and Families Act 2014 s.38(5)). "
    "Clear section I, then send the draft"
)
EARLY_REASON_MANAGERS_ONLY = "Only a SEND team manager can record a reason to issue the plan sooner"


def _long(day) -> str:
    return f"{day:%-d %B %Y}"


def is_amendment(version) -> bool:
    """Proposed amendments (reg 22) rather than a draft from an assessment (reg 13)."""
    return version.case_id is None and version.based_on_id is not None


def comments_last_day(version, amendment=None):
    """The last day of the family's 15 days (the clock engine's arithmetic), None before serving.
    `amendment`: whether the version is proposed amendments, for a version not saved yet."""
    if version.served_on is None:
        return None
    amendment = is_amendment(version) if amendment is None else amendment
    rule = amendment_comments_last_day if amendment else draft_comments_last_day
    return rule(version.served_on)


def comment_period_refusal(version, on, responded_on=None, *, amendment=None) -> str | None:
    """Why the plan cannot be issued on `on` while the family has time to comment (None if it can):
    the one statement of reg 13(1) / reg 22(2) that every door uses."""
    if version.served_on is None:
        return None  # plans.services refuses an unserved draft in its own words
    if responded_on is not None:
        if on < responded_on:
            return f"The plan cannot be issued before the family's response of {_long(responded_on)}"
        return None
    amendment = is_amendment(version) if amendment is None else amendment
    last = comments_last_day(version, amendment)
    if on <= last:
        if amendment:
            what, rule = "the proposed amendments", "regulation 22(2)"
        else:
            what, rule = "the draft plan", "regulation 13(1)"
        return (
            f"The family has until {_long(last)} to comment on {what} (15 days beginning with the day "
            f"it was sent, {rule}). Record their response, or issue the plan from "
            f"{_long(dates.day_after(last))}"
        )
    return None


def section_i_refusal(version) -> str | None:
    """A draft from an assessment goes to the family with section I empty (s.38(5))."""
    if version.case_id is not None and (version.named_setting_id or version.setting_type):
        return SECTION_I_REFUSAL
    return None


def before_served_refusal(version, on) -> str | None:
    if version.served_on is not None and on < version.served_on:
        return f"The plan cannot be issued before the draft was sent, on {_long(version.served_on)}"
    return None


def recorded_refusal(version, *, today, responded_on=None, amendment=None) -> str | None:
    """The plan steps' rules asked of a version written with its dates already set, by a writer of
    history in bulk that cannot take thousands of old plans through plans.services one step at a
    time (the demo generator). The same functions services.serve_draft and services.issue refuse
    with; None if the version keeps them. `amendment` for a version not saved yet."""
    for day in (version.served_on, version.issued_on):
        if day is not None and day > today:
            return "The date cannot be in the future"
    if version.issued_on is None:
        return section_i_refusal(version) if version.served_on is not None else None
    if version.served_on is None:
        return _not_served(version, version.issued_on)
    on = version.issued_on
    return before_served_refusal(version, on) or comment_period_refusal(
        version, on, responded_on, amendment=amendment
    )


def owning_review(version):
    """The annual review whose amendment this draft is (it then owns serving and issuing it)."""
    if version.is_issued or not is_amendment(version):
        return None

    reviews = AnnualReview.objects.filter(plan_id=version.plan_id, stage=Stage.AMENDING)
    return reviews.filter(amendment=version).first() or reviews.filter(amendment__isnull=True).first()


def ceasing_review(plan):
    """The annual review that decided to stop maintaining this plan (CFA s.45) and is waiting for
    the time to appeal to pass: it owns the plan's end, so every door ends the plan through it."""

    return AnnualReview.objects.filter(plan_id=plan.pk, stage=Stage.CEASING).order_by("-pk").first()


def family_response_on(version):
    """The date the family's response to this draft was first recorded: on its case or its review,
    or sent through the portal (a reassessment's draft, or amendments with no review, have no clock
    step the portal writes to, and a refused clock write must not lose the family's response)."""
    recorded = [day for day in (_clock_response_on(version), _portal_response_on(version)) if day]
    return min(recorded, default=None)


def _portal_response_on(version):

    first = (
        DraftResponse.objects.filter(version_id=version.pk)
        .order_by("submitted_at")
        .values_list("submitted_at", flat=True)
        .first()
    )
    return timezone.localdate(first) if first else None


def _clock_response_on(version):
    if version.case_id is not None:
        return (
            version.case.events.filter(kind=K.FAMILY_RESPONDED)
            .order_by("on")
            .values_list("on", flat=True)
            .first()
        )
    review = owning_review(version)
    if review is None:
        return None

    return (
        review.events.filter(kind=ReviewEventKind.FAMILY_COMMENTED)
        .order_by("on")
        .values_list("on", flat=True)
        .first()
    )


def unreplied_settings(version) -> dict[int, str]:
    """Settings consulted on this draft's assessment that have not replied: pk -> date consulted."""
    if version.case_id is None:
        return {}

    consulted, replied = {}, set()
    for kind, ref, on in version.case.events.values_list("kind", "ref", "on"):
        if not ref.startswith(SETTING_REF_PREFIX) or not ref.removeprefix(SETTING_REF_PREFIX).isdigit():
            continue
        pk = int(ref.removeprefix(SETTING_REF_PREFIX))
        if kind == K.SETTING_CONSULTED:
            consulted[pk] = on
        elif kind == K.SETTING_REPLIED:
            replied.add(pk)
    return {pk: on for pk, on in consulted.items() if pk not in replied}


def setting_warnings(version) -> list[str]:
    """Flags shown before a setting is named (section I) and before issuing."""
    waiting = unreplied_settings(version)
    setting = version.named_setting
    if setting is None or setting.pk not in waiting:
        return []
    return [
        f"{setting.name} was consulted on {_long(waiting[setting.pk])} and has not replied yet. "
        "Record their reply on the case before naming them in the final plan"
    ]


class Step(StrEnum):
    SERVE = "serve"
    ISSUE = "issue"


@dataclass(frozen=True)
class Transition:
    step: Step
    label: str
    # (version, on) -> the refusal, or None: the rules of the plan itself, for every door.
    checks: tuple
    # Checks a manager may override with a recorded reason (the family's time, for going early).
    overridable: tuple = ()


def _issued(version, on):
    if version.is_issued:
        return f"This version was issued on {_long(version.issued_on)}"
    return None


def _ceased(version, on):
    if not version.plan.is_live:
        return "This plan has ceased"
    return None


def _already_served(version, on):
    if version.served_on is not None:
        return f"This draft was already sent to the family on {_long(version.served_on)}"
    return None


def _not_served(version, on):
    if version.served_on is None:
        return "Send the draft to the family before issuing it: they have 15 days to comment"
    return None


def _family_time(version, on):
    return comment_period_refusal(version, on, family_response_on(version))


CATALOGUE = {
    Step.SERVE: Transition(
        Step.SERVE,
        "Record that the draft was sent to the family",
        (_issued, _ceased, _already_served, lambda v, on: section_i_refusal(v)),
    ),
    Step.ISSUE: Transition(
        Step.ISSUE, "Issue the plan", (_issued, _ceased, _not_served), overridable=(_family_time,)
    ),
}


def why_not(step: Step, version, on, *, overridden=False) -> str | None:
    """Why `step` cannot be taken on `on` (None if it can): what a page shows by a disabled action
    and what plans.services refuses with. `overridden`: a manager gave a reason to go early."""
    transition = CATALOGUE[Step(step)]
    for check in transition.checks + (() if overridden else transition.overridable):
        refusal = check(version, on)
        if refusal:
            return refusal
    return None


def may_go_early(request) -> bool:
    """A manager may record a reason to issue before the family's time is up (audited)."""
    return request is None or request.user.has_perm("plans.issue_before_comments_end")
