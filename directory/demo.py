"""Demo data for the Local Offer: about 700 services at scale 1 (Bradford's size), run by the
council, the NHS and charities, in the demo area's postcodes, each owned by a provider, about a
fifth overdue for review, with families' feedback, pending changes and "You said, we did".

Everything is written with bulk_create, then the search index is rebuilt once.
"""

import itertools
import uuid
from collections import defaultdict
from datetime import timedelta

from django.conf import settings
from django.contrib.auth.hashers import make_password
from simple_history.utils import bulk_create_with_history

from accounts.models import User
from accounts.roles import Role
from clock.local_offer import checked_on_for
from core.demo import STREET_KINDS, STREETS, chance, make_uuid, person_name, slug
from directory import postcodes, search, taxonomy
from directory.choices import FeedbackKind, LocationType
from directory.demo_data import KINDS, LANGUAGES, LOCATION_KINDS, PROBLEMS, TOWN_ENDINGS, YOU_SAID_WE_DID
from directory.models import (
    Contact,
    Feedback,
    Location,
    Organization,
    Phone,
    Postcode,
    ProposedChange,
    Service,
    ServiceAtLocation,
    TaxonomyTerm,
    YouSaidWeDid,
)
from people.demo import PLACE_ENDINGS, PLACE_ROOTS

SERVICES_AT_SCALE_1 = 700
OWNERS_AT_SCALE_1 = 60
OUT_OF_DATE = 0.2
DEMO_OWNER_SERVICES = 12
UNUSABLE = make_password(None)
BATCH = 2000


def build(context):
    rng, today = context.rng, context.today
    if Service.objects.exists():
        # Demo services are only ever added to an empty Local Offer, never mixed with real ones.
        return {"Local Offer services added (it already had some)": 0}
    if not Postcode.objects.exists():
        postcodes.load()
    terms = TaxonomyTerm.objects.in_bulk(field_name="code") or taxonomy.load()
    districts = _districts()
    towns = _town_names(rng, sorted(districts))
    places = _neighbourhoods(rng, sorted(districts))
    plan = _plan(rng, context.scale, places)
    owners = _owners(context, rng, max(3, round(OWNERS_AT_SCALE_1 * context.scale)))
    organisations = _organisations(plan)

    # Organisations take turns for owners; the demo owner gets a handful of services.
    by_org = defaultdict(list)
    for item in plan:
        by_org[item["org"]].append(item)
    owner_of, demo_count, turn = {}, 0, itertools.cycle(owners[1:] or owners)
    for name in sorted(by_org):
        if demo_count < DEMO_OWNER_SERVICES and len(by_org[name]) <= DEMO_OWNER_SERVICES:
            owner_of[name], demo_count = owners[0], demo_count + len(by_org[name])
        else:
            owner_of[name] = next(turn)

    services, locations, links, contacts, phones, tags = [], [], [], [], [], []
    for item in context.progress(plan, "Local Offer services"):
        kind, place, outward = item["kind"], item["place"], item["outward"]
        service = _service(rng, today, item, organisations[item["org"]], owner_of[item["org"]])
        services.append(service)
        codes = {*kind.get("categories", []), *kind.get("pathways", []), *item["needs"]}
        tags += [(service.id, terms[code].id) for code in codes if code in terms]
        if kind.get("virtual") is not True:
            postcode, lat, lon = rng.choice(districts[outward])
            location = Location(
                id=make_uuid(rng),
                name=f"{place} {rng.choice(LOCATION_KINDS)}",
                address_1=f"{rng.randint(1, 180)} {rng.choice(STREETS)} {rng.choice(STREET_KINDS)}",
                city=towns[outward],
                state_province=settings.AREA_NAME,
                postcode=postcode,
                latitude=lat,
                longitude=lon,
                location_type=LocationType.PHYSICAL,
            )
            locations.append(location)
            links.append(ServiceAtLocation(id=make_uuid(rng), service=service, location=location))
        contact = Contact(
            id=make_uuid(rng), service=service, title=rng.choice(["Enquiries", "Duty worker", "Bookings"])
        )
        contacts.append(contact)
        # Ofcom keeps 01632 960000-960999 for drama, so these numbers never reach anyone.
        phones.append(Phone(id=make_uuid(rng), contact=contact, number=f"01632 960{rng.randint(0, 999):03d}"))

    Organization.objects.bulk_create([o for o in organisations.values() if o._state.adding], batch_size=BATCH)
    bulk_create_with_history(services, Service, batch_size=BATCH, default_change_reason="Demo data")
    Location.objects.bulk_create(locations, batch_size=BATCH)
    ServiceAtLocation.objects.bulk_create(links, batch_size=BATCH)
    Contact.objects.bulk_create(contacts, batch_size=BATCH)
    Phone.objects.bulk_create(phones, batch_size=BATCH)
    Through = Service.taxonomy_terms.through
    Through.objects.bulk_create(
        [Through(service_id=s, taxonomyterm_id=t) for s, t in tags], batch_size=BATCH, ignore_conflicts=True
    )
    feedback = _feedback(rng, services)
    changes = _proposed_changes(rng, services)
    _you_said_we_did(today)
    search.rebuild()
    context.data["local_offer_services"] = services
    return {
        "Local Offer services": len(services),
        "organisations": len(organisations),
        "service owners": len(owners),
        "feedback": len(feedback),
        "proposed changes": len(changes),
    }


def _districts():
    """Postcode district ("BF3") -> [(postcode, latitude, longitude)] from the postcode table."""
    found = defaultdict(list)
    rows = Postcode.objects.filter(outward__startswith="BF").values_list(
        "outward", "postcode", "latitude", "longitude"
    )
    for outward, postcode, lat, lon in rows.order_by("postcode"):
        found[outward].append((postcode, lat, lon))
    return dict(found)


def _town_names(rng, outwards):
    roots = rng.sample(PLACE_ROOTS, len(outwards))
    return {o: root + rng.choice(TOWN_ENDINGS) for o, root in zip(outwards, roots, strict=True)}


def _neighbourhoods(rng, outwards):
    names = [r + e if e.islower() else f"{r} {e}" for r, e in itertools.product(PLACE_ROOTS, PLACE_ENDINGS)]
    rng.shuffle(names)
    return [(name, rng.choice(outwards)) for name in names[:200]]


def _plan(rng, scale, places):
    """What to build: one entry per service, in proportion to each kind's weight."""
    target = max(30, round(SERVICES_AT_SCALE_1 * scale))
    single = [k for k in KINDS if "{place}" not in k["name"] and "per_need" not in k]
    per_need = [k for k in KINDS if "per_need" in k]
    placed = [k for k in KINDS if "{place}" in k["name"]]
    plan = [_item(k, None, rng.choice(places), k.get("needs", [])) for k in single]
    for kind in per_need:
        plan += [_item(kind, need, rng.choice(places), [need]) for need in kind["per_need"]]
    total_weight = sum(k["weight"] for k in placed)
    remaining = max(0, target - len(plan))
    for kind in placed:
        count = max(1, round(remaining * kind["weight"] / total_weight))
        for place in rng.sample(places, min(count, len(places))):
            needs = [n for n in kind.get("needs", []) if chance(rng, 0.8)] or kind.get("needs", [])[:1]
            plan.append(_item(kind, None, place, needs))
    return plan


NEED_NAMES = {code: name for code, name, *_ in taxonomy.NEEDS}


def _item(kind, need, place, needs):
    name_place, outward = place
    fill = {"place": name_place, "need": NEED_NAMES.get(need, "")}
    return {
        "kind": kind,
        "place": name_place,
        "outward": outward,
        "needs": needs,
        "name": kind["name"].format(**fill),
        "org": kind["org"].format(**fill),
    }


def _organisations(plan):
    existing = Organization.objects.in_bulk(field_name="name")
    made = {}
    for name in sorted({item["org"] for item in plan}):
        made[name] = existing.get(name) or Organization(
            id=uuid.uuid5(taxonomy.NAMESPACE, f"demo organisation: {name}"),
            name=name,
            description=f"{name} runs services for children, young people and families in Brookfield.",
        )
    return made


def _owners(context, rng, count):
    """The demo's service-owner accounts first, then more providers without a known password."""
    owners = list(context.data.get("accounts", {}).get("service_owner", []))
    extra = []
    for number in range(len(owners), count):
        first, last = person_name(rng, "WBRI", rng.choice("MF"))
        username = f"provider{number}.{slug(last)}"
        extra.append(
            User(
                username=username,
                first_name=first,
                last_name=last,
                email=f"{username}@provider.example",
                role=Role.SERVICE_OWNER,
                job_title="Local Offer content owner",
                password=UNUSABLE,  # these providers exist to own services, not to sign in
            )
        )
    # A rerun over the same accounts (tests clear other tables first) reuses them.
    existing = User.objects.in_bulk([u.username for u in extra], field_name="username")
    new = [u for u in extra if u.username not in existing]
    if new:
        bulk_create_with_history(new, User, default_change_reason="Demo data")
    return owners + [existing.get(u.username, u) for u in extra]


def _service(rng, today, item, organisation, owner):
    kind = item["kind"]
    low, high = kind["ages"]
    if chance(rng, OUT_OF_DATE):
        review_due = today - timedelta(days=rng.randint(1, 240))
    else:
        review_due = today + timedelta(days=rng.randint(1, 182))
    checked = checked_on_for(review_due)
    languages = ["English", *rng.sample(LANGUAGES, rng.choice([0, 0, 0, 1, 2]))]
    return Service(
        id=make_uuid(rng),
        organization=organisation,
        name=item["name"],
        description=kind["description"],
        eligibility=kind["eligibility"],
        minimum_age=low,
        maximum_age=high,
        referral_route=kind["route"],
        how_to_access=kind["how"],
        when_available=kind["when"],
        is_free=kind["free"],
        fees=kind.get("fees", ""),
        funding_type=kind["funding"],
        email=f"{slug(item['name'])[:30]}@{slug(organisation.name)[:30]}.example",
        url=f"https://{slug(organisation.name)[:40]}.example/",
        languages=", ".join(languages),
        accessibility=rng.choice(
            [
                "Step-free access and an accessible toilet.",
                "Lift to all floors. Hearing loop at reception.",
                "Changing Places toilet on site.",
                "Ground floor only. Quiet room available.",
            ]
        ),
        owner=owner,
        review_due=review_due,
        last_checked=checked if checked <= today else None,
    )


def _feedback(rng, services):
    items = []
    for service in rng.sample(services, min(len(services), max(10, len(services) // 3))):
        session, client = f"{rng.getrandbits(256):064x}", f"{rng.getrandbits(256):064x}"
        page = f"/local-offer/services/{service.id}/"
        kind = FeedbackKind.PROBLEM if chance(rng, 0.25) else FeedbackKind.USEFUL
        items.append(
            Feedback(
                id=make_uuid(rng),
                kind=kind,
                page=page,
                service=service,
                useful=chance(rng, 0.75) if kind == FeedbackKind.USEFUL else None,
                text=rng.choice(PROBLEMS) if kind == FeedbackKind.PROBLEM else "",
                session_hash=session,
                client_hash=client,
            )
        )
    Feedback.objects.bulk_create(items, batch_size=BATCH)
    return items


def _proposed_changes(rng, services):
    changes = []
    for service in rng.sample(services, min(len(services), max(3, len(services) // 30))):
        new_time = rng.choice(
            ["Mondays, 4pm to 6pm", "Saturdays, 9am to 12 noon", "Every weekday, 10am to 3pm"]
        )
        changes.append(
            ProposedChange(
                id=make_uuid(rng),
                service=service,
                proposed_by=service.owner,
                reason="Our times changed this term.",
                changes={"when_available": {"old": service.when_available, "new": new_time}},
                base_version=service.version,
            )
        )
    ProposedChange.objects.bulk_create(changes, batch_size=BATCH)
    return changes


def _you_said_we_did(today):
    YouSaidWeDid.objects.bulk_create(
        YouSaidWeDid(you_said=said, we_did=did, published=True, published_on=today - timedelta(days=40 * i))
        for i, (said, did) in enumerate(YOU_SAID_WE_DID)
    )
