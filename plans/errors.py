"""What plan services refuse, in plain English. A PlanError is a casework OutOfOrder, so code that
already handles refused case steps handles refused plan steps the same way."""

from clock.case_events import OutOfOrder


class PlanError(OutOfOrder):
    """The step does not fit where the plan is; the message says why."""


class IssuedVersionError(PlanError):
    """An issued version is the legal record of what was issued: it is never changed."""

    message = "This version of the plan has been issued and cannot be changed. Start an amendment instead."

    def __init__(self, message=None):
        super().__init__(message or self.message)
