"""Demo data for this app (see core/demo.py)."""


def build(context):
    pass
