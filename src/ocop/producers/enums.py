from django.db import models
from django.utils.translation import gettext_lazy as _


class LegalForm(models.TextChoices):
    COOPERATIVE = "cooperative", _("Cooperative (HTX)")
    COOPERATIVE_GROUP = "cooperative_group", _("Cooperative group")
    ENTERPRISE = "enterprise", _("Small or medium enterprise")
    FARM = "farm", _("Farm")
    HOUSEHOLD = "household", _("Registered household business")
    ASSOCIATION = "association", _("Association (tourism)")
    MANAGEMENT_BOARD = "management_board", _("Management board (tourism)")


class ProductOrigin(models.TextChoices):
    """What the product comes from: the plan counts animal husbandry (chăn nuôi) apart from aquatic products."""

    LIVESTOCK_POULTRY = "livestock_poultry", _("Livestock and poultry")
    BEE = "bee", _("Bee-keeping")
    AQUATIC = "aquatic", _("Aquatic (fishing, aquaculture)")
    PLANT = "plant", _("Crops and plants")
    OTHER = "other", _("Other")


# Chăn nuôi: livestock, poultry, their eggs and milk, and bee-keeping; aquatic products are not.
ANIMAL_HUSBANDRY = frozenset({ProductOrigin.LIVESTOCK_POULTRY, ProductOrigin.BEE})

# Forms the plan counts as "cooperatives and SMEs".
COOPERATIVE_OR_SME = frozenset({LegalForm.COOPERATIVE, LegalForm.COOPERATIVE_GROUP, LegalForm.ENTERPRISE})


class EnterpriseSize(models.TextChoices):
    MICRO = "micro", _("Micro")
    SMALL = "small", _("Small")
    MEDIUM = "medium", _("Medium")


class Gender(models.TextChoices):
    FEMALE = "female", _("Female")
    MALE = "male", _("Male")


class ProductState(models.TextChoices):
    """Where a product stands; computed from its dossiers and certificates, never typed in."""

    IDEA = "idea", _("Idea")
    BUSINESS_PLAN = "business_plan", _("In business plan")
    REGISTERED = "registered", _("Registered for evaluation")
    CERTIFIED = "certified", _("Certified")
    EXPIRED = "expired", _("Certificate expired")
    REVOKED = "revoked", _("Certificate revoked")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class DocumentKind(models.TextChoices):
    BUSINESS_REGISTRATION = "business_registration", _("Business registration certificate")
    FOOD_SAFETY = "food_safety", _("Food-safety facility certificate")
    QUALITY_DECLARATION = "quality_declaration", _("Quality declaration")
    TRADEMARK = "trademark", _("Trademark or other IP certificate")
    PRODUCTION_LICENCE = "production_licence", _("Alcohol production licence")
    ENVIRONMENT = "environment", _("Environmental dossier")
    LAB_TEST = "lab_test", _("Lab test report")
    QUALITY_MANAGEMENT = "quality_management", _("Quality-management certificate")
    CIRCULAR_ECONOMY = "circular_economy", _("Circular-economy or green OCOP evidence")
    OTHER = "other", _("Other document")


class ZoneCertificationKind(models.TextChoices):
    VIETGAP = "vietgap", "VietGAP"
    ORGANIC = "organic", _("Organic")
    GLOBALGAP = "globalgap", "GlobalGAP"
    OTHER = "other", _("Other")


class ExpiryStatus(models.TextChoices):
    VALID = "valid", _("Valid")
    EXPIRING = "expiring", _("Expiring soon")
    EXPIRED = "expired", _("Expired")
    NO_EXPIRY = "no_expiry", _("No expiry")


# The 54 ethnic groups of Vietnam (Kinh first); a representative of any other group counts as ethnic minority.
ETHNIC_GROUPS = (
    "Kinh",
    "Tày",
    "Thái",
    "Mường",
    "Khmer",
    "Hoa",
    "Nùng",
    "Mông",
    "Dao",
    "Gia Rai",
    "Ê Đê",
    "Ba Na",
    "Sán Chay",
    "Chăm",
    "Cơ Ho",
    "Xơ Đăng",
    "Sán Dìu",
    "Hrê",
    "Ra Glai",
    "Mnông",
    "Thổ",
    "Stiêng",
    "Khơ mú",
    "Bru - Vân Kiều",
    "Cơ Tu",
    "Giáy",
    "Tà Ôi",
    "Mạ",
    "Giẻ - Triêng",
    "Co",
    "Chơ Ro",
    "Xinh Mun",
    "Hà Nhì",
    "Chu Ru",
    "Lào",
    "La Chí",
    "Kháng",
    "Phù Lá",
    "La Hủ",
    "La Ha",
    "Pà Thẻn",
    "Lự",
    "Ngái",
    "Chứt",
    "Lô Lô",
    "Mảng",
    "Cơ Lao",
    "Bố Y",
    "Cống",
    "Si La",
    "Pu Péo",
    "Rơ Măm",
    "Brâu",
    "Ơ Đu",
)
MAJORITY_ETHNIC_GROUP = "Kinh"
