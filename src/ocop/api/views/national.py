"""The national OCOP database export for the national system: the same document as the back office's export
(national.domain.export), in full or what changed since a moment, and its JSON schema."""

import datetime

from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics, serializers
from rest_framework.response import Response

from ocop.accounts.enums import TokenScope
from ocop.api.views.base import ApiView
from ocop.national.domain.export import build_export, schema


class SinceSerializer(serializers.Serializer):
    since = serializers.DateTimeField(required=False)

    def validate_since(self, moment):
        """In UTC: PostgreSQL refuses offsets beyond ±15:59, which ISO 8601 allows."""
        try:
            return moment.astimezone(datetime.UTC)
        except OverflowError:
            raise serializers.ValidationError(_("This moment is out of range.")) from None


class NationalExport(ApiView, generics.GenericAPIView):
    """Producers, products, certificates and council results the account sees, as one document following
    ``/api/v1/national-export/schema/``; ``?since=`` (ISO 8601 with its offset) gives exactly what changed after it."""

    scopes = {"read": TokenScope.REGISTRY_READ}
    rules = {"read": "national.export"}
    serializer_class = SinceSerializer
    pagination_class = None

    @extend_schema(
        parameters=[OpenApiParameter("since", OpenApiTypes.DATETIME, description="e.g. 2026-12-01T00:00:00+07:00")],
        responses={200: OpenApiTypes.OBJECT},
    )
    def get(self, request):
        asked = SinceSerializer(data=request.query_params)
        asked.is_valid(raise_exception=True)
        return Response(build_export(actor=request.user, since=asked.validated_data.get("since")))


class NationalExportSchema(ApiView, generics.GenericAPIView):
    """The JSON schema (draft 2020-12) every export follows; its version is the document's ``schema_version``."""

    scopes = {}
    pagination_class = None
    serializer_class = SinceSerializer

    @extend_schema(responses={200: OpenApiTypes.OBJECT})
    def get(self, request):
        return Response(schema())
