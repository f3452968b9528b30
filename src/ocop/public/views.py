"""Public pages: the certificate check (by number or QR), the catalogue of products in force, producer pages, and a
JSON view of each. No login, and cache-first: each page is built from an entry of certificates.domain.publication,
so a repeat hit reads the cache and never the database."""

import json

from django import forms
from django.conf import settings
from django.core.paginator import Paginator
from django.db import connection
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_safe

from ocop.certificates.domain import publication
from ocop.certificates.enums import (
    IN_FORCE_STATUSES,
    STATUS_TONE,
    CertificateStatus,
    RecognitionLevel,
    RevocationGround,
)
from ocop.common.limits import throttled
from ocop.common.replica import reads_from_replica
from ocop.producers import product_sets
from ocop.producers.enums import LegalForm
from ocop.public.page_cache import cached_page

PAGE_SIZE = 24
JSON_PAGE_SIZE = 100


@throttled("page")
@require_safe
@cached_page
def home(request):
    return render(request, "public/home.html")


@require_safe
def health(request):
    """For load balancers and monitoring: the process answers and the database is reachable."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})


# Shared pieces ----------------------------------------------------------------------------------------------------


def _status(code: str) -> dict:
    status = CertificateStatus(code)
    return {
        "code": status.value,
        "label": status.label,
        "tone": STATUS_TONE[status],
        "in_force": status in IN_FORCE_STATUSES,
    }


def _absolute(path: str) -> str:
    return f"{settings.SITE_URL}{path}"


def _ld_json(data: dict) -> str:
    """schema.org markup, escaped like json_script so that no text can close the script element."""
    text = json.dumps(data, ensure_ascii=False, default=str)
    return mark_safe(text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026"))


def _not_found(request, *, number: str = "", malformed: bool = False, json_response: bool = False):
    if json_response:
        message = _("This is not a certificate number.") if malformed else _("No certificate has this number.")
        return JsonResponse({"found": False, "number": number, "error": message}, status=404)
    return render(
        request,
        "public/certificate_not_found.html",
        {"number": number, "malformed": malformed, "breadcrumbs": _crumbs((_("Certificate check"), None))},
        status=404,
    )


def _crumbs(*extra):
    return [(_("OCOP products"), reverse("public:catalogue")), *extra]


# Certificate check ------------------------------------------------------------------------------------------------


@throttled("page")  # it only sends on to the certificate's page, which counts as the lookup
@require_safe
def certificate_search(request):
    """The check form: a typed number goes to its page; an empty form just shows the page."""
    raw = request.GET.get("number", "")
    if not raw.strip():
        return render(
            request, "public/certificate_search.html", {"breadcrumbs": _crumbs((_("Certificate check"), None))}
        )
    number = publication.normalise_number(raw)
    if number is None:
        return _not_found(request, number=raw.strip()[:80], malformed=True)
    return redirect("public:certificate", number=number)


def _card_or_none(number: str):
    normalised = publication.normalise_number(number)
    if normalised is None:
        return None, None
    return normalised, publication.certificate_card(normalised)


@throttled("lookup")
@require_safe
@cached_page
@reads_from_replica
def certificate(request, number: str):
    normalised, card = _card_or_none(number)
    if normalised is None:
        return _not_found(request, number=number[:80], malformed=True)
    if normalised != number:
        return redirect("public:certificate", number=normalised)
    if card is None:
        return _not_found(request, number=number)
    return render(
        request,
        "public/certificate.html",
        {
            "card": card,
            "status": _status(card["status"]),
            "history": [row | {"status": _status(row["status"])} for row in card["history"]],
            "product_set": product_sets.BY_NUMBER[card["product_set"]],
            "level": RecognitionLevel(card["decision"]["level"]).label,
            "ground": _ground_label(card),
            "schema": _ld_json(_certificate_schema(card)),
            "breadcrumbs": _crumbs((card["number"], None)),
        },
    )


def _ground_label(card) -> str:
    return RevocationGround(card["revocation"]["ground"]).label if card["revocation"] else ""


def _certificate_schema(card: dict) -> dict:
    page = _absolute(reverse("public:certificate", args=[card["number"]]))
    stars = card["stars"]
    return {
        "@context": "https://schema.org",
        "@type": "Product",
        "name": card["product_name"],
        "productID": card["product_code"],
        "category": product_sets.BY_NUMBER[card["product_set"]].label,
        "url": page,
        "award": f"OCOP {stars} sao",
        "manufacturer": {
            "@type": "Organization",
            "name": card["producer_name"],
            "address": card["producer_address"],
            "url": _absolute(reverse("public:producer", args=[card["producer_id"]])),
        },
        "hasCertification": {
            "@type": "Certification",
            "name": f"Chứng nhận sản phẩm OCOP {stars} sao",
            "certificationIdentification": card["number"],
            "certificationStatus": "https://schema.org/CertificationActive"
            if CertificateStatus(card["status"]) in IN_FORCE_STATUSES
            else "https://schema.org/CertificationInactive",
            "validFrom": card["issued_on"].isoformat(),
            "expires": card["valid_until"].isoformat(),
            "issuedBy": {"@type": "Organization", "name": card["decision"]["issuing_body"]},
            "certificationRating": {"@type": "Rating", "ratingValue": stars, "bestRating": 5, "worstRating": 3},
            "url": page,
        },
    }


def _json_card(card: dict) -> dict:
    """The certificate card as JSON: dates ISO, the status with its label in the request's language."""
    return {
        "number": card["number"],
        "status": _status(card["status"]),
        "url": _absolute(reverse("public:certificate", args=[card["number"]])),
        "product": {
            "name": card["product_name"],
            "code": card["product_code"],
            "product_set": {"number": card["product_set"], "name": product_sets.BY_NUMBER[card["product_set"]].name},
        },
        "producer": {
            "name": card["producer_name"],
            "address": card["producer_address"],
            "url": _absolute(reverse("public:producer", args=[card["producer_id"]])),
        },
        "stars": card["stars"],
        "score": card["score"],
        "issued_on": card["issued_on"],
        "valid_until": card["valid_until"],
        "decision": card["decision"],
        "revocation": card["revocation"],
        "suspension": card["suspension"],
        "replaces": card["replaces"],
        "replaced_by": card["replaced_by"],
        "current": card["current"],
        "corrected": card["basis"] == "correction",
        "correction_reason": card["correction_reason"],
        "registered_from_records": card["registered_from_records"],
        "history": [row | {"status": _status(row["status"])} for row in card["history"]],
    }


@throttled("lookup")
@require_safe
@cached_page
@reads_from_replica
def certificate_json(request, number: str):
    normalised, card = _card_or_none(number)
    if normalised is None:
        return _not_found(request, number=number[:80], malformed=True, json_response=True)
    if card is None:
        return _not_found(request, number=normalised, json_response=True)
    return JsonResponse(_json_card(card), json_dumps_params={"ensure_ascii": False})


# Catalogue --------------------------------------------------------------------------------------------------------

STAR_CHOICES = [("", gettext_lazy("Any stars")), ("3", "3★"), ("4", "4★"), ("5", "5★")]


class CatalogueFilter(forms.Form):
    """The catalogue's filters, checked without the database: the areas come from the cached catalogue."""

    q = forms.CharField(label=gettext_lazy("Search"), required=False, max_length=100)
    product_set = forms.TypedChoiceField(
        label=gettext_lazy("Product set"),
        coerce=int,
        choices=[("", gettext_lazy("All product sets")), *product_sets.CHOICES],
        required=False,
        empty_value=None,
    )
    stars = forms.TypedChoiceField(
        label=gettext_lazy("Stars"), coerce=int, choices=STAR_CHOICES, required=False, empty_value=None
    )
    area = forms.TypedChoiceField(label=gettext_lazy("Area"), coerce=int, required=False, empty_value=None)

    def __init__(self, *args, areas, **kwargs):
        super().__init__(*args, **kwargs)
        groups: dict[tuple[str, str], list] = {}
        for area in areas:
            label = f"{area.name} ({area.parent})" if area.parent else area.name
            groups.setdefault((area.era, area.level), []).append((area.id, label))
        titles = {
            ("from_2025", "commune"): _("From 1/7/2025: communes and wards"),
            ("before_2025", "district"): _("Before 1/7/2025: districts"),
            ("before_2025", "commune"): _("Before 1/7/2025: communes"),
        }
        self.fields["area"].choices = [("", _("Whole province"))] + [
            (titles.get(key, key[0]), options) for key, options in groups.items()
        ]

    def criteria(self) -> dict:
        """The filters that were understood; one that was not (a stale area, a typo) is ignored, not the others."""
        if not self.is_bound:
            return {}
        self.is_valid()
        data = self.cleaned_data
        return {
            "query": data.get("q") or "",
            "product_set": data.get("product_set"),
            "stars": data.get("stars"),
            "area": data.get("area"),
        }


def _filtered_catalogue(request):
    entries = publication.catalogue()
    filters = CatalogueFilter(request.GET or None, areas=entries["areas"])
    rows = publication.search_catalogue(entries["rows"], **filters.criteria())
    return filters, rows


def _row(row: dict) -> dict:
    return row | {"status": _status(row["status"]), "product_set_info": product_sets.BY_NUMBER[row["product_set"]]}


@throttled("page")
@require_safe
@cached_page
@reads_from_replica
def catalogue(request):
    filters, rows = _filtered_catalogue(request)
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    items = [_row(row) for row in page.object_list]
    schema = {
        "@context": "https://schema.org",
        "@type": "ItemList",
        "numberOfItems": len(rows),
        "itemListElement": [
            {
                "@type": "ListItem",
                "position": page.start_index() + index,
                "item": {
                    "@type": "Product",
                    "name": row["product_name"],
                    "award": f"OCOP {row['stars']} sao",
                    "url": _absolute(reverse("public:certificate", args=[row["number"]])),
                },
            }
            for index, row in enumerate(items)
        ],
    }
    return render(
        request,
        "public/catalogue.html",
        {
            "filters": filters,
            "page": page,
            "items": items,
            "total": len(rows),
            "schema": _ld_json(schema),
            "breadcrumbs": [(_("OCOP products"), None)],
        },
    )


@throttled("page")
@require_safe
@cached_page
@reads_from_replica
def catalogue_json(request):
    filters, rows = _filtered_catalogue(request)
    if filters.is_bound and not filters.is_valid():
        return JsonResponse({"errors": filters.errors}, status=400)
    page = Paginator(rows, JSON_PAGE_SIZE).get_page(request.GET.get("page"))
    return JsonResponse(
        {
            "count": len(rows),
            "page": page.number,
            "pages": page.paginator.num_pages,
            "results": [
                {
                    "number": row["number"],
                    "url": _absolute(reverse("public:certificate", args=[row["number"]])),
                    "product": {
                        "name": row["product_name"],
                        "code": row["product_code"],
                        "product_set": row["product_set"],
                    },
                    "stars": row["stars"],
                    "valid_until": row["valid_until"],
                    "status": _status(row["status"]),
                    "producer": {
                        "name": row["producer_name"],
                        "url": _absolute(reverse("public:producer", args=[row["producer_id"]])),
                    },
                    "commune": row["commune"],
                    "district": row["district"],
                }
                for row in page.object_list
            ],
        },
        json_dumps_params={"ensure_ascii": False},
    )


# Producers --------------------------------------------------------------------------------------------------------


def _producer_rows(rows):
    return [row | {"status": _status(row["status"])} for row in rows]


@throttled("lookup")
@require_safe
@cached_page
@reads_from_replica
def producer(request, pk: int):
    card = publication.producer_card(pk)
    if card is None:
        return render(
            request,
            "public/producer_not_found.html",
            {"breadcrumbs": _crumbs((_("Producer"), None))},
            status=404,
        )
    schema = {
        "@context": "https://schema.org",
        "@type": "Organization",
        "name": card["name"],
        "address": card["address"],
        "url": _absolute(reverse("public:producer", args=[pk])),
        "makesOffer": [
            {
                "@type": "Offer",
                "itemOffered": {
                    "@type": "Product",
                    "name": row["product_name"],
                    "award": f"OCOP {row['stars']} sao",
                    "url": _absolute(reverse("public:certificate", args=[row["number"]])),
                },
            }
            for row in card["in_force"]
        ],
    }
    return render(
        request,
        "public/producer.html",
        {
            "card": card,
            "legal_form": LegalForm(card["legal_form"]).label,
            "in_force": [_row(row) for row in card["in_force"]],
            "earlier": _producer_rows(card["earlier"]),
            "schema": _ld_json(schema),
            "breadcrumbs": _crumbs((card["name"], None)),
        },
    )


@throttled("lookup")
@require_safe
@cached_page
@reads_from_replica
def producer_json(request, pk: int):
    card = publication.producer_card(pk)
    if card is None:
        return JsonResponse({"found": False, "error": _("No OCOP producer has this number.")}, status=404)
    return JsonResponse(
        {
            "id": card["id"],
            "name": card["name"],
            "legal_form": {"code": card["legal_form"], "label": LegalForm(card["legal_form"]).label},
            "address": card["address"],
            "website": card["website"],
            "url": _absolute(reverse("public:producer", args=[pk])),
            "in_force": [
                row
                | {
                    "status": _status(row["status"]),
                    "url": _absolute(reverse("public:certificate", args=[row["number"]])),
                }
                for row in card["in_force"]
            ],
            "earlier": [
                row
                | {
                    "status": _status(row["status"]),
                    "url": _absolute(reverse("public:certificate", args=[row["number"]])),
                }
                for row in card["earlier"]
            ],
        },
        json_dumps_params={"ensure_ascii": False},
    )
