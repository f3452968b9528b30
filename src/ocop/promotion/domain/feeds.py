"""Catalogue feeds for e-commerce platforms and partners: every product whose OCOP certificate is in force today,
with its producer, stars, validity, photos and the public check link. Read from the public catalogue's cached entry
(certificates.domain.publication), so the feed says what the catalogue says; the photos are read in one query."""

import datetime

from django.conf import settings
from django.urls import reverse

from ocop.certificates.domain import publication
from ocop.producers import product_sets
from ocop.producers.models import ProductPhoto

FIELDS = (
    "product_code",
    "product_name",
    "product_set",
    "producer_name",
    "commune",
    "stars",
    "certificate_number",
    "valid_until",
    "check_url",
    "photo_urls",
)


def _absolute(url: str) -> str:
    return f"{settings.SITE_URL}{url}" if url.startswith("/") else url


def catalogue_feed(today: datetime.date | None = None) -> list[dict]:
    rows = publication.catalogue(today)["rows"]
    photos: dict[str, list[str]] = {}
    codes = [row["product_code"] for row in rows]
    for code, image in (
        ProductPhoto.objects.filter(product__code__in=codes)
        .order_by("product__code", "pk")
        .values_list("product__code", "image")
    ):
        photos.setdefault(code, []).append(_absolute(ProductPhoto.image.field.storage.url(image)))
    return [
        {
            "product_code": row["product_code"],
            "product_name": row["product_name"],
            "product_set": product_sets.BY_NUMBER[row["product_set"]].label,
            "producer_name": row["producer_name"],
            "commune": row["commune"],
            "stars": row["stars"],
            "certificate_number": row["number"],
            "valid_until": row["valid_until"].isoformat(),
            "check_url": _absolute(reverse("public:certificate", args=[row["number"]])),
            "photo_urls": photos.get(row["product_code"], []),
        }
        for row in rows
    ]
