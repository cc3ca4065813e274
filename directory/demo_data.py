"""The kinds of service in the demo Local Offer, in roughly the mix a large area's has.

Each kind (data/demo_service_kinds.json): a name pattern ({place} is a neighbourhood, {need} a
plain-English need for "per_need" kinds), who runs it (`org`, a fixed name or a pattern giving one
organisation per neighbourhood), its terms, ages, cost, how many (`weight`) and the words of its entry.
"""

import json
from pathlib import Path

# One service kind per line, in a data file so the table stays readable.
KINDS = json.loads((Path(__file__).resolve().parent / "data" / "demo_service_kinds.json").read_text())

TOWN_ENDINGS = ["field", "ley", "thorpe", "dale", "wick", "bridge", "ton", "holme", "royd", "worth"]
LOCATION_KINDS = [
    "Community Centre",
    "Family Hub",
    "Health Centre",
    "Library",
    "Leisure Centre",
    "Youth Centre",
]
LANGUAGES = ["Urdu", "Punjabi", "Polish", "Bengali", "Slovak", "Arabic", "British Sign Language"]
PROBLEMS = [
    "The phone number does not work.",
    "This club has moved to Tuesdays now.",
    "The email address bounced.",
    "The website link goes to an old page.",
    "They told me they stopped running this last year.",
    "The building has no lift, but the page says it is step-free.",
    "The cost is wrong. It is £5 now, not free.",
    "Please say if you need a referral. I waited and was told I needed one.",
]
YOU_SAID_WE_DID = [
    (
        "Finding services was hard. The words were too complicated.",
        "We rewrote every category in plain English and tested the words with young people.",
    ),
    (
        "We want to know if information is up to date.",
        "Every service now shows when it was last checked, and warns you if it may be out of date.",
    ),
    (
        "Waiting for an autism assessment is hard and there is nothing to help.",
        "We added 'Support while you wait' pages for autism, ADHD, CAMHS and therapies.",
    ),
    (
        "It is hard to find things to do in the holidays.",
        "We asked every holiday club to join the Local Offer. 40 more are now listed.",
    ),
    (
        "I want to search near where I live.",
        "You can now search by postcode and see how far away each service is.",
    ),
    (
        "Young people want their own part of the website.",
        "We made a 'For children and young people' page with the Youth Forum.",
    ),
]
