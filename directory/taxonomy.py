"""The Local Offer's taxonomies: what a service is, which needs it is for, which health pathway.

Reference data, loaded by a migration (and again by any later migration that changes it) through
`load()`. Ids are derived from the codes, so every installation publishes the same term ids over
Open Referral UK and a partner can map them once.
"""

import uuid

from people.codelists import SEN_TYPE

NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "https://opensend.example/local-offer/taxonomy")

CATEGORIES = [
    ("info-advice", "Information, advice and support", "Help to understand SEND and your rights"),
    ("early-years", "Early years", "Support for babies and children under 5"),
    ("education", "Education and learning", "Nurseries, schools, colleges and help with learning"),
    ("health", "Health services", "NHS and community health services"),
    ("mental-health", "Mental health and wellbeing", "Help with feelings, worries and mental health"),
    ("social-care", "Social care and family support", "Help at home and for the whole family"),
    ("short-breaks", "Short breaks and activities", "Clubs, holidays and time away for the family"),
    ("leisure", "Leisure, sport and play", "Things to do, sport and play"),
    ("adulthood", "Preparing for adulthood", "Work, living on your own, friends and health after 16"),
    ("travel", "Getting around", "Transport and learning to travel on your own"),
    ("money", "Money, benefits and grants", "Help with money and what you are entitled to"),
    ("equipment-adaptations", "Equipment and adaptations", "Equipment and changes to your home"),
    ("parent-support", "Support for parents and carers", "Groups, training and time for you"),
    ("wait-support", "Support while you wait", "Help while you wait for an NHS assessment or treatment"),
]

# Plain-English needs, each under the DfE SEN type (SEN2 / school census code) it falls in.
NEEDS = [
    ("autism", "Autism", "Autistic children and young people", "ASD"),
    ("adhd", "ADHD", "Attention deficit hyperactivity disorder", "SEMH"),
    (
        "speech-language",
        "Speech, language and communication",
        "Talking, understanding and being understood",
        "SLCN",
    ),
    ("learning", "Learning difficulties", "Finding learning harder than others of the same age", "MLD"),
    ("dyslexia", "Dyslexia", "Dyslexia, dyspraxia and other specific learning difficulties", "SPLD"),
    (
        "complex-learning",
        "Severe or complex learning disabilities",
        "Needing a lot of help with learning and daily life",
        "SLD",
    ),
    ("emotional", "Feelings and mental health", "Anxiety, low mood and other mental health needs", "SEMH"),
    ("behaviour", "Behaviour that challenges", "Behaviour that is hard to manage at home or school", "SEMH"),
    ("hearing", "Deaf or hearing loss", "Children and young people who are deaf or have hearing loss", "HI"),
    ("sight", "Blind or sight loss", "Children and young people who are blind or have sight loss", "VI"),
    ("deafblind", "Deafblind", "Both hearing and sight loss", "MSI"),
    ("physical", "Physical disability", "Difficulty moving, walking or using hands", "PD"),
    ("medical", "Medical needs", "Long-term health conditions that affect daily life", "OTH"),
    ("sensory", "Sensory differences", "Finding noise, light, touch or smells hard to cope with", "OTH"),
    ("downs", "Down syndrome", "Children and young people with Down syndrome", "DS"),
]

# Health pathways families wait for; each has a "Support while you wait" page (directory.pathways).
PATHWAYS = [
    (
        "autism-assessment",
        "Autism assessment",
        "Assessment to find out if a child or young person is autistic",
    ),
    ("adhd-assessment", "ADHD assessment", "Assessment to find out if a child or young person has ADHD"),
    ("camhs", "CAMHS", "Child and adolescent mental health services"),
    (
        "speech-therapy",
        "Speech and language therapy",
        "Help with talking, understanding, eating and drinking",
    ),
    ("wheelchairs", "Wheelchair service", "Wheelchairs and seating for children and young people"),
    (
        "specialist-equipment",
        "Specialist equipment",
        "Equipment for home and school, from the NHS or the council",
    ),
]

TAXONOMIES = [
    ("categories", "Local Offer categories", "What kind of service it is", "1"),
    ("sen-types", "SEN type (DfE)", "Types of special educational need, as the DfE codes them", "SEN2 2024"),
    ("needs", "Needs in plain English", "The needs a service is for, in everyday words", "1"),
    ("pathways", "Health pathways", "NHS assessment and therapy pathways families may wait for", "1"),
]


def sen_code(dfe_code: str) -> str:
    return f"sen-{dfe_code.lower()}"


def stable_id(code: str) -> uuid.UUID:
    return uuid.uuid5(NAMESPACE, code)


def _terms():
    """(taxonomy code, term code, name, description, parent term code) in display order."""
    yield from (("categories", code, name, text, None) for code, name, text in CATEGORIES)
    yield from (
        ("sen-types", sen_code(code), name, f"SEN type {code}: {name}", None) for code, name in SEN_TYPE
    )
    yield from (("needs", code, name, text, sen_code(parent)) for code, name, text, parent in NEEDS)
    yield from (("pathways", code, name, text, None) for code, name, text in PATHWAYS)


def load(apps=None):
    """Create or update every taxonomy and term (safe to run again)."""
    if apps is None:  # not from a migration, which passes its historical models: the live ones
        from django.apps import apps
    Taxonomy = apps.get_model("directory", "Taxonomy")
    TaxonomyTerm = apps.get_model("directory", "TaxonomyTerm")
    taxonomies = {}
    for code, name, description, version in TAXONOMIES:
        taxonomies[code], _ = Taxonomy.objects.update_or_create(
            id=stable_id(code),
            defaults={"code": code, "name": name, "description": description, "version": version},
        )
    terms = {}
    for position, (taxonomy, code, name, description, parent) in enumerate(_terms()):
        terms[code], _ = TaxonomyTerm.objects.update_or_create(
            id=stable_id(code),
            defaults={
                "code": code,
                "taxonomy": taxonomies[taxonomy],
                "name": name,
                "description": description,
                "parent": terms.get(parent),
                "position": position,
            },
        )
    return terms
