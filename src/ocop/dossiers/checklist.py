"""The evidence an evaluation dossier needs, by product set: data, not code paths.

Tourism services (set 26) send no product samples; spirits and other alcoholic drinks (14, 15) need the alcohol
production licence; food, drinks and herbal products need a food-safety certificate, a quality declaration and a
lab test report. Items a producer already keeps in the registry (producers.SupportingDocument) can be reused.
"""

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from ocop.producers.enums import DocumentKind
from ocop.producers.product_sets import ALCOHOL_SETS, TOURISM_SETS

FOOD_DRINK_HERBAL = frozenset(range(1, 21))
ALL_SETS = frozenset(range(1, 27))


@dataclass(frozen=True)
class Requirement:
    code: str
    label: str | Promise
    required_for: frozenset[int]
    optional_for: frozenset[int] = frozenset()
    document_kind: str | None = None  # a registry document of this kind can be reused

    def applies_to(self, product_set: int) -> bool:
        return product_set in self.required_for or product_set in self.optional_for

    def required(self, product_set: int) -> bool:
        return product_set in self.required_for


REQUIREMENTS: tuple[Requirement, ...] = (
    Requirement(
        "business_registration",
        _("Business registration certificate"),
        ALL_SETS,
        document_kind=DocumentKind.BUSINESS_REGISTRATION,
    ),
    Requirement(
        "food_safety", _("Food-safety facility certificate"), FOOD_DRINK_HERBAL, document_kind=DocumentKind.FOOD_SAFETY
    ),
    Requirement(
        "production_licence",
        _("Alcohol production licence"),
        ALCOHOL_SETS,
        document_kind=DocumentKind.PRODUCTION_LICENCE,
    ),
    Requirement(
        "quality_declaration",
        _("Product quality declaration"),
        FOOD_DRINK_HERBAL,
        document_kind=DocumentKind.QUALITY_DECLARATION,
    ),
    Requirement(
        "lab_test", _("Lab test report of the product"), FOOD_DRINK_HERBAL, document_kind=DocumentKind.LAB_TEST
    ),
    Requirement("raw_material_origin", _("Raw-material origin and linkage contracts"), ALL_SETS - TOURISM_SETS),
    Requirement("environment", _("Environmental dossier"), ALL_SETS, document_kind=DocumentKind.ENVIRONMENT),
    Requirement("product_photos", _("Photos of the product, its packaging and label"), ALL_SETS),
    Requirement("local_workers", _("List of local workers with social insurance"), frozenset(), ALL_SETS),
    Requirement(
        "trademark",
        _("Trademark and other intellectual-property documents"),
        frozenset(),
        ALL_SETS,
        document_kind=DocumentKind.TRADEMARK,
    ),
    Requirement(
        "financial_statements",
        _("Cooperative classification or two years of financial statements"),
        frozenset(),
        ALL_SETS,
    ),
    Requirement("distribution", _("Distribution contracts and invoices"), frozenset(), ALL_SETS),
    Requirement("promotion", _("Promotion evidence and product story"), frozenset(), ALL_SETS),
    Requirement(
        "quality_management",
        _("Quality-management certificates and awards"),
        frozenset(),
        ALL_SETS,
        document_kind=DocumentKind.QUALITY_MANAGEMENT,
    ),
)
BY_CODE = {requirement.code: requirement for requirement in REQUIREMENTS}
SAMPLES_REQUIRED = 5


def requirements_for(product_set: int) -> list[Requirement]:
    return [requirement for requirement in REQUIREMENTS if requirement.applies_to(product_set)]


def samples_required(product_set: int) -> int:
    return 0 if product_set in TOURISM_SETS else SAMPLES_REQUIRED
