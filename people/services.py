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


# What a carer record on file may add to the account holder's own record when the two are found
# to be one person: contact details the caseworker took that the holder's sign-up did not give.
_CONTACT_FIELDS = ("phone", "address", "postcode")


@transaction.atomic
def merge_carer_for_child(request, child, *, duplicate: ParentCarer, into: ParentCarer, user=None) -> None:
    """`duplicate` (a carer record staff made for `child`) and `into` (the record of the account the
    person signed in with) are one person: the child's link, what was recorded about them and every
    reference to `duplicate` about this child move to `into`, so the child has one record of them.
    The duplicate goes when no other child is linked to it; a link to another child stays where it
    is, because the person proved who they are for this child only (least privilege)."""
    duplicate = ParentCarer.objects.select_for_update().get(pk=duplicate.pk)
    into = ParentCarer.objects.select_for_update().get(pk=into.pk)
    moved = ChildRelationship.objects.filter(child=child, parent_carer=duplicate).first()
    if moved is not None:
        kept, _made = ChildRelationship.objects.get_or_create(
            child=child, parent_carer=into, defaults={"relationship": moved.relationship}
        )
        kept.relationship = moved.relationship
        kept.parental_responsibility = moved.parental_responsibility
        kept.verified = kept.verified or moved.verified
        kept.save()
        moved.delete()
    changed = [name for name in _CONTACT_FIELDS if getattr(duplicate, name) and not getattr(into, name)]
    for name in changed:
        setattr(into, name, getattr(duplicate, name))
    if duplicate.interpreter_needed and not into.interpreter_needed:
        into.interpreter_needed, into.language = True, duplicate.language
        changed += ["interpreter_needed", "language"]
    if changed:
        into.save(update_fields=changed)
    last = not duplicate.relationships.exists()
    _repoint_references(duplicate, into, child=None if last else child)
    record(
        request, Action.UPDATE, child=child, obj=into, user=user,
        summary="One person: the carer record on file was merged into their account's record",
        merged_record=str(duplicate.public_id),
    )  # fmt: skip
    if last:
        duplicate.delete()


def _repoint_references(duplicate, into, *, child) -> None:
    """Every row elsewhere naming `duplicate` (review invitees, letters sent, survey and portal
    invitations) now names `into`; only those about `child` when `child` is given."""
    for relation in ParentCarer._meta.get_fields(include_hidden=True):
        model = relation.related_model
        if not (relation.auto_created and relation.one_to_many) or model is ChildRelationship:
            continue
        if model._meta.model_name.startswith("historical"):
            continue  # the change history says what was, so it keeps naming the old record
        rows = model._base_manager.filter(**{relation.field.name: duplicate})
        if child is not None:
            about_child = _child_path(model)
            if about_child is None:
                continue
            rows = rows.filter(**{about_child: child})
        rows.update(**{relation.field.name: into})


def _child_path(model) -> str | None:
    """How a row of `model` names its child ("child", or "review__child"), or None."""
    names = {field.name: field for field in model._meta.get_fields() if field.many_to_one}
    if "child" in names:
        return "child"
    for field in names.values():
        if field.related_model is not None and any(
            own.name == "child" and own.many_to_one for own in field.related_model._meta.get_fields()
        ):
            return f"{field.name}__child"
    return None
