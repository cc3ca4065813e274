"""The only code that creates and changes children's records; each change is audited."""

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from audit.models import Action
from audit.services import record
from people.models import Child, ChildRelationship, ParentCarer


def likely_duplicates(
    *, upn=None, nhs_number=None, first_name="", last_name="", date_of_birth=None, exclude_pk=None
):
    """Records that may be the same child: same UPN or NHS number, or same name and birth date."""
    condition = Q(pk__in=[])
    if upn:
        condition |= Q(upn=upn)
    if nhs_number:
        condition |= Q(nhs_number=nhs_number)
    if first_name and last_name and date_of_birth:
        condition |= Q(
            legal_first_name__iexact=first_name.strip(),
            legal_last_name__iexact=last_name.strip(),
            date_of_birth=date_of_birth,
        )
    found = Child.objects.filter(condition).select_related("setting")
    if exclude_pk:
        found = found.exclude(pk=exclude_pk)
    return list(found[:10])


@transaction.atomic
def create_child(request, form) -> Child:
    child = form.save(commit=False)
    child.created_by = child.modified_by = request.user
    child.save()
    record(request, Action.CREATE, child=child, obj=child, summary="Created the child's record")
    return child


@transaction.atomic
def update_child(request, form, expected_version: int) -> Child:
    child = form.save(commit=False)
    child.save_edit(expected_version, request.user)
    record(
        request,
        Action.UPDATE,
        child=child,
        obj=child,
        summary="Changed the child's details",
        fields=sorted(form.changed_data),
    )
    return child


@transaction.atomic
def add_parent_carer(request, child, form) -> ParentCarer:
    """A parent or carer added by staff is a checked link (`verified`): staff know the family."""
    parent = form.save(commit=False)
    parent.created_by = parent.modified_by = request.user
    parent.save()
    ChildRelationship.objects.create(
        child=child,
        parent_carer=parent,
        relationship=form.cleaned_data["relationship"],
        parental_responsibility=form.cleaned_data["parental_responsibility"],
        verified=True,
        created_by=request.user,
    )
    record(request, Action.CREATE, child=child, obj=parent, summary="Added a parent or carer")
    return parent


# The young person's decision about their parents' access (CoP 8.13-8.17; the rule is in
# people.access). Child is versioned, but these fields are only ever set here, written alone, so a
# stale edit of the record's other fields cannot undo them.


@transaction.atomic
def _set(child, **values) -> None:
    """Write only these fields, from the row as it is now, so the record's change history shows the
    decision (a snapshot of the current row: not of a copy another edit may have overtaken)."""
    current = Child.objects.select_for_update().get(pk=child.pk)
    for name, value in values.items():
        setattr(current, name, value)
        setattr(child, name, value)
    current.save(update_fields=list(values))


@transaction.atomic
def record_parents_access(request, child, *, may_see: bool, on_behalf: bool = False) -> None:
    """The young person's answer: may their parents or carers see their plan, documents and messages?"""

    _set(child, parents_may_see=may_see, parents_decided_at=timezone.now())
    answer = "may" if may_see else "may not"
    who = "Recorded the young person's answer" if on_behalf else "The young person said"
    record(
        request, Action.UPDATE, child=child, obj=child, summary=f"{who}: parents {answer} see their records"
    )


@transaction.atomic
def record_capacity(request, child, *, lacks_capacity: bool, reason: str) -> None:
    """A caseworker's record that the young person lacks (or no longer lacks) the mental capacity to
    decide, so their parent acts for them; always with the reason, audited."""
    _set(child, lacks_capacity=lacks_capacity, capacity_reason=reason)
    summary = (
        "Recorded that the young person lacks mental capacity: their parent acts for them"
        if lacks_capacity
        else "Recorded that the young person decides for themselves"
    )
    record(request, Action.UPDATE, child=child, obj=child, summary=summary, reason=reason)
