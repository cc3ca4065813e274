"""The client's network address: the one function every throttle and the audit log use.

The documented deployment is gunicorn on a unix socket behind nginx (deploy/DEPLOYMENT.md), so
REMOTE_ADDR is empty and the address is in `X-Forwarded-For`. Each trusted proxy appends the address
it saw, so only the last `PROXY_COUNT` entries are believed: anything to their left was sent by the
client and may be forged. django-ipware reads the header (its "proxy count" counts the proxies
whose addresses are *in* the header, which is one fewer than the proxies in front of us, because
the nearest proxy's own address is REMOTE_ADDR). Only that header is read behind a proxy: other
headers (X-Real-IP, True-Client-IP...) pass through nginx untouched and are the client's to forge.
"""

from django.conf import settings
from ipware import get_client_ip

CACHE_ATTRIBUTE = "_opensend_client_ip"


def client_ip(request) -> str | None:
    """The address of the browser that sent `request`, or None when it cannot be known."""
    if request is None:
        return None
    if hasattr(request, CACHE_ATTRIBUTE):
        return getattr(request, CACHE_ATTRIBUTE)
    proxies = settings.PROXY_COUNT
    if proxies:
        address, _routable = get_client_ip(
            request,
            proxy_order="left-most",
            proxy_count=proxies - 1,
            request_header_order=["HTTP_X_FORWARDED_FOR"],
            strict=False,
        )
    else:
        address, _routable = get_client_ip(request, request_header_order=["REMOTE_ADDR"])
    setattr(request, CACHE_ATTRIBUTE, address)
    return address

