"""EHC plans: the plan (one per child with a plan), its versions, and each version's content."""

from plans.models.content import AdviceEntry, Need, Outcome, Provision
from plans.models.document import RenderedDocument
from plans.models.plan import EHCPlan, PlanVersion
from plans.models.quality import QualityResult

__all__ = [
    "AdviceEntry",
    "EHCPlan",
    "Need",
    "Outcome",
    "PlanVersion",
    "Provision",
    "QualityResult",
    "RenderedDocument",
]
