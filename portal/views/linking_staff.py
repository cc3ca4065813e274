"""The caseworker's side of linking: inviting a family from the child's record, and checking the
requests families make before approving or rejecting them."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.roles import Role
from audit.services import record_read
from core import list_exports, throttle
from core.exports import wants_export
from core.filters import Choice, ListFilterSet
from core.idempotency import create_once, once_per_form
from core.list_exports import list_export
from core.permissions import permission_required
from people.access import get_child_for_user
from people.models import ChildRelationship
from portal import linking
from portal.linking_forms import DecideLinkForm, InviteForm, invitee_choices
from portal.models import Invitation, InvitationFor, LinkRequest, LinkRequestStatus

EXPORT_HEADERS = [
    "Asked on",
    "Who asked",
    "Email",
    "Child's first name",
    "Child's last name",
    "Date of birth",
    "Relationship",
    "Status",
    "Decided on",
]


def _export_row(link_request):
    decided = link_request.decided_at
    return [
        link_request.created_at.date().isoformat(),
        str(link_request.requested_by),
        link_request.requested_by.email,
        link_request.child_first_name,
        link_request.child_last_name,
        link_request.child_date_of_birth.isoformat(),
        link_request.get_relationship_display(),
        link_request.get_status_display(),
        decided.date().isoformat() if decided else "",
    ]


class LinkRequestFilter(ListFilterSet):
    """Which requests: those waiting unless another status is chosen."""

    status = Choice(label=gettext_lazy("Status"), choices=LinkRequestStatus.choices, empty_label=None)

    def __init__(self, data, **kwargs):
        if not data.get("status"):
            data = data.copy()
            data["status"] = LinkRequestStatus.WAITING  # drawn as chosen, as the list uses it
        super().__init__(data, LinkRequest.objects.all(), **kwargs)

    def filter_queryset(self, queryset):
        if self.form.errors:
            return queryset.none()
        return linking.requests_with_status(self.form.cleaned_data["status"])


def _requests(query):
    filters = LinkRequestFilter(query)
    return filters.qs, filters


@list_export(
    "portal.link_requests",
    title="family portal link requests",
    filename="link-requests",
    permission="portal.decide_link_requests",
    headers=EXPORT_HEADERS,
)
def export_link_requests(user, query, terms, today):
    return _requests(query)[0], _export_row


@permission_required("portal.decide_link_requests")
def link_request_list(request):
    requests, filters = _requests(request.GET)
    status = filters.chosen["status"]
    fmt = wants_export(request)
    if fmt and filters.is_valid():
        summary = f"Exported family portal link requests ({status})"
        return list_exports.start(request, "portal.link_requests", fmt, summary=summary)
    page = Paginator(requests, 25).get_page(request.GET.get("page"))
    return render(
        request,
        "portal/linking/request_list.html",
        {
            "page_obj": page,
            "filters": filters,
            "export_label": _("family portal link requests"),
        },
    )


@permission_required("portal.decide_link_requests")
def link_request_decide(request, public_id):
    link_request = (
        LinkRequest.objects.select_related("requested_by", "child").filter(public_id=public_id).first()
    )
    if link_request is None:
        raise Http404(_("No such request"))
    if link_request.status != LinkRequestStatus.WAITING:
        return render(request, "portal/linking/request_decided.html", {"link_request": link_request})
    children = list(linking.matching_children(link_request)[:10])
    linking.attach_carers_on_record(children)
    for child in children:  # the record approving would merge into the asker's (one rule, in linking)
        child.same_person = linking.same_person_on_file(child.carers_on_record, link_request.requested_by)
    form = DecideLinkForm(
        request.POST or None,
        children=children,
        young_person=link_request.requested_by.role == Role.YOUNG_PERSON,
    )
    if request.method == "POST" and form.is_valid():
        try:
            if form.cleaned_data["decision"] == "approve":
                linking.approve(request, link_request, form.cleaned_data["chosen_child"])
                messages.success(request, _("Request approved: the family can now see the child's records"))
            else:
                linking.reject(request, link_request, form.cleaned_data["reason"].strip())
                messages.success(request, _("Request not approved: we have told the family"))
        except linking.LinkError as error:
            messages.error(request, str(error))
        return redirect("portal:link_request_list")
    return render(
        request,
        "portal/linking/request_decide.html",
        {"link_request": link_request, "form": form, "children": children},
    )


def _parent_links(child):
    return list(
        ChildRelationship.objects.filter(child=child, parent_carer__user__isnull=True)
        .select_related("parent_carer")
        .order_by("pk")
    )


@permission_required("casework.act_on_case")
@once_per_form
def invite(request, public_id):
    child = get_child_for_user(request, public_id, "portal.invite_family")
    record_read(request, child, "Opened a page to change the record (invite)")
    links = _parent_links(child)
    choices = invitee_choices(child, links)
    by_key = {f"parent:{link.parent_carer.public_id}": link.parent_carer for link in links}
    initial = {"email": links[0].parent_carer.email} if len(links) == 1 else {}
    form = InviteForm(request.POST or None, choices=choices, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        parent = by_key.get(data["invitee"])
        invited = InvitationFor.PARENT if parent else InvitationFor.YOUNG_PERSON

        try:
            throttle.attempt(request, "invitation", account=data["email"])
        except throttle.TooManyAttempts as error:
            return throttle.too_many_attempts(request, error)

        def send():
            linking.invite(request, child, invited=invited, email=data["email"], parent_carer=parent)
            messages.success(request, _("Invitation sent to %(email)s") % {"email": data["email"]})
            return reverse("people:child_detail", args=[child.public_id])

        return redirect(create_once(data["form_token"], request.user, send))
    invitations = Invitation.objects.filter(child=child).select_related("created_by")[:10]
    return render(
        request,
        "portal/linking/invite.html",
        {"child": child, "form": form, "choices": choices, "invitations": invitations},
    )
