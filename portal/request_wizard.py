"""Asking for an EHC needs assessment online: who may ask, the question pages each kind of person
answers (one thing per page), and the order they come in.

A family (parent, carer or young person) answers about their own child or a child not yet
linked to them; a school SENCo answers about a pupil on roll. The steps are shared and each one
says which route it belongs to, so the two journeys stay the same where they can.
"""

from dataclasses import dataclass

from django.db import transaction
from django.db.models import Q
from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.roles import FAMILY_ROLES, Role
from audit.models import Action
from audit.services import record
from casework import services as casework_services
from casework.models import OPEN_STAGES, RequestSource
from clock import dates
from notifications.events import case_context
from notifications.models import MessageType
from notifications.services import tell
from people import codelists
from people.access import children_visible_to, is_senco
from people.codelists import SenProvision
from people.family import family_for
from people.models import Child, ChildRelationship, ParentCarer, Setting
from people.services import likely_duplicates
from portal.models import AssessmentRequestDraft, DraftDocument

Status = AssessmentRequestDraft.Status

FAMILY = "family"
SCHOOL = "school"


def may_ask_for_assessment(user) -> bool:
    return user.is_active and (user.role in FAMILY_ROLES or is_senco(user))


def owns_request(user, draft) -> bool:
    if draft is None or draft.author_id != user.pk or not may_ask_for_assessment(user):
        return False
    return draft.route != SCHOOL or _still_at_school(user).filter(pk=draft.pk).exists()


def _still_at_school(user):
    """A SENCo's school requests they may still open: about a pupil still on the roll of a school
    they work at, or (no pupil chosen yet) while they work at a school at all. A SENCo removed from
    the school loses the saved request with the pupil's details in it."""
    drafts = AssessmentRequestDraft.objects.filter(author=user, route=SCHOOL)
    on_roll = Q(child__in=children_visible_to(user))
    if user.school_memberships.filter(is_active=True).exists():
        return drafts.filter(on_roll | Q(child__isnull=True))
    return drafts.filter(on_roll)


def route_for(user) -> str:
    return SCHOOL if is_senco(user) else FAMILY


@dataclass(frozen=True)
class Step:
    key: str  # in the page's URL
    title: str  # the check-answers row and the page title
    routes: frozenset = frozenset({FAMILY, SCHOOL})  # who answers it
    only_for_new_child: bool = False

    def applies(self, draft) -> bool:
        if draft.route not in self.routes:
            return False
        return draft.child_not_listed if self.only_for_new_child else True


STEPS = [
    Step("child", _("Who the request is for")),
    Step("child-details", _("About the child"), frozenset({FAMILY}), only_for_new_child=True),
    Step("needs", _("The child's needs")),
    Step("support", _("Support they have now")),
    Step("why-now", _("Why you are asking now")),
    Step("contact", _("How we contact you"), frozenset({FAMILY})),
    Step("consent", _("Sharing information")),
    Step("documents", _("Documents")),
]
STEPS_BY_KEY = {step.key: step for step in STEPS}
CHECK = "check"
# The written-answer pages and the field each one fills.
TEXT_FIELDS = {"needs": "needs", "support": "current_support", "why-now": "why_now"}


def steps_for(draft) -> list[Step]:
    return [step for step in STEPS if step.applies(draft)]


def next_step(draft, current: str) -> str:
    """The key of the page after `current`, or CHECK after the last question."""
    keys = [step.key for step in steps_for(draft)]
    if current not in keys or current == keys[-1]:
        return CHECK
    return keys[keys.index(current) + 1]


def previous_step(draft, current: str) -> str | None:
    keys = [step.key for step in steps_for(draft)]
    if current == CHECK:
        return keys[-1]
    if current not in keys or current == keys[0]:
        return None
    return keys[keys.index(current) - 1]


def asks_relationship(draft) -> bool:
    """A parent or carer says how they are related to a child not yet linked to them."""
    return draft.route == FAMILY and draft.author.role == Role.PARENT


def _answered(draft, key) -> bool:
    if key == "child":
        return bool(draft.child_id or (draft.child_not_listed and draft.route == FAMILY))
    if key == "child-details":
        named = draft.child_first_name and draft.child_last_name and draft.child_date_of_birth
        return bool(named and (draft.relationship or not asks_relationship(draft)))
    if key == "consent":
        return draft.consent_given is not None
    if key == "documents":
        return True  # documents are optional
    return bool(getattr(draft, TEXT_FIELDS.get(key, "contact_preference")))


def unanswered(draft) -> list[Step]:
    """The question pages still to answer before the request can be sent."""
    return [step for step in steps_for(draft) if not _answered(draft, step.key)]


def first_unanswered(draft) -> str:
    missing = unanswered(draft)
    return missing[0].key if missing else CHECK


# The service: the only code that changes online requests ------------------------------------

DOCUMENT_LIMIT = 10


class NotReady(Exception):
    """The request cannot be sent yet (a question is unanswered, or it was already sent)."""


def saved_drafts(user):
    """The user's requests not sent yet, newest first ("Your saved request")."""
    drafts = AssessmentRequestDraft.objects.filter(author=user, status=Status.DRAFT)
    if is_senco(user):
        drafts = drafts.filter(pk__in=_still_at_school(user).values("pk"))
    return list(drafts.select_related("child", "author").order_by("-modified_at"))


def sent_requests(user, limit=20):
    """The user's sent requests, newest first, with their case references."""
    return list(
        AssessmentRequestDraft.objects.filter(author=user, status=Status.SENT)
        .select_related("case", "child")
        .order_by("-sent_at")[:limit]
    )


def start_draft(user):
    return AssessmentRequestDraft.objects.create(
        author=user, route=route_for(user), created_by=user, modified_by=user
    )


def get_draft(request, public_id):
    """The user's own request with this id; anyone else's answers "page not found"."""
    draft = (
        AssessmentRequestDraft.objects.select_related("child", "case", "author")
        .filter(public_id=public_id)
        .first()
    )
    if draft is None or not request.user.has_perm("portal.change_assessment_request", draft):
        raise Http404("No such request")
    return draft


def choosable_children(user):
    """The children a request may be for: a family's verified children, a SENCo's pupils on roll."""
    return children_visible_to(user).only("public_id", "legal_first_name", "legal_last_name", "date_of_birth")


def save_answers(user, draft, **answers) -> bool:
    """Save one page's answers at once, so what is typed survives a timeout. A request sent
    meanwhile (in another tab) is not changed: the update matches unsent requests only."""
    answers["modified_by"] = user
    answers["modified_at"] = timezone.now()
    saved = AssessmentRequestDraft.objects.filter(pk=draft.pk, status=Status.DRAFT).update(**answers)
    if saved:
        for name, value in answers.items():
            setattr(draft, name, value)
    return bool(saved)


def add_document(user, draft, checked) -> DraftDocument:
    """Keep one checked upload with the request. If anything fails, the stored file is removed
    again, so a failed upload leaves neither a row nor a file behind."""
    stored = None
    try:
        with transaction.atomic():
            locked = AssessmentRequestDraft.objects.select_for_update().get(pk=draft.pk)
            if locked.is_sent:
                raise NotReady(_("This request has already been sent"))
            if locked.documents.count() >= DOCUMENT_LIMIT:
                raise NotReady(_("You can add up to %(n)s documents") % {"n": DOCUMENT_LIMIT})
            document = DraftDocument(
                draft=locked, title=checked.title, content_type=checked.content_type, created_by=user
            )
            document.file.save(checked.upload.name, checked.upload, save=False)
            stored = document.file.name
            document.save()
            AssessmentRequestDraft.objects.filter(pk=draft.pk).update(modified_at=timezone.now())
    except BaseException:
        if stored:
            document.file.storage.delete(stored)
        raise
    return document


@transaction.atomic
def remove_document(draft, document_public_id) -> bool:
    document = DraftDocument.objects.filter(
        draft=draft, draft__status=Status.DRAFT, public_id=document_public_id
    ).first()
    if document is None:
        return False
    name, storage = document.file.name, document.file.storage
    document.delete()
    # The file goes once the row's removal is committed, never before.
    transaction.on_commit(lambda: storage.delete(name))
    return True


def discard(draft) -> bool:
    """Delete a request that was never sent, with its documents."""
    with transaction.atomic():
        documents = list(DraftDocument.objects.filter(draft=draft, draft__status=Status.DRAFT))
        deleted, _rows = AssessmentRequestDraft.objects.filter(pk=draft.pk, status=Status.DRAFT).delete()
        for document in documents:
            name, storage = document.file.name, document.file.storage
            transaction.on_commit(lambda name=name, storage=storage: storage.delete(name))
    return bool(deleted)


# Sending: one transaction, exactly once ------------------------------------------------------

SECTION_TITLES = {
    FAMILY: ("The child's needs", "Help the child gets now", "Why the family is asking now"),
    SCHOOL: (
        "The pupil's special educational needs",
        "SEN support the school has given",
        "Why the school is asking",
    ),
}


@transaction.atomic
def send(request, draft):
    """Open the assessment case for this request, received today, so the 6-week clock starts.

    The request row is locked first: a second send (a double click, a second tab) waits, then
    finds the request already sent and returns the same case, creating nothing more."""
    locked = AssessmentRequestDraft.objects.select_for_update().select_related("author").get(pk=draft.pk)
    if locked.is_sent:
        return locked.case
    if unanswered(locked):
        raise NotReady(_("Answer every question before you send the request"))
    if locked.child_id and not children_visible_to(locked.author).filter(pk=locked.child_id).exists():
        # The link or the school membership ended after the question was answered.
        raise NotReady(_("You can no longer ask for this child. Change who the request is for"))
    child, linked = _child_for(request, locked)
    case = casework_services.open_case(
        request,
        child=child,
        source=RequestSource.SETTING if locked.route == SCHOOL else RequestSource.PARENT,
        received_on=dates.today(),
        reasons=_reasons(locked),
        consent_given=bool(locked.consent_given),
        requester_name=_requester_name(locked),
    )
    for document in locked.documents.all():
        casework_services.add_document(
            request, case, title=document.title, upload=document.file.name, content_type=document.content_type
        )
    warnings = _warnings_for_caseworkers(locked, child, case)
    if warnings:
        casework_services.add_note(request, case, "\n".join(warnings))
    _keep_contact_preference(request, locked)
    locked.status, locked.sent_at, locked.case = Status.SENT, timezone.now(), case
    locked.child = child
    locked.modified_by = request.user
    locked.save()
    transaction.on_commit(lambda: _acknowledge(locked, case, linked), robust=True)
    draft.refresh_from_db()
    return case


def _child_for(request, draft):
    """The child the request is about, and whether the author is already linked to them. A child
    the family has not been linked to gets a new record and an unverified link: a caseworker
    checks who they are before the family can follow the case online."""
    if draft.child_id:
        return draft.child, True
    setting = Setting.objects.filter(name__iexact=draft.child_school.strip(), is_open=True).first()
    child = Child.objects.create(
        legal_first_name=draft.child_first_name,
        legal_last_name=draft.child_last_name,
        date_of_birth=draft.child_date_of_birth,
        setting=setting if draft.child_school.strip() else None,
        created_by=request.user,
        modified_by=request.user,
    )
    record(
        request,
        Action.CREATE,
        child=child,
        obj=child,
        summary="Created the child's record from an online request",
    )
    parent = _parent_carer_of(draft.author)
    if parent is not None:
        ChildRelationship.objects.create(
            child=child,
            parent_carer=parent,
            relationship=draft.relationship or "other_carer",
            verified=False,
            created_by=request.user,
        )
        record(
            request,
            Action.CREATE,
            child=child,
            obj=parent,
            summary="Asked to be linked to the child (not checked yet)",
        )
    return child, False


def _parent_carer_of(user):
    """The parent or carer record behind a parent's account (made now if the account has none)."""
    if user.role != Role.PARENT:
        return None
    parent = ParentCarer.objects.filter(user=user).first()
    if parent is None:
        parent = ParentCarer.objects.create(
            user=user, first_name=user.first_name, last_name=user.last_name, email=user.email, created_by=user
        )
    return parent


def _requester_name(draft) -> str:
    author = draft.author
    if draft.route == SCHOOL:
        school = Setting.objects.filter(memberships__user=author, memberships__is_active=True).first()
        return f"{author}, SENCo" + (f" at {school}" if school else "")
    if author.role == Role.YOUNG_PERSON:
        return f"{author} (the young person)"
    relationship = dict(codelists.RELATIONSHIP).get(draft.relationship, "")
    if not relationship and draft.child_id:
        link = ChildRelationship.objects.filter(child=draft.child, parent_carer__user=author).first()
        relationship = link.get_relationship_display() if link else ""
    return f"{author} ({relationship.lower()})" if relationship else str(author)


def _reasons(draft) -> str:
    """The answers as the case's reasons, under plain headings, for the caseworker to read."""
    needs, support, why = SECTION_TITLES[draft.route]
    parts = [f"{needs}:\n{draft.needs}", f"{support}:\n{draft.current_support}", f"{why}:\n{draft.why_now}"]
    if draft.child_not_listed and draft.child_school:
        parts.append(f"School, college or nursery named in the request:\n{draft.child_school}")
    if draft.contact_preference:
        parts.append(f"How the family would like to be contacted: {draft.get_contact_preference_display()}")
    parts.append(f"Sent online by {_requester_name(draft)}.")
    return "\n\n".join(parts)


def _warnings_for_caseworkers(draft, child, case) -> list[str]:
    """What a caseworker should check first (as the staff request form warns): a record that may
    be the same child, an open request already, a plan already, a link not yet checked."""
    warnings = []
    if draft.child_not_listed:
        for other in likely_duplicates(
            first_name=child.legal_first_name,
            last_name=child.legal_last_name,
            date_of_birth=child.date_of_birth,
            exclude_pk=child.pk,
        ):
            warnings.append(
                f"Possible duplicate record: {other.full_name}, born {other.date_of_birth:%-d %B %Y}."
            )
        if draft.author.role == Role.PARENT:
            warnings.append("The parent's link to this child has not been checked yet.")
        else:
            warnings.append("The young person's account is not linked to this record yet.")
    other_open = child.assessment_cases.filter(stage__in=OPEN_STAGES).exclude(pk=case.pk)
    first_open = other_open.only("reference").order_by("pk").first()
    if first_open:
        warnings.append(f"This child already has an open request ({first_open.reference}).")
    if child.sen_provision == SenProvision.EHC_PLAN:
        warnings.append("This child already has an EHC plan. This may be a request to reassess.")
    if warnings:
        warnings.insert(0, "Sent online: please check before going further.")
    return warnings


def _keep_contact_preference(request, draft):
    """The family's answer becomes how messages reach them (notifications follow it)."""
    if draft.route != FAMILY or not draft.contact_preference:
        return
    parent = ParentCarer.objects.filter(user=draft.author).first()
    if parent is None or parent.contact_preference == draft.contact_preference:
        return
    parent.contact_preference = draft.contact_preference
    parent.save_edit(user=request.user)


def _acknowledge(draft, case, linked):
    """Tell the person who sent the request that it arrived. A family already linked to the
    child hears from the case itself (notifications answer the "request received" event, with
    a link to the family's case page); anyone else is told here, with a link to this request's
    confirmation page, which they can always open."""

    person = ParentCarer.objects.filter(user=draft.author).first() or draft.author
    # A request added to a case already open starts nothing the case would announce: told here.
    attached = getattr(case, "attached_request", None) is not None
    told_by_case = linked and draft.route == FAMILY and person in family_for(case.child) and not attached
    if told_by_case:
        return
    link = reverse("portal:request_sent", args=[draft.public_id])
    tell(person, MessageType.REQUEST_RECEIVED, case_context(case), link, case=case)


def decision_due(case):
    """When the decision whether to assess is due (the clock engine's answer, reg 5(1))."""
    step = casework_services.case_timeline(case).step("decision_to_assess")
    return step.due if step else None
