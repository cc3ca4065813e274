"""The shared list export (core/list_exports.py): the same filters give the same job whatever their
order in the address (and whatever page was showing), and the worker finds a list's builder even
though it has never imported the views that declare it."""

import os
import subprocess
import sys

from django.http import QueryDict

from core import list_exports


def test_filters_are_compared_in_one_order_without_the_format_or_page():
    one = list_exports.filters_of(QueryDict("status=overdue&format=csv&sort=-deadline&page=3"))
    other = list_exports.filters_of(QueryDict("sort=-deadline&status=overdue&format=xlsx"))
    assert one == other == "sort=-deadline&status=overdue"


def test_a_worker_finds_a_lists_builder_it_has_not_imported():
    # A fresh process, as the worker is: nothing has loaded the views yet.
    script = (
        "import django; django.setup(); from core import list_exports; assert not list_exports.LISTS; "
        "print(list_exports.get('casework.cases').filename)"
    )
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "opensend.test_settings"}
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=env, check=True)  # noqa: S603
    assert done.stdout.strip() == "cases"
