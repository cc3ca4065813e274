from django.conf import settings

from core.navigation import menu_for


def service(request):
    menu = menu_for(request)
    return {
        "service_name": "SEND services",
        "area_name": settings.AREA_NAME,
        "navigation": menu["items"],
        "navigation_section": menu["section"],
    }
