"""Demo data for plans: an EHC plan for every child with one in Brookfield, and a draft for every
assessment now being drafted or with the family.

A plan from an assessment in the last three years is issued on the case's final plan date with the
advice the case received in section K; older plans are invented. A plan first issued more than
14 months ago has been amended after an annual review, mostly within the last year. Quality is
what real areas see: most plans are specific and joined up, but about a third fail some check:
vague or unquantified provision, missing preparing for adulthood outcomes from Year 9, health or
social care advice missing or out of date, no school or setting named.

Fast: the issued plans (thousands of them, history) are planned in Python as plain specs and
written with bulk_create, not through plans.services (which checks, audits and locks one step at a
time); but each version is first asked plans.lifecycle.recorded_refusal, the rules the services
refuse with (the family's 15 days, a draft naming no school, no date in the future), and a version
that breaks one stops the seed. An amendment's items keep the keys of the version before, as
services.start_amendment would. The drafts of assessments still open are sent to the family
through plans.services.serve_draft itself, as the case page does.
"""

from collections import defaultdict
from datetime import date, timedelta

from django.db.models import OuterRef, Subquery

from casework import demo as case_demo
from casework.models import AdviceRequest, CaseEvent, Stage
from clock import dates
from clock.case_events import EventKind
from core.demo import chance, make_uuid
from plans import demo_text as text
from plans import lifecycle, services
from plans.codes import KNOWN_TO_SOCIAL_CARE, PFA_FROM_YEAR, PlanKind, PlanStatus
from plans.content import OUTCOME_NEEDS, PROVISION_NEEDS, PROVISION_OUTCOMES
from plans.models import AdviceEntry, EHCPlan, Need, Outcome, PlanVersion, Provision

BATCH = 2000
REVIEWED_AFTER_DAYS = 425  # a plan first issued more than about 14 months ago has been amended
REVIEW_OVERDUE = 0.12  # ... but some reviews are late, so the current version is over a year old
# The shares of plans with each weakness (tuned so that about a third fail some check).
VAGUE = 0.1
PFA_GAP = 0.2  # of plans for Year 9 and above
HEALTH_ADVICE_MISSING = 0.06  # of plans with health needs
HEALTH_ADVICE_NOT_UPDATED = 0.06  # an amendment that kept the old health advice
SOCIAL_CARE_ADVICE_MISSING = 0.2  # of children known to social care (in invented plans)
NO_BASE = 0.3  # of children with no setting: no type of setting recorded either
STALE_KEY_STAGE = 0.06
UNLINKED = 0.03
HEALTH_NEED = {"PD": 0.9, "HI": 0.9, "VI": 0.9, "PMLD": 1, "SLD": 0.7, "DS": 0.7, "MSI": 0.9}
ADVISER = {"ep": "Educational psychologist", "school": "SENCo", "health": "Community paediatrician"}
ADVICE_TEXT = "Advice on needs, outcomes and the provision recommended (see the advice in full)."
LINK_COLUMNS = {
    OUTCOME_NEEDS: ("outcome_id", "need_id"),
    PROVISION_NEEDS: ("provision_id", "need_id"),
    PROVISION_OUTCOMES: ("provision_id", "outcome_id"),
}
LATEST_ISSUED = PlanVersion.objects.filter(plan=OuterRef("pk"), status=PlanStatus.ISSUED).order_by("-number")


def days(n: int) -> timedelta:
    return timedelta(days=n)


def build(context):
    builder = Builder(context)
    cases = context.data.get("assessment_cases", [])
    final = {
        case.child_id: case
        for case in sorted(cases, key=lambda c: c.received_on)
        if case.stage == Stage.FINAL
    }
    children = {child.pk: child for child in context.data.get("children_with_plans", [])}
    children.update({case.child_id: case.child for case in final.values()})
    builder.load_cases(cases)
    for pk in context.progress(sorted(children), "EHC plans"):
        builder.plan(children[pk], final.get(pk))
    drafting = [
        c for c in cases if c.stage in (Stage.DRAFTING, Stage.CONSULTING) and c.child_id not in children
    ]
    for case in drafting:
        builder.draft(case)
    builder.save(context)
    context.data["ehc_plans"] = builder.plans
    context.data["moved_in_plans"] = builder.moved_in
    return {
        "EHC plans": len(builder.plans),
        "issued versions": sum(v.status == PlanStatus.ISSUED for v in builder.versions),
        "drafts": sum(v.status == PlanStatus.DRAFT for v in builder.versions),
        "needs": len(builder.rows[Need]),
        "outcomes": len(builder.rows[Outcome]),
        "provision items": len(builder.rows[Provision]),
    }


class Builder:
    def __init__(self, context):
        self.rng, self.today = context.rng, context.today
        self.writers = context.data.get("accounts", {}).get("caseworker") or [None]
        self.plans, self.versions = [], []
        self.moved_in = []  # plans another area issued, moved in (reviews.demo records the transfer)
        self.rows = defaultdict(list)  # model -> unsaved items
        self.links = defaultdict(list)  # through model -> (item, item)
        self.advice, self.served, self.responded = defaultdict(list), {}, {}
        self.to_serve = []  # (draft, day): sent to the family through plans.services once saved

    def load_cases(self, cases):
        """The advice each case received and the day its draft was sent, in two queries."""
        ids = [c.pk for c in cases if c.stage in (Stage.FINAL, Stage.DRAFTING, Stage.CONSULTING)]
        received = AdviceRequest.objects.filter(case_id__in=ids, received_on__isnull=False).values_list(
            "case_id",
            "pk",
            "adviser_type",
            "received_on",
            "professional__first_name",
            "professional__last_name",
        )
        for case_id, pk, kind, on, first, last in received.iterator(chunk_size=BATCH):
            adviser = f"{first} {last}" if first else ADVISER.get(kind, "")
            self.advice[case_id].append(
                {"adviser_type": kind, "adviser": adviser, "received_on": on, "request": pk}
            )
        served = CaseEvent.objects.filter(case_id__in=ids, kind=EventKind.DRAFT_SERVED).values_list(
            "case_id", "on"
        )
        self.served = dict(served.iterator(chunk_size=BATCH))
        responded = CaseEvent.objects.filter(case_id__in=ids, kind=EventKind.FAMILY_RESPONDED)
        for case_id, on in responded.order_by("-on").values_list("case_id", "on").iterator(chunk_size=BATCH):
            self.responded[case_id] = on  # the first response is kept (latest written first)

    # Plans -----------------------------------------------------------------------------------

    def plan(self, child, case):
        rng = self.rng
        if case is not None:
            first = case.closed_on
            advice = self.advice[case.pk]
        else:
            # No assessment case behind it: issued before the area's case records begin (casework's
            # demo covers YEARS), in the last ten years from the age of about one; or, for a child
            # too young for that, issued by another area and moved in (SEN2 TransferLA, not a new
            # plan of this area's: plans first issued here in a year all have their request).
            records_begin = self.today - days(365 * case_demo.YEARS)
            earliest = max(child.date_of_birth + days(400), self.today - days(365 * 10))
            moved_in = earliest >= records_begin
            latest = max(child.date_of_birth, self.today - days(30)) if moved_in else records_begin - days(1)
            earliest = min(earliest, latest)
            first = min(earliest + days(rng.randint(0, (latest - earliest).days)), self.today)
            advice = self.invented_advice(child, first, health=chance(rng, 0.9))
        plan = self.new_plan(child, case, first)
        if case is None and moved_in:
            self.moved_in.append(plan)
        spec = self.spec(child, first, advice)
        served = self.served.get(case.pk) if case else None
        v1 = self.version(plan, 1, spec, issued=first, served=served, case=case)
        if (self.today - first).days > REVIEWED_AFTER_DAYS:
            latest = self.today - days(
                rng.randint(380, 540) if chance(rng, REVIEW_OVERDUE) else rng.randint(20, 360)
            )
            amended = self.amendment(child, spec, max(latest, first + days(300)))
            self.version(plan, 2, amended, issued=amended["on"], based_on=v1)

    def draft(self, case):
        """A draft for an assessment in its last stages: complete once it is with the family."""
        child = case.child
        plan = self.new_plan(child, case, None)
        served = self.served.get(case.pk) if case.stage == Stage.CONSULTING else None
        spec = self.spec(child, served or self.today, self.advice[case.pk])
        # A draft from an assessment names no school or type of setting (CFA 2014 s.38(5)): the
        # family states a preference in their 15 days (plans.lifecycle refuses to send one that does).
        spec["fields"].update(named_setting=None, setting_type="")
        if served is None:  # still being written: section A and the provision are half done
            spec["fields"].update(child_views="", parent_views="")
            spec["provision"] = spec["provision"][: len(spec["needs"]) // 2]
        version = self.version(plan, 1, spec, case=case)
        if served is not None:
            self.to_serve.append((version, served))

    def new_plan(self, child, case, first) -> EHCPlan:
        writer = self.rng.choice(self.writers)
        plan = EHCPlan(
            public_id=make_uuid(self.rng),
            child=child,
            case=case,
            first_issued_on=first,
            created_by=writer,
            modified_by=writer,
        )
        self.plans.append(plan)
        return plan

    def version(
        self, plan, number, spec, *, issued=None, served=None, based_on=None, case=None
    ) -> PlanVersion:
        kind = PlanKind.DRAFT if issued is None else (PlanKind.FINAL if number == 1 else PlanKind.AMENDED)
        version = PlanVersion(
            plan=plan,
            number=number,
            kind=kind,
            status=PlanStatus.DRAFT if issued is None else PlanStatus.ISSUED,
            based_on=based_on,
            case=case,
            served_on=served or (issued - days(self.rng.randint(16, 30)) if issued else None),
            issued_on=issued,
            created_by=plan.created_by,
            modified_by=plan.created_by,
            **spec["fields"],
        )
        amendment = case is None and based_on is not None
        responded = self.responded.get(case.pk) if case is not None else None
        refusal = lifecycle.recorded_refusal(
            version, today=self.today, responded_on=responded, amendment=amendment
        )
        if refusal:  # the generator is wrong, not the rule: stop rather than write a broken record
            raise RuntimeError(f"Demo plan for child {plan.child_id}, version {number}: {refusal}")
        self.versions.append(version)
        items = {}
        for model, specs in (
            (Need, spec["needs"]),
            (Outcome, spec["outcomes"]),
            (Provision, spec["provision"]),
        ):
            for order, item in enumerate(specs, start=1):
                values = {k: v for k, v in item.items() if k not in ("needs", "outcomes")}
                items[item["key"]] = obj = model(version=version, order=order, **values)
                self.rows[model].append(obj)
                if model is Outcome:
                    self.links[OUTCOME_NEEDS] += [(obj, items[k]) for k in item["needs"]]
                if model is Provision:
                    self.links[PROVISION_NEEDS] += [(obj, items[k]) for k in item["needs"]]
                    self.links[PROVISION_OUTCOMES] += [(obj, items[k]) for k in item["outcomes"]]
        for order, entry in enumerate(spec["advice"], start=1):
            self.rows[AdviceEntry].append(
                AdviceEntry(
                    version=version,
                    order=order,
                    key=entry["key"],
                    adviser_type=entry["adviser_type"],
                    adviser=entry["adviser"],
                    received_on=entry["received_on"],
                    summary=ADVICE_TEXT,
                    advice_request_id=entry.get("request"),
                )
            )
        return version

    # What a plan says ------------------------------------------------------------------------

    def key(self):
        return make_uuid(self.rng)

    def invented_advice(self, child, on, health=True):
        rng = self.rng
        kinds = ["ep", "school"] + (["health"] if health else [])
        if child.social_care_status in KNOWN_TO_SOCIAL_CARE and not chance(rng, SOCIAL_CARE_ADVICE_MISSING):
            kinds.append("social_care")
        return [
            {
                "adviser_type": k,
                "adviser": ADVISER.get(k, "Social worker"),
                "received_on": on - days(rng.randint(40, 150)),
            }
            for k in kinds
        ]

    def spec(self, child, on, advice) -> dict:
        rng = self.rng
        year = child.year_group(on)
        target = date(dates.academic_year_start(on + days(300)) + 1, 7, 20)
        stage = dates.key_stage(year if chance(rng, STALE_KEY_STAGE) else child.year_group(target))
        spec = {"fields": self.fields(child, year), "needs": [], "outcomes": [], "provision": []}
        spec["advice"] = [{**entry, "key": self.key()} for entry in advice]
        types = [child.primary_need or "OTH"] + ([child.secondary_need] if child.secondary_need else [])
        for rank, sen in enumerate(types, start=1):
            need_text, outcome_text, items = text.NEEDS[sen]
            need = self.add(
                spec["needs"],
                section="B",
                area=text.AREA[sen],
                sen_type=sen,
                rank=str(rank),
                description=need_text,
            )
            outcome = self.add(
                spec["outcomes"],
                description=outcome_text,
                target_date=target,
                key_stage=stage,
                pfa_area="",
                needs=[need],
            )
            for item in items[: 2 if rank == 1 else 1]:
                self.provide(spec, "F", item, [need], [outcome])
        if year >= PFA_FROM_YEAR:
            self.prepare_for_adulthood(spec, target, stage)
        if chance(rng, UNLINKED):  # the golden thread broken: an outcome tied to no need
            spec["outcomes"][-1]["needs"] = []
        if chance(rng, VAGUE):
            what, who, often, long = rng.choice(text.VAGUE)
            spec["provision"][0].update(what=what, who=who, frequency=often, duration=long, group_size="")
        has_health_advice = any(a["adviser_type"] == "health" for a in spec["advice"])
        if chance(rng, HEALTH_NEED.get(types[0], 0.15)) and (
            has_health_advice or chance(rng, HEALTH_ADVICE_MISSING)
        ):
            need_text, item = text.HEALTH_NEEDS.get(types[0], text.DEFAULT_HEALTH)
            need = self.add(spec["needs"], section="C", area="", sen_type="", rank="", description=need_text)
            self.provide(spec, "G", item, [need], [])
        if child.social_care_status in KNOWN_TO_SOCIAL_CARE or (
            types[0] in ("PMLD", "SLD") and chance(rng, 0.3)
        ):
            need_text, items = text.SOCIAL_CARE
            need = self.add(spec["needs"], section="D", area="", sen_type="", rank="", description=need_text)
            for section, item in items[: rng.randint(1, 2)]:
                self.provide(spec, section, item, [need], [])
        return spec

    def prepare_for_adulthood(self, spec, target, stage):
        """From Year 9, an outcome (with its provision) for each area, unless the plan has a gap."""
        rng = self.rng
        gap = set(rng.sample(sorted(text.PFA), rng.randint(1, 3))) if chance(rng, PFA_GAP) else set()
        need = spec["needs"][0]["key"]
        for area, (outcome_text, item) in text.PFA.items():
            if area not in gap:
                outcome = self.add(
                    spec["outcomes"],
                    description=outcome_text,
                    target_date=target,
                    key_stage=stage,
                    pfa_area=area,
                    needs=[need],
                )
                self.provide(spec, "F", item, [need], [outcome])

    def add(self, items, **values) -> str:
        values["key"] = self.key()
        if "needs" in values:
            values["needs"] = list(values["needs"])
        items.append(values)
        return values["key"]

    def provide(self, spec, section, item, needs, outcomes):
        what, who, often, long, group = item
        values = {"what": what, "who": who, "frequency": often, "duration": long, "group_size": group}
        spec["provision"].append(
            {
                "key": self.key(),
                "section": section,
                **values,
                "needs": list(needs),
                "outcomes": list(outcomes),
            }
        )

    def fields(self, child, year) -> dict:
        rng = self.rng
        setting = child.setting
        kind = ""
        if setting is None and not chance(rng, NO_BASE):
            kind = "early_years" if year < 0 else "post16" if year >= 12 else "special"
        budget = chance(rng, 0.08)
        young = year >= 12
        return {
            "child_views": "" if child.primary_need == "PMLD" else rng.choice(text.CHILD_VIEWS),
            "child_interests": rng.choice(text.INTERESTS),
            "child_aspirations": rng.choice(text.ASPIRATIONS) if year >= 2 else "",
            "parent_views": "" if young and chance(rng, 0.5) else rng.choice(text.PARENT_VIEWS),
            "parent_aspirations": rng.choice(text.PARENT_ASPIRATIONS),
            "named_setting": setting,
            "setting_type": kind,
            "personal_budget": budget,
            "personal_budget_amount": rng.choice((1500, 3200, 4800, 7500, 12000)) if budget else None,
            "direct_payments": budget and chance(rng, 0.6),
            "organised_arrangements": budget and chance(rng, 0.3),
            # SEN2 PlanRes and PlanWBP: as the child's place is (people.demo_returns).
            "residential": bool(setting and child.residential_placement),
            "work_based_learning": bool(setting and young and child.work_based_learning),
            "personal_budget_notes": "Short breaks and a personal assistant for activities" if budget else "",
        }

    def amendment(self, child, spec, on) -> dict:
        """After an annual review: the same items (same keys), outcomes for the stage ahead, a new
        provision item, and the school's (and usually health's) fresh advice."""
        rng = self.rng
        target = date(dates.academic_year_start(on + days(300)) + 1, 7, 20)
        stage = dates.key_stage(child.year_group(target))
        new = {
            "on": on,
            "fields": dict(spec["fields"]),
            "needs": [dict(n) for n in spec["needs"]],
            "outcomes": [{**o, "target_date": target, "key_stage": stage} for o in spec["outcomes"]],
            "provision": [dict(p) for p in spec["provision"]],
            "advice": [dict(a) for a in spec["advice"]],
        }
        if child.year_group(on) >= PFA_FROM_YEAR and not any(o["pfa_area"] for o in new["outcomes"]):
            self.prepare_for_adulthood(new, target, stage)  # reached Year 9 since the plan was made
        first = new["needs"][0]["key"]
        self.provide(new, "F", rng.choice(text.REVIEW_ADDITIONS), [first], [new["outcomes"][0]["key"]])
        for kind in ("school", "health"):
            if kind == "health" and chance(rng, HEALTH_ADVICE_NOT_UPDATED):
                continue
            if kind == "health" and not any(a["adviser_type"] == "health" for a in spec["advice"]):
                continue
            received = on - days(rng.randint(30, 90))
            new["advice"].append(
                {"key": self.key(), "adviser_type": kind, "adviser": ADVISER[kind], "received_on": received}
            )
        return new

    # Saving ----------------------------------------------------------------------------------

    def save(self, context):
        for label, model, rows in (
            ("Saving plans", EHCPlan, self.plans),
            # First versions before amendments: an amendment points at the version it came from.
            ("Saving first versions", PlanVersion, [v for v in self.versions if v.based_on is None]),
            ("Saving amendments", PlanVersion, [v for v in self.versions if v.based_on is not None]),
            *(
                (f"Saving {m._meta.verbose_name_plural}", m, self.rows[m])
                for m in (Need, Outcome, Provision, AdviceEntry)
            ),
        ):
            for i in context.progress(range(0, len(rows), BATCH), label):
                model.objects.bulk_create(rows[i : i + BATCH], batch_size=BATCH)
        for through, pairs in self.links.items():
            left, right = LINK_COLUMNS[through]
            rows = [through(**{left: a.pk, right: b.pk}) for a, b in pairs]
            for i in context.progress(range(0, len(rows), BATCH), "Saving plan links"):
                through.objects.bulk_create(rows[i : i + BATCH], batch_size=BATCH)
        ids = [plan.pk for plan in self.plans]
        for i in range(0, len(ids), BATCH):
            EHCPlan.objects.filter(pk__in=ids[i : i + BATCH]).update(
                latest_issued=Subquery(LATEST_ISSUED.values("pk")[:1])
            )
        # Drafts with the family: sent through the step service the case page uses (section I
        # empty, s.38(5); the case already records the day, so it is not recorded twice).
        for version, on in context.progress(self.to_serve, "Sending drafts to families"):
            services.serve_draft(None, version, on)
