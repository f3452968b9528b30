"""ocop generate --scale national: a registry of national size (or a slice) for trying lists, reports and exports."""

import io
import time

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from ocop.demo.national import SCALES, already_generated, generate
from ocop.geo.enums import Era, UnitLevel
from ocop.geo.models import AdministrativeUnit


class Command(BaseCommand):
    help = (
        "Build a generated registry through the domain functions: --scale small (2%), province (one province's "
        "share) or national (about 8,000 producers, 16,000 products and their certificates since 2020). Needs the "
        "administrative units (ocop load_units); runs once per database."
    )

    def add_arguments(self, parser):
        parser.add_argument("--scale", choices=sorted(SCALES), default="small")
        parser.add_argument("--seed", type=int, default=706, help="the same seed builds the same registry")

    def handle(self, *args, scale, seed, **options):
        if not AdministrativeUnit.objects.filter(era=Era.BEFORE_2025, level=UnitLevel.COMMUNE).exists():
            raise CommandError("Chưa có đơn vị hành chính: chạy ocop load_units / run ocop load_units first.")
        call_command("load_builtin_rule_sets", stdout=io.StringIO())  # the rules in force on each decision date
        if already_generated():
            raise CommandError("Dữ liệu mô phỏng đã được tạo trên cơ sở dữ liệu này / generated data already exists.")
        started = time.monotonic()
        counts = generate(scale=scale, seed=seed)
        self.stdout.write(
            f"{counts.producers} chủ thể / producers, {counts.products} sản phẩm / products, "
            f"{counts.certificates} giấy chứng nhận / certificates in {time.monotonic() - started:.0f} s"
        )
