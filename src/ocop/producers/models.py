from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from ocop.producers import product_sets
from ocop.producers.enums import (
    DocumentKind,
    EnterpriseSize,
    Gender,
    LegalForm,
    ProductOrigin,
    ProductState,
    ZoneCertificationKind,
)


class TimestampedModel(models.Model):
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    is_generated = models.BooleanField(
        _("generated demo record"), default=False, help_text=_("Made up for the demo; not a real record.")
    )

    class Meta:
        abstract = True


class CraftVillage(TimestampedModel):
    """A recognised craft village (làng nghề)."""

    name = models.CharField(_("name"), max_length=200)
    craft = models.CharField(_("craft"), max_length=200, blank=True)
    unit = models.ForeignKey(
        "geo.AdministrativeUnit", verbose_name=_("commune"), on_delete=models.PROTECT, related_name="+"
    )
    recognition_number = models.CharField(_("recognition decision number"), max_length=60, blank=True)
    recognition_date = models.DateField(_("recognition decision date"), null=True, blank=True)
    recognised_by = models.CharField(_("recognised by"), max_length=200, blank=True)
    search_name = models.CharField(max_length=200, editable=False, db_index=True)

    class Meta:
        verbose_name = _("craft village")
        verbose_name_plural = _("craft villages")

    def __str__(self) -> str:
        return self.name


class Producer(TimestampedModel):
    """A chủ thể: the cooperative, enterprise, farm or household business that owns OCOP products."""

    name = models.CharField(_("name"), max_length=255)
    legal_form = models.CharField(_("legal form"), max_length=30, choices=LegalForm.choices)
    enterprise_size = models.CharField(_("enterprise size"), max_length=10, choices=EnterpriseSize.choices, blank=True)
    registration_number = models.CharField(_("business registration number"), max_length=30, blank=True)
    registration_date = models.DateField(_("business registration date"), null=True, blank=True)
    tax_code = models.CharField(_("tax code"), max_length=20, blank=True)
    representative_name = models.CharField(_("legal representative"), max_length=150, blank=True)
    representative_gender = models.CharField(
        _("representative's gender"), max_length=10, choices=Gender.choices, blank=True
    )
    representative_ethnicity = models.CharField(_("representative's ethnicity"), max_length=40, blank=True)
    representative_disabled = models.BooleanField(_("representative has a disability"), default=False)
    address = models.CharField(_("address"), max_length=255, blank=True)
    unit = models.ForeignKey(
        "geo.AdministrativeUnit", verbose_name=_("commune"), on_delete=models.PROTECT, related_name="+"
    )
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    email = models.EmailField(_("email"), blank=True)
    website = models.URLField(_("website"), blank=True)
    members_count = models.PositiveIntegerField(_("members"), null=True, blank=True)
    member_households = models.PositiveIntegerField(_("member households"), null=True, blank=True)
    workers_count = models.PositiveIntegerField(_("workers"), null=True, blank=True)
    circular_economy = models.BooleanField(_("circular-economy value chain (green OCOP)"), default=False)
    craft_village = models.ForeignKey(
        CraftVillage,
        verbose_name=_("craft village"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="producers",
    )
    search_name = models.CharField(max_length=255, editable=False, db_index=True)

    class Meta:
        verbose_name = _("producer")
        verbose_name_plural = _("producers")
        constraints = [
            models.UniqueConstraint(
                fields=["registration_number"],
                condition=~Q(registration_number=""),
                name="producers_unique_registration_number",
            ),
            models.UniqueConstraint(fields=["search_name", "unit"], name="producers_unique_name_in_commune"),
        ]
        indexes = [models.Index(fields=["unit", "legal_form"])]

    def __str__(self) -> str:
        return self.name


class Product(TimestampedModel):
    name = models.CharField(_("name"), max_length=255)
    product_set = models.PositiveSmallIntegerField(
        _("product set"), choices=product_sets.CHOICES, validators=[MinValueValidator(1), MaxValueValidator(26)]
    )
    producer = models.ForeignKey(
        Producer, verbose_name=_("producer"), on_delete=models.PROTECT, related_name="products"
    )
    code = models.CharField(_("OCOP product code"), max_length=40, unique=True)
    origin = models.CharField(_("origin"), max_length=20, choices=ProductOrigin.choices, blank=True)
    description = models.TextField(_("description"), blank=True)
    packaging = models.CharField(_("packaging"), max_length=255, blank=True)
    shelf_life = models.CharField(_("shelf life"), max_length=100, blank=True)
    standard = models.CharField(_("standard applied"), max_length=255, blank=True)
    gtin = models.CharField(_("GTIN"), max_length=14, blank=True)
    raw_material_zones = models.ManyToManyField(
        "RawMaterialZone", verbose_name=_("raw-material zones"), blank=True, related_name="products"
    )
    withdrawn_on = models.DateField(_("withdrawn on"), null=True, blank=True)
    withdrawal_reason = models.CharField(_("reason for withdrawal"), max_length=255, blank=True)
    search_name = models.CharField(max_length=255, editable=False, db_index=True)

    class Meta:
        verbose_name = _("product")
        verbose_name_plural = _("products")
        constraints = [models.UniqueConstraint(fields=["producer", "search_name"], name="products_unique_name")]
        indexes = [models.Index(fields=["product_set"])]

    def __str__(self) -> str:
        return self.name

    @property
    def product_set_info(self) -> product_sets.ProductSet:
        return product_sets.BY_NUMBER[self.product_set]

    @property
    def state_label(self) -> str:
        """The label of the ``state`` that dossiers.domain.lifecycle.with_lifecycle() annotates."""
        return ProductState(self.state).label


def product_photo_path(instance: "ProductPhoto", filename: str) -> str:
    return f"products/{instance.product_id}/{filename}"


class ProductPhoto(models.Model):
    product = models.ForeignKey(Product, verbose_name=_("product"), on_delete=models.CASCADE, related_name="photos")
    image = models.ImageField(_("photo"), upload_to=product_photo_path)
    caption = models.CharField(_("caption"), max_length=200, blank=True)
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("product photo")
        verbose_name_plural = _("product photos")
        ordering = ["uploaded_at", "id"]

    def __str__(self) -> str:
        return self.caption or self.image.name


class ProductCodeSequence(models.Model):
    """The last sequence number used for product codes of one commune in one year."""

    province_code = models.CharField(max_length=2)
    commune_code = models.CharField(max_length=5)
    year = models.PositiveSmallIntegerField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["province_code", "commune_code", "year"], name="product_code_sequence")
        ]

    def __str__(self) -> str:
        return f"{self.province_code}-{self.commune_code}-{self.year}: {self.last}"


class RawMaterialZone(TimestampedModel):
    """A vùng nguyên liệu: where a producer's raw material is grown or caught."""

    producer = models.ForeignKey(
        Producer, verbose_name=_("producer"), on_delete=models.PROTECT, related_name="raw_material_zones"
    )
    name = models.CharField(_("name"), max_length=200)
    material = models.CharField(_("raw material"), max_length=150)
    growing_area_code = models.CharField(_("growing-area code"), max_length=40, blank=True)
    area_hectares = models.DecimalField(_("area (ha)"), max_digits=10, decimal_places=2, null=True, blank=True)
    unit = models.ForeignKey(
        "geo.AdministrativeUnit", verbose_name=_("commune"), on_delete=models.PROTECT, related_name="+"
    )
    location = models.CharField(_("location"), max_length=255, blank=True)
    search_name = models.CharField(max_length=200, editable=False, db_index=True)

    class Meta:
        verbose_name = _("raw-material zone")
        verbose_name_plural = _("raw-material zones")

    def __str__(self) -> str:
        return self.name


class CheckedRecordModel(models.Model):
    """A certificate issued by someone else: who issued it, its validity, and whether an officer checked it."""

    number = models.CharField(_("number"), max_length=60, blank=True)
    issuer = models.CharField(_("issued by"), max_length=200)
    issued_on = models.DateField(_("issued on"), null=True, blank=True)
    valid_until = models.DateField(_("valid until"), null=True, blank=True)
    checked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("checked by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    checked_at = models.DateTimeField(_("checked at"), null=True, blank=True)

    class Meta:
        abstract = True


class ZoneCertification(CheckedRecordModel):
    zone = models.ForeignKey(
        RawMaterialZone, verbose_name=_("raw-material zone"), on_delete=models.CASCADE, related_name="certifications"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=ZoneCertificationKind.choices)

    class Meta:
        verbose_name = _("zone certification")
        verbose_name_plural = _("zone certifications")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.number}".strip()


def supporting_document_path(instance: "SupportingDocument", filename: str) -> str:
    return f"producers/{instance.producer_id}/documents/{filename}"


class SupportingDocument(CheckedRecordModel):
    """A producer's paper: business registration, food-safety certificate, trademark… reused by every dossier."""

    producer = models.ForeignKey(
        Producer, verbose_name=_("producer"), on_delete=models.CASCADE, related_name="documents"
    )
    kind = models.CharField(_("kind"), max_length=30, choices=DocumentKind.choices)
    title = models.CharField(_("title"), max_length=200, blank=True)
    file = models.FileField(_("file"), upload_to=supporting_document_path, blank=True)

    class Meta:
        verbose_name = _("supporting document")
        verbose_name_plural = _("supporting documents")
        indexes = [models.Index(fields=["valid_until"])]

    def __str__(self) -> str:
        return self.title or f"{self.get_kind_display()} {self.number}".strip()


def import_file_path(instance: "ImportBatch", filename: str) -> str:
    return f"imports/{instance.uploaded_at:%Y/%m}/{filename}"


class ImportBatch(models.Model):
    """An Excel workbook uploaded for import: checked first (dry run), then applied all at once or not at all."""

    class Status(models.TextChoices):
        CHECKED = "checked", _("Checked, not applied")
        REJECTED = "rejected", _("Has errors")
        APPLIED = "applied", _("Applied")

    file = models.FileField(_("file"), upload_to=import_file_path)
    original_name = models.CharField(_("file name"), max_length=255)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("uploaded by"), on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField(_("uploaded at"))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices)
    report = models.JSONField(_("report"), default=dict)
    applied_at = models.DateTimeField(_("applied at"), null=True, blank=True)

    class Meta:
        verbose_name = _("import")
        verbose_name_plural = _("imports")
        ordering = ["-uploaded_at"]

    def __str__(self) -> str:
        return self.original_name

    @property
    def may_apply(self) -> bool:
        """Only a checked workbook without errors is applied (registry_import.domain.importing.apply_import)."""
        return self.status == self.Status.CHECKED


class IdentityChange(models.Model):
    """A new name or address asked for by a producer account: public only once the provincial office accepts it."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for the provincial office")
        ACCEPTED = "accepted", _("Accepted")
        REJECTED = "rejected", _("Rejected")

    producer = models.ForeignKey(
        Producer, verbose_name=_("producer"), on_delete=models.CASCADE, related_name="identity_changes"
    )
    name = models.CharField(_("name"), max_length=255)
    address = models.CharField(_("address"), max_length=255, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PENDING)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("asked by"), on_delete=models.SET_NULL, null=True, related_name="+"
    )
    requested_at = models.DateTimeField(_("asked at"), auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("decided by"), on_delete=models.SET_NULL, null=True, related_name="+"
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)

    class Meta:
        verbose_name = _("change of name and address")
        verbose_name_plural = _("changes of name and address")
        constraints = [
            models.UniqueConstraint(
                fields=["producer"], condition=Q(status="pending"), name="one_pending_identity_change_per_producer"
            )
        ]

    def __str__(self) -> str:
        return f"{self.producer} → {self.name}"
