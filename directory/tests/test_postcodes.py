"""Postcode centres: the shipped sample, and the full ONS Postcode Directory's columns."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from directory import geo, postcodes
from directory.models import Postcode

pytestmark = pytest.mark.django_db

ONSPD = """pcd,pcd2,pcds,dointr,doterm,oscty,lat,long
BD1 1HY ,BD1  1HY,BD1 1HY,198001,,E99999999,53.792,-1.752
BD1 1AA ,BD1  1AA,BD1 1AA,198001,,E99999999,53.793,-1.751
LS1 1UR ,LS1  1UR,LS1 1UR,198001,,E99999999,53.796,-1.547
GY1 1AA ,GY1  1AA,GY1 1AA,198001,,L99999999,99.999999,0.000000
XXX,XXX,not a postcode,198001,,E99999999,53.0,-1.0
"""


def test_the_sample_covers_every_demo_postcode_district():
    loaded, skipped = postcodes.load()
    assert (loaded, skipped) == (540, 0)
    assert set(Postcode.objects.values_list("outward", flat=True)) == {f"BF{n}" for n in range(1, 21)}


def test_an_onspd_file_loads_and_rows_without_a_location_are_skipped(tmp_path):
    path = tmp_path / "ONSPD.csv"
    path.write_text(ONSPD)
    out = StringIO()
    call_command("import_postcodes", str(path), "--prefix", "BD", stdout=out)
    assert "Loaded 2 postcodes" in out.getvalue()
    assert sorted(Postcode.objects.values_list("postcode", "sector", "outward")) == [
        ("BD1 1AA", "BD1 1", "BD1"),
        ("BD1 1HY", "BD1 1", "BD1"),
    ]
    call_command("import_postcodes", str(path), stdout=out)  # again, everything: updates in place
    assert Postcode.objects.count() == 3
    assert "skipped 2 rows" in out.getvalue()
    assert geo.locate("LS1 1UR").latitude == pytest.approx(53.796)


def test_a_file_without_the_columns_is_refused(tmp_path):
    path = tmp_path / "wrong.csv"
    path.write_text("code,x,y\nBD1 1HY,1,2\n")
    with pytest.raises(CommandError, match="pcds"):
        call_command("import_postcodes", str(path), stdout=StringIO())
