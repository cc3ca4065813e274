"""Portal records: requests."""

__all__: list[str] = []
