"""Pages of the quality assurance cycle: the dashboard, drawing samples and assigning auditors, an
auditor's audits, the audit page (the plan beside the rubric), moderation and its resolution, the
caseworker's actions, exports, and the rubric. Every read of an audit is written to the audit log."""

from datetime import date
from decimal import Decimal

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from audit.models import Action
from audit.services import record, record_read
from clock import dates
from core import chart, list_exports, search_terms
from core.concurrency import StaleEditError
from core.exports import wants_export
from core.idempotency import create_once, once_per_form
from core.permissions import permission_required
from plans.codes import SECTIONS, NeedArea
from plans.content import load_content
from quality import list_exports as quality_lists
from quality import measures, services
from quality.filters import QualityActionFilter
from quality.forms import (
    ActionDoneForm,
    AssignForm,
    AuditForm,
    DrawSampleForm,
    ModerationForm,
    ResolveForm,
    RubricForm,
    people_who_audit,
)
from quality.models import Audit, AuditStatus, Moderation, QualityAction, Rubric, Sample
from quality.rules import moderated_by
from quality.services import QualityRefused
from quality.transitions import TRANSITIONS, Step, why_not

EARLIEST = date(2000, 1, 1)
AUDITS_A_PAGE = 50
AUDIT_RELATED = ("plan__child", "plan_version", "auditor", "caseworker", "sample", "rubric")


def _refused(form, error):
    field = error.field if error.field in form.fields else None
    form.add_error(field, error.message)


def _audit(public_id, *related):
    return get_object_or_404(Audit.objects.select_related(*AUDIT_RELATED, *related), public_id=public_id)


def _plan_context(audit):
    """The audited plan version, as the plan pages show it, for reading beside the rubric."""
    version = audit.plan_version
    setting = version.named_setting
    return {
        "content": load_content(version),
        "version": version,
        "child": audit.plan.child,
        "sections": SECTIONS,
        "need_areas": NeedArea.choices,
        "a_rows": [
            ("The child's views", version.child_views),
            ("What they enjoy and are good at", version.child_interests),
            ("Their hopes for the future", version.child_aspirations),
            ("Parents' and carers' views", version.parent_views),
        ],
        "i_rows": [("School or setting named", setting.name if setting else "None named")],
    }


# Dashboard ---------------------------------------------------------------------------------------


@permission_required("quality.view_measures")
def dashboard(request):
    today = dates.today()
    by_start = measures.by_month_start(EARLIEST, today)
    months = [by_start[on] for on in sorted(by_start)]
    checks = measures.checks_against_grade()
    caption = "Audited plans good or better, by audit month"
    svg = chart.draw(
        "Percentage of audited plans good or better",
        [chart.Point(on, Decimal(str(by_start[on].percent))) for on in sorted(by_start)],
        [],
        unit="percent",
        table_caption=caption,
        end=today,
    )
    return render(
        request,
        "quality/dashboard.html",
        {
            "overall": measures.overall(),
            "months": months,
            "chart": svg,
            "caption": caption,
            "sections": measures.by_section(),
            "agencies": measures.by_agency(),
            "caseworkers": (
                measures.by_caseworker() if request.user.has_perm("quality.view_caseworker_grades") else None
            ),
            "checks": checks,
            "checks_rate": measures.checks_pass_rate(checks),
            "weaknesses": measures.repeated_weaknesses(),
            "can_export": request.user.has_perm("quality.export"),
        },
    )


# Samples -----------------------------------------------------------------------------------------


@permission_required("quality.draw_sample")
@once_per_form
def samples(request):
    form = DrawSampleForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:

            def draw():
                sample = services.draw_sample(
                    request,
                    request.user,
                    cycle=data["cycle"],
                    kind=data["kind"],
                    theme=data.get("theme") or "",
                    value=form.theme_value(),
                    percentage=data.get("percentage"),
                    size=data.get("size"),
                    seed=data.get("seed"),
                    include_audited=data.get("include_audited", False),
                )
                messages.success(
                    request, f"Drew {sample.audits.count()} of {sample.population} plans: {sample}"
                )
                return reverse("quality:sample_detail", args=[sample.public_id])

            return redirect(create_once(data.get("form_token"), request.user, draw))
        except QualityRefused as error:
            _refused(form, error)
    rows = Sample.objects.select_related("drawn_by").annotate(
        audits_count=Count("audits"),
        assigned=Count("audits", filter=Q(audits__auditor__isnull=False)),
        done=Count("audits", filter=~Q(audits__status=AuditStatus.ASSIGNED)),
    )[:50]
    return render(request, "quality/samples.html", {"form": form, "samples": rows})


@permission_required("quality.assign_audit")
def sample_detail(request, public_id):
    sample = get_object_or_404(Sample.objects.select_related("drawn_by"), public_id=public_id)
    audits = list(sample.audits.select_related(*AUDIT_RELATED).order_by("pk"))
    auditors = list(people_who_audit())
    forms_by_audit = {
        a.pk: AssignForm(prefix=f"a{a.pk}", initial={"auditor": a.auditor_id}, auditors=auditors)
        for a in audits
    }
    error_form = None
    if request.method == "POST":
        audit = next((a for a in audits if str(a.public_id) == request.POST.get("audit")), None)
        if audit is None:
            raise PermissionDenied
        form = AssignForm(request.POST, prefix=f"a{audit.pk}", auditors=auditors)
        forms_by_audit[audit.pk] = form
        if form.is_valid():
            try:
                services.assign(request, audit, form.cleaned_data["auditor"], request.user)
            except (QualityRefused, StaleEditError) as error:
                _refused(form, error if isinstance(error, QualityRefused) else QualityRefused(str(error)))
            else:
                messages.success(request, f"Assigned the audit of {audit.plan.child.full_name}'s plan")
                return redirect(request.path)
        error_form = form
    record(request, Action.VIEW, obj=sample, summary=f"Viewed the sample {sample}")
    rows = [(a, forms_by_audit[a.pk]) for a in audits]
    return render(
        request, "quality/sample_detail.html", {"sample": sample, "rows": rows, "error_form": error_form}
    )


# Auditors ----------------------------------------------------------------------------------------


@permission_required("quality.view_my_audits")
def my_audits(request):
    user = request.user
    mine = list(
        Audit.objects.filter(auditor=user).select_related(*AUDIT_RELATED).order_by("status", "-cycle", "pk")
    )
    to_moderate = list(
        Audit.objects.filter(moderated_by(user), status__in=TRANSITIONS[Step.MODERATE].from_statuses)
        .filter(moderation__isnull=True)
        .select_related(*AUDIT_RELATED)
        .order_by("submitted_at", "pk")[:50]
    )
    to_resolve = []
    if user.has_perm("quality.resolve_moderation"):
        to_resolve = list(
            Moderation.objects.filter(audit__status=AuditStatus.MODERATING)
            .select_related("moderator", "audit__plan__child", "audit__auditor")
            .order_by("submitted_at", "pk")
        )
    return render(
        request,
        "quality/my_audits.html",
        {"mine": mine, "to_moderate": to_moderate, "to_resolve": to_resolve},
    )


@permission_required("quality.view_my_audits")
def audit_detail(request, public_id):
    audit = _audit(public_id, "plan_version__named_setting")
    user = request.user
    if not user.has_perm("quality.view_audit", audit):
        raise PermissionDenied
    criteria = list(audit.rubric.criteria.all())
    editable = user.has_perm("quality.grade_audit", audit) and why_not(Step.GRADE, audit) is None
    form = None
    if editable:
        grades = {g.criterion_id: g for g in audit.grades.all()}
        initial = {
            "version": audit.version,
            "overall": audit.overall,
            "family_voice": audit.family_voice,
            "young_person_voice": audit.young_person_voice,
        }
        for pk, row in grades.items():
            initial[f"grade_{pk}"], initial[f"comment_{pk}"] = row.grade, row.comment
        form = AuditForm(request.POST or None, criteria=criteria, initial=initial)
        if request.method == "POST" and form.is_valid():
            submit = bool(request.POST.get("submit"))
            try:
                services.save_audit(
                    request,
                    audit,
                    user,
                    form.cleaned_data["version"],
                    form.grades(),
                    overall=form.cleaned_data.get("overall") or "",
                    family_voice=form.cleaned_data.get("family_voice", ""),
                    young_person_voice=form.cleaned_data.get("young_person_voice", ""),
                    submit=submit,
                )
            except QualityRefused as error:
                _refused(form, error)
            except StaleEditError as error:
                form.add_error(None, str(error))
            else:
                messages.success(
                    request, "Audit submitted" if submit else "Audit saved: you can finish it later"
                )
                return redirect("quality:my_audits" if submit else request.path)
    elif request.method == "POST":
        raise PermissionDenied
    record_read(request, audit, "Viewed a plan audit", child=audit.plan.child)
    grades = list(audit.grades.select_related("criterion"))
    return render(
        request,
        "quality/audit_detail.html",
        {"audit": audit, "form": form, "grades": grades, **_plan_context(audit)},
    )


@permission_required("quality.view_my_audits")
def moderate(request, public_id):
    audit = _audit(public_id, "plan_version__named_setting")
    if not request.user.has_perm("quality.moderate_audit", audit):
        raise PermissionDenied
    form = ModerationForm(request.POST or None, criteria=audit.rubric.criteria.all())
    if request.method == "POST" and form.is_valid():
        try:
            moderation = services.moderate(
                request, audit, request.user, form.grades(), form.cleaned_data["overall"]
            )
        except QualityRefused as error:
            _refused(form, error)
        else:
            if services.has_disagreements(moderation):
                messages.success(
                    request, "Moderation saved: a manager will resolve the grades you disagree on"
                )
            else:
                messages.success(request, "Moderation saved: you agreed with every grade")
            return redirect("quality:my_audits")
    record_read(request, audit, "Viewed a plan audit to moderate it", child=audit.plan.child)
    return render(
        request,
        "quality/moderate.html",
        {
            "audit": audit,
            "form": form,
            "can_moderate": why_not(Step.MODERATE, audit) is None,
            **_plan_context(audit),
        },
    )


@permission_required("quality.resolve_moderation")
def resolve(request, public_id):
    moderation = get_object_or_404(
        Moderation.objects.select_related("audit__plan__child", "audit__auditor", "moderator"),
        public_id=public_id,
    )
    audit = moderation.audit
    first = {g.criterion_id: g for g in audit.grades.select_related("criterion")}
    rows = list(moderation.grades.select_related("criterion"))
    is_open = why_not(Step.RESOLVE, audit) is None
    open_rows = [r for r in rows if not r.agreed] if is_open else []
    overall_open = is_open and services.overall_disagrees(moderation)
    form = ResolveForm(request.POST or None, rows=open_rows, overall=overall_open)
    if request.method == "POST":
        if not (open_rows or overall_open):
            messages.success(request, "This moderation has already been resolved")
            return redirect(request.path)
        if form.is_valid():
            try:
                services.resolve(request, moderation, request.user, form.resolutions())
            except QualityRefused as error:
                _refused(form, error)
            else:
                messages.success(request, "Disagreements resolved: the agreed grades stand")
                return redirect("quality:my_audits")
    record_read(request, audit, "Viewed the moderation of a plan audit", child=audit.plan.child)
    side_by_side = [(first.get(r.criterion_id), r) for r in rows]
    return render(
        request,
        "quality/resolve.html",
        {
            "moderation": moderation,
            "audit": audit,
            "form": form,
            "side_by_side": side_by_side,
            "open": bool(open_rows or overall_open),
        },
    )


# Actions -----------------------------------------------------------------------------------------


def _actions_for(user):
    actions = QualityAction.objects.select_related("criterion", "audit__plan__child", "assigned_to")
    if user.role != "manager":
        actions = actions.filter(assigned_to=user)
    return actions


@permission_required("quality.view_actions")
def action_list(request):
    filters = QualityActionFilter(request.GET, _actions_for(request.user))
    actions = list(filters.qs.order_by("due_on", "pk")[:200])
    record(request, Action.VIEW, summary=f"Viewed {len(actions)} quality actions")
    return render(
        request,
        "quality/action_list.html",
        {"actions": actions, "filters": filters, "today": dates.today()},
    )


@permission_required("quality.view_actions")
def action_detail(request, public_id):
    action = get_object_or_404(_actions_for(request.user), public_id=public_id)
    form = ActionDoneForm(request.POST or None)
    if request.method == "POST":
        if not request.user.has_perm("quality.complete_action", action):
            raise PermissionDenied
        closed = why_not(Step.COMPLETE_ACTION, action)
        if closed:
            messages.success(request, closed)
            return redirect(request.path)
        if form.is_valid():
            try:
                services.complete_action(request, action, request.user, form.cleaned_data["done_note"])
            except QualityRefused as error:
                _refused(form, error)
            else:
                messages.success(request, f"Action marked as done: {action.criterion.title}")
                return redirect("quality:action_list")
    record_read(request, action, "Viewed a quality action", child=action.audit.plan.child)
    return render(request, "quality/action_detail.html", {"action": action, "form": form})


# Lists and exports -------------------------------------------------------------------------------


@permission_required("quality.export")
def audit_list(request):
    if request.method == "POST":
        return search_terms.search_redirect(request, "quality:audit_list")
    key, terms = search_terms.recall(request)
    audits, filters = quality_lists.audits(request.GET, terms)
    fmt = wants_export(request)
    if fmt and filters.is_valid():
        summary = f"Exported plan audits ({fmt})"
        return list_exports.start(
            request, "quality.audits", fmt, terms=terms, summary=summary, filters=filters.chosen
        )
    page = Paginator(audits, AUDITS_A_PAGE).get_page(request.GET.get("page"))
    record(request, Action.VIEW, summary=f"Viewed the list of plan audits ({len(page)} shown)")
    return render(
        request,
        "quality/audit_list.html",
        {
            "page_obj": page,
            "filters": filters,
            "terms": terms,
            "search_key": key,
            "export_label": "these plan audits",
        },
    )


@permission_required("quality.export")
def findings(request):
    actions = quality_lists.findings()
    fmt = wants_export(request)
    if fmt:
        summary = f"Exported audit findings ({fmt})"
        return list_exports.start(request, "quality.findings", fmt, summary=summary)
    page = list(actions[:200])
    record(request, Action.VIEW, summary=f"Viewed audit findings ({len(page)} shown)")
    return render(
        request,
        "quality/findings.html",
        {"actions": page, "weaknesses": measures.repeated_weaknesses(), "today": dates.today()},
    )


# Rubric ------------------------------------------------------------------------------------------


@permission_required("quality.draw_sample")
def rubric(request):
    try:
        current = services.current_rubric()
    except QualityRefused:
        current = None
    form = None
    if current is not None:
        criteria = list(current.criteria.all())
        form = RubricForm(request.POST or None, criteria=criteria, initial={"rubric_version": current.number})
        if request.method == "POST" and form.is_valid():
            try:
                new = services.revise_rubric(
                    request, current, request.user, form.cleaned_data["rubric_version"], form.changes()
                )
            except QualityRefused as error:
                _refused(form, error)
            else:
                messages.success(request, f"Saved {new}: new audits use it, earlier audits keep theirs")
                return redirect(request.path)
    versions = Rubric.objects.annotate(audits_count=Count("audits")).order_by("name", "-number")
    return render(request, "quality/rubric.html", {"rubric": current, "form": form, "versions": versions})
