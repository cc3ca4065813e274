"""Demo data for people: Brookfield's schools and settings, its children with SEND and their
families. Proportions follow the national SEN2 and school census figures closely enough to look
real; every name, number and address is made up (NHS numbers use the 999 test range)."""

import copy
import itertools
from datetime import UTC, date, datetime, time, timedelta

from django.conf import settings as django_settings
from simple_history.utils import bulk_create_with_history

from clock import dates
from core.demo import (
    ENGLISH,
    ENGLISH_CODES,
    ETHNICITY,
    FIRST_LANGUAGE,
    NICKNAMES,
    UniqueNames,
    Weighted,
    address,
    chance,
    make_uuid,
    person_name,
    phone,
    slug,
    words,
)
from people.demo_returns import add_return_fields
from people.models import Child, ChildRelationship, ParentCarer, Setting
from people.validators import nhs_check_digit, upn_check_letter

BATCH = 2000
PLANS_AT_SCALE_1 = 5000
SEN_SUPPORT_AT_SCALE_1 = 12000
# Neighbouring (fictional) areas: LA code, town, postcode prefix.
NEIGHBOURS = [("998", "Lowmoor", "LW"), ("997", "Kirkholme", "KH")]


def spaced(word):
    """Names in the tables below write spaces as underscores: "High_School"."""
    return word.replace("_", " ")


PLACE_ROOTS = words(
    "Alder Ash Beck Birch Bramble Brook Carr Cliff Clough Copley Dale Elm Fern Fold Gill Hazel Heath Holme "
    "Ing Kirk Lark Lea Low Mill Moor Oak Park Rowan Shaw Stone Thorn Wharf Willow Wold Wood Hollin"
)
PLACE_ENDINGS = words("Lane Bank side Hill field Green Top royd croft dene Edge Road gate")
SAINTS = [
    "St Mary's", "St Joseph's", "St John's", "St Cuthbert's", "St Oswald's", "St Winefride's", "St Anne's",
    "St Peter's", "St Francis'", "St Matthew's", "St Paul's", "St Chad's",
]  # fmt: skip
PRIMARY_NAMES = Weighted.parse("Primary_School 60 Primary_Academy 25 Community_Primary_School 15", key=spaced)
SECONDARY_NAMES = Weighted.parse(
    "Academy 40 High_School 35 School 15 Community_College 8 Grammar_School 2", key=spaced
)
NA = "not_applicable"  # GIAS phase of special schools and PRUs
# URN and DfE establishment number ranges by kind of setting.
NUMBERING = {
    "early_years": (910000, 1000), "primary": (920000, 2000), "secondary": (940000, 4000),
    "post16": (950000, 8000), "pru": (960000, 1100), "special": (970000, 7000), "independent": (980000, 6000),
}  # fmt: skip

# Share of national SEN2 (plans) and school census (SEN support) primary needs.
PLAN_NEEDS = Weighted.parse(
    "ASD 33 SLCN 21 SEMH 15 MLD 8 SLD 7 PD 4 SPLD 3 HI 2 VI 1 PMLD 1.5 MSI 0.5 DS 1 OTH 3"
)
SUPPORT_NEEDS = Weighted.parse("SLCN 25 SEMH 20 MLD 18 SPLD 13 ASD 9 OTH 6 PD 3 HI 2 VI 1 MSI 1 DS 2")
BOYS = {"ASD": 0.8, "SEMH": 0.75, "SLCN": 0.72}  # share of boys by need; others 0.6

# National curriculum year group (-4 is a baby, 20 a 25-year-old) and relative numbers.
PLAN_YEARS = Weighted.parse(
    "-4 0.2 -3 0.5 -2 1 -1 1.8 0 2.5 1 3.5 2 4.2 3 4.8 4 5.3 5 5.8 6 6.2 7 6.8 8 6.8 9 6.6 10 6.5 11 6.3 "
    "12 5.2 13 4.4 14 3 15 1.8 16 1.2 17 0.9 18 0.6 19 0.4 20 0.3",
    key=int,
)
SUPPORT_YEARS = Weighted.parse("0 5 1 7 2 8 3 9 4 9.5 5 10 6 10 7 9.5 8 9 9 8.5 10 8 11 7", key=int)

# Where children are placed, by the last year group a band covers. "none": no setting (too young,
# educated at home or otherwise, or a young adult in work or not in education).
PLAN_PLACES = {
    -3: "early_years 35 none 65",
    -1: "early_years 65 special 20 none 15",
    6: "mainstream 62 special 32 independent 4 pru 1 none 1",
    11: "mainstream 45 special 40 independent 8 pru 4 none 3",
    13: "post16 45 special 20 mainstream 15 independent 8 none 12",
    20: "post16 50 independent 10 special 5 none 35",
}
# SEN support is a school's (or setting's) provision: every child on it is on a roll.
SUPPORT_PLACES = {6: "mainstream 99.5 pru 0.5", 11: "mainstream 97 pru 3"}
# Needs that make some placements likelier (a child with PMLD is mostly in a special school).
NEED_BIAS = {
    "PMLD": {"special": 5}, "SLD": {"special": 3}, "MSI": {"special": 2}, "DS": {"special": 1.5},
    "SEMH": {"pru": 3}, "SPLD": {"special": 0.3}, "HI": {"special": 0.6}, "VI": {"special": 0.6},
}  # fmt: skip
CATEGORY_TYPES = {
    "mainstream": {"mainstream", "resourced"}, "special": {"special"}, "pru": {"pru"},
    "post16": {"post16"}, "early_years": {"early_years"}, "independent": {"independent", "out_of_area"},
}  # fmt: skip
# "-" is not known to social care.
SOCIAL_CARE = {
    "E": Weighted.parse("- 85 CIN 8 CP 3 LAC 4", key=lambda code: code.strip("-")),
    "K": Weighted.parse("- 93 CIN 4.5 CP 1.5 LAC 1", key=lambda code: code.strip("-")),
}
CONTACT = Weighted.parse("email 60 sms 20 phone 12 letter 8")
ONE_CARER = Weighted.parse("mother 80 father 12 grandparent 4 special_guardian 2 other_carer 2")
TWO_CARERS = Weighted.parse(
    "mother+father 85 mother+step_parent 10 father+step_parent 3 grandparent+grandparent 2",
    key=lambda pair: tuple(pair.split("+")),
)
# Chance each kind of carer holds parental responsibility.
RESPONSIBILITY = {
    "mother": 0.97, "father": 0.95, "step_parent": 0.2, "grandparent": 0.15, "special_guardian": 1,
    "other_carer": 0.1, "foster_carer": 0,
}  # fmt: skip
CARER_SEX = {"mother": "F", "father": "M"}


def area_exists() -> bool:
    """The database already has children: seed_demo fills only an empty one."""
    return Child.objects.exists()


def build(context):
    la_code = django_settings.AREA_LA_CODE
    settings_list, numbers = make_settings(context, la_code)
    save(context, Setting, settings_list, "Schools and settings")
    context.data["settings"] = settings_list
    context.data["establishment_numbers"] = numbers

    maker = ChildMaker(context, settings_list, numbers, la_code)
    plans = [
        maker.child("E", PLAN_YEARS.pick(context.rng))
        for _ in context.progress(range(round(PLANS_AT_SCALE_1 * context.scale)), "Children with EHC plans")
    ]
    support = [
        maker.child("K", SUPPORT_YEARS.pick(context.rng))
        for _ in context.progress(
            range(round(SEN_SUPPORT_AT_SCALE_1 * context.scale)), "Children on SEN support"
        )
    ]
    add_return_fields(context, plans + support)  # SEN2 and Annex A fields, from a stream of their own
    save(context, Child, plans + support, "Saving children", history=True)
    earlier_places(context, plans + support)
    context.data["children_with_plans"] = plans
    context.data["children_sen_support"] = support

    parents, links = [], []
    emails = UniqueNames()
    for child in context.progress(plans + support, "Families"):
        for parent, link in make_family(context.rng, child, emails):
            parents.append(parent)
            links.append(link)
    save(context, ParentCarer, parents, "Saving parents and carers")
    save(context, ChildRelationship, links, "Saving family links")
    context.data["parents"] = parents
    context.data["relationships"] = links
    return {
        "settings": len(settings_list),
        "children with EHC plans": len(plans),
        "children on SEN support": len(support),
        "parents and carers": len(parents),
        "family links": len(links),
    }


def save(context, model, objs, label, history=False):
    """bulk_create in batches under a progress bar; history rows too where asked (Child)."""
    batches = [objs[i : i + BATCH] for i in range(0, len(objs), BATCH)]
    for batch in context.progress(batches, label):
        if history:
            bulk_create_with_history(batch, model, batch_size=BATCH, default_change_reason="Demo data")
        else:
            model.objects.bulk_create(batch, batch_size=BATCH)


def earlier_places(context, children):
    """The record's history before the demo: for each child who moved to their setting this
    academic year, a snapshot dated the day they started at the one before (people.demo_returns),
    so the record says where they were on an earlier day (the SEN2 census reads it)."""
    moved = [child for child in children if getattr(child, "earlier_place", None)]
    snapshots = []
    for child in moved:
        setting, started = child.earlier_place
        then = copy.copy(child)  # only plain attributes change: the related-object cache is shared
        then.setting_id, then.setting_started_on = setting.pk, started
        then.specialist_provision, then.residential_placement, then.work_based_learning = "", False, False
        then._history_date = datetime.combine(started, time(9), tzinfo=UTC)
        then._change_reason = "Demo data: the setting before this one"
        snapshots.append(then)
    batches = [snapshots[i : i + BATCH] for i in range(0, len(snapshots), BATCH)]
    for batch in context.progress(batches, "Earlier settings"):
        Child.history.bulk_history_create(batch, batch_size=BATCH)
    # The demo's own snapshot of these records is now a change, not their creation.
    ids = [child.pk for child in moved]
    for i in range(0, len(ids), 900):
        seeded = Child.history.filter(id__in=ids[i : i + 900], history_change_reason="Demo data")
        seeded.update(history_type="~")


def make_settings(context, la_code):
    """About 230 settings in a fixed mix; the count does not grow with --scale."""
    rng = context.rng
    places = [
        root + end if end.islower() else f"{root} {end}"
        for root, end in itertools.product(PLACE_ROOTS, PLACE_ENDINGS)
    ]
    rng.shuffle(places)
    made, numbers, counters = [], {}, {}

    def add(kind, name, setting_type, phase, ages, establishment_type, neighbour=None):
        counters[kind] = counters.get(kind, 0) + 1
        urn_base, number_base = NUMBERING[kind]
        urn = urn_base + counters[kind]
        code, town, prefix = neighbour or (la_code, django_settings.AREA_NAME, "BF")
        street, postcode = address(rng, prefix)
        setting = Setting(
            public_id=make_uuid(rng),
            urn=urn,
            ukprn=f"10{urn:06d}",
            name=name,
            la_code=code,
            establishment_type=establishment_type,
            phase=phase,
            setting_type=setting_type,
            statutory_low_age=ages[0],
            statutory_high_age=ages[1],
            address=street,
            town=town,
            postcode=postcode,
        )
        made.append(setting)
        numbers[urn] = f"{number_base + counters[kind]:04d}"

    for i in range(150):
        if i < len(SAINTS):
            church = "Catholic" if i % 2 else "CofE"
            name, kind = f"{SAINTS[i]} {church} Primary School", "Voluntary aided school"
        else:
            name = f"{places.pop()} {PRIMARY_NAMES.pick(rng)}"
            kind = school_type(rng, name)
        # A few primaries have a resourced provision (an SEN unit).
        add("primary", name, "resourced" if i % 25 == 7 else "mainstream", "primary", (4, 11), kind)
    for i in range(30):
        name = f"{places.pop()} {SECONDARY_NAMES.pick(rng)}"
        setting_type = "resourced" if i % 4 == 0 else "mainstream"
        ages = (11, 18) if i % 2 else (11, 16)  # half have a sixth form
        add("secondary", name, setting_type, "secondary", ages, school_type(rng, name))
    for i in range(10):
        name = f"{places.pop()} {rng.choice(['School', 'Academy'])}"
        ages = [(2, 11), (11, 19), (2, 19)][i % 3]
        add("special", name, "special", NA, ages, school_type(rng, name, "special "))
    for name, ages in [
        ("The Harbour Learning Centre", (11, 16)),
        (f"{places.pop()} Pupil Referral Unit", (11, 16)),
        ("Brookfield Alternative Provision Academy", (11, 16)),
        (f"{places.pop()} Primary Inclusion Centre", (5, 11)),
    ]:
        add("pru", name, "pru", NA, ages, "Pupil referral unit")
    add("post16", "Brookfield College", "post16", "post16", (16, 99), "Further education")
    add("post16", f"{places.pop()} Sixth Form College", "post16", "post16", (16, 19), "Sixth form centres")
    add("post16", f"{places.pop()} College", "post16", "post16", (16, 99), "Further education")
    for i in range(25):
        if i < 5:
            name, ages, kind = f"{places.pop()} Nursery School", (2, 4), "Local authority nursery school"
        else:
            name = f"{places.pop()} {rng.choice(['Day Nursery', 'Pre-School', 'Nursery'])}"
            ages, kind = (0, 4), "Private, voluntary or independent nursery"
        add("early_years", name, "early_years", "nursery", ages, kind)
    # Out of the area: independent special schools, a specialist college and neighbours' schools.
    for i in range(4):
        name = f"{places.pop()} {rng.choice(['Hall', 'House'])} School"
        ages = [(7, 19), (11, 19)][i % 2]
        add(
            "independent",
            name,
            "independent",
            NA,
            ages,
            "Other independent special school",
            NEIGHBOURS[i % 2],
        )
    name, kind = f"{places.pop()} Specialist College", "Special post 16 institution"
    add("independent", name, "independent", "post16", (16, 25), kind, NEIGHBOURS[0])
    for i in range(3):
        name, kind = f"{places.pop()} School", "Community special school"
        add("special", name, "out_of_area", NA, (2, 19), kind, NEIGHBOURS[i % 2])
    return made, numbers


def school_type(rng, name, special=""):
    """A GIAS establishment type that fits the name: academies are called academies."""
    if "Academy" in name:
        return rng.choice([f"Academy {special}converter", f"Academy {special}sponsor led"])
    return rng.choice([f"Community {special}school", f"Foundation {special}school"])


class ChildMaker:
    """Makes one child at a time, keeping UPNs and NHS numbers unique."""

    def __init__(self, context, settings_list, numbers, la_code):
        self.rng = context.rng
        self.today = context.today
        self.settings = settings_list
        self.numbers = numbers
        self.la_code = la_code
        self.primary_numbers = [numbers[s.urn] for s in settings_list if s.phase == "primary" and s.in_area]
        # How many pupils each setting draws, relatively: schools differ in size.
        self.sizes = {s.urn: self.rng.uniform(0.5, 1.6) for s in settings_list}
        self.upns, self.nhs_numbers = set(), set()
        self.choosers, self.placers = {}, {}

    def child(self, provision, year):
        rng = self.rng
        plan = provision == "E"
        needs = PLAN_NEEDS if plan else SUPPORT_NEEDS
        need = needs.pick(rng)
        secondary = ""
        if chance(rng, 0.4):
            while secondary in ("", need):
                secondary = needs.pick(rng)
        sex = "M" if chance(rng, BOYS.get(need, 0.6)) else "F"
        ethnicity = ETHNICITY.pick(rng)
        first, last = person_name(rng, ethnicity, sex)
        language = FIRST_LANGUAGE.get(ethnicity, ENGLISH).pick(rng)
        born = self.birth_date(year)
        age = dates.age_on(born, self.today)
        setting = self.place(provision, year, need)
        care = SOCIAL_CARE[provision].pick(rng)
        if age >= 18:  # the Children Act's plans stop at 18; looked-after children become care leavers
            care = "CL" if care == "LAC" else ""
        street, postcode = address(rng)
        child = Child(
            public_id=make_uuid(rng),
            legal_first_name=first,
            legal_last_name=last,
            preferred_name=NICKNAMES[first] if first in NICKNAMES and chance(rng, 0.35) else "",
            date_of_birth=born,
            upn=self.upn(year, setting),
            nhs_number=self.nhs_number(),
            sex=sex,
            ethnicity=ethnicity,
            first_language=language,
            interpreter_needed=language not in ENGLISH_CODES and chance(rng, 0.1),
            address=street,
            postcode=postcode,
            setting=setting,
            sen_provision=provision,
            primary_need=need,
            secondary_need=secondary,
            social_care_status=care,
        )
        if plan and setting is not None and 0 <= year <= 11 and chance(rng, 0.02):
            child.year_group_override = year - 1  # taught a year below their own
        child.search_name = child.build_search_name()  # bulk_create skips save()
        return child

    def birth_date(self, year):
        cohort = dates.academic_year_start(self.today) - 5 - year
        start = date(cohort, 9, 1)
        end = min(date(cohort + 1, 8, 31), self.today)
        return start + timedelta(days=self.rng.randint(0, (end - start).days))

    def place(self, provision, year, need):
        table = PLAN_PLACES if provision == "E" else SUPPORT_PLACES
        last = next(last for last in table if year <= last)
        key = (provision, last, need)
        if key not in self.placers:
            bias = NEED_BIAS.get(need, {})
            band = Weighted.parse(table[last])
            self.placers[key] = Weighted({c: w * bias.get(c, 1) for c, w in band.weights.items()})
        category = self.placers[key].pick(self.rng)
        if category == "none":
            return None
        chooser = self.chooser(category, year, provision == "E")
        if chooser is None and provision == "K":  # no unit for their age: on a mainstream school's roll
            chooser = self.chooser("mainstream", year, False)
        return chooser.pick(self.rng) if chooser else None

    def chooser(self, category, year, plan):
        key = (category, year, plan)
        if key not in self.choosers:
            # Statutory ages are "from" and "to": Reception (year 0) starts at 4, ends at 5.
            fits = {
                s: self.sizes[s.urn] * (4 if plan and s.setting_type == "resourced" else 1)
                for s in self.settings
                if s.setting_type in CATEGORY_TYPES[category]
                and s.statutory_low_age <= year + 4
                and year + 5 <= s.statutory_high_age
            }
            self.choosers[key] = Weighted(fits) if fits else None
        return self.choosers[key]

    def upn(self, year, setting):
        """LA code, establishment number, year of issue, serial (DfE UPN guidance)."""
        rng = self.rng
        wanted = 0.1 if year < 0 else 0.95 if year <= 13 else 0.75
        if not chance(rng, wanted):
            return None
        la_code = self.la_code if chance(rng, 0.92) else rng.choice(NEIGHBOURS)[0]
        if setting is not None and setting.phase == "primary" and setting.in_area:
            number = self.numbers[setting.urn]
        else:
            number = rng.choice(self.primary_numbers)
        this_year = dates.academic_year_start(self.today)
        issued = min(this_year - year, this_year) % 100  # the year they started Reception
        while True:
            body = f"{la_code}{number}{issued:02d}{rng.randint(0, 999):03d}"
            if body not in self.upns:
                self.upns.add(body)
                return upn_check_letter(body) + body

    def nhs_number(self):
        if not chance(self.rng, 0.9):
            return None
        while True:
            first_nine = f"999{self.rng.randint(0, 999999):06d}"  # 999: NHS test range
            check = nhs_check_digit(first_nine)
            if check is not None and first_nine not in self.nhs_numbers:
                self.nhs_numbers.add(first_nine)
                return f"{first_nine}{check}"


def make_family(rng, child, emails):
    """One or two carers for a child, each with a verified link."""
    if child.social_care_status in ("LAC", "CL"):
        kinds = ["foster_carer"] + (["mother"] if chance(rng, 0.5) else [])
    elif chance(rng, 0.45):
        kinds = [ONE_CARER.pick(rng)]
    else:
        kinds = list(TWO_CARERS.pick(rng))
    family = []
    for position, kind in enumerate(kinds):
        foster = kind == "foster_carer"
        ethnicity = ETHNICITY.pick(rng) if foster else child.ethnicity
        first, last = person_name(rng, ethnicity, CARER_SEX.get(kind, "U"))
        if kind in ("mother", "father") and chance(rng, 0.8):
            last = child.legal_last_name
        language = child.first_language if not foster and chance(rng, 0.85) else "ENG"
        preference = CONTACT.pick(rng)
        email = ""
        if preference != "letter" or chance(rng, 0.5):
            email = emails.take(f"{slug(first)}.{slug(last)}") + "@example.com"
        street, postcode = (child.address, child.postcode)
        if position and not chance(rng, 0.8):
            street, postcode = address(rng)
        parent = ParentCarer(
            public_id=make_uuid(rng),
            first_name=first,
            last_name=last,
            email=email,
            phone=phone(rng) if chance(rng, 0.9) else "",
            address=street,
            postcode=postcode,
            contact_preference=preference,
            language=language,
            interpreter_needed=language not in ENGLISH_CODES and chance(rng, 0.35),
        )
        link = ChildRelationship(
            child=child,
            parent_carer=parent,
            relationship=kind,
            verified=True,
            parental_responsibility=chance(rng, RESPONSIBILITY[kind]),
        )
        family.append((parent, link))
    return family
