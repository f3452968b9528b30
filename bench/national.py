"""Server time of the back office at national size, each page beside its floor measured in the same run.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/ocop_national .venv/bin/python bench/national.py [--runs 15]

Run it on a database filled by ``ocop generate --scale national`` (see docs/operations.md). Each page is requested
in-process through Django's test client as an administrator, who sees every province (a user ``bench.admin``
is made if missing), so the
figure is the server's time without the network: the first and last page of the product and producer lists, a
filtered list, an accent-free search, the certificate list and the dashboard (p50 and p95 over ``--runs``); then,
once each: the Excel export of every product (time to its first bytes and to its last, beside the same rows read
from the database), the report of plan
706/KH-UBND for 2024 in every format (``ocop load_plan`` first; figures and rendering, as ``ocop report`` does) and
the import of a 2,000-row workbook (500 producers, 1,500 products: the check and the apply, rolled back afterwards).
The floor beside each list is the same page of rows read straight from the database (count and one page, the
columns the list shows), what any list must at least do.
"""

import argparse
import io
import math
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ocop.settings")

import django  # noqa: E402

django.setup()

import xlsxwriter  # noqa: E402
from django.conf import settings  # noqa: E402
from django.core.files.uploadedfile import SimpleUploadedFile  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.utils import translation  # noqa: E402

from ocop.accounts.models import User  # noqa: E402
from ocop.dossiers.domain.lifecycle import with_lifecycle  # noqa: E402
from ocop.geo.enums import UnitLevel  # noqa: E402
from ocop.geo.models import AdministrativeUnit  # noqa: E402
from ocop.planning.domain.progress import plan_period  # noqa: E402
from ocop.planning.models import Plan  # noqa: E402
from ocop.producers.models import Producer, Product  # noqa: E402
from ocop.registry_import.domain.import_parsing import (  # noqa: E402
    PRODUCER_COLUMNS,
    PRODUCER_SHEET,
    PRODUCT_COLUMNS,
    PRODUCT_SHEET,
)
from ocop.registry_import.domain.importing import apply_import, check_import  # noqa: E402
from ocop.reports.domain.plan_reports import live_payload, unsaved_draft  # noqa: E402
from ocop.reports.interfaces import files  # noqa: E402

PAGE = 25  # backoffice.access.paginate


def _administrator() -> User:
    """The administrator sees every province: the worst case of every list (an officer sees one province)."""
    user, _created = User.objects.get_or_create(
        username="bench.admin", defaults={"is_active": True, "is_staff": True, "is_superuser": True}
    )
    return user


def _timed(call, runs: int) -> tuple[float, float]:
    times = []
    for _run in range(runs):
        started = time.perf_counter()
        call()
        times.append((time.perf_counter() - started) * 1000)
    times.sort()
    return statistics.median(times), times[max(0, math.ceil(0.95 * len(times)) - 1)]


def _floor(model, offset: int, fields: tuple[str, ...]):
    def read():
        model.objects.count()
        list(model.objects.order_by("search_name", "pk").values_list(*fields)[offset : offset + PAGE])

    return read


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=15)
    runs = parser.parse_args().runs
    settings.ALLOWED_HOSTS = ["*"]
    call_command("collectstatic", interactive=False, verbosity=0)  # pages name their hashed static files
    client = Client()
    client.force_login(_administrator())
    products, producers = Product.objects.count(), Producer.objects.count()
    print(f"{settings.DATABASES['default']['ENGINE'].rsplit('.', 1)[-1]}: {producers} producers, {products} products")
    last_products, last_producers = math.ceil(products / PAGE), math.ceil(producers / PAGE)
    product_floor = ("pk", "name", "code", "producer__name", "producer__unit__name")
    producer_floor = ("pk", "name", "legal_form", "unit__name")
    pages = [
        ("products, first page", "/backoffice/products/", _floor(Product, 0, product_floor)),
        (
            "products, last page",
            f"/backoffice/products/?page={last_products}",
            _floor(Product, (last_products - 1) * PAGE, product_floor),
        ),
        ("products, 4 stars", "/backoffice/products/?stars=4", None),
        ("products, search 'nuoc mam'", "/backoffice/products/?q=nuoc+mam", None),
        ("producers, first page", "/backoffice/producers/", _floor(Producer, 0, producer_floor)),
        (
            "producers, last page",
            f"/backoffice/producers/?page={last_producers}",
            _floor(Producer, (last_producers - 1) * PAGE, producer_floor),
        ),
        ("producers, search 'htx'", "/backoffice/producers/?q=htx", None),
        ("certificates", "/backoffice/certificates/", None),
        ("dashboard", "/backoffice/", None),
    ]
    print(f"{'page':34} {'p50 ms':>8} {'p95 ms':>8} {'floor p95':>10}")
    for label, url, floor in pages:
        response = client.get(url)
        if response.status_code != 200:
            raise SystemExit(f"{url} answered {response.status_code}")
        p50, p95 = _timed(lambda url=url: client.get(url), runs)
        floor_text = f"{_timed(floor, runs)[1]:10.1f}" if floor else f"{'–':>10}"
        print(f"{label:34} {p50:8.1f} {p95:8.1f} {floor_text}")
    _export(client, products)
    _report()
    _import(_administrator())


def _export(client: Client, products: int) -> None:
    started = time.perf_counter()
    response = client.get("/backoffice/products/?format=xlsx")
    chunks = iter(response.streaming_content)
    first = next(chunks)
    first_at = time.perf_counter() - started
    size = len(first) + sum(len(chunk) for chunk in chunks)
    whole = time.perf_counter() - started
    started = time.perf_counter()
    rows = list(
        with_lifecycle(Product.objects.all())
        .order_by("search_name", "pk")
        .values_list("code", "name", "product_set", "producer__name", "producer__unit__name", "state", "stars")
    )
    floor = time.perf_counter() - started
    print(
        f"Excel export of {products} products: first bytes after {first_at:.2f} s, whole file after {whole:.1f} s, "
        f"{size / 1e6:.1f} MB (floor: the same {len(rows)} rows read from the database, {floor:.1f} s)"
    )


def _report() -> None:
    plan = Plan.objects.filter(reference="706/KH-UBND").first()
    if plan is None:
        print("Report: no plan 706/KH-UBND here (ocop load_plan)")
        return
    key = plan_period(plan, "2024").key
    obligation = plan.obligations.order_by("position", "pk").first()
    with translation.override(settings.LANGUAGE_CODE):
        for fmt in files.FORMATS:
            started = time.perf_counter()
            content = files.render(live_payload(unsaved_draft(plan, key, obligation)), fmt)
            print(f"Report 706/KH-UBND 2024, {fmt:4}: {time.perf_counter() - started:.1f} s, {len(content):,} bytes")


def _import(actor: User) -> None:
    """500 producers and 1,500 products in one of today's communes, undone afterwards."""
    commune = AdministrativeUnit.objects.current().filter(level=UnitLevel.COMMUNE).order_by("code").first()
    prefix = time.time_ns() % 10**6
    producers = [
        {"name": f"HTX thử tải số {n}", "legal_form": "Hợp tác xã", "registration_number": f"9{prefix:06d}{n:03d}",
         "unit_code": commune.code, "unit_name": commune.name, "representative_name": "Nguyễn Thị Lan"}
        for n in range(500)
    ]  # fmt: skip
    products = [
        {"name": f"Sản phẩm thử tải số {n}", "product_set": 7,
         "producer_registration_number": producers[n % 500]["registration_number"], "packaging": "Hộp 250 g"}
        for n in range(1500)
    ]  # fmt: skip
    upload = SimpleUploadedFile("thu-tai.xlsx", _registry_workbook(producers, products))
    with transaction.atomic():
        started = time.perf_counter()
        batch = check_import(actor=actor, upload=upload)
        checked = time.perf_counter() - started
        if batch.status != batch.Status.CHECKED:
            raise SystemExit(f"the import was refused: {batch.report['errors'][:3]}")
        plan = apply_import(actor=actor, batch=batch)
        done = time.perf_counter() - started
        transaction.set_rollback(True)
    print(f"Import of 2,000 rows ({plan.report()['counts']}): checked {checked:.1f} s, applied {done:.1f} s in all")


def _registry_workbook(producers: list[dict], products: list[dict]) -> bytes:
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True})
    sheets = ((PRODUCER_SHEET, PRODUCER_COLUMNS, producers), (PRODUCT_SHEET, PRODUCT_COLUMNS, products))
    for name, columns, rows in sheets:
        sheet = book.add_worksheet(name)
        for col, spec in enumerate(columns):
            sheet.write_string(0, col, spec.header)
            for row, values in enumerate(rows, start=1):
                if spec.key in values:
                    sheet.write(row, col, values[spec.key])
    book.close()
    return buffer.getvalue()


if __name__ == "__main__":
    main()
