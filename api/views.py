"""The case API for partner systems. Views check who may do what and turn domain refusals into
the API's error shape; every change goes through the domain services, which audit it.

Who may do what is the pages' rule (casework/rules.py, people/rules.py): the case file and the case
list are area case staff's (`view_case_file`, `list_cases`), as on the pages; a professional, a
designated officer or a SENCo gets 403 for the list and 404 for a case, however many asked them for
advice. Families never hold tokens (api.models.may_hold_tokens)."""

from django.conf import settings
from django.db.models import Prefetch
from django.urls import reverse
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework.exceptions import AuthenticationFailed, PermissionDenied, ValidationError
from rest_framework.generics import GenericAPIView
from rest_framework.pagination import LimitOffsetPagination
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response

from api.auth import AUTHENTICATION_CLASSES, THROTTLE_CLASSES, TokenHasScope
from api.errors import Conflict, api_exception_handler, error_responses
from api.models import Scope
from api.serializers import (
    CaseDetailSerializer,
    CaseFilterSerializer,
    CaseSummarySerializer,
    ChildSerializer,
    NewAdviceRequestSerializer,
    NewCaseSerializer,
    NewChildSerializer,
    NewEventSerializer,
)
from audit.models import Action
from audit.services import record_many, record_read
from casework import services as casework
from casework.access import cases_visible_to, get_case_for_user
from casework.models import AdviceRequest, AssessmentCase, CaseEvent
from clock.case_events import EventKind, OutOfOrder
from core.concurrency import StaleEditError, editing
from people.access import get_child_for_user


class ApiView(GenericAPIView):
    authentication_classes = AUTHENTICATION_CLASSES
    permission_classes = [IsAuthenticated, TokenHasScope]
    throttle_classes = THROTTLE_CLASSES
    scopes = {"GET": Scope.READ_CASES, "POST": Scope.WRITE_EVENTS}

    def get_exception_handler(self):
        return api_exception_handler

    def perform_authentication(self, request):
        # DRF throttles after authenticating and checking permissions, so a caller with no token or
        # a wrong one (guessing keys) would never be counted: count them here, by client address.
        try:
            request.user  # noqa: B018 (authenticates)
        except AuthenticationFailed:
            self.check_throttles(request)
            raise
        if request.auth is None:
            self.check_throttles(request)


def _refuse_unless(allowed: bool, message: str):
    if not allowed:
        raise PermissionDenied(message)


# Children ---------------------------------------------------------------------------------------


class ChildCreateView(ApiView):
    @extend_schema(
        operation_id="child_create",
        request=NewChildSerializer,
        responses={201: ChildSerializer, **error_responses(400, 401, 403, 429)},
        summary="Add a child's record",
    )
    def post(self, request):
        _refuse_unless(request.user.has_perm("people.add_child"), "You may not add children's records")
        incoming = NewChildSerializer(data=request.data, context={"request": request})
        incoming.is_valid(raise_exception=True)
        child = incoming.save()
        location = reverse("api:child_detail", args=[child.public_id])
        return Response(ChildSerializer(child).data, status=201, headers={"Location": location})


class ChildDetailView(ApiView):
    @extend_schema(
        operation_id="child_read",
        responses={200: ChildSerializer, **error_responses(401, 403, 404, 429)},
        summary="A child's record",
    )
    def get(self, request, public_id):
        child = get_child_for_user(request, public_id)
        record_read(request, child, "Read the child's record (API)")
        return Response(ChildSerializer(child).data)


# Cases ------------------------------------------------------------------------------------------


class CasePagination(LimitOffsetPagination):
    default_limit = settings.PAGE_SIZE
    max_limit = 100


def _detail_queryset():
    """Everything the case page of the API shows, in a fixed number of queries."""
    return AssessmentCase.objects.select_related("child", "caseworker").prefetch_related(
        Prefetch("events", queryset=CaseEvent.objects.select_related("recorded_by")),
        "exceptions",
        Prefetch("advice_requests", queryset=AdviceRequest.objects.select_related("professional")),
    )


def _detail(case_pk) -> dict:
    case = _detail_queryset().get(pk=case_pk)
    return _represent(case)


def _represent(case) -> dict:
    line = casework.case_timeline(
        case,
        events=case.events.all(),
        exceptions=case.exceptions.all(),
        advice=case.advice_requests.all(),
    )
    return CaseDetailSerializer(case, context={"timeline": line}).data


def _filter_cases(cases, chosen: dict):
    if "stage" in chosen:
        cases = cases.filter(stage=chosen["stage"])
    if "caseworker" in chosen:
        cases = cases.filter(caseworker__username=chosen["caseworker"])
    if "overdue" in chosen:
        cases = cases.filter(is_overdue=chosen["overdue"])
    if "due_before" in chosen:
        cases = cases.filter(next_deadline__lt=chosen["due_before"])
    if "child" in chosen:
        cases = cases.filter(child__public_id=chosen["child"])
    return cases


class CaseListView(ApiView):
    pagination_class = CasePagination

    @extend_schema(
        operation_id="case_list",
        parameters=[CaseFilterSerializer],
        responses={200: CaseSummarySerializer(many=True), **error_responses(400, 401, 403, 429)},
        summary="Cases, newest request first (area case staff only)",
        description="Only area case staff (caseworkers, managers, panel) may list cases, as on the "
        "pages; other tokens get 403. Each case returned is audited as a read of its child's record.",
    )
    def get(self, request):
        _refuse_unless(request.user.has_perm("casework.list_cases"), "You may not list assessment cases")
        filters = CaseFilterSerializer(data=request.query_params.dict())
        filters.is_valid(raise_exception=True)
        cases = cases_visible_to(request.user).select_related("child", "caseworker")
        page = self.paginate_queryset(_filter_cases(cases, filters.validated_data))
        # Every child the page names is a read of their record: audited, in one statement.
        record_many(request, Action.VIEW, [(case.child, case) for case in page], summary="Listed (API)")
        return self.get_paginated_response(CaseSummarySerializer(page, many=True).data)

    @extend_schema(
        operation_id="case_create",
        request=NewCaseSerializer,
        responses={
            201: CaseDetailSerializer,
            200: OpenApiResponse(
                CaseDetailSerializer,
                description="The child already had an open case: the request was added to it",
            ),
            **error_responses(400, 401, 403, 429),
        },
        summary="Record a request for an EHC needs assessment",
    )
    def post(self, request):
        _refuse_unless(
            request.user.has_perm("casework.record_request"), "You may not record assessment requests"
        )
        incoming = NewCaseSerializer(data=request.data, context={"request": request})
        incoming.is_valid(raise_exception=True)
        try:
            case = casework.open_case(request, **incoming.validated_data)
        except OutOfOrder as refused:
            raise ValidationError({"received_on": [str(refused)]}) from refused
        location = reverse("api:case_detail", args=[case.public_id])
        # One open request a child: a request for a child with an open case joins it (200, not 201).
        attached = getattr(case, "attached_request", None) is not None
        return Response(_detail(case.pk), status=200 if attached else 201, headers={"Location": location})


class CaseDetailView(ApiView):
    @extend_schema(
        operation_id="case_read",
        responses={200: CaseDetailSerializer, **error_responses(401, 403, 404, 429)},
        summary="A case with all its statutory clocks, advice requests, exceptions and events",
    )
    def get(self, request, public_id):
        # The case file (internal notes, exceptions, every event) is staff-only, as on the pages.
        case = get_case_for_user(
            request, public_id, perm="casework.view_case_file", queryset=_detail_queryset()
        )
        record_read(request, case, f"Read case {case.reference} (API)")
        return Response(_represent(case))


def _changeable_case(request, public_id):
    case = get_case_for_user(request, public_id, perm="casework.view_case_file")
    _refuse_unless(request.user.has_perm("casework.act_on_case", case), "You may not change assessment cases")
    return case


CHANGED = {201: CaseDetailSerializer, **error_responses(400, 401, 403, 404, 409, 429)}


class CaseEventsView(ApiView):
    @extend_schema(
        operation_id="case_event_create",
        request=NewEventSerializer,
        responses=CHANGED,
        summary="Record something that happened on a case",
        description="Refused with 400 (under `kind`) when the event does not fit where the case is, "
        "e.g. a second decision to assess; with 409 when `version` is not the case's current version.",
    )
    def post(self, request, public_id):
        case = _changeable_case(request, public_id)
        incoming = NewEventSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        event = incoming.validated_data
        kind = EventKind(event["kind"])
        try:
            # Claims the case at the client's `version` (409 if it moved on), for the whole step.
            with editing(case, event["version"]):
                if kind is EventKind.ADVICE_RECEIVED:
                    advice = case.advice_requests.filter(ref=event["ref"]).first()
                    if advice is None:
                        raise ValidationError({"ref": ["This case has no advice request with this ref"]})
                    casework.receive_advice(request, advice, event["on"], text=event["note"])
                else:
                    casework.record_event(
                        request, case, kind, event["on"], ref=event["ref"], note=event["note"]
                    )
        except StaleEditError as stale:
            raise Conflict() from stale
        except OutOfOrder as refused:
            raise ValidationError({"kind": [str(refused)]}) from refused
        return Response(_detail(case.pk), status=201)


class CaseAdviceRequestsView(ApiView):
    @extend_schema(
        operation_id="case_advice_request_create",
        request=NewAdviceRequestSerializer,
        responses=CHANGED,
        summary="Ask an adviser for advice (starts its 6-week clock)",
    )
    def post(self, request, public_id):
        case = _changeable_case(request, public_id)
        incoming = NewAdviceRequestSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        asked = incoming.validated_data
        try:
            with editing(case, asked.get("version")):
                casework.request_advice(
                    request,
                    case,
                    asked["adviser_type"],
                    asked["on"],
                    professional=asked.get("professional"),
                    note=asked["note"],
                )
        except StaleEditError as stale:
            raise Conflict() from stale
        except OutOfOrder as refused:
            raise ValidationError([str(refused)]) from refused
        return Response(_detail(case.pk), status=201)
