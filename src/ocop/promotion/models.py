"""Trade promotion: sales points, fairs with their invitations and registrations, buyer inquiries and where they
were routed. Slim on purpose: every rule is in promotion.domain."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from ocop.promotion.enums import InquiryState, SalesPointStatus


class SalesPoint(models.Model):
    """A point introducing and selling OCOP products (điểm giới thiệu và bán sản phẩm OCOP)."""

    name = models.CharField(_("name"), max_length=200)
    unit = models.ForeignKey(
        "geo.AdministrativeUnit", verbose_name=_("commune"), on_delete=models.PROTECT, related_name="+"
    )
    address = models.CharField(_("address"), max_length=255)
    operator = models.ForeignKey(
        "producers.Producer",
        verbose_name=_("operated by (producer)"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,  # a record outlives the plan it served (ocop up reloads the demo plan)
        related_name="sales_points",
    )
    operator_name = models.CharField(
        _("operated by (organisation)"),
        max_length=200,
        blank=True,
        help_text=_("When the operator is not a producer of the registry."),
    )
    opened_on = models.DateField(_("opened on"))
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=12, choices=SalesPointStatus.choices, default="open")
    products = models.ManyToManyField(
        "producers.Product", verbose_name=_("products stocked"), blank=True, related_name="sales_points"
    )
    task = models.ForeignKey(
        "planning.Task",
        verbose_name=_("plan task it serves"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,  # a record outlives the plan it served (ocop up reloads the demo plan)
        related_name="sales_points",
    )
    search_name = models.CharField(max_length=200, editable=False, db_index=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("sales point")
        verbose_name_plural = _("sales points")
        ordering = ["-opened_on", "pk"]

    def __str__(self) -> str:
        return self.name

    @property
    def operator_label(self) -> str:
        return self.operator.name if self.operator_id else self.operator_name


class Fair(models.Model):
    """A fair, exhibition or supply–demand event the province's producers are supported to attend."""

    name = models.CharField(_("name"), max_length=255)
    place = models.CharField(_("province or city"), max_length=120)
    unit = models.ForeignKey(
        "geo.AdministrativeUnit",
        verbose_name=_("administrative unit"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    venue = models.CharField(_("venue"), max_length=255, blank=True)
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("to"))
    organiser = models.CharField(_("organiser"), max_length=200)
    task = models.ForeignKey(
        "planning.Task",
        verbose_name=_("plan task it serves"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,  # a record outlives the plan it served (ocop up reloads the demo plan)
        related_name="fairs",
    )
    budget = models.DecimalField(_("budget (VND)"), max_digits=16, decimal_places=0, null=True, blank=True)
    search_name = models.CharField(max_length=255, editable=False, db_index=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("fair")
        verbose_name_plural = _("fairs")
        ordering = ["-starts_on", "pk"]

    def __str__(self) -> str:
        return self.name


class FairInvitation(models.Model):
    fair = models.ForeignKey(Fair, verbose_name=_("fair"), on_delete=models.CASCADE, related_name="invitations")
    producer = models.ForeignKey(
        "producers.Producer", verbose_name=_("producer"), on_delete=models.PROTECT, related_name="fair_invitations"
    )
    invited_at = models.DateTimeField(_("invited at"), auto_now_add=True)

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        constraints = [models.UniqueConstraint(fields=["fair", "producer"], name="promotion_invitation_once")]

    def __str__(self) -> str:
        return f"{self.fair} – {self.producer}"


class FairRegistration(models.Model):
    """A product shown at a fair, with the certificate in force on the fair's first day, its booth and results."""

    fair = models.ForeignKey(Fair, verbose_name=_("fair"), on_delete=models.CASCADE, related_name="registrations")
    product = models.ForeignKey(
        "producers.Product", verbose_name=_("product"), on_delete=models.PROTECT, related_name="fair_registrations"
    )
    producer = models.ForeignKey(
        "producers.Producer", verbose_name=_("producer"), on_delete=models.PROTECT, related_name="fair_registrations"
    )
    certificate = models.ForeignKey(
        "certificates.Certificate", verbose_name=_("certificate"), on_delete=models.PROTECT, related_name="+"
    )
    booth = models.CharField(_("booth"), max_length=20, blank=True)
    contracts_signed = models.PositiveIntegerField(_("contracts signed"), null=True, blank=True)
    sales = models.DecimalField(_("sales (VND)"), max_digits=16, decimal_places=0, null=True, blank=True)
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("registered by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    registered_at = models.DateTimeField(_("registered at"), auto_now_add=True)

    class Meta:
        verbose_name = _("fair registration")
        verbose_name_plural = _("fair registrations")
        ordering = ["fair", "pk"]
        constraints = [models.UniqueConstraint(fields=["fair", "product"], name="promotion_registration_once")]

    def __str__(self) -> str:
        return f"{self.fair} – {self.product}"


class BuyerInquiry(models.Model):
    """A buyer's request for a product (kết nối cung – cầu), sent from the public page without an account."""

    buyer_name = models.CharField(_("your name or company"), max_length=150)
    contact = models.CharField(_("phone or e-mail"), max_length=150)
    product_type = models.CharField(_("product you are looking for"), max_length=200)
    product_set = models.PositiveSmallIntegerField(_("product set"), null=True, blank=True)
    volume = models.CharField(_("volume"), max_length=100, blank=True)
    province = models.ForeignKey(
        "geo.AdministrativeUnit",
        verbose_name=_("from the province of"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    message = models.TextField(_("message"), blank=True)
    received_at = models.DateTimeField(_("received at"), auto_now_add=True)

    class Meta:
        verbose_name = _("buyer inquiry")
        verbose_name_plural = _("buyer inquiries")
        ordering = ["-received_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.product_type} – {self.buyer_name}"


class InquiryRoute(models.Model):
    """An inquiry sent to one producer whose certified products match it, and the producer's answer."""

    inquiry = models.ForeignKey(
        BuyerInquiry, verbose_name=_("inquiry"), on_delete=models.CASCADE, related_name="routes"
    )
    producer = models.ForeignKey(
        "producers.Producer", verbose_name=_("producer"), on_delete=models.PROTECT, related_name="inquiry_routes"
    )
    products = models.ManyToManyField("producers.Product", verbose_name=_("matching products"), related_name="+")
    state = models.CharField(_("state"), max_length=10, choices=InquiryState.choices, default="waiting")
    answer = models.TextField(_("answer"), blank=True)
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("answered by"), null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("routed inquiry")
        verbose_name_plural = _("routed inquiries")
        ordering = ["-inquiry__received_at", "pk"]
        constraints = [models.UniqueConstraint(fields=["inquiry", "producer"], name="promotion_route_once")]

    def __str__(self) -> str:
        return f"{self.inquiry} → {self.producer}"
