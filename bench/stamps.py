"""Issuing stamps in bulk: one batch of 30,000 stamps, beside its floor measured in the same run.

    .venv/bin/python bench/stamps.py [--quantity 30000] [--runs 3]
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/ocop .venv/bin/python bench/stamps.py

Runs on the database the environment names (the SQLite file in OCOP_DATA_DIR, ``data/`` by default, or
DATABASE_URL), which must hold a product (``./scripts/up`` loads the demo). Each run asks for a batch and issues it
through the domain functions (``traceability.domain.stamps``: new random serials, checked unused, written in chunks,
logged) inside a transaction that is rolled back, so the database is left as it was. The floor is the same number of
rows, serials made beforehand, written by one ``executemany`` on the raw connection: what any issuance must at least do.
"""

import argparse
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
from django.db import connection, transaction  # noqa: E402
from django.utils import timezone  # noqa: E402

from ocop.producers.models import Product  # noqa: E402
from ocop.traceability.domain.serials import new_serials  # noqa: E402
from ocop.traceability.domain.stamps import issue_stamps, request_stamps  # noqa: E402
from ocop.traceability.models import Stamp, StampBatch  # noqa: E402


class RolledBack(Exception):
    pass


def _rolled_back(work) -> float:
    started = time.perf_counter()
    try:
        with transaction.atomic():
            work()
            elapsed = time.perf_counter() - started
            raise RolledBack
    except RolledBack:
        return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quantity", type=int, default=30_000)
    parser.add_argument("--runs", type=int, default=3)
    arguments = parser.parse_args()
    product = Product.objects.order_by("pk").first()
    if product is None:
        raise SystemExit("No product in this database: run ./scripts/up first (or point DATABASE_URL at one).")
    quantity = arguments.quantity

    def system():
        issue_stamps(actor=None, batch=request_stamps(actor=None, product=product, quantity=quantity))

    def floor():
        batch = StampBatch.objects.create(product=product, quantity=quantity, requested_at=timezone.now())
        rows = [(serial, batch.pk, position) for position, serial in enumerate(serials, start=1)]
        table = connection.ops.quote_name(Stamp._meta.db_table)
        with connection.cursor() as cursor:
            cursor.executemany(
                f"INSERT INTO {table} (serial, batch_id, position, void_reason) VALUES (%s, %s, %s, '')", rows
            )

    figures = {"system": [], "floor": []}
    for _run in range(arguments.runs):
        serials = new_serials(quantity)
        figures["floor"].append(_rolled_back(floor))
        figures["system"].append(_rolled_back(system))
    engine = settings.DATABASES["default"]["ENGINE"].rsplit(".", 1)[-1]
    print(f"{engine}: {quantity:,} stamps in one batch, median of {arguments.runs} runs")
    floor_time = statistics.median(figures["floor"])
    system_time = statistics.median(figures["system"])
    print(f"  floor (executemany of the rows):       {floor_time:6.2f} s")
    ratio = system_time / floor_time
    print(f"  issue_stamps (serials, checks, log):   {system_time:6.2f} s   ({ratio:.1f}x the floor)")


if __name__ == "__main__":
    main()
