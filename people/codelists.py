"""DfE code lists used on child records (school census and SEN2 guidance).

A code the code reads (not only shows) is a TextChoices, so nobody types "E" or "LAC" again; the
list form (`SEN_PROVISION = SenProvision.choices`) stays for forms and the API."""

from django.db import models

ETHNICITY = [
    ("WBRI", "White - British"),
    ("WIRI", "White - Irish"),
    ("WIRT", "Traveller of Irish heritage"),
    ("WOTH", "Any other White background"),
    ("WROM", "Gypsy / Roma"),
    ("MWBC", "White and Black Caribbean"),
    ("MWBA", "White and Black African"),
    ("MWAS", "White and Asian"),
    ("MOTH", "Any other mixed background"),
    ("AIND", "Indian"),
    ("APKN", "Pakistani"),
    ("ABAN", "Bangladeshi"),
    ("AOTH", "Any other Asian background"),
    ("BCRB", "Black Caribbean"),
    ("BAFR", "Black - African"),
    ("BOTH", "Any other Black background"),
    ("CHNE", "Chinese"),
    ("OOTH", "Any other ethnic group"),
    ("REFU", "Refused"),
    ("NOBT", "Information not yet obtained"),
]

FIRST_LANGUAGE = [
    ("ENG", "English"),
    ("ENB", "Not known but believed to be English"),
    ("OTB", "Not known but believed to be other than English"),
    ("ARA", "Arabic"),
    ("BNG", "Bengali"),
    ("CZE", "Czech"),
    ("GUJ", "Gujarati"),
    ("KUR", "Kurdish"),
    ("PHR", "Pahari (Pakistan)"),
    ("PNJ", "Panjabi"),
    ("POL", "Polish"),
    ("POR", "Portuguese"),
    ("ROM", "Romanian"),
    ("SLO", "Slovak"),
    ("SOM", "Somali"),
    ("TUR", "Turkish"),
    ("URD", "Urdu"),
    ("REF", "Refused"),
    ("NOT", "Information not obtained"),
]

SEX = [("M", "Male"), ("F", "Female"), ("U", "Not known")]

# SEN2 / school census SEN type codes (STATUTORY_RULES.md, "The DfE SEN2 return").
SEN_TYPE = [
    ("SPLD", "Specific learning difficulty"),
    ("MLD", "Moderate learning difficulty"),
    ("SLD", "Severe learning difficulty"),
    ("PMLD", "Profound and multiple learning difficulty"),
    ("SEMH", "Social, emotional and mental health"),
    ("SLCN", "Speech, language and communication needs"),
    ("HI", "Hearing impairment"),
    ("VI", "Visual impairment"),
    ("MSI", "Multi-sensory impairment"),
    ("PD", "Physical disability"),
    ("ASD", "Autistic spectrum disorder"),
    ("DS", "Down syndrome"),
    ("OTH", "Other difficulty or disability"),
]


class SenProvision(models.TextChoices):
    """School census SEN provision (SEN2 and Annex A read it too)."""

    EHC_PLAN = "E", "EHC plan"
    SEN_SUPPORT = "K", "SEN support"
    NONE = "N", "No special educational provision"


SEN_PROVISION = SenProvision.choices


class SocialCareStatus(models.TextChoices):
    NOT_KNOWN = "", "Not known to social care"
    CHILD_IN_NEED = "CIN", "Child in need"
    CHILD_PROTECTION = "CP", "Child protection plan"
    LOOKED_AFTER = "LAC", "Looked after child"
    CARE_LEAVER = "CL", "Care leaver"


SOCIAL_CARE_STATUS = SocialCareStatus.choices

CONTACT_PREFERENCE = [("email", "Email"), ("sms", "Text message"), ("phone", "Phone"), ("letter", "Letter")]

RELATIONSHIP = [
    ("mother", "Mother"),
    ("father", "Father"),
    ("step_parent", "Step-parent"),
    ("grandparent", "Grandparent"),
    ("foster_carer", "Foster carer"),
    ("special_guardian", "Special guardian"),
    ("other_carer", "Other carer"),
]

SETTING_PHASE = [
    ("nursery", "Nursery"),
    ("primary", "Primary"),
    ("middle", "Middle"),
    ("secondary", "Secondary"),
    ("all_through", "All-through"),
    ("post16", "16 plus"),
    ("not_applicable", "Not applicable"),
]

SETTING_TYPE = [
    ("mainstream", "Mainstream school"),
    ("special", "Special school"),
    ("resourced", "Mainstream with resourced provision or SEN unit"),
    ("pru", "Pupil referral unit or alternative provision"),
    ("post16", "Post-16 college"),
    ("early_years", "Early years setting"),
    ("independent", "Independent or non-maintained"),
    ("out_of_area", "Out of area"),
]


def label(codes, value) -> str:
    return dict(codes).get(value, value or "")


# Statutory returns (SEN2 and Ofsted Annex A): the fields a child's record needs for them.

# Why a child has neither a UPN nor a ULN (DfE common basic data set, "UPN unknown", used by SEN2,
# the CIN census and the SSDA903 return). Check the labels against the year's SEN2 guide.
UPN_UNKNOWN = [
    ("UN1", "Under 6 when first known to us and not yet attended school"),
    ("UN2", "Has never attended a school in England"),
    ("UN3", "Lives abroad"),
    ("UN4", "Has moved abroad"),
    ("UN5", "The UPN cannot be found: sources disagree"),
    ("UN6", "Unaccompanied asylum-seeking child or newly arrived in England"),
    ("UN7", "Referral with no further action"),
    ("UN8", "Never attended a school or further education college in England"),
    ("UN9", "In education or training and no UPN or ULN issued yet"),
    ("UN10", "Other reason the UPN and ULN are not known"),
]

# A child's place in a school's specialist provision (SEN2 SENunitIndicator and
# ResourcedProvisionIndicator on the placement).
SPECIALIST_PROVISION = [
    ("sen_unit", "In the school's SEN unit"),
    ("resourced", "In the school's resourced provision"),
]

# SEN2 `SENSetting`: where a child or young person with no school or college (URN or UKPRN) is.
# The meanings are the DfE's (SEN2 guide 2025 v1.4, items 4.7c and 5.7c): NIEC is a plan being
# ceased, and a child awaiting a placement (moved in with a plan, say) is NIEO.
SEN2_SETTING = [
    ("OLA", "Other arrangements made by the local authority (EOTAS)"),
    ("OPA", "Other arrangements made by parents (not elective home education)"),
    ("EHE", "Elective home education"),
    ("EYP", "Early years provider with no URN"),
    ("OTH", "Other (for example, a type of school named in the plan but no school)"),
    ("NEET", "Not in education, employment or training (aged 16 to 25)"),
    ("NIEC", "Not in education or training: notice to cease the plan issued"),
    ("NIEO", "Not in education or training: other (for example, awaiting a placement)"),
]

# Ofsted Annex A, "Which children's social care team?".
SOCIAL_CARE_TEAM = [
    ("", "None"),
    ("early_help", "Early help"),
    ("assessment", "Assessment and intervention"),
    ("cin", "Children in need"),
    ("child_protection", "Child protection"),
    ("children_in_care", "Children in care"),
    ("leaving_care", "Leaving care"),
    ("disabled_children", "Disabled children's team"),
]

# Ofsted Annex A, "Does the child or young person have a disability?" (Equality Act 2010 s.6).
DISABILITY = [("", "Not known"), ("Y", "Yes"), ("N", "No")]
