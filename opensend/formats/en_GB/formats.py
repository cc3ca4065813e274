# GOV.UK style for times: "5:30pm", "10am" (not "17:30", "10:00 a.m." or "10 a.m."). Django's "a"
# says "a.m."/"p.m."; locale/en_GB's catalogue makes that "am"/"pm", and "f" leaves off ":00".
# core/tests/test_times.py holds every template and these formats to it.
TIME_FORMAT = "fa"  # '2:30pm', '2pm'
DATETIME_FORMAT = "j M Y, fa"  # '25 Oct 2006, 2:30pm'
SHORT_DATETIME_FORMAT = "d/m/Y fa"  # '25/10/2006 2:30pm'
