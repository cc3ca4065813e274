"""What linking tells families: the invitation email, and the answer to a request for a link.

Same shape and rules as the notifications catalogue: no child is named (not in the subject, not
in the body), each message links back to the page it is about, and each is logged as a
Notification. The invitation goes by email (its link is the way in); a decision goes the way the
person asked to be told (notifications.services.recipient_for). The invitation's token is in the
email only: the log keeps the address without it, so the log cannot be used to join.
"""

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext as _

from notifications import client, delivery
from notifications.client import Recipient
from notifications.messages import RenderedMessage
from notifications.models import Channel, Notification
from notifications.services import recipient_for
from people.models import ParentCarer

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
    status, error = delivery.deliver(recipient, INVITATION, message, link)
    # The log keeps the join page, never the link with its token.
    family = person if isinstance(person, ParentCarer) else None
    return delivery.log(family, Channel.EMAIL, INVITATION, message, reverse("portal:join"), status, error)


def send_decision(link_request, parent) -> Notification:
    person = parent if parent is not None else link_request.requested_by
    recipient = recipient_for(person, client.get_notifier().channels)
    if recipient.channel == Channel.EMAIL and not recipient.email:
        recipient = Recipient(recipient.name, Channel.EMAIL, email=link_request.requested_by.email)
    message = _decision_message(link_request)
    link = reverse("portal:home")
    status, error = delivery.deliver(recipient, DECISION, message, link)
    return delivery.log(person, recipient.channel, DECISION, message, link, status, error)
