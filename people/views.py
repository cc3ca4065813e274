from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse

from audit.models import Action
from audit.services import record, record_read
from core import exports, list_exports, search_terms
from core.concurrency import StaleEditError
from core.idempotency import create_once, once_per_form
from core.list_exports import list_export
from core.permissions import permission_required
from people import child_page, history, queries, services
from people.access import children_visible_to, get_child_for_user
from people.filters import ChildFilter
from people.forms import EditChildForm, NewChildForm, ParentCarerForm
from people.models import ChildRelationship

CHILD_EXPORT_HEADERS = [
    "Last name",
    "First name",
    "Date of birth",
    "Year group",
    "Key stage",
    "UPN",
    "NHS number",
    "SEN provision",
    "Primary need",
    "Setting",
]


def _children(user, query, terms):
    """The children this user may see, searched and filtered as the list shows them (page and export)."""
    children = children_visible_to(user).select_related("setting")
    children = queries.search_children(children, terms)
    filters = ChildFilter(query, children)
    found = filters.qs
    # Near spellings come closest first (people.search.near); everything else in name order.
    return (found if found.query.order_by else found.order_by(*queries.name_order(terms))), filters


def _export_row(c):
    return [
        c.legal_last_name,
        c.legal_first_name,
        c.date_of_birth.strftime("%d/%m/%Y"),
        c.year_group_label(),
        c.key_stage_label(),
        c.upn or "",
        c.nhs_number or "",
        c.get_sen_provision_display(),
        c.get_primary_need_display(),
        c.setting.name if c.setting else "",
    ]


@list_export(
    "people.children",
    title="the children list",
    filename="children",
    permission="people.export_children",
    headers=CHILD_EXPORT_HEADERS,
)
def export_children(user, query, terms, today):
    return _children(user, query, terms)[0], _export_row


@permission_required("people.list_children")
def child_list(request):
    if request.method == "POST":
        return search_terms.search_redirect(request, "people:child_list")
    key, terms = search_terms.recall(request)
    children, filters = _children(request.user, request.GET, terms)
    fmt = exports.wants_export(request)
    if fmt and filters.is_valid() and request.user.has_perm("people.export_children"):
        return list_exports.start(
            request,
            "people.children",
            fmt,
            terms=terms,
            summary=f"Exported the children list as {fmt.upper()}",
            filters=filters.chosen,
            searched=bool(terms),
        )
    page = Paginator(children, 25).get_page(request.GET.get("page"))
    if terms:
        record(request, Action.SEARCH, summary="Searched children's records", results=page.paginator.count)
    return render(
        request,
        "people/child_list.html",
        {
            "page_obj": page,
            "terms": terms,
            "search_key": key,
            "filters": filters,
            "can_export": request.user.has_perm("people.export_children"),
            "export_label": "children",
        },
    )


@login_required
def child_detail(request, public_id):
    child = get_child_for_user(request, public_id)
    record_read(request, child, "Viewed the child's record")
    relationships = (
        ChildRelationship.objects.filter(child=child)
        .select_related("parent_carer")
        .order_by("-parental_responsibility", "parent_carer__last_name")
    )
    return render(
        request,
        "people/child_detail.html",
        {
            "child": child,
            "relationships": relationships,
            "can_edit": request.user.has_perm("people.change_child", child),
            "can_see_history": request.user.has_perm("people.view_child_history", child),
            "can_export_subject_access": request.user.has_perm("people.export_subject_access", child),
            "panels": child_page.panels_for(request, child),
        },
    )


@login_required
def child_history(request, public_id):
    child = get_child_for_user(request, public_id, perm="people.view_child_history")
    record_read(request, child, "Viewed the change history")
    return render(
        request,
        "people/child_history.html",
        {
            "child": child,
            "changes": history.changes_for(child),
        },
    )


@permission_required("people.add_child")
@once_per_form
def child_create(request):
    form = NewChildForm(request.POST or None)
    duplicates = []
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        duplicates = services.likely_duplicates(
            first_name=data["legal_first_name"],
            last_name=data["legal_last_name"],
            date_of_birth=data["date_of_birth"],
        )
        if not duplicates or data.get("confirm_not_duplicate"):

            def create():
                child = services.create_child(request, form)
                messages.success(request, f"Record created for {child.full_name}")
                return reverse("people:child_detail", args=[child.public_id])

            return redirect(create_once(data.get("form_token"), request.user, create))
    return render(
        request,
        "people/child_form.html",
        {
            "form": form,
            "creating": True,
            "duplicates": duplicates,
        },
    )


@login_required
def child_edit(request, public_id):
    child = get_child_for_user(request, public_id, perm="people.change_child")
    record_read(request, child, "Opened a page to change the record (child edit)")
    form = EditChildForm(request.POST or None, instance=child, initial={"version": child.version})
    if request.method == "POST" and form.is_valid():
        try:
            services.update_child(request, form, form.cleaned_data["version"])
        except StaleEditError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, "Changes saved")
            return redirect("people:child_detail", public_id=child.public_id)
    return render(request, "people/child_form.html", {"form": form, "child": child})


@login_required
@once_per_form
def parent_carer_add(request, public_id):
    child = get_child_for_user(request, public_id, perm="people.change_child")
    record_read(request, child, "Opened a page to change the record (parent carer add)")
    form = ParentCarerForm(request.POST or None)
    if request.method == "POST" and form.is_valid():

        def create():
            parent = services.add_parent_carer(request, child, form)
            messages.success(request, f"{parent} added to {child.full_name}'s record")
            return reverse("people:child_detail", args=[child.public_id])

        return redirect(create_once(form.cleaned_data.get("form_token"), request.user, create))
    return render(request, "people/parent_carer_form.html", {"form": form, "child": child})
