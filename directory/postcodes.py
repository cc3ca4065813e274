"""Loading postcode centres from the ONS Postcode Directory (ONSPD) CSV, or the shipped sample.

The full ONSPD has about 2.7 million rows; it is streamed and written in batches, so memory stays
small. Columns are found by their ONSPD names (pcds, lat, long) or plain ones (postcode,
latitude, longitude). Rows without a grid reference (ONS gives them latitude 99.999999) are
skipped.
"""

import csv
from pathlib import Path

from django.core.exceptions import ValidationError

from directory.models import Postcode
from people.validators import normalise_postcode

SAMPLE = Path(__file__).resolve().parent / "data" / "postcodes_sample.csv"
BATCH = 5000
POSTCODE_COLUMNS = ("pcds", "pcd", "postcode")
LATITUDE_COLUMNS = ("lat", "latitude")
LONGITUDE_COLUMNS = ("long", "longitude", "lon")


class PostcodeFileError(Exception):
    pass


def _column(headings, names):
    lowered = {h.strip().lower(): h for h in headings}
    for name in names:
        if name in lowered:
            return lowered[name]
    raise PostcodeFileError(f"The file needs one of these columns: {', '.join(names)}")


def _row(raw, columns):
    postcode_column, lat_column, lon_column = columns
    try:
        postcode = normalise_postcode(raw[postcode_column])
        latitude, longitude = float(raw[lat_column]), float(raw[lon_column])
    except (ValidationError, ValueError, TypeError):
        return None
    if not (-90 <= latitude <= 90 and -180 <= longitude <= 180):
        return None
    outward, inward = postcode.split(" ")
    return Postcode(
        postcode=postcode,
        sector=f"{outward} {inward[0]}",
        outward=outward,
        latitude=latitude,
        longitude=longitude,
    )


def load(path=SAMPLE, prefixes=()) -> tuple[int, int]:
    """(postcodes loaded, rows skipped). `prefixes` keeps only postcodes starting with one of them."""
    loaded = skipped = 0
    prefixes = tuple(p.upper() for p in prefixes)
    with open(path, newline="", encoding="utf-8-sig") as handle:
        reader = csv.DictReader(handle)
        headings = reader.fieldnames or []
        columns = tuple(
            _column(headings, names) for names in (POSTCODE_COLUMNS, LATITUDE_COLUMNS, LONGITUDE_COLUMNS)
        )
        batch = []
        for raw in reader:
            if prefixes and not str(raw.get(columns[0], "")).upper().startswith(prefixes):
                continue
            row = _row(raw, columns)
            if row is None:
                skipped += 1
                continue
            batch.append(row)
            if len(batch) >= BATCH:
                loaded += _write(batch)
                batch = []
        loaded += _write(batch)
    return loaded, skipped


def _write(batch) -> int:
    if batch:
        Postcode.objects.bulk_create(
            batch,
            update_conflicts=True,
            unique_fields=["postcode"],
            update_fields=["sector", "outward", "latitude", "longitude"],
        )
    return len(batch)
