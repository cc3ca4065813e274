"""GOV.UK One Login for families: an identity the service has not seen before.

It becomes a family account only through the area's existing checks (portal/linking.py): an
invitation the browser is holding (emailed to the family by a caseworker) links the account to
that child; otherwise the account is made with no child, and the family asks for a link, which a
caseworker approves. Names are never matched to find a child.
"""

from django.db import transaction

from accounts.sso.backend import SignInRefused, link


def account_for_new_identity(request, provider, claims, verified_email):
    from portal import linking

    if not verified_email:
        raise SignInRefused("unknown")  # One Login always verifies the address; another may not
    invitation = linking.find_invitation(request.session.get(linking.SESSION_KEY))
    with transaction.atomic():
        try:
            if invitation is not None:
                user = linking.accept_invitation(
                    request, invitation, first_name=claims.get("given_name", ""),
                    last_name=claims.get("family_name", ""), password=None,
                )
                request.session.pop(linking.SESSION_KEY, None)
            else:
                user = linking.make_family_account(
                    request, email=verified_email, first_name=claims.get("given_name", ""),
                    last_name=claims.get("family_name", ""),
                )
        except linking.LinkError as error:
            raise SignInRefused("unknown") from error
        return link(user, provider, claims["sub"])
