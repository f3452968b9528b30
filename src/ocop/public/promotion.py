"""Public pages of trade promotion: the buyer inquiry form (kết nối cung – cầu) and the catalogue feeds.

The form is never kept in the page cache (it carries a CSRF token and answers a POST). Spam protection: a honeypot
field a person never sees (a robot that fills it is thanked and nothing is stored) and a per-address limit on sent
inquiries (``OCOP_PUBLIC_RATES["inquiry"]``) on top of the public pages' own rate."""

import csv
import io
import json

from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_http_methods, require_safe

from ocop.common.client import client_address
from ocop.common.limits import over_rate, throttled
from ocop.common.replica import reads_from_replica
from ocop.promotion.domain.feeds import FIELDS, catalogue_feed
from ocop.promotion.domain.inquiries import receive_inquiry
from ocop.promotion.enums import INQUIRY_RATE
from ocop.promotion.interfaces.forms import InquiryForm
from ocop.public.page_cache import cached_page


def _too_many(request, retry_after: int):
    response = render(request, "public/inquiry_refused.html", {"minutes": -(-retry_after // 60)}, status=429)
    response["Retry-After"] = str(retry_after)
    return response


@throttled("page")
@require_http_methods(["GET", "HEAD", "POST"])
def inquiry(request):
    form = InquiryForm(request.POST or None)
    if request.method == "POST":
        over, retry_after = over_rate(INQUIRY_RATE, client_address(request))
        if over:
            return _too_many(request, retry_after)
        if form.is_valid():
            if form.cleaned_data.get("website"):  # the honeypot: only a robot fills it in
                return render(request, "public/inquiry_sent.html", {"routed": None})
            data = {name: value for name, value in form.cleaned_data.items() if name != "website"}
            try:
                sent = receive_inquiry(**data)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                return render(request, "public/inquiry_sent.html", {"routed": sent.routes.count()})
    return render(request, "public/inquiry.html", {"form": form})


@throttled("page")
@require_safe
@cached_page
@reads_from_replica
def catalogue_feed_json(request):
    feed = catalogue_feed()
    body = json.dumps({"count": len(feed), "products": feed}, ensure_ascii=False, indent=1)
    return HttpResponse(body, content_type="application/json; charset=utf-8")


@throttled("page")
@require_safe
@cached_page
@reads_from_replica
def catalogue_feed_csv(request):
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(FIELDS)
    for row in catalogue_feed():
        writer.writerow([" ".join(row[name]) if name == "photo_urls" else _cell(row[name]) for name in FIELDS])
    response = HttpResponse("\ufeff" + buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="san-pham-ocop.csv"'
    return response


def _cell(value) -> str:
    """A text that a spreadsheet would read as a formula is written with a leading apostrophe."""
    text = str(value)
    return f"'{text}" if text[:1] in ("=", "+", "-", "@") else text
