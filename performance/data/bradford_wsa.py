# ruff: noqa: E501 - transcribed text from the seed is kept whole, one string a line
"""The KPIs of Bradford's Written Statement of Action (September 2022), transcribed as data.

Source: seeds/000_0eebb898f0ef906b.txt (Bradford WSOA 2022): the outcome indicators and
success measures of tables 1-4 and the "Outcome Indicators WSOA 4" trajectory table (current
baseline, Mar 23, Sept 23, Mar 24, Sept 24), with each action's lead as the owner's post. Where the
WSOA names a measure OpenSEND holds (20-week plans, reviews, advice in plans, adulthood outcomes,
the Local Offer), the KPI takes its figures from the system; the rest are entered by their owner.

Also from the seeds: the 20-week target of 65% and the rolling-year figure in Bradford's scrutiny
report (seeds/001, para 2.46), and England's 2024 figures (DfE, as in design/STATUTORY_RULES.md).
Indicators the WSOA gives no figure for (OpenSEND's own statutory measures) carry no trajectory:
they show "No target yet" until a target is set.

Dates: "Mar 23" is taken as 31 March 2023, "January 2024" as 31 January 2024, "by 2024" as
31 December 2024, "2021/22" as 31 March 2022 (health years) unless the seed says otherwise.
Each entry: code, area, name, measures, unit, higher (is better), frequency, source, owner,
baseline (value, date, note) or None, targets [(date, value)], england [(date, value, source)],
counts_children, reference.
"""

from datetime import date

D = date
PCT, WEEKS = "percent", "weeks"
ENGLAND_2024 = "DfE, EHC plans statistics 2025 (calendar year 2024)"


def kpi(
    code,
    area,
    name,
    measures,
    *,
    source="manual",
    unit=PCT,
    higher=True,
    frequency="monthly",
    owner="",
    baseline=None,
    targets=(),
    england=(),
    counts_children=True,
    reference="",
):
    return {
        "code": code,
        "area": area,
        "name": name,
        "measures": measures,
        "source": source,
        "unit": unit,
        "higher": higher,
        "frequency": frequency,
        "owner": owner,
        "baseline": baseline,
        "targets": list(targets),
        "england": list(england),
        "counts_children": counts_children,
        "reference": reference,
    }


SEND = "Strategic Manager SEND CBMDC"
ASD = "Service Manager for Autism/ADHD waiting lists"
LDND = "Senior Head of Integration & Change CYP LD/ND BDC HCP"
MH = "Senior Head of Integration & Change Mental Health services BDC HCP"
SLT = "Service Manager Speech Communication & Language services BDCFT"
OT = "Service Manager OT and Physiotherapy BTHFT"
CLA = "Senior Head of Integration & Care - women's, children's & maternity BDC HCP"
BDCFT = "General Manager Community Services BDCFT"
PH = "Senior Public Health specialist CBMDC"
# The WSOA's area 4 trajectory columns.
MAR23, SEP23, MAR24, SEP24 = D(2023, 3, 31), D(2023, 9, 30), D(2024, 3, 31), D(2024, 9, 30)
WSOA_DATE = D(2022, 9, 30)


def area4(*values):
    return list(zip((MAR23, SEP23, MAR24, SEP24), values, strict=True))


KPIS = [
    # Area 1: poor communication between stakeholders across education, health and care.
    kpi(
        "1.1",
        "1",
        "Families and partners who feel kept informed",
        "Families and partners in the annual EHC survey who feel they are kept informed of progress",
        frequency="annual",
        source="survey_kept_informed",
        owner=SEND,
        baseline=(25, D(2022, 12, 31), "Annual survey 2022"),
        targets=[(D(2023, 12, 31), 35), (D(2024, 12, 31), 50), (D(2025, 12, 31), 65)],
        counts_children=False,
        reference="WSOA table 1, action 1.1.3, outcome indicator 1.1",
    ),
    kpi(
        "1.1b",
        "1",
        "Messages to families answered within the service level",
        "Messages from families and professionals answered within the published service level",
        source="messages_in_time",
        owner=SEND,
        counts_children=False,
        reference="WSOA outcome indicator 1.1 (SLAs on timeliness of response), the WSOA sets no figure",
    ),
    kpi(
        "1.2",
        "1",
        "Schools reporting better engagement on school place planning",
        "Schools in the review survey reporting improved engagement with the local authority on place planning",
        frequency="annual",
        owner="Strategic Manager Sufficiency CBMDC",
        targets=[(D(2024, 12, 31), 70)],
        counts_children=False,
        reference="WSOA table 1, action 1.2.2, outcome indicator 1.2",
    ),
    kpi(
        "1.5",
        "1",
        "Local Offer services with up-to-date information",
        "Open Local Offer services whose information was reviewed by its review date",
        source="local_offer_fresh",
        owner="Local Offer Lead CBMDC",
        targets=[(D(2023, 12, 31), 95)],
        counts_children=False,
        reference="WSOA table 1, action 1.5.1, outcome indicator 1.5",
    ),
    # Area 2: the variable quality of EHC plans. The statutory timeliness measures sit here too.
    kpi(
        "EHC-20W",
        "2",
        "New EHC plans issued within 20 weeks (including exceptions)",
        "New EHC plans issued within 20 weeks of the request, every case counted (reg 13(2))",
        source="plans_20w_including",
        owner=SEND,
        baseline=(70, WSOA_DATE, "Seven families out of ten get their plan within 20 weeks (WSOA area 2)"),
        targets=[(D(2022, 10, 1), 65)],
        england=[(D(2024, 12, 31), 45.9, ENGLAND_2024)],
        reference="WSOA area 2 narrative, 65% target from the October 2022 scrutiny report (seeds/001, 2.46)",
    ),
    kpi(
        "EHC-20W-X",
        "2",
        "New EHC plans issued within 20 weeks (excluding exceptions)",
        "New EHC plans issued within 20 weeks, leaving out cases with an exception to the time limit",
        source="plans_20w_excluding",
        owner=SEND,
        targets=[(D(2022, 10, 1), 65)],
        england=[(D(2024, 12, 31), 46.4, ENGLAND_2024)],
        reference="SEN2 Week20, local 65% target (seeds/001)",
    ),
    kpi(
        "EHC-6W",
        "2",
        "Decisions whether to assess within 6 weeks",
        "Decisions whether to carry out an EHC needs assessment made within 6 weeks of the request (reg 5(1))",
        source="decisions_6w",
        owner=SEND,
        england=[(D(2024, 12, 31), 84.8, ENGLAND_2024)],
        reference="Statutory measure, the WSOA sets no figure",
    ),
    kpi(
        "ADV-EP",
        "2",
        "Educational psychology advice within 6 weeks",
        "Educational psychology advice received within 6 weeks of the request (reg 8(1))",
        source="advice_6w_ep",
        owner="Principal Educational Psychologist CBMDC",
        reference="Statutory measure, the WSOA sets no figure",
    ),
    kpi(
        "ADV-HEALTH",
        "2",
        "Health advice within 6 weeks",
        "Health advice received within 6 weeks of the request (reg 8(1))",
        source="advice_6w_health",
        owner="Designated Clinical Officer",
        reference="Statutory measure, the WSOA sets no figure",
    ),
    kpi(
        "ADV-SC",
        "2",
        "Social care advice within 6 weeks",
        "Social care advice received within 6 weeks of the request (reg 8(1))",
        source="advice_6w_social_care",
        owner="DSCO Social Care Bradford Children's Trust",
        reference="Statutory measure, the WSOA sets no figure",
    ),
    kpi(
        "AR-12M",
        "2",
        "Annual reviews held in time",
        "Review meetings held within 12 months of the plan or the last review (6 months for under-fives)",
        source="reviews_in_time",
        owner=SEND,
        reference="WSOA objective 2.1, the WSOA sets no figure",
    ),
    kpi(
        "AR-4W",
        "2",
        "Review decisions within 4 weeks",
        "Decisions to maintain, amend or cease made within 4 weeks of the review meeting (reg 20(10))",
        source="review_decisions_4w",
        owner=SEND,
        england=[(D(2024, 12, 31), 44.4, ENGLAND_2024)],
        reference="Statutory measure, the WSOA sets no figure",
    ),
    kpi(
        "2.1",
        "2",
        "Amended plans re-issued in time after an annual review",
        "Amended EHC plans issued within 12 weeks of the review meeting",
        source="amended_12w",
        owner=SEND,
        targets=[(D(2024, 1, 31), 70), (D(2025, 1, 31), 80)],
        reference="WSOA table 2, action 2.1.2, outcome indicator 2.1",
    ),
    kpi(
        "2.2a",
        "2",
        "Plans with up-to-date social care advice",
        "Plans of children known to social care, or with social care needs, that have social care advice",
        source="plans_social_care_advice",
        owner="DSCO Social Care Bradford Children's Trust",
        targets=[(D(2024, 1, 31), 65), (D(2025, 1, 31), 80)],
        frequency="quarterly",
        reference="WSOA table 2, action 2.2.1, outcome indicator 2.2",
    ),
    kpi(
        "2.2b",
        "2",
        "Plans with up-to-date health advice",
        "Plans whose newest health advice was under 12 months old when the plan was issued",
        source="plans_health_advice",
        owner="Designated Clinical Officer",
        targets=[(D(2024, 1, 31), 65), (D(2025, 1, 31), 80)],
        frequency="quarterly",
        reference="WSOA table 2, action 2.2.2, outcome indicator 2.2",
    ),
    kpi(
        "2.3",
        "2",
        "Plans from Year 9 with preparing for adulthood outcomes",
        "Plans of young people in Year 9 and above with an outcome in each preparing for adulthood area",
        source="plans_pfa",
        owner=SEND,
        baseline=(30, WSOA_DATE, "Baseline currently 30% (WSOA 2.3.1)"),
        targets=[(D(2024, 1, 31), 75), (D(2025, 1, 31), 80)],
        frequency="quarterly",
        reference="WSOA table 2, action 2.3.1, outcome indicator 2.3",
    ),
    kpi(
        "2.4",
        "2",
        "Plans with outcomes for the right key stage",
        "Plans with no outcome set for a key stage the child has left",
        source="plans_key_stage",
        owner="SEND Team Manager CBMDC",
        targets=[(D(2024, 1, 31), 75), (D(2025, 1, 31), 80)],
        frequency="quarterly",
        reference="WSOA table 2, action 2.4, outcome indicator 2.4",
    ),
    kpi(
        "2.5",
        "2",
        "Plans judged sufficient by independent audit",
        "Audited EHC plans independently judged sufficient to meet the child's needs",
        source="plans_audited_good",
        owner=SEND,
        targets=[(D(2024, 1, 31), 70), (D(2025, 1, 31), 80)],
        frequency="quarterly",
        reference="WSOA table 2, action 2.5.3, outcome indicator 2.5",
    ),
    kpi(
        "2.6",
        "2",
        "Plans passing every quality check",
        "Current plans with no finding from OpenSEND's plan quality checks",
        source="plans_no_findings",
        owner=SEND,
        frequency="quarterly",
        reference="WSOA objective 2.5 (quality), the WSOA sets no figure",
    ),
    # Area 3: 0-19 health visiting, school nursing and specialist nursing.
    kpi(
        "3.1.1",
        "3",
        "Parents receiving an antenatal visit",
        "Women receiving the routine antenatal contact from the health visiting service",
        frequency="quarterly",
        owner=BDCFT,
        baseline=(34.3, D(2022, 3, 31), "2021/22"),
        targets=[(D(2022, 9, 30), 35), (D(2022, 12, 31), 40), (D(2023, 9, 30), 55)],
        reference="WSOA table 3, action 3.1.1",
    ),
    kpi(
        "3.1.2",
        "3",
        "Children receiving a 2-year check with ASQ-3 by 30 months",
        "Children receiving the routine 2 to 2.5-year review with an ASQ-3 assessment by age 30 months",
        frequency="quarterly",
        owner=BDCFT,
        baseline=(54.7, D(2022, 3, 31), "2021/22"),
        targets=[(D(2022, 9, 30), 90), (D(2022, 12, 31), 92), (D(2023, 3, 31), 92), (D(2023, 12, 31), 95)],
        reference="WSOA table 3, action 3.1.2",
    ),
    kpi(
        "3.2.1",
        "3",
        "Reception children screened for hearing",
        "Reception children screened for auditory impairment (cumulative over the school year, September to July)",
        frequency="termly",
        owner=BDCFT,
        baseline=(66.4, D(2020, 7, 31), "2019/20"),
        targets=[(D(2022, 12, 31), 40), (D(2023, 3, 31), 70), (D(2023, 7, 31), 90)],
        reference="WSOA table 3, action 3.2.1",
    ),
    kpi(
        "3.2.2",
        "3",
        "Reception children screened for vision",
        "Eligible reception children offered vision screening who take it up (cumulative over the school year)",
        frequency="termly",
        owner=PH,
        targets=[(D(2023, 7, 31), 93)],
        reference="WSOA table 3, action 3.2.2",
    ),
    kpi(
        "3.3.1",
        "3",
        "Training participants reporting a positive impact",
        "Partners and parent carers taking up the specialist nursing training offer who report a positive impact",
        frequency="quarterly",
        owner="Senior Head of Integration and Change (Women and Children) BDC HCP",
        targets=[(D(2023, 12, 31), 75)],
        counts_children=False,
        reference="WSOA table 3, action 3.3.1",
    ),
    kpi(
        "3.4.1",
        "3",
        "Family hub staff trained in SEND",
        "Prevention and Early Help staff in family hubs trained to the appropriate level",
        frequency="quarterly",
        owner="Prevention and Early Help service manager CBMDC",
        targets=[(D(2023, 7, 31), 75)],
        counts_children=False,
        reference="WSOA table 3, action 3.4.1",
    ),
    kpi(
        "3.4.2",
        "3",
        "People happy with family hub services",
        "People happy with the range and quality of the services in family hubs",
        frequency="annual",
        owner="Public Health CBMDC",
        targets=[(D(2023, 12, 31), 60)],
        counts_children=False,
        reference="WSOA outcome indicator 3.4.2",
    ),
    # Area 4: waiting times for health services (the "Outcome Indicators WSOA 4" table).
    kpi(
        "4.1a",
        "4",
        "Autism and ADHD: average wait for a first appointment",
        "Average weeks between referral and first appointment at the end of the reporting month",
        unit=WEEKS,
        higher=False,
        source="wait_autism_adhd_average",
        owner=ASD,
        baseline=(31, D(2022, 6, 30), "June 2022"),
        targets=area4(31, 29, 27, 26),
        reference="WSOA 4 outcome indicators, 1. Autism/ADHD, actions 4.1.1 4.1.2 4.1.3",
    ),
    kpi(
        "4.1b",
        "4",
        "Autism and ADHD: longest wait for a first appointment",
        "Longest wait in weeks between referral and first appointment at the end of the reporting month",
        unit=WEEKS,
        higher=False,
        source="wait_autism_adhd_longest",
        owner=ASD,
        baseline=(101, D(2022, 6, 30), "June 2022"),
        targets=area4(90, 60, 52, 45),
        reference="WSOA 4 outcome indicators, 1. Autism/ADHD, actions 4.1.1 4.1.2 4.1.3",
    ),
    kpi(
        "4.1c",
        "4",
        "Autism and ADHD: assessments started within 13 weeks",
        "Referrals for diagnostic assessment started within 13 weeks of referral (NICE guidance)",
        source="wait_autism_adhd_13w",
        owner=ASD,
        baseline=(0, WSOA_DATE, "Current baseline"),
        targets=area4(0.5, 3, 6, 12),
        reference="WSOA 4 outcome indicators, 1. Autism/ADHD, actions 4.1.1 4.1.2 4.1.3",
    ),
    kpi(
        "4.2",
        "4",
        "CAMHS: treatment started within 18 weeks",
        "Children and young people waiting no longer than 18 weeks from referral to treatment in CAMHS "
        "(excluding eating disorders and neurodiversity referrals)",
        source="wait_camhs_18w",
        owner=MH,
        baseline=(85, WSOA_DATE, "Current baseline"),
        targets=area4(85, 90, 90, 90),
        reference="WSOA 4 outcome indicators, 2. CAMHS, actions 4.2.1 4.2.2 4.2.3",
    ),
    kpi(
        "4.3",
        "4",
        "Speech and language therapy: assessment within 18 weeks",
        "Children and young people beginning speech and language therapy assessment within 18 weeks of referral",
        source="wait_salt_18w",
        owner=SLT,
        baseline=(54, WSOA_DATE, "Current baseline"),
        targets=area4(65, 75, 85, 90),
        reference="WSOA 4 outcome indicators, 3. Speech Language Therapy, actions 4.3.1 4.3.2 4.3.3",
    ),
    kpi(
        "4.4",
        "4",
        "Specialist equipment within 18 weeks",
        "Children and young people receiving specialist equipment within 18 weeks of referral for assessment",
        source="wait_equipment_18w",
        owner=OT,
        targets=area4(50, 65, 75, 80),
        reference="WSOA 4 outcome indicators, 4. Specialist Equipment, actions 4.4.1 4.4.2 4.4.3",
    ),
    kpi(
        "4.5",
        "4",
        "Wheelchairs within 18 weeks",
        "Children and young people receiving a wheelchair within 18 weeks of referral for assessment",
        source="wait_wheelchairs_18w",
        owner=OT,
        baseline=(75, WSOA_DATE, "Current baseline"),
        targets=area4(80, 80, 80, 80),
        reference="WSOA 4 outcome indicators, 5. Wheelchairs, actions 4.4.1 4.4.2 4.4.3",
    ),
    # The September targets are year-to-date figures part way through the health year, as the WSOA has them.
    kpi(
        "4.7a",
        "4",
        "Annual health checks, ages 14-18 on the GP LD register",
        "Young people aged 14-18 on the GP learning disability register receiving an annual health check "
        "(year to date; the health year runs April to March)",
        owner=LDND,
        baseline=(66, D(2022, 3, 31), "2021/22"),
        targets=area4(70, 20, 80, 20),
        reference="WSOA 4 outcome indicators, 7. Annual Health Checks, actions 4.6.1 4.6.2",
    ),
    kpi(
        "4.7b",
        "4",
        "Annual health checks, ages 19-25 on the GP LD register",
        "Young people aged 19-25 on the GP learning disability register receiving an annual health check "
        "(year to date; the health year runs April to March)",
        owner=LDND,
        baseline=(67, D(2022, 3, 31), "2021/22"),
        targets=area4(70, 20, 80, 20),
        reference="WSOA 4 outcome indicators, 7. Annual Health Checks, actions 4.6.1 4.6.2",
    ),
    kpi(
        "4.8a",
        "4",
        "Initial health assessments for children in care within 20 working days",
        "Children coming into care receiving an initial health assessment within 20 working days",
        source="iha_on_time",
        owner=CLA,
        baseline=(4, WSOA_DATE, "Current baseline"),
        targets=area4(40, 60, 80, 90),
        reference="WSOA 4 outcome indicators, 8. IHA/RHA for CLA, actions 4.7.1 4.7.2 4.7.3",
    ),
    kpi(
        "4.8b",
        "4",
        "Review health assessments for children in care in time",
        "Children in care receiving a review health assessment within statutory timescales "
        "(6 months for under-fives, a year for ages 5-18)",
        source="rha_on_time",
        owner=CLA,
        baseline=(37, WSOA_DATE, "Current baseline"),
        targets=area4(55, 75, 85, 90),
        reference="WSOA 4 outcome indicators, 8. IHA/RHA for CLA, actions 4.7.1 4.7.2 4.7.3",
    ),
]

AREAS = {
    "1": "Poor communication between stakeholders across education, health and care",
    "2": "The variable quality of EHC plans",
    "3": "The inconsistent delivery of the 0 to 19 health visiting, school nursing and specialist nursing services",
    "4": "Children and young people wait too long for assessments, treatment and diagnosis",
    "5": "Education, health and care services do not work together well; joint commissioning is underdeveloped",
}
