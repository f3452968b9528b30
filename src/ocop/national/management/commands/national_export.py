import datetime
import json
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from ocop.national.domain.export import build_export, check_since, province_by_code
from ocop.national.interfaces.workbook import export_workbook


class Command(BaseCommand):
    help = (
        "Export the national OCOP database (producers, products, certificates, council results) as JSON following "
        "src/ocop/national/data/schema/ocop-national-export-v1.schema.json, or as Excel. Everything by default; "
        "--since 2026-12-01T08:00+07:00: only the records changed after that moment (a time without offset is "
        "Vietnam time); --province 56: one province, by its code under QĐ 19/2025/QĐ-TTg. JSON goes to the screen "
        "without --output."
    )

    def add_arguments(self, parser):
        parser.add_argument("--since", help="ISO date and time, e.g. 2026-12-01T08:00+07:00")
        parser.add_argument("--province", help="the province's code under QĐ 19/2025/QĐ-TTg, e.g. 56")
        parser.add_argument("--format", dest="fmt", choices=("json", "xlsx"), default="json")
        parser.add_argument("--output", type=Path, help="file to write; JSON goes to the screen without it")

    def handle(self, *args, since, province, fmt, output, **options):
        with translation.override(settings.LANGUAGE_CODE):
            if fmt == "xlsx" and output is None:
                raise CommandError(_("Give the file to write the workbook to with --output."))
            document = build_export(actor=None, since=_moment(since), province=_province(province))
            content = (
                export_workbook(document)
                if fmt == "xlsx"
                else (json.dumps(document, ensure_ascii=False, indent=2) + "\n").encode()
            )
            if output is None:
                self.stdout.write(content.decode(), ending="")
                return
            output.write_bytes(content)
            counts = document["header"]["counts"]
            self.stdout.write(
                _(
                    "%(file)s: %(producers)s producers, %(products)s products, %(certificates)s certificates, "
                    "%(evaluations)s evaluation results"
                )
                % {"file": output, **counts}
            )


def _moment(text: str | None) -> datetime.datetime | None:
    if text is None:
        return None
    try:
        moment = datetime.datetime.fromisoformat(text.strip())
    except ValueError as error:
        raise CommandError(
            _(
                "“%(text)s” is not a date and time: write it as 2026-12-01T08:00+07:00 (or 2026-12-01T08:00, Vietnam "
                "time)."
            )
            % {"text": text}
        ) from error
    moment = moment if timezone.is_aware(moment) else timezone.make_aware(moment)
    try:
        check_since(moment)
    except ValidationError as error:
        raise CommandError(" ".join(error.messages)) from error
    return moment


def _province(code: str | None):
    if code is None:
        return None
    province = province_by_code(code.strip())
    if province is None:
        raise CommandError(
            _("No province has the code “%(code)s” under QĐ 19/2025/QĐ-TTg (e.g. 56 for Khánh Hòa).") % {"code": code}
        )
    return province
