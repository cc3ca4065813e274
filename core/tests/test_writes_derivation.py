"""The derivation the POST matrix rests on: which views take a write, read from the views."""

from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django.views.generic import FormView, TemplateView
from rest_framework.views import APIView

from core.permissions import permission_required
from core.tests.writes import accepts_writes


def _save(request):
    return request.POST.get("name")


def _page(request):
    return "page"


def test_a_function_view_is_read_through_its_decorators_and_helpers():
    @require_POST
    @permission_required("casework.list_cases")
    def button(request):
        return None

    @require_http_methods(["GET", "POST"])
    def form(request):
        return None

    @require_GET
    def listing(request):
        return None

    @permission_required("casework.list_cases")
    def saves_through_a_helper(request):
        return _save(request)

    @permission_required("casework.list_cases")
    def only_shows(request):
        return _page(request)

    assert accepts_writes(button) and accepts_writes(form) and accepts_writes(saves_through_a_helper)
    assert not accepts_writes(listing) and not accepts_writes(only_shows)


def test_a_class_based_view_takes_a_write_when_it_has_a_handler_for_one():
    class Api(APIView):
        def post(self, request):
            return None

    assert accepts_writes(FormView.as_view()) and accepts_writes(Api.as_view())
    assert not accepts_writes(TemplateView.as_view())
