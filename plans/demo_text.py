"""Words for the demo plans: needs, outcomes and provision by type of need, written the way good
plans are (specific and quantified), and the vague versions poor plans fall back on. Made up,
but of the kind real Brookfield plans would hold."""

# SEN type -> the area of need it is written under in section B.
AREA = {
    "ASD": "communication", "SLCN": "communication", "SEMH": "semh", "MLD": "cognition",
    "SLD": "cognition", "PMLD": "cognition", "SPLD": "cognition", "DS": "cognition", "OTH": "cognition",
    "HI": "sensory_physical", "VI": "sensory_physical", "MSI": "sensory_physical", "PD": "sensory_physical",
}  # fmt: skip

# SEN type -> (need, outcome, [(what, who, how often, how long, group size)])
NEEDS = {
    "ASD": (
        "Finds it hard to understand what others mean, to take turns in conversation and to cope "
        "with changes to routine",
        "Will use a visual timetable to move between lessons with no more than one adult prompt",
        [
            (
                "Visual timetable and 'now and next' board, checked with an adult at each change of lesson",
                "Teaching assistant trained in autism",
                "Every lesson change",
                "5 minutes",
                "1:1",
            ),
            (
                "Social communication group working on turn-taking and reading faces",
                "Speech and language therapist",
                "Once a week",
                "45 minutes",
                "small_group",
            ),
        ],
    ),
    "SLCN": (
        "Has a small vocabulary for their age and finds it hard to follow instructions of more than "
        "two parts",
        "Will follow a three-part spoken instruction in class without a visual prompt",
        [
            (
                "Speech and language therapy on understanding and using new topic words",
                "Speech and language therapist",
                "Once a week",
                "30 minutes",
                "1:1",
            ),
            (
                "Pre-teaching of topic vocabulary from the therapist's programme",
                "Teaching assistant",
                "3 times a week",
                "15 minutes",
                "pair",
            ),
        ],
    ),
    "SEMH": (
        "Finds it hard to manage strong feelings; leaves the classroom when overwhelmed",
        "Will use an agreed calming strategy and return to class within 10 minutes, on 4 days out of 5",
        [
            (
                "Emotional literacy (ELSA) sessions on naming and managing feelings",
                "Trained emotional literacy support assistant",
                "Once a week",
                "40 minutes",
                "1:1",
            ),
            (
                "Check-in with a key adult at the start and end of the school day",
                "Named key adult",
                "Twice a day",
                "10 minutes",
                "1:1",
            ),
        ],
    ),
    "MLD": (
        "Working well below age-related expectations in reading, writing and maths, and needs many "
        "repetitions to remember new learning",
        "Will read and spell the 100 most common words",
        [
            (
                "Precision teaching of high-frequency words",
                "Teaching assistant",
                "Every school day",
                "10 minutes",
                "1:1",
            ),
            (
                "Small-group maths intervention using concrete apparatus",
                "Class teacher",
                "3 times a week",
                "30 minutes",
                "small_group",
            ),
        ],
    ),
    "SLD": (
        "Has severe learning difficulties; communicates with some single words and Makaton signs",
        "Will make a choice between two activities using signs or symbols",
        [
            (
                "Intensive interaction and a total communication approach in every lesson",
                "Class team in a special school",
                "Every lesson",
                "Throughout the school day",
                "small_group",
            ),
            (
                "Makaton signing programme",
                "Speech and language therapist",
                "Once a fortnight",
                "45 minutes",
                "1:1",
            ),
        ],
    ),
    "PMLD": (
        "Has profound and multiple learning difficulties and needs support for every part of the day",
        "Will show a consistent response (a look or a reach) to indicate 'more'",
        [
            (
                "Sensory learning programme with a consistent cue for each activity",
                "Special school class team",
                "Every school day",
                "Throughout the school day",
                "1:1",
            ),
        ],
    ),
    "SPLD": (
        "Has dyslexia: reads slowly and finds spelling very hard, though understands well when read to",
        "Will read a text at their chronological age with 90% accuracy",
        [
            (
                "Structured, multi-sensory literacy programme",
                "Specialist dyslexia teacher",
                "Twice a week",
                "45 minutes",
                "1:1",
            ),
            (
                "Reader and extra time in tests and examinations",
                "Exams officer",
                "Every test",
                "25% extra time",
                "1:1",
            ),
        ],
    ),
    "DS": (
        "Has Down syndrome: learns best visually, with short tasks and much practice",
        "Will write a sentence of at least five words independently",
        [
            (
                "Visual supports and tasks broken into short steps in English and maths",
                "Teaching assistant",
                "Every English and maths lesson",
                "Whole lesson",
                "1:1",
            ),
        ],
    ),
    "HI": (
        "Has a moderate hearing loss in both ears and wears hearing aids; misses much of what is said "
        "in noisy rooms",
        "Will check and report whether their hearing aids and radio aid are working, every morning",
        [
            (
                "Teacher of the deaf visits to advise staff and check equipment",
                "Qualified teacher of the deaf",
                "Twice a term",
                "1 hour",
                "1:1",
            ),
            (
                "Radio aid worn in every lesson, checked each morning",
                "Teaching assistant",
                "Every school day",
                "5 minutes",
                "1:1",
            ),
        ],
    ),
    "VI": (
        "Has a severe visual impairment and reads using enlarged print",
        "Will touch-type at 20 words a minute",
        [
            (
                "Touch-typing and use of magnification software",
                "Qualified teacher of visual impairment",
                "Once a week",
                "1 hour",
                "1:1",
            ),
        ],
    ),
    "MSI": (
        "Has both a hearing and a visual impairment and needs information through touch and close-up",
        "Will use objects of reference to anticipate the next activity",
        [
            (
                "Intervenor support for communication and mobility",
                "Trained intervenor",
                "Every school day",
                "Throughout the school day",
                "1:1",
            ),
        ],
    ),
    "PD": (
        "Has cerebral palsy affecting both legs; uses a walking frame and tires quickly",
        "Will move between classrooms with the walking frame within the lesson changeover time",
        [
            (
                "Physiotherapy programme of stretches and walking practice",
                "Teaching assistant trained by the physiotherapist",
                "Every school day",
                "20 minutes",
                "1:1",
            ),
            (
                "Specialist seating and a height-adjustable desk in every classroom",
                "SENCo",
                "Every lesson",
                "Throughout the school day",
                "1:1",
            ),
        ],
    ),
    "OTH": (
        "Has a rare genetic condition affecting attention, memory and stamina",
        "Will complete a 20-minute independent task with one adult prompt",
        [
            (
                "Task plans with a timer and planned movement breaks",
                "Teaching assistant",
                "Every lesson",
                "5 minutes",
                "1:1",
            ),
        ],
    ),
}

# What poorer plans say instead: unspecific and unquantified.
VAGUE = [
    ("Access to a quiet space as appropriate", "", "", ""),
    ("Opportunities for small group work", "School staff", "Regular", ""),
    ("Support as needed at unstructured times", "", "As needed", ""),
    ("Access to speech and language therapy", "Speech and language therapy service", "", ""),
    ("Adult support in class", "", "Regular", "As appropriate"),
]

# Preparing for adulthood (CoP 8.5): area -> (outcome, provision).
PFA = {
    "employment": (
        "Will complete a two-week work experience placement in a setting they chose",
        (
            "Careers guidance with a specialist adviser, and a supported work experience placement",
            "Careers adviser",
            "Once a half term",
            "1 hour",
            "1:1",
        ),
    ),
    "independent_living": (
        "Will travel to school or college independently on the bus",
        (
            "Independent travel training on the route to school",
            "Travel trainer",
            "Twice a week",
            "1 hour",
            "1:1",
        ),
    ),
    "community": (
        "Will take part in a weekly club or activity of their choice outside school",
        (
            "Support to join and settle into a local youth club",
            "Youth worker",
            "Once a week",
            "2 hours",
            "small_group",
        ),
    ),
    "health": (
        "Will book and attend their own health appointments with a reminder",
        (
            "Health transition sessions on managing their own appointments and medication",
            "School nurse",
            "Once a half term",
            "30 minutes",
            "1:1",
        ),
    ),
}

HEALTH_NEEDS = {
    "PD": (
        "Cerebral palsy: needs a physiotherapy programme and regular orthotics reviews",
        (
            "Physiotherapy review and programme update",
            "Children's physiotherapist",
            "Once a term",
            "1 hour",
            "1:1",
        ),
    ),
    "HI": (
        "Hearing loss: needs audiology reviews and hearing aid maintenance",
        ("Audiology review", "Paediatric audiologist", "Every 6 months", "1 hour", "1:1"),
    ),
    "VI": (
        "Visual impairment: needs ophthalmology reviews",
        ("Low vision clinic", "Orthoptist", "Once a year", "1 hour", "1:1"),
    ),
    "PMLD": (
        "Epilepsy and feeding needs: has a gastrostomy and takes rescue medication",
        (
            "Epilepsy and gastrostomy care plans reviewed and staff trained",
            "Community children's nurse",
            "Once a term",
            "2 hours",
            "small_group",
        ),
    ),
    "SLD": (
        "Epilepsy, controlled by medication; seizures are rare",
        (
            "Epilepsy care plan reviewed and staff trained",
            "Epilepsy specialist nurse",
            "Once a year",
            "1 hour",
            "small_group",
        ),
    ),
    "DS": (
        "Needs yearly thyroid and hearing checks",
        ("Health review", "Community paediatrician", "Once a year", "30 minutes", "1:1"),
    ),
    "SEMH": (
        "Anxiety affecting sleep and eating",
        (
            "Child and adolescent mental health service sessions",
            "CAMHS practitioner",
            "Once a fortnight",
            "50 minutes",
            "1:1",
        ),
    ),
    "ASD": (
        "Sensory processing differences affecting eating and sleep",
        ("Sensory diet advice and review", "Occupational therapist", "Once a half term", "1 hour", "1:1"),
    ),
}
DEFAULT_HEALTH = (
    "Asthma: uses an inhaler",
    ("Asthma plan reviewed", "School nurse", "Once a year", "30 minutes", "1:1"),
)

SOCIAL_CARE = (
    "The family needs regular breaks from caring, and the child needs support with personal care",
    [
        ("H2", ("Overnight short breaks at Hazel House", "Children's disability team", "Two nights a month",
                "Overnight", "small_group")),
        ("H1", ("Personal care support at home after school", "Care agency commissioned by social care",
                "Every weekday", "1 hour", "1:1")),
    ],
)  # fmt: skip

INTERESTS = [
    "Loves trains and knows the whole timetable for the Brookfield line",
    "Enjoys drawing, especially cartoons and comics",
    "Likes swimming and is proud of their 25 metre badge",
    "Good at building with Lego and following the instructions",
    "Loves music and singing along to songs from films",
    "Enjoys football and supports Brookfield Town",
    "Likes cooking with their grandma",
    "Enjoys computer games and is good at Minecraft",
    "Loves animals and helps look after the class rabbit",
]
CHILD_VIEWS = [
    "I like it when I know what is happening next. I don't like it when it is noisy.",
    "I want to have more friends to play with at lunchtime.",
    "I like my teaching assistant because she helps me when I get stuck.",
    "Reading is hard for me but I like it when someone reads to me.",
    "I get worried when things change and I don't know why.",
    "I like doing things with my hands. Writing makes my hand hurt.",
]
ASPIRATIONS = [
    "I want to be a vet.",
    "I want to work with animals when I grow up.",
    "I want to be a train driver.",
    "I want to go to college and learn to cook.",
    "I want to live in my own flat one day.",
    "I want to be a footballer or a PE teacher.",
]
PARENT_VIEWS = [
    "We want school to understand that calm behaviour at school does not mean there are no difficulties: "
    "the anxiety shows at home.",
    "We are pleased with the progress this year and want the same support to carry on.",
    "We are worried about the move to secondary school and want it planned early.",
    "We would like more help with communication so our child can tell us about their day.",
]
PARENT_ASPIRATIONS = [
    "To be happy, have friends and be as independent as possible.",
    "To leave school with qualifications and a job they enjoy.",
    "To be able to travel on their own and take part in the community.",
]

# Help added at an annual review (the amendment's new provision item).
REVIEW_ADDITIONS = [
    ("Transition visits to the next class or setting with a familiar adult", "Key adult", "Once a week",
     "1 hour", "1:1"),
    ("Lego-based therapy group for collaboration and turn-taking", "Trained teaching assistant",
     "Once a week",
     "45 minutes", "small_group"),
    ("Touch-typing programme to reduce the load of handwriting", "Teaching assistant", "3 times a week",
     "20 minutes", "1:1"),
    ("Zones of Regulation sessions on recognising and managing feelings", "Learning mentor", "Twice a week",
     "30 minutes", "small_group"),
    ("Fine motor skills programme from the occupational therapist", "Teaching assistant", "Every school day",
     "10 minutes", "1:1"),
]  # fmt: skip
