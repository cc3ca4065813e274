"""This app's rows of the permission matrix (see core/tests/test_permission_matrix.py)."""

from datetime import date

from engagement.tests.factories import appeal

CASE_STAFF = {"caseworker", "manager"}


def _child(area):
    return [area.own_child.public_id]


def _appeal(area):
    return [appeal(area.own_child).public_id]


def _mediation(area):
    from engagement.tests.factories import mediation

    return [mediation(area.own_child).public_id]


def _complaint(area):
    from engagement import services

    made = services.record_complaint(
        None, None, complainant="A parent", summary="No reply", received_on=date(2026, 8, 3)
    )
    return [made.public_id]


MATRIX = {
    "engagement:disagreements": (None, CASE_STAFF, 403),
    "engagement:mediation_new": (_child, CASE_STAFF, 403),
    "engagement:appeal_new": (_child, CASE_STAFF, 403),
    "engagement:order_new": (_appeal, CASE_STAFF, 403),
    "engagement:complaint_new": (None, CASE_STAFF, 403),
    "engagement:mediation_edit": (_mediation, CASE_STAFF, 403),
    "engagement:appeal_edit": (_appeal, CASE_STAFF, 403),
    "engagement:complaint_edit": (_complaint, CASE_STAFF, 403),
}
NOT_HTML_PAGES: set[str] = set()

# --- Surveys ------------------------------------------------------------------------------------

MANAGERS = {"manager"}


def _survey(area):
    from engagement.tests.survey_factories import survey

    return [survey().public_id]


def _invitation(area):
    from engagement.tests.survey_factories import invitation, survey

    return [invitation(survey(), area.users["parent"].parent_carer).token]


def _survey_question(area):
    """A survey and its first question, by their real ids (PostgreSQL never reuses a pk)."""
    from engagement.tests.survey_factories import survey

    made = survey()
    return [made.public_id, made.questions.order_by("pk").first().pk]


def _link(area):
    from engagement.tests.survey_factories import survey

    return [survey(open_by_link=True).link_token]


def _pair(area):
    from engagement.tests.survey_factories import training_pair

    return [training_pair().public_id]


def _everyone():
    from conftest import PERSONA_ROLES

    return set(PERSONA_ROLES)


MATRIX.update(
    {
        "surveys:list": (None, MANAGERS, 403),
        "surveys:new": (None, MANAGERS, 403),
        "surveys:detail": (_survey, MANAGERS, 403),
        "surveys:question_new": (_survey, MANAGERS, 403),
        "surveys:question_move": (_survey_question, "post-only", None),
        "surveys:open": (_survey, "post-only", None),
        "surveys:send": (_survey, "post-only", None),
        "surveys:results": (_survey, MANAGERS, 403),
        "surveys:pair_new": (None, MANAGERS, 403),
        "surveys:pair_detail": (_pair, MANAGERS, 403),
        # Public: reached by link without signing in.
        "surveys:answer": (_invitation, _everyone(), None, 200),
        "surveys:answer_link": (_link, _everyone(), None, 200),
        "surveys:thanks": (None, _everyone(), None, 200),
    }
)

# --- "You said, we did" and youth voice ----------------------------------------------------------


def _theme(area):
    from engagement import voice_services

    made = voice_services.add_theme(
        None, None, source="survey", you_said="Slow replies", we_did="", heard_on=date(2026, 5, 1)
    )
    return [made.public_id]


def _session(area):
    from engagement import voice_services

    return [
        voice_services.record_session(None, None, held_on=date(2026, 5, 1), topic="Transport", attendance=9)
    ]


def _session_id(area):
    return [_session(area)[0].public_id]


def _proposal(area):
    from engagement import voice_services

    return [voice_services.add_proposal(None, None, _session(area)[0], "Bus passes").public_id]


MATRIX.update(
    {
        "voice:public": (None, _everyone(), None, 200),
        "voice:themes": (None, MANAGERS, 403),
        "voice:theme_new": (None, MANAGERS, 403),
        "voice:theme_edit": (_theme, MANAGERS, 403),
        "voice:forum": (None, MANAGERS, 403),
        "voice:session_new": (None, MANAGERS, 403),
        "voice:proposal_new": (_session_id, MANAGERS, 403),
        "voice:proposal_outcome": (_proposal, MANAGERS, 403),
    }
)

# Who may POST to each URL that takes one (core/tests/test_post_matrix.py).
POSTERS = {
    "engagement:mediation_new": CASE_STAFF,
    "engagement:appeal_new": CASE_STAFF,
    "engagement:order_new": CASE_STAFF,
    "engagement:complaint_new": CASE_STAFF,
    "engagement:mediation_edit": CASE_STAFF,
    "engagement:appeal_edit": CASE_STAFF,
    "engagement:complaint_edit": CASE_STAFF,
    "surveys:new": MANAGERS,
    "surveys:question_new": MANAGERS,
    "surveys:question_move": MANAGERS,
    "surveys:open": MANAGERS,
    "surveys:send": MANAGERS,
    "surveys:pair_new": MANAGERS,
    "surveys:answer": "anyone",
    "surveys:answer_link": "anyone",
    "voice:theme_new": MANAGERS,
    "voice:theme_edit": MANAGERS,
    "voice:session_new": MANAGERS,
    "voice:proposal_new": MANAGERS,
    "voice:proposal_outcome": MANAGERS,
}
