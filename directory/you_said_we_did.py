""""You said, we did" items on the Local Offer: adding one and putting it on (or taking it off)
the public pages. Each change is audited: what the public reads is the area's word."""

from django.db import transaction

from audit.models import Action
from audit.services import record
from clock import dates
from directory.models import YouSaidWeDid


@transaction.atomic
def add(request, *, you_said: str, we_did: str, published: bool) -> YouSaidWeDid:
    item = YouSaidWeDid.objects.create(
        you_said=you_said,
        we_did=we_did,
        published=published,
        published_on=dates.today() if published else None,
        created_by=request.user,
    )
    summary = "Added a \"You said, we did\" item" + (", published on the Local Offer" if published else "")
    record(request, Action.CREATE, obj=item, summary=summary)
    return item


@transaction.atomic
def set_published(request, item, publish: bool) -> bool:
    """Put the item on the Local Offer (dated today) or take it off. Asking for what it already
    is (a second click, a second tab) changes nothing; returns whether anything changed."""
    changed = YouSaidWeDid.objects.filter(pk=item.pk).exclude(published=publish).update(
        published=publish, published_on=dates.today() if publish else None
    )
    item.refresh_from_db()
    if changed:
        summary = "Published a \"You said, we did\" item on the Local Offer" if publish else (
            "Took a \"You said, we did\" item off the Local Offer"
        )
        record(request, Action.UPDATE, obj=item, summary=summary)
    return bool(changed)
