"""Portal records: contributions."""

__all__: list[str] = []
