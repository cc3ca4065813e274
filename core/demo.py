"""Shared pieces for the demo-area generator (`manage.py seed_demo`).

Each app that has demo data offers `<app>.demo.build(context)`; the command runs them in order
(core.management.commands.seed_demo.DEMO_BUILDERS). Builders draw every random choice from
`context.rng`, so one seed always gives the same area, and leave what later builders need in
`context.data`:

    seed                  the --seed (set by the command; the demo password comes from it)
    settings              every Setting made, in creation order
    establishment_numbers Setting.urn -> the four-digit DfE establishment number
    children_with_plans   Child records with an EHC plan (sen_provision "E")
    children_sen_support  Child records on SEN support (sen_provision "K")
    parents               every ParentCarer
    relationships         every ChildRelationship
    users                 persona ("caseworker", "senco" ...) -> that persona's demo User
    accounts              persona -> every User made for it, the demo one first
    logins                demo logins the command prints and writes: dicts with role,
                          username, password, totp_secret and description
"""

import bisect
import itertools
import random
import unicodedata
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date


@dataclass
class DemoContext:
    rng: random.Random
    scale: float
    today: date
    # progress(iterable, label, total=None) -> the iterable, shown as a progress bar.
    progress: Callable
    data: dict = field(default_factory=dict)


def demo_password(seed: int) -> str:
    """The one password every demo account shares. Long and unusual enough for Django's validators,
    and not too like the accounts' @brookfield.example addresses (the similarity check)."""
    return f"Try-Brookfield-demo-{seed}!"


def make_uuid(rng: random.Random) -> uuid.UUID:
    return uuid.UUID(int=rng.getrandbits(128), version=4)


class Weighted:
    """A fixed weighted choice, built once and drawn from many times."""

    def __init__(self, weights: dict):
        self.weights = dict(weights)
        self.values = list(weights)
        self.cumulative = list(itertools.accumulate(weights.values()))

    @classmethod
    def parse(cls, text: str, key=str):
        """From "value weight value weight ...", e.g. "ASD 33 SLCN 21"."""
        items = text.split()
        return cls({key(value): float(weight) for value, weight in zip(items[::2], items[1::2], strict=True)})

    def pick(self, rng: random.Random):
        point = rng.random() * self.cumulative[-1]
        return self.values[bisect.bisect_right(self.cumulative, point)]


def words(text: str) -> list[str]:
    """A long list of words kept as text, so tables of names stay readable."""
    return text.split()


def chance(rng: random.Random, probability: float) -> bool:
    return rng.random() < probability


def slug(text: str) -> str:
    """Lower-case ASCII letters only, for usernames and e-mail addresses ("Wiśniewski" -> "wisniewski")."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return "".join(ch for ch in ascii_text.lower() if ch.isalnum())


class UniqueNames:
    """Hands out "base", "base2", "base3" ... and never the same name twice, so usernames and
    e-mail addresses don't collide (even when a base already ends in a number)."""

    def __init__(self):
        self.used = set()
        self.counts = {}

    def take(self, base: str) -> str:
        count = self.counts.get(base, 0)
        while True:
            count += 1
            name = base if count == 1 else f"{base}{count}"
            if name not in self.used:
                break
        self.counts[base] = count
        self.used.add(name)
        return name


# Names by heritage, so a child's name fits their recorded ethnicity.
NAMES = {
    "british": (
        "Oliver George Harry Jack Jacob Noah Charlie Thomas Oscar William James Leo Alfie Joshua "
        "Freddie Archie Ethan Isaac Alexander Joseph Samuel Daniel Logan Lucas Mason Dylan Riley "
        "Tyler Callum Liam Kieran Connor Jayden Reece Lewis Ryan Owen Max Finley Kai Tyrone",
        "Olivia Amelia Isla Ava Emily Isabella Mia Poppy Ella Lily Sophie Grace Evie Chloe Jessica "
        "Ruby Freya Holly Megan Charlotte Lucy Ellie Millie Phoebe Erin Scarlett Daisy Lacey Paige "
        "Courtney Jade Leah Abigail Hannah Amber Summer Niamh Keisha",
        "Smith Jones Taylor Brown Williams Wilson Johnson Davies Robinson Wright Thompson Evans "
        "Walker White Roberts Green Hall Wood Jackson Clarke Hughes Holmes Sutcliffe Ackroyd "
        "Barraclough Hirst Greenwood Crowther Priestley Haigh Lumb Kershaw Pickles Rhodes Shaw "
        "Booth Turner Firth Dobson Atkinson Wainwright Ellis Murphy Kelly O'Brien Byrne Campbell "
        "Francis Bailey Samuels Walsh McDonald",
    ),
    "pakistani": (
        "Muhammad Mohammed Ibrahim Yusuf Zain Ayaan Hamza Ali Omar Bilal Hassan Adam Zakariya "
        "Haris Rayyan Musa Idris Abdullah Umar Faisal Imran Tariq Usman Arham Ahmed",
        "Aisha Maryam Fatima Zainab Hafsa Amina Inaya Khadija Sana Hana Iqra Safa Mehreen Noor "
        "Anaya Zara Alisha Ayesha Eman Hira Rabia Sumaya Laiba Mahnoor Amira",
        "Khan Hussain Ali Ahmed Akhtar Iqbal Mahmood Rashid Shah Malik Butt Riaz Qureshi Aslam "
        "Javed Mirza Saleem Rehman Sadiq Anwar Zaman Nawaz Rafiq Siddique Chaudhry Kauser Bashir",
    ),
    "bangladeshi": (
        "Rahim Abdul Shahid Ayaan Tahmid Rayhan Sami Arif Jamal Nabil Sabbir Tanvir",
        "Nusrat Tasnim Sadia Farzana Ruksana Sumaiya Tahmina Jannat Afsana Mim Rumana Shirin",
        "Begum Miah Uddin Rahman Islam Ahmed Chowdhury Hoque Alam Hossain Karim Sultana",
    ),
    "indian": (
        "Arjun Harjit Jaspreet Gurpreet Rohan Dev Aarav Vikram Manpreet Sukhdev Ravi Sanjay Krish "
        "Harvinder Amrit",
        "Priya Simran Harpreet Anjali Navneet Kiran Pooja Jasleen Meera Asha Divya Neha Gurleen",
        "Singh Kaur Patel Sharma Sandhu Gill Dhillon Mistry Parmar Sidhu Bains Chauhan Kumar Mann",
    ),
    "eastern_european": (
        "Jakub Kacper Szymon Filip Mateusz Tomasz Oliwer Antoni Piotr Lukáš Matej Andrei Ionuț "
        "Marek Dominik Patrik",
        "Zuzana Julia Zofia Hanna Natalia Maja Wiktoria Lena Alicja Kinga Lucia Veronika Ioana "
        "Andreea Klára Nikola",
        "Nowak Kowalski Wiśniewski Kowalczyk Lewandowski Zieliński Wójcik Kamiński Horváth Baloga "
        "Kováč Lakatoš Popescu Ionescu Novák Dvořák Svoboda Kolář Mazur Krawczyk Grabowski",
    ),
    "african": (
        "Abdi Abdirahman Kwame Chinedu Tobi Emmanuel David Samuel Kofi Femi Yusuf Olu Ayo Daniel "
        "Tendai Mohamed",
        "Amina Hodan Fadumo Ifeoma Chioma Adaeze Blessing Grace Esther Abena Nia Ayan Ruth Favour "
        "Tolu Precious",
        "Abdi Mohamed Hassan Warsame Okafor Adeyemi Mensah Boateng Okonkwo Asante Nwosu Eze Farah "
        "Osei Mutasa Adebayo",
    ),
    "middle_eastern": (
        "Omar Yousef Khalid Karim Rebin Aras Hussein Emre Mehmet Sami Ahmad Karwan",
        "Layla Rania Nour Shilan Dilan Elif Zeynep Hala Yasmin Rojin Lana Sara",
        "Al-Hassan Karimi Rahimi Ahmadi Yilmaz Demir Kaya Saleh Haddad Mustafa Aziz Abdullah",
    ),
    "chinese": (
        "Wei Jun Hao Ming Kai Jack Ryan Ethan",
        "Mei Li Xin Yan Jia Lily Grace Chloe",
        "Wang Li Zhang Chen Liu Wong Chan Lam Ng Lin Huang Cheung",
    ),
}
NAMES = {group: tuple(part.split() for part in parts) for group, parts in NAMES.items()}

# Ethnicity code -> name groups; first and last names are each drawn from one of them.
NAME_GROUPS = {
    "APKN": ("pakistani",),
    "ABAN": ("bangladeshi",),
    "AIND": ("indian",),
    "AOTH": ("pakistani", "indian"),
    "WOTH": ("eastern_european",),
    "WROM": ("eastern_european",),
    "BAFR": ("african",),
    "BOTH": ("african", "british"),
    "OOTH": ("middle_eastern",),
    "CHNE": ("chinese",),
    "MWAS": ("british", "pakistani"),
    "MWBA": ("british", "african"),
    "MOTH": ("british", "middle_eastern", "chinese"),
}

# Roughly Bradford's school population (school census): mostly White British and Pakistani.
ETHNICITY = Weighted.parse(
    "WBRI 55 APKN 22 ABAN 2.5 AIND 2 AOTH 1.5 WOTH 4 WROM 1 WIRI 0.3 WIRT 0.2 MWBC 1.5 MWAS 2 "
    "MWBA 0.5 MOTH 1.5 BAFR 1.5 BCRB 0.5 BOTH 0.5 CHNE 0.3 OOTH 1.5 REFU 0.4 NOBT 0.8"
)
ENGLISH = Weighted.parse("ENG 97 ENB 3")
FIRST_LANGUAGE = {
    "APKN": Weighted.parse("ENG 35 URD 25 PNJ 20 PHR 20"),
    "ABAN": Weighted.parse("ENG 40 BNG 60"),
    "AIND": Weighted.parse("ENG 30 GUJ 40 PNJ 30"),
    "AOTH": Weighted.parse("ENG 50 URD 30 OTB 20"),
    "WOTH": Weighted.parse("ENG 20 POL 40 SLO 15 CZE 10 ROM 10 POR 5"),
    "WROM": Weighted.parse("SLO 40 CZE 30 ROM 30"),
    "BAFR": Weighted.parse("ENG 60 SOM 40"),
    "OOTH": Weighted.parse("ARA 50 KUR 30 TUR 20"),
    "REFU": Weighted.parse("REF 50 ENB 50"),
    "NOBT": Weighted.parse("NOT 60 ENB 40"),
}
ENGLISH_CODES = frozenset({"ENG", "ENB"})

NICKNAMES = dict(
    pair.split("=")
    for pair in words(
        "Alexander=Alex Oliver=Ollie William=Will Muhammad=Mo Mohammed=Mo Samuel=Sam Joshua=Josh "
        "Daniel=Dan Charlotte=Lottie Isabella=Bella Abigail=Abbie Jakub=Kuba Zakariya=Zak "
        "Ibrahim=Ibby Thomas=Tom Freddie=Fred Jessica=Jess Natalia=Nati Abdirahman=Abdi"
    )
)

# Street names for addresses; postcodes are "BF<district> <sector><unit>".
STREETS = words(
    "Alder Bramble Beck Carr Clough Copley Dale Fern Fold Gill Hazel Heath Holme Lark Mill Moor "
    "Oak Rowan Royd Shaw Stone Thorn Wharf Willow Wood Ash Birch Elm Hollin Kirk"
)
STREET_KINDS = words("Road Street Lane Avenue Close Grove Terrace Crescent Drive Walk")
POSTCODE_UNIT_LETTERS = "ABDEFGHJLNPQRSTUWXYZ"  # Royal Mail leaves out C I K M O V here


def person_name(rng: random.Random, ethnicity: str, sex: str) -> tuple[str, str]:
    groups = NAME_GROUPS.get(ethnicity, ("british",))
    male, female, _ = NAMES[rng.choice(groups)]
    if sex == "U":
        sex = rng.choice("MF")
    first = rng.choice(male if sex == "M" else female)
    return first, rng.choice(NAMES[rng.choice(groups)][2])


def address(rng: random.Random, prefix: str = "BF", districts: int = 20) -> tuple[str, str]:
    street = f"{rng.randint(1, 180)} {rng.choice(STREETS)} {rng.choice(STREET_KINDS)}"
    unit = "".join(rng.choice(POSTCODE_UNIT_LETTERS) for _ in range(2))
    return street, f"{prefix}{rng.randint(1, districts)} {rng.randint(1, 9)}{unit}"


def phone(rng: random.Random) -> str:
    # Ofcom keeps 07700 900000-900999 for drama, so these numbers never reach anyone.
    return f"07700 900{rng.randint(0, 999):03d}"
