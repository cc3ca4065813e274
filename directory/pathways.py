""" "Support while you wait" pages: what families can do while waiting for an NHS pathway.

Plain English, short sentences. Each page also lists the services tagged with the pathway and
with "Support while you wait" (directory.views.public.waiting_support).
"""

URGENT = (
    "If you think your child is in danger or might hurt themselves, call 999 or go to A&E. "
    "For urgent mental health help, call NHS 111 and choose the mental health option."
)

PAGES = {
    "autism-assessment": {
        "summary": "Waiting for an autism assessment can take a long time. "
        "You do not need a diagnosis to get help.",
        "about": [
            "An autism assessment finds out if your child is autistic.",
            "Your child does not need a diagnosis to get support at school or nursery.",
            "Schools must help any child with special educational needs, with or without a diagnosis.",
        ],
        "do_now": [
            "Talk to your child's teacher or the school SENCo about what helps your child.",
            "Keep a short diary of what is going well and what is hard. It helps at the assessment.",
            "Join a parent group. Other parents know what the wait is like.",
            "Ask the SEND information, advice and support service (SENDIASS) about your rights.",
        ],
    },
    "adhd-assessment": {
        "summary": "While you wait for an ADHD assessment, there is help for your child and for you.",
        "about": [
            "An ADHD assessment finds out if your child has attention deficit hyperactivity disorder.",
            "School can put support in place now. They do not need to wait for a diagnosis.",
        ],
        "do_now": [
            "Ask school what they can change now, like movement breaks or a quiet place to work.",
            "Try a parenting course for families of children with ADHD traits.",
            "Keep routines simple and the same each day where you can.",
            "Note down what happens before and after hard moments. It helps at the assessment.",
        ],
    },
    "camhs": {
        "summary": "If your child is waiting for CAMHS, you can still get support now.",
        "about": [
            "CAMHS stands for child and adolescent mental health services.",
            "They help children and young people with their feelings and mental health.",
            "If things get worse while you wait, tell CAMHS. They may see your child sooner.",
        ],
        "do_now": [
            "Talk to the school. Many schools have a mental health lead or a counsellor.",
            "Try an online or drop-in service for young people. Some do not need a referral.",
            "Look after yourself too. Parent carer support groups can help.",
        ],
    },
    "speech-therapy": {
        "summary": "There are things you can do every day to help your child's talking while you wait.",
        "about": [
            "Speech and language therapy helps with talking, understanding and being understood.",
            "It can also help with eating, drinking and swallowing.",
        ],
        "do_now": [
            "Talk about what you are doing together. Use short, simple words.",
            "Turn off the TV and other screens when you play and talk.",
            "Give your child time to answer. Count to ten in your head.",
            "Go to a drop-in session or a library rhyme time near you.",
        ],
    },
    "wheelchairs": {
        "summary": "While you wait for a wheelchair or seating, ask about loans and short-term help.",
        "about": [
            "The wheelchair service assesses children and young people who find walking hard.",
            "It provides wheelchairs, buggies and seating that fit your child.",
        ],
        "do_now": [
            "Ask the wheelchair service if a loan chair is possible while you wait.",
            "Tell them if your child's needs change. This may change how soon they are seen.",
            "Ask your occupational therapist or physiotherapist about safe seating at home.",
            "Some charities lend or fund equipment. Ask the Local Offer team.",
        ],
    },
    "specialist-equipment": {
        "summary": "Equipment can take time to arrive. There is help to keep your child safe meanwhile.",
        "about": [
            "Specialist equipment includes things like bath seats, hoists, special beds and standing frames.",
            "It can come from the NHS, the council or a charity.",
        ],
        "do_now": [
            "Ask your occupational therapist what you can use safely until it arrives.",
            "Check if you can get a grant for changes to your home.",
            "Ask about borrowing equipment from a loan store.",
        ],
    },
}
