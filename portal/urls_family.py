"""Portal URLs for families: their children, "where is my child's case?", the case's documents,
and linking an account to a child (invitations, and requests a caseworker approves). Included by
portal/urls.py under the "portal" namespace."""

from django.urls import path

from portal.views import consent, family, family_plan, linking_family, linking_staff

urlpatterns: list = [
    path("", family.home, name="home"),
    path("cases/<uuid:public_id>/", family.case_detail, name="case_detail"),
    path(
        "cases/<uuid:public_id>/documents/<uuid:document_id>/",
        family.case_document,
        name="case_document",
    ),
    path("children/<uuid:public_id>/", family_plan.child_page, name="child"),
    path("children/<uuid:public_id>/who-can-see/", consent.parents_access, name="parents_access"),
    path("children/<uuid:public_id>/mental-capacity/", consent.capacity, name="capacity"),
    path("plan/<uuid:public_id>/", family_plan.plan_page, name="plan"),
    path("plan/<uuid:public_id>/versions/<int:number>/", family_plan.plan_version, name="plan_version"),
    path(
        "plan/<uuid:public_id>/versions/<int:number>/advice/<uuid:key>/",
        family_plan.plan_advice,
        name="plan_advice",
    ),
    path(
        "plan/<uuid:public_id>/documents/<uuid:document_id>/", family_plan.plan_document, name="plan_document"
    ),
    path("stay-signed-in/", family_plan.keep_alive, name="keep_alive"),
    # The invitation link: the token moves into the session at once, so it never sits in the
    # address bar, the browser history or the server log of the next page.
    path("join/<str:token>/", linking_family.follow_invitation, name="follow_invitation"),
    path("join/", linking_family.join, name="join"),
    path("create-account/", linking_family.create_account, name="create_account"),
    path("create-account/check-your-email/", linking_family.check_email, name="check_email"),
    # Back from GOV.UK One Login with no account and no invitation: parent or young person?
    path("create-account/who-are-you/", linking_family.one_login_who_are_you, name="one_login_who_are_you"),
    # The verification link: like an invitation, the token moves into the session at once.
    path("verify-email/<str:token>/", linking_family.verify_email_link, name="verify_email_link"),
    path("verify-email/", linking_family.verify_email, name="verify_email"),
    path("link-a-child/", linking_family.link_request, name="link_request"),
    path("link-requests/", linking_staff.link_request_list, name="link_request_list"),
    path("link-requests/<uuid:public_id>/", linking_staff.link_request_decide, name="link_request_decide"),
    path("children/<uuid:public_id>/invite/", linking_staff.invite, name="invite"),
]
