"""Panel and letter pages' rows of the permission matrix (core/tests/test_permission_matrix.py):
url name -> (arguments from the test area, roles that may open it, status for others).

The builders add a panel meeting held today, with one undecided item, to the test area."""

from casework.models import PanelItem, PanelMeeting, PanelQuestion
from casework.tests.factories import open_case, sibling_of
from clock import dates
from notifications.models import Channel, MessageType, Notification, Status

CASE = {"caseworker", "manager", "panel"}
SCHEDULERS = {"caseworker", "manager"}
DECIDERS = {"panel", "manager"}


def panel_item(area) -> PanelItem:
    """Today's meeting with the own child's request on its agenda (made once per area)."""
    if not hasattr(area, "panel_item"):
        meeting = PanelMeeting.objects.create(meets_on=dates.today(), title="EHC multi-agency panel")
        meeting.members.add(area.users["panel"])
        case = open_case(sibling_of(area.own_child))  # a child of its own: one open case per child
        area.panel_item = PanelItem.objects.create(meeting=meeting, case=case, question=PanelQuestion.ASSESS)
    return area.panel_item


def queued_letter(area) -> Notification:
    return Notification.objects.create(
        parent_carer=area.own_child.relationships.get().parent_carer,
        channel=Channel.LETTER,
        message_type=MessageType.REQUEST_RECEIVED,
        subject="An update on your EHC needs assessment request",
        link="/cases/",
        status=Status.QUEUED_FOR_PRINT,
    )


MATRIX = {
    "casework:panel_list": (None, CASE, 403),
    "casework:panel_create": (None, SCHEDULERS, 403),
    "casework:panel_detail": (lambda a: [panel_item(a).meeting.public_id], CASE, 403),
    "casework:panel_attendance": (lambda a: [panel_item(a).meeting.public_id], DECIDERS, 403),
    "casework:panel_item_create": (lambda a: [panel_item(a).meeting.public_id], SCHEDULERS, 403),
    "casework:panel_item_decision": (
        lambda a: [panel_item(a).meeting.public_id, panel_item(a).pk],
        DECIDERS,
        403,
    ),
    "casework:letter_template_list": (None, {"manager"}, 403),
    "casework:letter_template_edit": (lambda a: ["decided_not_to_assess"], {"manager"}, 403),
    "casework:print_queue": (None, {"manager"}, 403),
    "casework:print_queue_posted": (lambda a: [queued_letter(a).pk], "post-only", None),
}

# Who may POST to each URL that takes one (core/tests/test_post_matrix.py).
POSTERS = {
    "casework:panel_create": SCHEDULERS,
    "casework:panel_item_create": SCHEDULERS,
    "casework:panel_attendance": DECIDERS,
    "casework:panel_item_decision": DECIDERS,
    "casework:letter_template_edit": {"manager"},
    "casework:print_queue_posted": {"manager"},
}
