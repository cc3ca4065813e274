"""The roles people hold in OpenSEND (ARCHITECTURE.md, "Who uses it") and what follows from them."""

from django.db import models


class Role(models.TextChoices):
    CASEWORKER = "caseworker", "EHC coordinator"
    MANAGER = "manager", "SEND team manager"
    PANEL = "panel", "Panel member"
    PARENT = "parent", "Parent or carer"
    YOUNG_PERSON = "young_person", "Young person"
    PROFESSIONAL = "professional", "Professional"
    DCO = "dco", "Designated clinical officer (health)"
    DSCO = "dsco", "Designated social care officer"
    AUDITOR = "auditor", "Quality auditor"
    SERVICE_OWNER = "service_owner", "Local Offer service owner"
    ACTION_LEAD = "action_lead", "Improvement plan action lead"
    BOARD_MEMBER = "board_member", "Board member"
    ADMINISTRATOR = "administrator", "System administrator"
    # NHS provider or ICB staff who keep health waiting lists and the dynamic support register.
    HEALTH_OFFICER = "health_officer", "Health waiting list officer"
    # Joint commissioners (council and ICB): placements, costs, sufficiency and forecasts.
    COMMISSIONER = "commissioner", "Joint commissioner"


class ProfessionalType(models.TextChoices):
    EDUCATIONAL_PSYCHOLOGIST = "ep", "Educational psychologist"
    HEALTH = "health", "Health practitioner"
    SOCIAL_CARE = "social_care", "Social care practitioner"
    SENCO = "senco", "School SENCo"


FAMILY_ROLES = frozenset({Role.PARENT, Role.YOUNG_PERSON})
# Everyone but families works with many children's records, so must use two-factor sign-in.
STAFF_ROLES = frozenset(Role) - FAMILY_ROLES
# Area SEND staff who work across every child's case.
CASE_ROLES = frozenset({Role.CASEWORKER, Role.MANAGER, Role.PANEL})
