"""Server time of the back office at national size, each page beside its floor measured in the same run.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/ocop_national .venv/bin/python bench/national.py [--runs 15]

Run it on a database filled by ``ocop generate --scale national`` (see docs/operations.md). Each page is requested
in-process through Django's test client as an administrator, who sees every province (a user ``bench.admin``
is made if missing), so the
figure is the server's time without the network: the first and last page of the product and producer lists, a
filtered list, an accent-free search, the certificate list and the dashboard (p50 and p95 over ``--runs``), then the
Excel export of every product once. The floor beside each list is the same page of rows read straight from the
database (count and one page, the columns the list shows), what any list must at least do.
"""

import argparse
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

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.test import Client  # noqa: E402

from ocop.accounts.models import User  # noqa: E402
from ocop.producers.models import Producer, Product  # noqa: E402

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
    started = time.perf_counter()
    response = client.get("/backoffice/products/?format=xlsx")
    body = b"".join(response.streaming_content) if response.streaming else response.content
    print(f"Excel export of {products} products: {time.perf_counter() - started:.1f} s, {len(body) / 1e6:.1f} MB")


if __name__ == "__main__":
    main()
