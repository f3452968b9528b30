"""Dossiers from a producer's own software: list and read them, create one (Mẫu 01) and file it with the commune.
The same domain functions and rules as the screens; a refusal is a 400 with the screen's message."""

from django.core.exceptions import ValidationError as DomainError
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import generics, status
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response

from ocop.accounts.enums import TokenScope
from ocop.api import filters, serializers
from ocop.api.views.base import ApiView, refused
from ocop.dossiers.domain import drafting, workflow
from ocop.dossiers.domain.queries import visible_dossiers
from ocop.dossiers.models import Dossier
from ocop.producers.domain.queries import visible_products


class Dossiers(ApiView):
    queryset = Dossier.objects.none()  # the schema's model; each request reads get_queryset()
    serializer_class = serializers.DossierSerializer
    filterset_class = filters.DossierFilter

    def get_queryset(self):
        return (
            visible_dossiers(self.request.user)
            .select_related("product", "commune")
            .order_by("-updated_at", "-pk")
            .distinct()
        )


class DossierList(Dossiers, generics.ListAPIView):
    scopes = {"read": TokenScope.REGISTRY_READ, "POST": TokenScope.DOSSIERS_WRITE}
    rules = {"read": "dossiers.view_dossiers", "POST": "dossiers.add_dossier"}

    @extend_schema(request=serializers.NewDossierSerializer, responses={201: serializers.DossierSerializer})
    def post(self, request):
        incoming = serializers.NewDossierSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        values = dict(incoming.validated_data)
        code = values.pop("product_code")
        product = visible_products(request.user).filter(code=code, withdrawn_on__isnull=True).first()
        if product is None:
            raise ValidationError({"product_code": [_("You have no product in the registry with this code.")]})
        try:
            dossier = drafting.create_dossier(actor=request.user, product=product, **values)
        except DomainError as error:
            raise refused(error) from None
        return Response(serializers.DossierSerializer(dossier).data, status=status.HTTP_201_CREATED)


class DossierDetail(Dossiers, generics.RetrieveAPIView):
    rules = {"read": "dossiers.view_dossiers"}


class DossierSubmit(Dossiers, generics.GenericAPIView):
    """File the dossier with the commune (today), once everything it needs is there."""

    scopes = {"POST": TokenScope.DOSSIERS_WRITE}
    rules = {"POST": "dossiers.change_dossier"}
    filterset_class = None

    @extend_schema(request=None, responses={200: serializers.DossierSerializer})
    def post(self, request, pk):
        dossier = self.get_object()
        try:
            dossier = workflow.submit_dossier(actor=request.user, dossier=dossier)
        except DomainError as error:
            raise refused(error) from None
        return Response(serializers.DossierSerializer(dossier).data)
