"""Portal URLs for professionals: advisers' and SENCos' home, a school's pupils with plans, and a
school's staff (who acts for the school). Included by portal/urls.py under the "portal" namespace."""

from django.urls import path

from portal.views import professionals, professionals_pupils, professionals_staff

urlpatterns = [
    path("professionals/", professionals.home, name="professional_home"),
    path("school/pupils/", professionals_pupils.pupil_list, name="pupil_list"),
    path("school/<uuid:public_id>/staff/", professionals_staff.school_staff, name="school_staff"),
    path("school/<uuid:public_id>/staff/add/", professionals_staff.add_staff, name="school_staff_add"),
    path(
        "school/<uuid:public_id>/staff/remove/", professionals_staff.remove_staff, name="school_staff_remove"
    ),
    path(
        "school/<uuid:public_id>/staff/administrator/",
        professionals_staff.set_administrator,
        name="school_administrator_set",
    ),
]
