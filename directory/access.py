"""The one place that says which services a signed-in person may look after.

A provider sees only the services they own; anyone else's service is "not found", never
"forbidden", so its existence is not confirmed either. Editors (managers) see every service.
"""

from django.http import Http404

from directory.models import Feedback, Service
from directory.rules import is_local_offer_editor


def services_for(user):
    if is_local_offer_editor(user):
        return Service.objects.all()
    return Service.objects.filter(owner=user)


def get_service_for_user(user, service_id) -> Service:
    service = services_for(user).select_related("organization", "owner").filter(pk=service_id).first()
    if service is None:
        raise Http404("No such service")
    return service


def feedback_for(user):
    if is_local_offer_editor(user):
        return Feedback.objects.all()
    return Feedback.objects.filter(service__owner=user)
