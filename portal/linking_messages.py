"""What linking tells families: the invitation email, and the answer to a request for a link.

Same shape and rules as the notifications catalogue: no child is named (not in the subject, not
in the body), each message links back to the page it is about, and each is logged as a
Notification. The invitation goes by email (its link is the way in); a decision goes the way the
person asked to be told (notifications.services.recipient_for). The invitation's token is in the
email only: the log keeps the address without it, so the log cannot be used to join.
"""

import logging

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _

from notifications import client
from notifications.client import NotificationFailed, NotifyNotifier, Recipient
from notifications.messages import RenderedMessage
from notifications.models import Channel, Notification, Status
from notifications.services import recipient_for
from people.models import ParentCarer

logger = logging.getLogger(__name__)

INVITATION = "portal_invitation"
DECISION = "portal_link_decision"


def _invitation_message(invitation) -> RenderedMessage:
    area = settings.AREA_NAME
    return RenderedMessage(
        _("Your invitation to the %(area)s SEND family portal") % {"area": area},
        (
            _(
                "The %(area)s SEND team has invited you to make an account on our family portal. "
                "You can see where the EHC needs assessment is, what happens next and by when, "
                "and what we are asking you to do."
            )
            % {"area": area},
            _("The link works once and stops working after 14 days. If it has stopped, ask your caseworker."),
            _("If you were not expecting this email, you can ignore it."),
        ),
        _("Make your account"),
    )


def _decision_message(link_request) -> RenderedMessage:
    if link_request.status == "approved":
        paragraphs = (
            _("We have checked your request to see a child's records on the family portal, and approved it."),
            _("Sign in to see where things are and what happens next."),
        )
    else:
        paragraphs = (
            _(
                "We have checked your request to see a child's records on the family portal. "
                "We could not approve it."
            ),
            _("Sign in to read why. If you think this is wrong, please contact the SEND team."),
        )
    return RenderedMessage(
        _("An update on your family portal request"), paragraphs, _("Sign in to the portal")
    )


def send_invitation(invitation, link: str, *, person=None) -> Notification:
    recipient = Recipient(invitation.email, Channel.EMAIL, email=invitation.email)
    message = _invitation_message(invitation)
    status, error = _deliver(recipient, INVITATION, message, link)
    logged_link = reverse("portal:join")
    return Notification.objects.create(
        parent_carer=person if isinstance(person, ParentCarer) else None,
        channel=Channel.EMAIL,
        message_type=INVITATION,
        subject=message.subject[:200],
        body=message.text(client.absolute_url(logged_link)),
        link=logged_link,
        status=status,
        error=error,
    )


def send_decision(link_request, parent) -> Notification:
    person = parent if parent is not None else link_request.requested_by
    notifier = client.get_notifier()
    recipient = recipient_for(person, notifier.channels)
    if recipient.channel == Channel.EMAIL and not recipient.email:
        recipient = Recipient(recipient.name, Channel.EMAIL, email=link_request.requested_by.email)
    message = _decision_message(link_request)
    link = reverse("portal:home")
    status, error = _deliver(recipient, DECISION, message, link)
    family = isinstance(person, ParentCarer)
    return Notification.objects.create(
        user=None if family else person,
        parent_carer=person if family else None,
        channel=recipient.channel,
        message_type=DECISION,
        subject=message.subject[:200],
        body=message.text(client.absolute_url(link)),
        link=link,
        status=status,
        error=error,
    )


def _deliver(recipient, kind, message, link):
    if recipient.channel == Channel.LETTER:
        return Status.QUEUED_FOR_PRINT, ""
    url = client.absolute_url(link)
    try:
        notifier = client.get_notifier()
        if isinstance(notifier, NotifyNotifier):
            _send_by_notify(notifier, recipient, kind, message, url)
        else:
            _send_email(recipient, message, url)
    except NotificationFailed as failure:
        logger.warning("Portal message %s by %s not sent: %s", kind, recipient.channel, failure)
        return Status.FAILED, str(failure)[:300]
    return Status.SENT, ""


def _send_email(recipient, message, url):
    if not recipient.email:
        raise NotificationFailed("No email address to send to")
    page = {"message": message, "url": url, "area_name": settings.AREA_NAME}
    email = EmailMultiAlternatives(
        subject=message.subject,
        body=render_to_string("notifications/email.txt", page),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[recipient.email],
    )
    email.attach_alternative(render_to_string("notifications/email.html", page), "text/html")
    try:
        email.send()
    except OSError as error:  # smtplib's errors are OSErrors
        raise NotificationFailed(f"The email server refused the message: {error}"[:300]) from error


def _send_by_notify(notifier, recipient, kind, message, url):
    template_id = notifier.template_id(kind, recipient.channel)
    personalisation = {"subject": message.subject, "body": message.text(url), "link": url}
    try:
        if recipient.channel == Channel.SMS:
            notifier.client.send_sms_notification(recipient.phone, template_id, personalisation)
        else:
            notifier.client.send_email_notification(recipient.email, template_id, personalisation)
    except Exception as error:  # the client raises HTTPError and friends: log, don't crash
        raise NotificationFailed(f"GOV.UK Notify refused the message: {error}"[:300]) from error
