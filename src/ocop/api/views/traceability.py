"""EPCIS 2.0 capture for partner systems: the document is stored whole or refused whole with every fault by field."""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework import generics, status
from rest_framework.exceptions import ParseError
from rest_framework.parsers import JSONParser
from rest_framework.response import Response

from ocop.accounts.enums import TokenScope
from ocop.api import serializers
from ocop.api.views.base import ApiView
from ocop.traceability.domain.events import CaptureRefused, capture_document


class JsonLdParser(JSONParser):
    media_type = "application/ld+json"


class EpcisCapture(ApiView, generics.GenericAPIView):
    parser_classes = [JSONParser, JsonLdParser]
    scopes = {"POST": TokenScope.EPCIS_CAPTURE}
    rules = {"POST": "traceability.record_events"}
    serializer_class = serializers.CaptureResultSerializer

    @extend_schema(
        request={"application/json": OpenApiTypes.OBJECT, "application/ld+json": OpenApiTypes.OBJECT},
        responses={201: serializers.CaptureResultSerializer, 400: serializers.CaptureRefusedSerializer},
        description="An EPCIS 2.0 JSON-LD document (EPCISDocument) of events about the account's products.",
    )
    def post(self, request):
        try:
            document = request.data if isinstance(request.data, dict) else {}
        except ParseError as error:
            return Response({"errors": [{"field": "", "message": str(error.detail)}]}, status=400)
        try:
            capture = capture_document(
                actor=request.user,
                document=document,
                may_capture_any=request.user.has_perm("traceability.capture_any_event"),
            )
        except CaptureRefused as refusal:
            body = {"errors": [error.as_dict() for error in refusal.errors]}
            return Response(body, status=status.HTTP_400_BAD_REQUEST)
        body = {
            "stored": [event.hash_id for event in capture.stored],
            "already_there": capture.already_there,
            "declared_errors": capture.declared_errors,
        }
        return Response(body, status=status.HTTP_201_CREATED)
