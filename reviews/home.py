"""The SENCo's pupils with plans on the home page (core/home.py): the same count as "Your work"."""

from core.home import home_figures, list_url
from people.access import is_senco
from reviews.queries import pupils_with_plans


@home_figures(order=20)
def senco_pupils_with_plans(user):
    if not is_senco(user):
        return []
    return [
        {"label": "Pupils on roll with an EHC plan", "value": pupils_with_plans(user).count(),
         "url": list_url("portal:professional_home")},
    ]
