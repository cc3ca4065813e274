"""The code lists an EHC plan uses: its sections, areas of need, preparation for adulthood, the kinds
and states of a version, and the SEN2 reasons a plan ceased."""

from django.db import models

from clock.dates import KEY_STAGES
from people.codelists import SocialCareStatus

# Reg 12: the sections a plan must have, separately identified, in order.
SECTIONS = {
    "A": "Views, interests and aspirations",
    "B": "Special educational needs",
    "C": "Health needs",
    "D": "Social care needs",
    "E": "Outcomes",
    "F": "Special educational provision",
    "G": "Health provision",
    "H1": "Social care provision (Chronically Sick and Disabled Persons Act 1970)",
    "H2": "Other social care provision",
    "I": "School or setting",
    "J": "Personal budget and direct payments",
    "K": "Advice and information",
}


class PlanKind(models.TextChoices):
    DRAFT = "draft", "Draft"
    FINAL = "final", "Final plan"
    AMENDED = "amended", "Amended plan"


class PlanStatus(models.TextChoices):
    DRAFT = "draft", "Being written"
    ISSUED = "issued", "Issued"


class NeedSection(models.TextChoices):
    EDUCATION = "B", "B: special educational needs"
    HEALTH = "C", "C: health needs"
    SOCIAL_CARE = "D", "D: social care needs"


class NeedArea(models.TextChoices):
    """The four broad areas of need (CoP 6.28-6.35) that section B is written under."""

    COMMUNICATION = "communication", "Communication and interaction"
    COGNITION = "cognition", "Cognition and learning"
    SEMH = "semh", "Social, emotional and mental health"
    SENSORY_PHYSICAL = "sensory_physical", "Sensory and/or physical"


class NeedRank(models.TextChoices):
    """SEN2 need rank: 1 the primary need, 2 a secondary need."""

    PRIMARY = "1", "Primary"
    SECONDARY = "2", "Secondary"


class PfaArea(models.TextChoices):
    """Preparing for adulthood (CoP 8.5): from Year 9 a plan's outcomes cover all four."""

    EMPLOYMENT = "employment", "Employment and higher education"
    INDEPENDENT_LIVING = "independent_living", "Independent living"
    COMMUNITY = "community", "Community inclusion: friends, relationships and community"
    HEALTH = "health", "Good health"


class ProvisionSection(models.TextChoices):
    EDUCATION = "F", "F: special educational provision"
    HEALTH = "G", "G: health provision"
    SOCIAL_CARE_CSDPA = "H1", "H1: social care provision (CSDPA 1970 s.2)"
    SOCIAL_CARE_OTHER = "H2", "H2: other social care provision"


class GroupSize(models.TextChoices):
    ONE_TO_ONE = "1:1", "One to one"
    PAIR = "pair", "In a pair"
    SMALL_GROUP = "small_group", "Small group (3 to 6)"
    CLASS = "class", "Whole class"
    OTHER = "other", "Other"


class CeaseReason(models.TextChoices):
    """SEN2 `CeaseReason` (DfE SEN2 person-level guide)."""

    MAX_AGE = "1", "Reached maximum age (end of the academic year in which they turned 25)"
    NEEDS_MET = "2", "Needs being met without an EHC plan"
    HIGHER_EDUCATION = "3", "Moved on to higher education"
    EMPLOYMENT = "4", "Moved on to paid employment, excluding apprenticeships"
    TRANSFERRED = "5", "Transferred to another local authority"
    DISENGAGED = "6", "Young person no longer wishes to engage in education or training"
    LEFT_ENGLAND = "7", "Moved outside England"
    DECEASED = "8", "Deceased"
    OTHER = "9", "Other"


KEY_STAGE_CHOICES = KEY_STAGES
KEY_STAGE_ORDER = {code: i for i, (code, _) in enumerate(KEY_STAGES)}
# Social care statuses that mean the child is known to children's social care now.
KNOWN_TO_SOCIAL_CARE = frozenset(
    {SocialCareStatus.CHILD_IN_NEED, SocialCareStatus.CHILD_PROTECTION, SocialCareStatus.LOOKED_AFTER}
)
PFA_FROM_YEAR = 9  # CoP 8.9: preparing for adulthood starts at the Year 9 review
