"""The Local Offer's records, modelled on HSDS 3.0 as profiled by Open Referral UK."""

from directory.models.catalogue import (
    Contact,
    Location,
    Organization,
    Phone,
    Service,
    ServiceAtLocation,
    Taxonomy,
    TaxonomyTerm,
)
from directory.models.dip_sample import DipSample, DipSampleCheck, Finding
from directory.models.geo import Postcode, SearchWord
from directory.models.upkeep import Feedback, ProposedChange, YouSaidWeDid

__all__ = [
    "Contact",
    "DipSample",
    "DipSampleCheck",
    "Feedback",
    "Finding",
    "Location",
    "Organization",
    "Phone",
    "Postcode",
    "ProposedChange",
    "SearchWord",
    "Service",
    "ServiceAtLocation",
    "Taxonomy",
    "TaxonomyTerm",
    "YouSaidWeDid",
]
