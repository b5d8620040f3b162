"""The read-only API for providers' systems (/api/v1/): JSON, cursor pagination, an updated_since filter for
incremental syncs, and one shape of error body. Each request is logged with its token's id and prefix, never a
person."""

import logging

from django.contrib.auth.decorators import login_not_required
from django.shortcuts import render
from django.utils.decorators import method_decorator
from django.views.decorators.http import require_safe
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import exceptions, generics, serializers
from rest_framework.pagination import CursorPagination
from rest_framework.views import exception_handler

from . import selectors
from .serializers import ClaimSerializer, MentorSerializer

logger = logging.getLogger(__name__)

UPDATED_SINCE = OpenApiParameter(
    "updated_since",
    OpenApiTypes.DATETIME,
    description="Only what changed at or after this time (ISO 8601, such as 2026-11-01T00:00:00Z), for "
    "incremental syncs.",
)


def error_body(exc, context):
    """Every error has one shape: {"error": {"status": 401, "code": "not_authenticated", "message": "..."}}, with
    "fields" saying what is wrong with each parameter that is not valid."""
    response = exception_handler(exc, context)
    if response is None:
        return None
    if isinstance(exc, exceptions.ValidationError) and isinstance(exc.detail, dict):
        error = {"code": "invalid", "message": "A parameter is not valid.", "fields": exc.detail}
    else:
        code = exc.get_codes() if isinstance(exc, exceptions.APIException) else "error"
        error = {"code": code if isinstance(code, str) else "error", "message": str(getattr(exc, "detail", exc))}
    response.data = {"error": {"status": response.status_code, **error}}
    return response


class ByUpdatedCursor(CursorPagination):
    page_size = 100
    max_page_size = 500
    page_size_query_param = "page_size"


class UpdatedSince(serializers.Serializer):
    updated_since = serializers.DateTimeField(required=False)


class ProviderListView(generics.ListAPIView):
    updated_field = None
    http_method_names = ["get", "head"]

    def initial(self, request, *args, **kwargs):
        # The API only reads: any other method is refused (405) before the token is asked for, as a page is.
        if request.method.lower() not in self.http_method_names:
            raise exceptions.MethodNotAllowed(request.method)
        super().initial(request, *args, **kwargs)

    def get_queryset(self):
        query = UpdatedSince(data=self.request.query_params)
        query.is_valid(raise_exception=True)
        rows = self.rows(self.request.user.provider)
        if "updated_since" in query.validated_data:
            rows = rows.filter(**{f"{self.updated_field}__gte": query.validated_data["updated_since"]})
        return rows

    def finalize_response(self, request, response, *args, **kwargs):
        try:
            token = request.auth
        except exceptions.AuthenticationFailed:
            token = None  # a request refused before its token was read (a method not allowed), with a bad one
        logger.info(
            "API %s %s answered %s for token %s (%s)",
            request.method,
            request.path,
            response.status_code,
            getattr(token, "pk", None),
            getattr(token, "prefix", "none"),
        )
        return super().finalize_response(request, response, *args, **kwargs)


@method_decorator(login_not_required, name="dispatch")
@extend_schema(parameters=[UPDATED_SINCE], summary="Current mentors at the provider's partner schools")
class Mentors(ProviderListView):
    serializer_class = MentorSerializer
    updated_field = "updated_at"

    class pagination_class(ByUpdatedCursor):  # noqa: N801
        ordering = ("updated_at", "id")

    def rows(self, provider):
        return selectors.mentors_for(provider)


@method_decorator(login_not_required, name="dispatch")
@extend_schema(
    parameters=[
        OpenApiParameter(
            "updated_since",
            OpenApiTypes.DATETIME,
            description="Only claims submitted at or after this time (ISO 8601), for incremental syncs.",
        )
    ],
    summary="Claims for mentors' training with the provider",
)
class Claims(ProviderListView):
    serializer_class = ClaimSerializer
    updated_field = "submitted_at"

    class pagination_class(ByUpdatedCursor):  # noqa: N801
        ordering = ("submitted_at", "id")

    def rows(self, provider):
        return selectors.claims_for(provider)


@login_not_required
@require_safe
def docs(request):
    """The API's documentation, as a GOV.UK page drawn from its OpenAPI description (no JavaScript)."""
    schema = SchemaGenerator().get_schema(request=None, public=True)
    endpoints = [
        {"path": path, "summary": operation.get("summary", ""), "parameters": operation.get("parameters", [])}
        for path, operations in schema["paths"].items()
        for method, operation in operations.items()
        if method == "get"
    ]
    return render(request, "api/docs.html", {"endpoints": endpoints, "info": schema["info"]})
