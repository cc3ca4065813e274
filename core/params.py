"""Numbers typed into list filters' query strings: one check, so a huge or odd value filters
nothing instead of overflowing the database or the date arithmetic (a 500)."""

ID_MAX = 2**63 - 1  # the largest primary key (BigAutoField) a database can hold


def whole_number(value: str, low: int = 0, high: int = ID_MAX) -> int | None:
    """`value` as an int if it is a plain whole number from `low` to `high`, else None."""
    text = (value or "").strip()
    digits = text[1:] if text.startswith("-") else text
    if not digits.isascii() or not digits.isdigit() or len(digits) > 19:
        return None
    number = int(text)
    return number if low <= number <= high else None
