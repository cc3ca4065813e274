from datetime import date

from clock.health import initial_health_assessment_due, review_health_assessment_due


def test_the_initial_health_assessment_is_due_20_working_days_after_coming_into_care():
    # Monday 1 December 2025: Christmas Day and Boxing Day are not working days.
    assert initial_health_assessment_due(date(2025, 12, 1)) == date(2025, 12, 31)
    # Monday 3 March 2025: four full working weeks.
    assert initial_health_assessment_due(date(2025, 3, 3)) == date(2025, 3, 31)


def test_reviews_are_six_monthly_under_five_and_yearly_from_five():
    born = date(2021, 1, 10)
    assert review_health_assessment_due(born, date(2025, 6, 1)) == date(2025, 11, 30)  # aged 4
    assert review_health_assessment_due(born, date(2026, 1, 10)) == date(2027, 1, 9)  # aged 5
