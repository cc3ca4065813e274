from django.conf import settings

from core.navigation import items_for


def service(request):
    return {
        "service_name": "SEND services",
        "area_name": settings.AREA_NAME,
        "navigation": items_for(request),
    }
