"""What the account may see, as on its screens: producers, products, certificates, plans and their targets, stamp
batches and value-chain events. Each list is the same query as the screen's (the ``visible_*`` functions)."""

from django.http import Http404
from django.utils import timezone
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics
from rest_framework.response import Response

from ocop.api import filters, serializers
from ocop.api.views.base import ApiView
from ocop.certificates.domain.status import visible_certificates, with_status
from ocop.certificates.models import Certificate
from ocop.planning.domain import progress
from ocop.planning.domain.areas import AreaMap
from ocop.planning.domain.figures import target_figures
from ocop.planning.domain.periods import default_period
from ocop.planning.domain.queries import visible_plans
from ocop.planning.models import Plan
from ocop.producers.domain.queries import visible_producers, visible_products
from ocop.producers.models import Producer, Product
from ocop.traceability.domain.queries import visible_events, visible_stamp_batches
from ocop.traceability.models import StampBatch, TraceEvent


class Producers(ApiView):
    queryset = Producer.objects.none()  # the schema's model; each request reads get_queryset()
    rules = {"read": "producers.view_registry"}
    serializer_class = serializers.ProducerSerializer
    filterset_class = filters.ProducerFilter

    def get_queryset(self):
        return visible_producers(self.request.user).select_related("unit").order_by("pk")


class ProducerList(Producers, generics.ListAPIView):
    pass


class ProducerDetail(Producers, generics.RetrieveAPIView):
    pass


class Products(ApiView):
    queryset = Product.objects.none()  # the schema's model; each request reads get_queryset()
    rules = {"read": "producers.view_registry"}
    serializer_class = serializers.ProductSerializer
    filterset_class = filters.ProductFilter

    def get_queryset(self):
        return visible_products(self.request.user).select_related("producer").order_by("pk")


class ProductList(Products, generics.ListAPIView):
    pass


class ProductDetail(Products, generics.RetrieveAPIView):
    pass


class Certificates(ApiView):
    queryset = Certificate.objects.none()  # the schema's model; each request reads get_queryset()
    rules = {"read": "certificates.view_certificates"}
    serializer_class = serializers.CertificateSerializer
    filterset_class = filters.CertificateFilter

    def get_queryset(self):
        certificates = visible_certificates(self.request.user).select_related("product", "decision")
        return with_status(certificates, timezone.localdate()).order_by("-issued_on", "-pk")


class CertificateList(Certificates, generics.ListAPIView):
    pass


class CertificateDetail(Certificates, generics.RetrieveAPIView):
    pass


class PlanList(ApiView, generics.ListAPIView):
    queryset = Plan.objects.none()  # the schema's model; each request reads get_queryset()
    rules = {"read": "planning.view_plans"}
    serializer_class = serializers.PlanSerializer

    def get_queryset(self):
        return visible_plans(self.request.user).select_related("unit").order_by("-starts_on", "pk")


class PlanTargets(PlanList):
    """The plan's targets with their actuals for a period (computed from the registry, or as reported)."""

    serializer_class = serializers.TargetFigureSerializer
    pagination_class = None
    filter_backends = []

    @extend_schema(
        parameters=[OpenApiParameter("period", str, description="e.g. 2024 or 2024-H1; the current one if omitted")],
        responses={200: serializers.TargetFigureSerializer(many=True)},
    )
    def get(self, request, pk):
        plan = generics.get_object_or_404(self.get_queryset(), pk=pk)
        periods = progress.plan_periods(plan)
        key = request.query_params.get("period")
        chosen = [period for period in periods if period.key == key]
        period = chosen[0] if chosen else None if key else default_period(periods, timezone.localdate())
        if period is None:
            raise Http404
        targets = list(plan.targets.select_related("owner").order_by("position", "pk"))
        figures = target_figures(plan, period, targets, AreaMap(plan.unit), today=timezone.localdate())
        return Response(self.get_serializer(figures, many=True).data)


class StampBatchList(ApiView, generics.ListAPIView):
    queryset = StampBatch.objects.none()  # the schema's model; each request reads get_queryset()
    rules = {"read": "traceability.view_stamps"}
    serializer_class = serializers.StampBatchSerializer

    def get_queryset(self):
        return visible_stamp_batches(self.request.user).select_related("product").order_by("-requested_at", "-pk")


class EventList(ApiView, generics.ListAPIView):
    queryset = TraceEvent.objects.none()  # the schema's model; each request reads get_queryset()
    rules = {"read": "traceability.view_events"}
    serializer_class = serializers.TraceEventSerializer
    filterset_class = filters.EventFilter

    def get_queryset(self):
        return visible_events(self.request.user).select_related("product").order_by("-record_time", "-pk")
