"""The message pages: an inbox, one child's conversation, and the service level."""

from django.contrib import messages as flash
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.roles import FAMILY_ROLES
from audit.models import Action
from audit.services import record, record_read
from clock import dates
from core import exports, list_exports, search_terms
from core.idempotency import create_once, once_per_form
from core.list_exports import list_export
from core.permissions import permission_required
from core.typed_work import keeps_typed_work, take
from messaging import measures, notify, queries, service_level, services
from messaging.filters import InboxFilter
from messaging.forms import MessageForm
from messaging.models import Conversation, MessageAttachment
from people.access import children_visible_to, get_child_for_user

SERVICE_LEVEL_HEADERS = ["Month", "In time", "Late", "Waiting", "Of which overdue", "Share in time"]
EXPORT_HEADERS = ["Child", "Date of birth", "School or setting", "Last message", "Reply by", "Status", "Mine"]


def _is_family(user) -> bool:
    return user.role in FAMILY_ROLES


@permission_required("messaging.use_inbox")
def inbox(request):
    if _is_family(request.user):
        return _family_inbox(request)
    if request.method == "POST":
        return search_terms.search_redirect(request, "messaging:inbox")
    today = dates.today()
    key, terms = search_terms.recall(request)
    conversations, filters = _inbox(request.user, request.GET, terms, today)
    fmt = exports.wants_export(request)
    if fmt and filters.is_valid() and request.user.has_perm("messaging.export"):
        return list_exports.start(request, "messaging.inbox", fmt, terms=terms, filters=filters.chosen)
    page = Paginator(conversations, 25).get_page(request.GET.get("page"))
    if terms:
        record(request, Action.SEARCH, summary="Searched messages", results=page.paginator.count)
    for conversation in page:
        conversation.status = queries.status_of(conversation.reply_due_on, today)
    return render(
        request,
        "messaging/inbox.html",
        {
            "page_obj": page,
            "terms": terms,
            "search_key": key,
            "filters": filters,
            "counts": queries.counts(today),
            "today": today,
            "can_export": request.user.has_perm("messaging.export"),
            "export_label": "messages",
        },
    )


def _inbox(user, query, terms, today):
    """The inbox as this user's page shows it: filtered and searched (the page and its export)."""
    filters = InboxFilter(query, queries.inbox(user, today), today=today)
    return queries.search(filters.qs, terms), filters


@list_export(
    "messaging.inbox",
    title="the messages inbox",
    filename="messages",
    permission="messaging.export",
    headers=EXPORT_HEADERS,
)
def export_inbox(user, query, terms, today):
    return _inbox(user, query, terms, today)[0], lambda conversation: _export_row(conversation, today)


def _export_row(conversation, today):
    child = conversation.child
    return [
        child.full_name,
        child.date_of_birth.strftime("%d/%m/%Y"),
        child.setting.name if child.setting else "",
        timezone.localtime(conversation.last_message_at).strftime("%d/%m/%Y %H:%M"),
        conversation.reply_due_on.strftime("%d/%m/%Y") if conversation.reply_due_on else "",
        queries.STATUSES[queries.status_of(conversation.reply_due_on, today)],
        "Yes" if conversation.is_mine else "No",
    ]


def _family_inbox(request):
    children = children_visible_to(request.user).select_related("conversation").order_by("date_of_birth")
    return render(
        request,
        "messaging/family_inbox.html",
        {"children": children, "days": service_level.reply_working_days()},
    )


@keeps_typed_work
@login_required
@once_per_form
def child_thread(request, public_id):
    """One child's conversation: the family write and read replies; area staff read and reply."""
    child = get_child_for_user(request, public_id, "messaging.view_thread")
    family = _is_family(request.user)
    may_write = (
        request.user.has_perm("messaging.write_as_family", child)
        if family
        else request.user.has_perm("messaging.reply")
    )
    if request.method == "POST" and not may_write:
        raise PermissionDenied
    form = _message_form(request, family) if may_write else None
    if request.method == "POST" and form is not None and form.is_valid():
        send = services.send_from_family if family else services.send_from_area
        body, attachment = form.cleaned_data["body"], form.cleaned_data["attachment"]
        url = create_once(
            form.cleaned_data["form_token"],
            request.user,
            lambda: _sent(request, child, send(request, child, body, attachment)),
        )
        return redirect(url)
    conversation = Conversation.objects.filter(child=child).first()
    thread = list(conversation.messages.prefetch_related("attachments")) if conversation else []
    if conversation and may_write:
        # Read by the people who answer: a panel member looking in does not mark the family's message read.
        services.mark_read(conversation, by_family=family)
    record_read(request, child, "Viewed messages")
    waiting = [m for m in thread if m.waiting]
    return render(
        request,
        "messaging/family_thread.html" if family else "messaging/staff_thread.html",
        {
            "child": child,
            "thread": thread,
            "form": form,
            "reply_by": waiting[0].reply_by if waiting else None,
            "today": dates.today(),
            "days": service_level.reply_working_days(),
            "contact": notify.area_contact(child),
        },
    )


def _message_form(request, family):
    if family:
        return MessageForm(
            request.POST or None,
            request.FILES or None,
            initial=take(request),
            label=gettext_lazy("Your message"),
            hint=gettext_lazy("Please do not include bank details or passwords."),
        )
    return MessageForm(request.POST or None, request.FILES or None, label="Your reply to the family")


def _sent(request, child, message):
    if message.from_family:
        day = date_format(message.reply_by, "j F Y")
        flash.success(request, _("Message sent. We aim to reply by %(date)s.") % {"date": day})
    else:
        flash.success(request, "Reply sent. The family has been told.")
    return reverse("messaging:child_thread", args=[child.public_id])


@permission_required("messaging.view_service_level")
def service_level_page(request):
    today = dates.today()
    months = measures.replies_in_time_by_month(dates.months_to(today, 12), today, today)
    fmt = exports.wants_export(request)
    if fmt:
        record(request, Action.EXPORT, summary=f"Exported replies in time by month as {fmt.upper()}")
        rows = (
            [f"{m.month:%Y-%m}", m.in_time, m.late, m.waiting, m.overdue, _percent(m.share)] for m in months
        )
        return exports.export_response(fmt, "replies-in-time", SERVICE_LEVEL_HEADERS, rows)
    return render(
        request,
        "messaging/service_level.html",
        {
            "months": list(reversed(months)),
            "this_month": months[-1],
            "days": service_level.reply_working_days(),
            "counts": queries.counts(today),
            "export_label": "replies in time by month",
        },
    )


def _percent(share) -> str:
    return "" if share is None else f"{share:.0%}"


@login_required
def attachment(request, public_id, attachment_id):
    """A file sent with a message in this child's conversation, to those who may read it; audited."""
    child = get_child_for_user(request, public_id, "messaging.view_thread")
    found = MessageAttachment.objects.filter(
        public_id=attachment_id, message__conversation__child=child
    ).first()
    if found is None:
        raise Http404(_("No such file"))
    try:
        handle = found.file.open("rb")
    except FileNotFoundError as error:
        raise Http404(_("The file is missing")) from error
    record_read(request, found.message, "Opened a file sent with a message", child=child)
    return FileResponse(handle, as_attachment=True, filename=found.title, content_type=found.content_type)
