"""The only code that creates and changes children's records; each change is audited."""

from django.db import transaction
from django.db.models import Q

from audit.models import Action
from audit.services import record
from core.concurrency import save_versioned
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
    save_versioned(child, expected_version, user=request.user)
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
