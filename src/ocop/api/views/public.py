"""Public data, for anybody (no token needed): administrative units, the catalogue of certified products in force,
and the certificate check."""

from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.response import Response

from ocop.api import filters, serializers
from ocop.api.views.base import ApiView
from ocop.certificates.domain import publication
from ocop.certificates.domain.status import with_status
from ocop.certificates.enums import IN_FORCE_STATUSES
from ocop.certificates.models import Certificate
from ocop.geo.models import AdministrativeUnit


class UnitList(ApiView, generics.ListAPIView):
    """Administrative units of both eras (before and from 1/7/2025), with the unit above each."""

    scopes = {}
    serializer_class = serializers.UnitSerializer
    filterset_class = filters.UnitFilter
    queryset = AdministrativeUnit.objects.select_related("parent").order_by("era", "level", "code", "pk")


class UnitDetail(ApiView, generics.RetrieveAPIView):
    scopes = {}
    serializer_class = serializers.UnitSerializer
    queryset = AdministrativeUnit.objects.select_related("parent")


class CatalogueList(ApiView, generics.ListAPIView):
    """Every product whose OCOP certificate is in force today, newest first."""

    scopes = {}
    queryset = Certificate.objects.none()  # the schema's model; each request reads get_queryset()
    serializer_class = serializers.CatalogueEntrySerializer
    filterset_class = filters.CatalogueFilter

    def get_queryset(self):
        certificates = Certificate.objects.filter(product__withdrawn_on__isnull=True)
        return (
            with_status(certificates, timezone.localdate())
            .filter(status__in=[status.value for status in IN_FORCE_STATUSES])
            .select_related("product", "producer__unit")
            .order_by("-issued_on", "-pk")
        )


class CertificateCheck(ApiView, generics.GenericAPIView):
    """The public check of a certificate number, as the QR code on the certificate opens it."""

    scopes = {}
    serializer_class = serializers.CertificateCheckSerializer
    pagination_class = None

    @extend_schema(
        parameters=[OpenApiParameter("number", str, required=True, description="e.g. 12/2024/GCN-OCOP")],
        responses={200: serializers.CertificateCheckSerializer},
    )
    def get(self, request):
        raw = request.query_params.get("number", "")
        number = publication.normalise_number(raw)
        if number is None:
            raise ValidationError({"number": [_("This is not a certificate number.")]})
        card = publication.certificate_card(number)  # what the QR code's page shows, from the same cache
        if card is None:
            raise NotFound(_("No certificate has this number."))
        return Response(self.get_serializer(card | {"in_force": card["status"] in IN_FORCE_STATUSES}).data)
