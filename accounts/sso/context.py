"""The identity providers a sign-in page offers (read lazily: only pages that show them ask)."""

from accounts.sso import providers


def sign_in_options(request):
    return {"sso_staff_providers": providers.for_staff, "sso_family_providers": providers.for_families}
