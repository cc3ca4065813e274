"""The portal's records, one module per part: linking families, requests made online, families'
contributions to plans and reviews."""

from portal.models.contributions import *  # noqa: F403
from portal.models.linking import *  # noqa: F403
from portal.models.requests import *  # noqa: F403
