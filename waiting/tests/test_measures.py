from datetime import date

import pytest

from waiting.measures import at_month_end, at_month_ends
from waiting.tests.factories import ReferralFactory, pathways

pytestmark = pytest.mark.django_db

JUNE = date(2025, 6, 30)


@pytest.fixture
def camhs():
    camhs = pathways()["camhs"]  # clock stops at treatment
    for referred, changes in [
        (date(2025, 6, 2), {}),  # 28 days: 4 weeks
        (date(2025, 3, 3), {}),  # 119 days: 17 weeks
        (date(2024, 9, 2), {}),  # 301 days: 43 weeks
        (date(2024, 1, 1), {"date_of_birth": date(2009, 1, 1)}),  # 546 days: 78 weeks, aged 16
        (date(2025, 4, 7), {"first_appointment": date(2025, 5, 1)}),  # 84 days; seen, not yet treated
        (date(2025, 1, 6), {"treatment_start": date(2025, 5, 1)}),  # treated: off the list in May
        (date(2025, 7, 1), {}),  # referred after the month end
        (date(2025, 2, 3), {"ended_on": date(2025, 6, 15), "end_reason": "moved"}),  # removed
    ]:
        ReferralFactory(pathway=camhs, referral_date=referred, **changes)
    ReferralFactory(pathway=pathways()["salt"], referral_date=date(2025, 6, 2))
    return camhs


def test_june_figures_for_camhs_worked_by_hand(camhs):
    figures = at_month_end(JUNE)[camhs.pk]
    june = figures.all
    assert june.waiting == 5
    assert june.average_weeks == 30.8  # (28 + 119 + 301 + 546 + 84) days / 7 / 5
    assert june.longest_weeks == 78
    assert (june.pct_within_13, june.pct_within_18) == (40.0, 60.0)
    assert june.bands == {"0-13": 2, "13-18": 1, "18-52": 1, "52+": 1}
    assert figures.by_age["5-10"].waiting == 4
    assert figures.by_age["16-25"].waiting == 1 and figures.by_age["16-25"].longest_weeks == 78
    assert at_month_end(JUNE)[pathways()["salt"].pk].all.waiting == 1


def test_a_referral_is_on_the_list_until_its_clock_stops(camhs):
    months = at_month_ends([date(2025, 4, 30), date(2025, 5, 31), JUNE], [camhs])
    # April: everyone referred by then and not yet treated or removed (the removed one too).
    assert months[(camhs.pk, date(2025, 4, 30))].all.waiting == 6
    assert months[(camhs.pk, date(2025, 5, 31))].all.waiting == 5
    assert months[(camhs.pk, JUNE)].all.waiting == 5


def test_an_empty_list_has_no_average(camhs):
    figures = at_month_end(date(2023, 12, 31))[camhs.pk].all
    assert figures.waiting == 0 and figures.average_weeks is None and figures.pct_within_13 is None


def test_the_queries_do_not_grow_with_referrals_or_months(camhs, django_assert_num_queries):
    for day in range(1, 29):
        ReferralFactory(pathway=camhs, referral_date=date(2025, 2, day))
    ends = [date(2025, m, 28) for m in range(1, 13)]
    with django_assert_num_queries(2):
        at_month_ends(ends)


def test_figures_break_down_by_area_and_need_in_the_same_two_queries(django_assert_num_queries):
    from people.tests.factories import ChildFactory
    from waiting.measures import NOT_KNOWN, at_month_end, postcode_district

    assert postcode_district("bd8 7qt") == "BD8" and postcode_district("BD87QT") == "BD8"
    camhs = pathways()["camhs"]
    on = date(2026, 5, 31)
    child = ChildFactory(postcode="BD8 7QT", primary_need="ASD")
    ReferralFactory(pathway=camhs, child=child, nhs_number=child.nhs_number, referral_date=date(2026, 4, 1))
    ReferralFactory(pathway=camhs, referral_date=date(2026, 3, 1))
    with django_assert_num_queries(1):
        figures = at_month_end(on, [camhs])[camhs.pk]
    assert {k: f.waiting for k, f in figures.by_area.items()} == {"BD8": 1, NOT_KNOWN: 1}
    assert {k: f.waiting for k, f in figures.by_need.items()} == {"ASD": 1, NOT_KNOWN: 1}
