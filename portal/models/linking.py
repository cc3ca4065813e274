"""Portal records: linking."""

__all__: list[str] = []
