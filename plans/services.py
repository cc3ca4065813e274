"""The only code that moves a plan through its life: start a draft (from an assessment, or as an
amendment), send it to the family, issue it, cease the plan. Each step locks the plan row, checks
it fits where the plan is (refusing with a plain PlanError otherwise), and is audited. Editing a
draft's content is in plans.editing.

The reviews app and casework call these functions; keep their signatures as they are.
"""

from django.db import IntegrityError, transaction
from django.db.models import Max

from audit.models import Action
from audit.services import record
from casework import services as casework_services
from clock import dates
from clock.case_events import EventKind as K
from clock.case_events import OutOfOrder
from core.concurrency import StaleEditError
from people.codelists import SenProvision
from people.models import Child
from plans import lifecycle
from plans.codes import CeaseReason, PlanKind, PlanStatus
from plans.copying import copy_content, copy_fields
from plans.errors import IssuedVersionError, PlanError
from plans.models import AdviceEntry, EHCPlan, PlanVersion

__all__ = ["PlanError", "cease", "issue", "serve_draft", "start_amendment", "start_plan"]

ENDED = {K.FINAL_ISSUED, K.WITHDRAWN, K.DECIDED_NOT_TO_ISSUE, K.DECIDED_NOT_TO_ASSESS}


def _actor(request):
    return request.user if request is not None and request.user.is_authenticated else None


def _long(day) -> str:
    return f"{day:%-d %B %Y}"


def _check_date(on) -> None:
    if on > dates.today():
        raise PlanError("The date cannot be in the future")


def _locked(plan) -> EHCPlan:
    """The plan row, locked until the transaction ends, so two people acting on one plan at once
    are taken one after the other and the second sees what the first did."""
    return EHCPlan.objects.select_for_update(of=("self",)).select_related("child").get(pk=plan.pk)


def _open_draft(plan):
    return plan.versions.filter(status=PlanStatus.DRAFT).first()


def _next_number(plan) -> int:
    return (plan.versions.aggregate(n=Max("number"))["n"] or 0) + 1


def _case_kinds(case) -> set:
    return {K(kind) for kind in case.events.values_list("kind", flat=True)}


def _advice_from_case(case, version) -> int:
    """Section K: each piece of advice the assessment received, with its date (reg 12(1)(k));
    returns how many were added."""
    received = case.advice_requests.filter(received_on__isnull=False).select_related("professional")
    start = AdviceEntry.objects.filter(version=version).count()
    entries = [
        AdviceEntry(
            version=version,
            order=start + i,
            adviser_type=advice.adviser_type,
            adviser=advice.professional.get_full_name() if advice.professional else "",
            received_on=advice.received_on,
            summary=advice.advice,
            advice_request=advice,
        )
        for i, advice in enumerate(received, start=1)
    ]
    AdviceEntry.objects.bulk_create(entries)
    return len(entries)


@transaction.atomic
def start_plan(request, case) -> PlanVersion:
    """A draft plan for an assessment case once the decision to issue a plan is made, with section
    K filled from the advice the case received. A child who already has a plan (a re-assessment)
    gets a new draft of that plan, starting from its current version."""
    kinds = _case_kinds(case)
    if K.DECIDED_TO_ISSUE not in kinds:
        raise PlanError("A draft plan can only be started after the decision to issue a plan")
    if kinds & ENDED:
        raise PlanError("This assessment has ended, so no new draft plan can be started for it")
    if PlanVersion.objects.filter(case=case).exists():
        raise PlanError("A draft plan has already been started for this assessment")
    child = case.child
    plan = EHCPlan.objects.filter(child=child, ceased_on__isnull=True).first()
    try:
        with transaction.atomic():
            if plan is None:
                plan = EHCPlan.objects.create(child=child, case=case, created_by=_actor(request))
            plan = _locked(plan)
            draft = _open_draft(plan)
            if draft is not None:
                raise PlanError(
                    f"{child.full_name}'s plan already has a draft being written (version {draft.number})"
                )
            version = PlanVersion(
                plan=plan, number=_next_number(plan), case=case, based_on=plan.latest_issued
            )
            version.created_by = version.modified_by = _actor(request)
            if plan.latest_issued is not None:
                copy_fields(plan.latest_issued, version)
                # A re-assessment's draft names no school either (s.38(5)): the family states a
                # preference in their 15 days.
                version.named_setting, version.setting_type = None, ""
            version.save()
            if plan.latest_issued is not None:
                copy_content(plan.latest_issued, version)
    except IntegrityError as error:  # someone else started one at the same moment
        raise PlanError("A draft plan has just been started for this child by someone else") from error
    count = _advice_from_case(case, version)
    record(
        request,
        Action.CREATE,
        child=child,
        obj=plan,
        summary=f"Started a draft EHC plan (version {version.number}) for {case.reference} "
        f"with {count} pieces of advice",
    )
    return version


@transaction.atomic
def start_amendment(request, plan) -> PlanVersion:
    """A new draft copied from the current issued version (after an annual review, say)."""
    plan = _locked(plan)
    if not plan.is_live:
        raise PlanError("This plan has ceased, so it cannot be amended")
    if plan.latest_issued is None:
        raise PlanError("There is no issued plan to amend yet")
    draft = _open_draft(plan)
    if draft is not None:
        raise PlanError(f"An amendment is already being written (version {draft.number})")
    current = plan.latest_issued
    version = PlanVersion(plan=plan, number=_next_number(plan), based_on=current)
    version.created_by = version.modified_by = _actor(request)
    copy_fields(current, version)
    version.save()
    copy_content(current, version)
    record(
        request,
        Action.CREATE,
        child=plan.child,
        obj=plan,
        summary=f"Started amending the EHC plan: version {version.number}, from version {current.number}",
    )
    return version


def _refresh(version) -> PlanVersion:
    return PlanVersion.objects.select_related("plan__child", "case").get(pk=version.pk)


def _record_on_case(request, case, kind, on, note="") -> None:
    """Tell the assessment case, unless the step was already recorded on the case (legacy data)."""
    if kind in _case_kinds(case):
        return
    try:
        casework_services.record_case_step(request, case, kind, on, note=note)
    except OutOfOrder as error:
        raise PlanError(str(error)) from error


@transaction.atomic
def serve_draft(request, version, on, *, note="") -> PlanVersion:
    """Record that the draft was sent to the family (they have 15 days to comment, reg 13(1));
    for an assessment's draft the case records it too (casework DRAFT_SERVED)."""
    _check_date(on)
    plan = _locked(version.plan)
    given, version = version, _refresh(version)
    if version.is_issued:
        raise IssuedVersionError()
    refusal = lifecycle.why_not(lifecycle.Step.SERVE, version, on)
    if refusal:
        raise PlanError(refusal)
    if version.case is not None:
        _record_on_case(request, version.case, K.DRAFT_SERVED, on, note)
    version.served_on = on
    version.save_edit(user=_actor(request), update_fields=["served_on", "modified_by"])
    what = "draft plan" if version.based_on_id is None else "proposed amendments"
    record(
        request,
        Action.UPDATE,
        child=plan.child,
        obj=plan,
        summary=f"Sent the {what} to the family on {_long(on)}",
    )
    given.refresh_from_db()  # the caller's object shows the change too
    return given


def _issue_kind(plan, version) -> str:
    """The first plan, and a plan after a re-assessment, is a final plan; later ones are amended."""
    if plan.latest_issued is None or version.case_id is not None:
        return PlanKind.FINAL
    return PlanKind.AMENDED


@transaction.atomic
def issue(request, version, on, *, early_reason="", note="") -> PlanVersion:
    """Issue the draft: from now on it cannot change. The first final plan of an assessment also
    records FINAL_ISSUED on the case and sets the plan's first issue date.

    Inside the family's 15 days (with no response recorded) it is refused, unless a manager gives
    `early_reason`, which is audited. Two people issuing at once: the plan row lock takes them one
    after the other and the second is told it was already issued."""
    _check_date(on)
    plan = _locked(version.plan)
    given, version = version, _refresh(version)
    if version.is_issued:
        raise PlanError(f"This version was already issued on {_long(version.issued_on)}")
    if not plan.is_live:
        raise PlanError("This plan has ceased, so it cannot be issued")
    too_soon = lifecycle.before_served_refusal(version, on)
    if too_soon:
        raise PlanError(too_soon)
    refusal = lifecycle.why_not(lifecycle.Step.ISSUE, version, on)
    early_reason = early_reason.strip()
    if refusal:
        if not early_reason or lifecycle.why_not(lifecycle.Step.ISSUE, version, on, overridden=True):
            raise PlanError(refusal)
        if not lifecycle.may_go_early(request):
            raise PlanError(f"{refusal}. {lifecycle.EARLY_REASON_MANAGERS_ONLY}")
    current = plan.latest_issued
    if current is not None and on < current.issued_on:
        raise PlanError(
            f"The plan cannot be issued before the current version, issued {_long(current.issued_on)}"
        )
    kind = _issue_kind(plan, version)
    if version.case is not None:
        _record_on_case(request, version.case, K.FINAL_ISSUED, on, note)
    try:
        version.claim_edit(user=_actor(request), status=PlanStatus.DRAFT)
    except StaleEditError:
        raise PlanError("This version was issued by someone else a moment ago") from None
    PlanVersion.objects.filter(pk=version.pk).update(status=PlanStatus.ISSUED, kind=kind, issued_on=on)
    plan.latest_issued_id = version.pk
    if plan.first_issued_on is None:
        plan.first_issued_on = on
    plan.modified_by = _actor(request)
    plan.save(update_fields=["latest_issued", "first_issued_on", "modified_by", "modified_at"])
    label = PlanKind(kind).label.lower()
    record(
        request,
        Action.UPDATE,
        child=plan.child,
        obj=plan,
        summary=f"Issued the {label} (version {version.number}) on {_long(on)}",
    )
    if refusal:  # issued inside the family's 15 days on a manager's reason: audited with it
        record(
            request,
            Action.UPDATE,
            child=plan.child,
            obj=plan,
            summary=f"Issued before the family's 15 days ended. Reason: {early_reason}"[:300],
        )
    given.refresh_from_db()  # the caller's object shows the change too
    return given


@transaction.atomic
def cease(request, plan, on, reason) -> EHCPlan:
    """Stop maintaining the plan (CFA s.45), with the SEN2 reason. Its versions stay as they are."""
    _check_date(on)
    if reason not in CeaseReason.values:
        raise PlanError("Choose the reason the plan is ending")
    plan = _locked(plan)
    if not plan.is_live:
        raise PlanError(f"This plan already ceased on {_long(plan.ceased_on)}")
    if plan.latest_issued is None:
        raise PlanError("Only an issued plan can be ceased")
    if plan.first_issued_on and on < plan.first_issued_on:
        raise PlanError(f"The plan cannot cease before it was first issued, on {_long(plan.first_issued_on)}")
    plan.ceased_on = on
    plan.cease_reason = reason
    plan.modified_by = _actor(request)
    plan.save(update_fields=["ceased_on", "cease_reason", "modified_by", "modified_at"])
    # The child's record (and the school census) stop showing an EHC plan. Needs met without a
    # plan means SEN support goes on; any other reason leaves no special provision recorded here.
    child = Child.objects.get(pk=plan.child_id)
    child.sen_provision = SenProvision.SEN_SUPPORT if reason == CeaseReason.NEEDS_MET else SenProvision.NONE
    # A new version: an edit form opened before this must not put "EHC plan" back.
    child.save_edit(user=_actor(request), update_fields=["sen_provision", "modified_by", "search_name"])
    record(
        request,
        Action.UPDATE,
        child=plan.child,
        obj=plan,
        summary=f"Ceased the EHC plan on {_long(on)}: {CeaseReason(reason).label}",
    )
    return plan
