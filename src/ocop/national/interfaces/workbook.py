"""The national export as an Excel workbook: the same document as the JSON, one sheet per array after a sheet about
the export, Vietnamese headers and labels, dd/mm/yyyy dates, scores as numbers."""

import datetime
from decimal import Decimal

from django.utils import timezone
from django.utils.translation import gettext as _

from ocop.certificates.enums import CertificateStatus, RecognitionLevel
from ocop.common.xlsx import Column, ExcelBook
from ocop.dossiers.enums import DossierKind, Level
from ocop.national.enums import ExportKind
from ocop.producers.enums import LegalForm


def export_workbook(document: dict) -> bytes:
    book = ExcelBook()
    _about(book, document["header"])
    for name, columns, records in (
        (_("Producers"), _producer_columns(), document["producers"]),
        (_("Products"), _product_columns(), document["products"]),
        (_("Certificates"), _certificate_columns(), document["certificates"]),
        (_("Evaluation results"), _evaluation_columns(), document["evaluations"]),
    ):
        _records(book, name, columns, records)
    return book.close()


def _about(book: ExcelBook, header: dict) -> None:
    sheet = book.sheet(_("About this export"), [(_("Item"), 34), (_("Value"), 40)])
    counts = header["counts"]
    rows = [
        (_("Schema version"), header["schema_version"]),
        (_("Exported at"), _moment(header["generated_at"])),
        (_("Kind of export"), ExportKind(header["kind"]).label),
        (_("Changed since"), _moment(header["since"]) if header["since"] else ""),
        (_("Province"), f"{header['province']['name']} ({header['province']['code']})"),
        (_("Producers"), counts["producers"]),
        (_("Products"), counts["products"]),
        (_("Certificates"), counts["certificates"]),
        (_("Evaluation results"), counts["evaluations"]),
    ]
    for row, (item, value) in enumerate(rows, start=1):
        book.write(sheet, row, 0, item)
        book.write(sheet, row, 1, value)


def _records(book: ExcelBook, name: str, columns: list[Column], records: list[dict]) -> None:
    sheet = book.sheet(name, [(column.header, column.width) for column in columns])
    sheet.freeze_panes(1, 0)
    for row, record in enumerate(records, start=1):
        for col, column in enumerate(columns):
            book.write(sheet, row, col, column.value(record))
    sheet.autofilter(0, 0, max(len(records), 1), len(columns) - 1)


def _producer_columns() -> list[Column]:
    return [
        Column(_("Number in the system"), lambda p: p["local_id"], 10),
        Column(_("Name"), lambda p: p["name"], 36),
        Column(_("Legal form"), lambda p: LegalForm(p["legal_form"]).label, 22),
        Column(_("Business registration number"), lambda p: p["registration_number"], 16),
        Column(_("Business registration date"), lambda p: _day(p["registration_date"]), 12),
        Column(_("Tax code"), lambda p: p["tax_code"], 16),
        Column(_("Legal representative"), lambda p: p["representative_name"], 24),
        Column(_("Address"), lambda p: p["address"], 30),
        Column(_("Phone"), lambda p: p["phone"], 14),
        Column(_("Email"), lambda p: p["email"], 24),
        Column(_("Commune as recorded"), lambda p: _unit(p["unit"]), 26),
        Column(_("Commune (from 1/7/2025)"), lambda p: "; ".join(map(_unit, p["communes_2025"])), 26),
        Column(_("Province (from 1/7/2025)"), lambda p: _unit(p["province_2025"]) if p["province_2025"] else "", 22),
        Column(_("Members"), lambda p: p["members_count"], 10),
        Column(_("Workers"), lambda p: p["workers_count"], 10),
        Column(_("Last changed"), lambda p: _moment(p["updated_at"]), 16),
    ]


def _product_columns() -> list[Column]:
    return [
        Column(_("OCOP product code"), lambda p: p["code"], 20),
        Column(_("Name"), lambda p: p["name"], 36),
        Column(_("Product set"), lambda p: p["product_set"], 8),
        Column(_("Product set name"), lambda p: p["product_set_name"], 30),
        Column(_("Producer's number in the system"), lambda p: p["producer_local_id"], 10),
        Column(_("Producer's registration number"), lambda p: p["producer_registration_number"], 16),
        Column(_("Producer's tax code"), lambda p: p["producer_tax_code"], 16),
        Column(_("GTIN"), lambda p: p["gtin"], 16),
        Column(_("Packaging"), lambda p: p["packaging"], 20),
        Column(_("Withdrawn on"), lambda p: _day(p["withdrawn_on"]), 12),
        Column(_("Reason for withdrawal"), lambda p: p["withdrawal_reason"], 24),
        Column(_("Last changed"), lambda p: _moment(p["updated_at"]), 16),
    ]


def _certificate_columns() -> list[Column]:
    return [
        Column(_("Certificate number"), lambda c: c["number"], 24),
        Column(_("OCOP product code"), lambda c: c["product_code"], 20),
        Column(_("Product name on the certificate"), lambda c: c["product_name"], 30),
        Column(_("Producer name on the certificate"), lambda c: c["producer_name"], 30),
        Column(_("Stars"), lambda c: c["stars"], 8),
        Column(_("Score"), lambda c: _score(c["score"]), 10),
        Column(_("Issued on"), lambda c: _day(c["issued_on"]), 12),
        Column(_("Valid until"), lambda c: _day(c["valid_until"]), 12),
        Column(_("Status"), lambda c: CertificateStatus(c["status"]).label, 16),
        Column(_("Decision number"), lambda c: c["decision"]["number"], 18),
        Column(_("Decision date"), lambda c: _day(c["decision"]["decided_on"]), 12),
        Column(_("Recognising level"), lambda c: RecognitionLevel(c["decision"]["level"]).label, 22),
        Column(_("Issuing body"), lambda c: c["decision"]["issuing_body"], 26),
        Column(_("Replaces"), lambda c: c["replaces"] or "", 22),
        Column(_("Replaced by"), lambda c: c["replaced_by"] or "", 22),
        Column(_("Revocation decision"), lambda c: c["revocation"]["number"] if c["revocation"] else "", 18),
        Column(_("Revoked on"), lambda c: _day(c["revocation"]["decided_on"]) if c["revocation"] else None, 12),
    ]


def _evaluation_columns() -> list[Column]:
    return [
        Column(_("Receipt number"), lambda e: e["dossier_receipt_number"], 24),
        Column(_("Kind of dossier"), lambda e: DossierKind(e["dossier_kind"]).label, 16),
        Column(_("OCOP product code"), lambda e: e["product_code"], 20),
        Column(_("Product set"), lambda e: e["product_set"], 8),
        Column(_("Round"), lambda e: f"{e['round']['number']}/{e['round']['year']}", 10),
        Column(_("Council"), lambda e: e["council"]["name"], 30),
        Column(_("Council level"), lambda e: Level(e["council"]["level"]).label, 12),
        Column(_("Meeting date"), lambda e: _day(e["held_on"]), 12),
        Column(_("Mean score"), lambda e: _score(e["mean_score"]), 10),
        Column(_("Stars"), lambda e: e["stars"], 8),
        Column(_("Recognised"), lambda e: e["recognised"], 10),
        Column(_("Disqualified"), lambda e: e["disqualified"], 10),
        Column(_("Decision number"), lambda e: e["decision"]["number"], 18),
        Column(_("Decision date"), lambda e: _day(e["decision"]["decided_on"]), 12),
    ]


def _unit(unit: dict) -> str:
    return f"{unit['name']} ({unit['code']})"


def _day(value: str | None) -> datetime.date | None:
    return datetime.date.fromisoformat(value) if value else None


def _moment(value: str) -> str:
    return f"{timezone.localtime(datetime.datetime.fromisoformat(value)):%d/%m/%Y %H:%M}"


def _score(value: str | None) -> Decimal | None:
    return Decimal(value) if value is not None else None
