from django.urls import path

from accounts import passwords, role_changes, views
from accounts.sso import views as sso_views

app_name = "accounts"
urlpatterns = [
    path("sign-in/", views.SignInView.as_view(), name="login"),
    path("sign-out/", views.sign_out, name="logout"),
    # Single sign-on (accounts/sso/): to the provider, and back.
    path("sso/<slug:name>/", sso_views.SsoStartView.as_view(), name="sso_start"),
    path("sso-callback/", sso_views.SsoCallbackView.as_view(), name="sso_callback"),
    path("sign-in-methods/", views.sign_in_methods, name="sign_in_methods"),
    path("two-factor/set-up/", views.two_factor_setup, name="two_factor_setup"),
    path("two-factor/", views.two_factor_verify, name="two_factor_verify"),
    path("password-reset/", passwords.ResetRequestView.as_view(), name="password_reset"),
    path("password-reset/sent/", passwords.ResetSentView.as_view(), name="password_reset_sent"),
    # Django moves the token into the session and redirects, so it does not stay in the address.
    path("password-reset/<uidb64>/<token>/", passwords.ResetConfirmView.as_view(),
         name="password_reset_confirm"),
    path("password-reset/done/", passwords.ResetCompleteView.as_view(), name="password_reset_complete"),
    path("password/", passwords.ChangeView.as_view(), name="password_change"),
    path("users/", views.user_list, name="user_list"),
    path("users/new/", views.user_create, name="user_create"),
    path("users/<int:pk>/", views.user_edit, name="user_edit"),
    path("users/<int:pk>/active/", views.user_set_active, name="user_set_active"),
    path("users/<int:pk>/reset-two-factor/", views.user_reset_two_factor, name="user_reset_two_factor"),
    path("users/<int:pk>/set-password/", views.user_set_password, name="user_set_password"),
    path("role-changes/", role_changes.request_list, name="role_change_list"),
    path("role-changes/<int:pk>/", role_changes.decide_view, name="role_change_decide"),
]
