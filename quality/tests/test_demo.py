"""The demo area has an audit cycle under way: past months audited, this month's samples with work
for the demo auditor, a disagreement for the manager, and KPI 2.5 counted from the audits."""

from io import StringIO

import pytest
from django.core.management import call_command

from accounts.models import User
from performance.models import KPI
from quality.models import Audit, AuditStatus, QualityAction, Sample

pytestmark = pytest.mark.django_db


def test_the_demo_has_samples_audits_a_disagreement_and_the_kpi(settings, tmp_path):
    settings.DEBUG = True
    call_command(
        "seed_demo",
        scale=0.02,
        seed=7,
        logins_file=str(tmp_path / "logins.json"),
        stdout=StringIO(),
        stderr=StringIO(),
    )
    auditor = User.objects.get(username=_demo_username("auditor", tmp_path))
    assert (
        Sample.objects.filter(theme="in_care").exists() and Sample.objects.filter(kind="random").count() >= 2
    )
    assert Audit.objects.filter(auditor=auditor, status=AuditStatus.ASSIGNED).exists()
    assert Audit.objects.filter(status=AuditStatus.MODERATING).count() == 1
    assert Audit.objects.filter(status=AuditStatus.SUBMITTED).count() >= 6
    assert QualityAction.objects.exists()
    assert KPI.objects.get(code="2.5").measurements.exists()


def _demo_username(role, tmp_path):
    import json

    logins = json.loads((tmp_path / "logins.json").read_text())
    return next(login["username"] for login in logins if login["role"] == role)
