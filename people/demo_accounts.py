"""Demo data for accounts (built after the children and settings, which the accounts are linked to,
so it lives in people): staff in every role, a SENCo for every setting, accounts for some parents and
young people, and one demo login per persona (a known password and, for staff, a known
authenticator secret) so anyone can try each part of the service."""

from datetime import UTC, datetime

from django.contrib.auth.hashers import make_password
from django_otp.plugins.otp_totp.models import TOTPDevice
from simple_history.utils import bulk_create_with_history

from accounts.models import User
from accounts.roles import STAFF_ROLES, ProfessionalType, Role
from accounts.two_factor import secret_base32
from clock import dates
from core.demo import ETHNICITY, UniqueNames, demo_password, person_name, slug, words
from people.codelists import SenProvision
from people.models import Child, ChildRelationship, ParentCarer, SchoolMembership

BATCH = 2000
# Demo family accounts were verified when made, as every family account is.
VERIFIED_AT = datetime(2024, 9, 2, 9, 0, tzinfo=UTC)
LA_DOMAIN = "brookfield.example"  # .example never resolves (RFC 2606)
NHS_DOMAIN = "brookfield-nhs.example"

# persona: role, professional type, how many, e-mail domain. The personas match the test
# personas in conftest.PERSONA_ROLES; caseworkers grow with --scale (their caseloads would).
STAFF = {
    "caseworker": (Role.CASEWORKER, "", 30, LA_DOMAIN),
    "manager": (Role.MANAGER, "", 4, LA_DOMAIN),
    "panel": (Role.PANEL, "", 8, LA_DOMAIN),
    "ep": (Role.PROFESSIONAL, ProfessionalType.EDUCATIONAL_PSYCHOLOGIST, 10, LA_DOMAIN),
    "health": (Role.PROFESSIONAL, ProfessionalType.HEALTH, 10, NHS_DOMAIN),
    "social_care": (Role.PROFESSIONAL, ProfessionalType.SOCIAL_CARE, 8, LA_DOMAIN),
    "dco": (Role.DCO, "", 1, NHS_DOMAIN),
    "dsco": (Role.DSCO, "", 1, LA_DOMAIN),
    "auditor": (Role.AUDITOR, "", 3, LA_DOMAIN),
    "service_owner": (Role.SERVICE_OWNER, "", 10, LA_DOMAIN),
    "action_lead": (Role.ACTION_LEAD, "", 10, LA_DOMAIN),
    "board_member": (Role.BOARD_MEMBER, "", 6, LA_DOMAIN),
    "administrator": (Role.ADMINISTRATOR, "", 2, LA_DOMAIN),
    "health_officer": (Role.HEALTH_OFFICER, "", 4, NHS_DOMAIN),
    "commissioner": (Role.COMMISSIONER, "", 3, LA_DOMAIN),
}
# Job titles, handed out in turn ("|" between them).
JOB_TITLES = {
    "caseworker": "EHC coordinator|Senior EHC coordinator",
    "manager": "SEND team manager|Head of SEND|Assessment and review manager|Principal EHC coordinator",
    "panel": "Panel chair|Headteacher representative|Special school representative|SENCo representative|"
    "Post-16 lead|Inclusion officer",
    "ep": "Educational psychologist|Senior educational psychologist|Principal educational psychologist",
    "health": "Community paediatrician|Speech and language therapist|Occupational therapist|"
    "Physiotherapist|CAMHS clinician|School nurse",
    "social_care": "Social worker|Senior social worker|Disabled children's team social worker|"
    "Personal adviser (care leavers)",
    "dco": "Designated clinical officer",
    "dsco": "Designated social care officer",
    "auditor": "Quality assurance officer|SEND quality lead",
    "service_owner": "Short breaks coordinator|Parent carer forum coordinator|Youth service manager|"
    "Information, advice and support officer|Children's centre manager",
    "action_lead": "Timeliness improvement lead|Preparing for adulthood lead|Inclusion lead|"
    "Joint commissioning lead|Co-production lead",
    "board_member": "Chair, SEND partnership board|Director of children's services|ICB director of nursing|"
    "Parent carer forum co-chair|Lead member for children|Head of inclusion",
    "administrator": "System administrator|Systems support officer",
    "health_officer": "Waiting list coordinator|Performance analyst (community health)|ICB SEND data lead",
    "commissioner": "Joint commissioning manager|High needs commissioner|ICB children's commissioner",
}
SCALED = {"caseworker"}
# The order logins are listed in, and each persona's demo username.
PERSONAS = words(
    "caseworker manager panel parent young_person ep health social_care senco dco dsco auditor service_owner "
    "action_lead board_member administrator health_officer commissioner"
)
USERNAMES = {persona: f"demo.{persona}" for persona in PERSONAS} | {"administrator": "demo.admin"}
PARENT_ACCOUNTS_AT_SCALE_1 = 300
YOUNG_PERSON_ACCOUNTS_AT_SCALE_1 = 50


def build(context):
    rng = context.rng
    plain_password = demo_password(context.data.get("seed", 42))
    # Hashing is slow on purpose; one hash shared by every demo account keeps this quick.
    password = make_password(plain_password)
    names = UniqueNames()
    accounts, descriptions = {}, {}

    def person(persona, role, kind, title, domain, demo):
        first, last = person_name(rng, ETHNICITY.pick(rng), rng.choice("MF"))
        base = names.take(f"{slug(first)}.{slug(last)}")
        user = User(
            username=USERNAMES[persona] if demo else base,
            first_name=first,
            last_name=last,
            email=f"{base}@{domain}",
            password=password,
            role=role,
            professional_type=kind,
            job_title=title,
        )
        accounts.setdefault(persona, []).append(user)
        return user

    for persona, (role, kind, count, domain) in STAFF.items():
        if persona in SCALED:
            count = max(3, round(count * context.scale))
        titles = JOB_TITLES[persona].split("|")
        for i in range(count):
            person(persona, role, kind, titles[i % len(titles)], domain, demo=i == 0)

    school = senco_school(context)
    memberships = []
    for setting in context.data["settings"]:
        title = "SENCo" if setting.setting_type != "post16" else "Learning support manager"
        user = person(
            "senco",
            Role.PROFESSIONAL,
            ProfessionalType.SENCO,
            title,
            f"{slug(setting.name)}.sch.example",
            demo=setting is school,
        )
        # Each school's first SENCo also administers the school's portal access (adds and removes SENCos).
        memberships.append(SchoolMembership(setting=setting, user=user, is_school_admin=True))
    accounts["senco"].sort(key=lambda u: u.username != USERNAMES["senco"])
    descriptions["senco"] = (
        f"SENCo at {school.name}, {plan_count(context, school)} pupils with EHC plans; "
        "adds and removes the school's SENCos"
    )

    parents = parent_accounts(context, school, names, password)
    young = young_person_accounts(context, names, password)
    accounts["parent"] = [user for _, user in parents]
    accounts["young_person"] = [user for _, user in young]
    users = [user for group in accounts.values() for user in group]
    bulk_create_with_history(users, User, batch_size=BATCH, default_change_reason="Demo data")
    SchoolMembership.objects.bulk_create(memberships, batch_size=BATCH)
    for parent, user in parents:
        parent.user = user
    ParentCarer.objects.bulk_update([p for p, _ in parents], ["user"], batch_size=BATCH)
    for child, user in young:
        child.own_account = user
    Child.objects.bulk_update([c for c, _ in young], ["own_account"], batch_size=BATCH)

    demo_users = {persona: accounts[persona][0] for persona in PERSONAS}
    descriptions["parent"] = family_description(parents[0][0])
    child = young[0][0]
    descriptions["young_person"] = (
        f"young person aged {child.age(context.today)} with an EHC plan, signing in for themselves"
    )
    devices = {
        persona: TOTPDevice(
            user=user, name="Demo authenticator", confirmed=True, key=f"{rng.getrandbits(160):040x}"
        )
        for persona, user in demo_users.items()
        if user.role in STAFF_ROLES
    }
    TOTPDevice.objects.bulk_create(devices.values())

    logins = context.data.setdefault("logins", [])
    for persona, user in demo_users.items():
        device = devices.get(persona)
        logins.append(
            {
                "role": persona,
                "username": user.username,
                "password": plain_password,
                "totp_secret": secret_base32(device) if device else None,
                "description": f"{user.get_full_name()}, " + (descriptions.get(persona) or user.job_title),
            }
        )
    context.data["users"] = demo_users
    context.data["accounts"] = accounts
    return {
        "staff": sum(len(accounts[p]) for p in accounts if p not in ("senco", "parent", "young_person")),
        "SENCos": len(memberships),
        "parent accounts": len(parents),
        "young person accounts": len(young),
        "authenticators": len(devices),
    }


def plan_count(context, setting):
    return sum(1 for c in context.data["children_with_plans"] if c.setting_id == setting.pk)


def senco_school(context):
    """The in-area mainstream school with most plan pupils: demo.senco works there."""
    counts = {}
    for child in context.data["children_with_plans"]:
        setting = child.setting
        if setting and setting.in_area and setting.setting_type in ("mainstream", "resourced"):
            counts[setting] = counts.get(setting, 0) + 1
    if not counts:
        return context.data["settings"][0]
    return max(counts, key=counts.get)  # first of equals wins, so the choice is repeatable


def parent_accounts(context, school, names, password):
    """Accounts for parents with parental responsibility for a child with a plan; the first
    (demo.parent) has a child at demo.senco's school, so the two demos meet."""
    seen, candidates = set(), []
    for link in context.data["relationships"]:
        parent = link.parent_carer
        if (
            link.child.sen_provision == SenProvision.EHC_PLAN
            and link.parental_responsibility
            and link.relationship in ("mother", "father")
            and parent.email
            and parent.pk not in seen
        ):
            seen.add(parent.pk)
            candidates.append((parent, link.child))
    first = next((c for c in candidates if c[1].setting_id == school.pk), candidates[0])
    others = [c for c in candidates if c is not first]
    wanted = max(1, round(PARENT_ACCOUNTS_AT_SCALE_1 * context.scale))
    chosen = [first] + context.rng.sample(others, min(wanted - 1, len(others)))
    accounts = []
    for i, (parent, _) in enumerate(chosen):
        username = USERNAMES["parent"] if i == 0 else names.take(parent.email.split("@")[0])
        accounts.append(
            (
                parent,
                User(
                    username=username,
                    first_name=parent.first_name,
                    last_name=parent.last_name,
                    email=parent.email,
                    password=password,
                    role=Role.PARENT,
                    # A family account exists only once its email is verified (portal/linking.py).
                    email_verified_at=VERIFIED_AT,
                ),
            )
        )
    return accounts


def young_person_accounts(context, names, password):
    """Accounts for young people aged 16-25 with plans; the first (demo.young_person) is at
    college where there is one, as most young adults with plans are."""
    today = context.today
    candidates = [
        c for c in context.data["children_with_plans"] if 16 <= dates.age_on(c.date_of_birth, today) <= 25
    ]
    first = next(
        (
            c
            for c in candidates
            if c.setting
            and c.setting.setting_type == "post16"
            and 18 <= dates.age_on(c.date_of_birth, today) <= 20
        ),
        candidates[0],
    )
    others = [c for c in candidates if c is not first]
    wanted = max(1, round(YOUNG_PERSON_ACCOUNTS_AT_SCALE_1 * context.scale))
    chosen = [first] + context.rng.sample(others, min(wanted - 1, len(others)))
    accounts = []
    for i, child in enumerate(chosen):
        base = names.take(f"{slug(child.known_as)}.{slug(child.legal_last_name)}")
        accounts.append(
            (
                child,
                User(
                    username=USERNAMES["young_person"] if i == 0 else base,
                    first_name=child.known_as,
                    last_name=child.legal_last_name,
                    email=f"{base}@example.net",
                    password=password,
                    role=Role.YOUNG_PERSON,
                    email_verified_at=VERIFIED_AT,
                ),
            )
        )
    return accounts


def family_description(parent):
    links = ChildRelationship.objects.filter(parent_carer=parent, verified=True)
    children = ", ".join(
        f"{link.child.full_name} ({link.child.get_sen_provision_display()})"
        for link in links.select_related("child")
    )
    return f"parent or carer of {children}"
