"""Every shape the API reads and writes: one place for all serializers. Records are named by their codes (unit
codes per QĐ 19/2025, the OCOP product code, certificate and receipt numbers) beside their numeric ids."""

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from ocop.certificates.models import Certificate
from ocop.councils.models import Assignment
from ocop.dossiers.enums import DossierKind, Level
from ocop.dossiers.models import Dossier
from ocop.geo.models import AdministrativeUnit
from ocop.planning.models import Plan
from ocop.producers.models import Producer, Product
from ocop.traceability.models import StampBatch, TraceEvent


class UnitSerializer(serializers.ModelSerializer):
    parent_code = serializers.CharField(source="parent.code", read_only=True, allow_null=True, default=None)

    class Meta:
        model = AdministrativeUnit
        fields = ["id", "code", "name", "level", "era", "division_type", "parent_code", "valid_from", "valid_to"]


class UnitRef(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()
    era = serializers.CharField()


class ProducerSerializer(serializers.ModelSerializer):
    unit = UnitRef(read_only=True)

    class Meta:
        model = Producer
        fields = [
            "id",
            "name",
            "legal_form",
            "registration_number",
            "tax_code",
            "representative_name",
            "address",
            "unit",
            "phone",
            "email",
            "website",
            "members_count",
            "workers_count",
            "created_at",
            "updated_at",
        ]


class ProductSerializer(serializers.ModelSerializer):
    producer_id = serializers.IntegerField(read_only=True)
    producer_name = serializers.CharField(source="producer.name", read_only=True)

    class Meta:
        model = Product
        fields = [
            "id",
            "code",
            "name",
            "product_set",
            "producer_id",
            "producer_name",
            "gtin",
            "description",
            "packaging",
            "shelf_life",
            "standard",
            "withdrawn_on",
            "created_at",
            "updated_at",
        ]


class CertificateSerializer(serializers.ModelSerializer):
    product_code = serializers.CharField(source="product.code", read_only=True)
    producer_id = serializers.IntegerField(read_only=True)
    status = serializers.CharField(read_only=True, help_text=_("valid, expiring, expired, suspended or revoked"))
    decision_number = serializers.CharField(source="decision.number", read_only=True)
    decision_level = serializers.CharField(source="decision.level", read_only=True)

    class Meta:
        model = Certificate
        fields = [
            "id",
            "number",
            "product_code",
            "product_name",
            "producer_id",
            "producer_name",
            "stars",
            "score",
            "issued_on",
            "valid_until",
            "status",
            "decision_number",
            "decision_level",
        ]


class CatalogueEntrySerializer(serializers.Serializer):
    """A product whose OCOP certificate is in force today, as the public catalogue shows it."""

    product_code = serializers.CharField(source="product.code")
    product_name = serializers.CharField(source="product.name")
    product_set = serializers.IntegerField(source="product.product_set")
    producer_name = serializers.CharField(source="producer.name")
    commune = UnitRef(source="producer.unit")
    stars = serializers.IntegerField()
    certificate_number = serializers.CharField(source="number")
    valid_until = serializers.DateField()
    status = serializers.CharField()


class CertificateCheckSerializer(serializers.Serializer):
    number = serializers.CharField()
    product_name = serializers.CharField()
    producer_name = serializers.CharField()
    stars = serializers.IntegerField()
    issued_on = serializers.DateField()
    valid_until = serializers.DateField()
    status = serializers.CharField()
    in_force = serializers.BooleanField()


class DossierSerializer(serializers.ModelSerializer):
    product_code = serializers.CharField(source="product.code", read_only=True)
    producer_id = serializers.IntegerField(read_only=True)
    commune_code = serializers.CharField(source="commune.code", read_only=True, allow_null=True, default=None)
    evaluation_level = serializers.ChoiceField(choices=Level.choices, allow_blank=True, read_only=True)
    current_level = serializers.ChoiceField(choices=Level.choices, allow_blank=True, read_only=True)

    class Meta:
        model = Dossier
        fields = [
            "id",
            "receipt_number",
            "kind",
            "state",
            "product_code",
            "producer_id",
            "commune_code",
            "filed_on",
            "deadline",
            "closed_on",
            "evaluation_level",
            "current_level",
            "contact_name",
            "contact_phone",
            "samples_count",
            "updated_at",
        ]
        read_only_fields = fields


class NewDossierSerializer(serializers.Serializer):
    """Mẫu 01 from a producer's software: the product (by its OCOP code) and the kind of evaluation."""

    product_code = serializers.CharField(max_length=40)
    kind = serializers.ChoiceField(choices=DossierKind.choices)
    contact_name = serializers.CharField(max_length=150, required=False, allow_blank=True)
    contact_phone = serializers.CharField(max_length=20, required=False, allow_blank=True)
    samples_count = serializers.IntegerField(min_value=0, max_value=1000, required=False, allow_null=True)
    producer_summary = serializers.CharField(max_length=20000, required=False, allow_blank=True)
    business_plan_results = serializers.CharField(max_length=20000, required=False, allow_blank=True)
    future_plan = serializers.CharField(max_length=20000, required=False, allow_blank=True)


class ScoreSheetSerializer(serializers.ModelSerializer):
    session_id = serializers.IntegerField(read_only=True)
    dossier_id = serializers.IntegerField(read_only=True)
    product_code = serializers.CharField(source="dossier.product.code", read_only=True)
    answers = serializers.DictField(child=serializers.IntegerField(min_value=0, max_value=1000))
    total = serializers.SerializerMethodField()

    class Meta:
        model = Assignment
        fields = [
            "id",
            "session_id",
            "dossier_id",
            "product_code",
            "answers",
            "disqualified",
            "comment",
            "total",
            "saved_at",
            "submitted_at",
        ]
        read_only_fields = ["saved_at", "submitted_at"]

    def get_total(self, sheet) -> str | None:
        score = self.context.get("scores", {}).get(sheet.pk)
        return None if score is None else str(score.total)


class AnswersSerializer(serializers.Serializer):
    """A member's answers: the criterion's code → the points chosen (levels of the official sheet)."""

    answers = serializers.DictField(child=serializers.IntegerField(min_value=0, max_value=1000), allow_empty=True)
    disqualified = serializers.BooleanField(default=False)
    comment = serializers.CharField(max_length=5000, required=False, allow_blank=True, default="")


class PlanSerializer(serializers.ModelSerializer):
    unit_code = serializers.CharField(source="unit.code", read_only=True)

    class Meta:
        model = Plan
        fields = ["id", "reference", "kind", "title", "issuing_body", "issued_on", "starts_on", "ends_on", "unit_code"]


class TargetFigureSerializer(serializers.Serializer):
    """A target of the plan and its actual for the period: computed from the registry, or reported."""

    code = serializers.CharField(source="target.code")
    text = serializers.CharField(source="target.text")
    indicator = serializers.CharField(source="target.indicator")
    unit_label = serializers.CharField(source="target.unit_label")
    direction = serializers.CharField(source="target.direction")
    low = serializers.DecimalField(source="target.low", max_digits=14, decimal_places=2)
    high = serializers.DecimalField(source="target.high", max_digits=14, decimal_places=2, allow_null=True)
    source = serializers.CharField()
    actual = serializers.DecimalField(source="assessment.actual", max_digits=16, decimal_places=2, allow_null=True)
    percent = serializers.DecimalField(source="assessment.percent", max_digits=8, decimal_places=1, allow_null=True)
    met = serializers.BooleanField(source="assessment.met", allow_null=True)


class StampBatchSerializer(serializers.ModelSerializer):
    product_code = serializers.CharField(source="product.code", read_only=True)

    class Meta:
        model = StampBatch
        fields = [
            "id",
            "product_code",
            "quantity",
            "status",
            "requested_at",
            "decided_at",
        ]


class TraceEventSerializer(serializers.ModelSerializer):
    product_code = serializers.CharField(source="product.code", read_only=True, allow_null=True, default=None)
    event = serializers.JSONField(source="body", read_only=True)

    class Meta:
        model = TraceEvent
        fields = [
            "id",
            "hash_id",
            "event_type",
            "event_time",
            "time_zone_offset",
            "record_time",
            "biz_step",
            "product_code",
            "lot",
            "retracted_at",
            "event",
        ]


class CaptureResultSerializer(serializers.Serializer):
    stored = serializers.ListField(child=serializers.CharField(), help_text=_("hash IDs of the events recorded now"))
    already_there = serializers.IntegerField(help_text=_("events of the document that were recorded before"))
    declared_errors = serializers.IntegerField(help_text=_("error declarations among them"))


class FieldErrorSerializer(serializers.Serializer):
    field = serializers.CharField()
    message = serializers.CharField()


class CaptureRefusedSerializer(serializers.Serializer):
    errors = FieldErrorSerializer(many=True)
