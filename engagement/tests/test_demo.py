"""engagement.demo through seed_demo: a year of family survey answers that KPI 1.1 is measured
from, disagreements on refused requests with their deadlines, and the public themes."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse

from engagement.models import MediationCase, SurveyResponse, TrainingPair, YouSaid
from engagement.survey_measures import training_difference
from performance.models import KPI

pytestmark = pytest.mark.django_db


@pytest.fixture
def seeded(settings, tmp_path):
    settings.DEBUG = True  # seed_demo refuses to run without it
    out = StringIO()
    call_command(
        "seed_demo", scale=0.02, seed=7, logins_file=str(tmp_path / "l.json"), stdout=out, stderr=StringIO()
    )
    return out.getvalue()


def test_the_demo_has_survey_answers_that_feed_kpi_1_1(seeded, client):
    assert "engagement.demo.build:" in seeded
    assert MediationCase.objects.exists()
    assert SurveyResponse.objects.filter(survey__title="Keeping families informed").count() >= 60
    figures = list(KPI.objects.get(code="1.1").measurements.order_by("period_start"))
    assert len(figures) == 12
    assert all(f.denominator == 5 for f in figures)  # 5 answers a month at this scale
    assert all(f.origin == "system" for f in figures)
    for mediation in MediationCase.objects.all():
        assert mediation.certificate_due_on is not None
        # Against a decision not to assess, or about what an issued plan says (SEN2 OtherMediation).
        expected = {"request": "not_assessed", "other": "final"}[mediation.about]
        assert mediation.case.stage == expected
    (pair,) = TrainingPair.objects.all()
    (difference,) = training_difference(pair)
    assert difference.change > 0
    public = client.get(reverse("voice:public")).content.decode()
    for theme in YouSaid.objects.filter(published=True):
        assert theme.we_did in public
