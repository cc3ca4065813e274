"""A stand-in for GOV.UK Notify, the one outside service: the same interface as the real
notifiers, keeping what it was asked to send."""

from notifications.client import NotificationFailed, Notifier
from notifications.models import Channel


class FakeNotify(Notifier):
    channels = frozenset({Channel.EMAIL, Channel.SMS})

    def __init__(self, fail=False):
        self.sent = []
        self.fail = fail

    def send(self, recipient, template, context, link):
        if self.fail:
            raise NotificationFailed("GOV.UK Notify refused the message: 400 BadRequestError")
        self.sent.append((recipient, template, dict(context), link))
        return f"fake-{len(self.sent)}"
