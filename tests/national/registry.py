"""A small registry for the export tests, built through the domain functions: a cooperative of xã Phước Thuận
(Ninh Thuận, 2024) with a certified fish sauce and a grape syrup scored by the provincial council, and a producer of
Nghệ An, which Khánh Hòa's office must never export."""

import datetime
from dataclasses import dataclass

from django.utils import timezone

from ocop.certificates.models import Certificate
from ocop.councils.domain import decisions, results, sessions, sheets
from ocop.councils.models import Result
from ocop.geo.enums import Era, UnitLevel
from ocop.producers.models import Producer, Product
from tests.certificates.helpers import registered
from tests.factories import answer_every_criterion, make_council, make_dossier, make_producer, make_product

THANH_VINH = ("16681", UnitLevel.COMMUNE, Era.FROM_2025)  # phường Thành Vinh, Nghệ An


@dataclass(frozen=True)
class Registry:
    producer: Producer
    fish_sauce: Product
    certificate: Certificate
    syrup: Product
    result: Result
    nghe_an_producer: Producer


def small_registry() -> Registry:
    producer = make_producer(
        name="HTX Nước mắm Cà Ná", registration_number="4500123456", tax_code="4500123456", address="Thôn Lạc Sơn 1"
    )
    fish_sauce = make_product(producer, name="Nước mắm Cà Ná 40 độ đạm", product_set=9, gtin="8930000000125")
    certificate = registered(fish_sauce, datetime.date(2024, 6, 20), stars=4, number="321/QĐ-UBND")
    syrup = make_product(producer, name="Mật nho Thái An", product_set=7)
    nghe_an_producer = make_producer(THANH_VINH, name="HTX Sen Quê Bác")
    make_product(nghe_an_producer, name="Trà sen Kim Liên", product_set=11)
    return Registry(producer, fish_sauce, certificate, syrup, decided_result(syrup), nghe_an_producer)


def decided_result(product) -> Result:
    """The product's dossier scored by a council of three (every member ticks the second option of every criterion)
    and the session's decision approved."""
    council = make_council(members=3)
    dossier = make_dossier(product, state="accepted")
    session = sessions.open_session(actor=None, council=council, round=dossier.round, held_on=timezone.localdate())
    sessions.record_attendance(actor=None, session=session, members=list(council.members.all()))
    sessions.auto_assign(actor=None, session=session)
    for assignment in session.assignments.all():
        sheets.save_answers(
            actor=None, assignment=assignment, answers=answer_every_criterion(sheets.sheet_of(assignment), 2)
        )
        sheets.submit_sheet(actor=None, assignment=assignment)
    [result] = results.close_session(actor=None, session=session)
    decisions.approve_decision(
        actor=None,
        session=session,
        number="15/QĐ-UBND",
        decided_on=timezone.localdate(),
        issuing_body="UBND tỉnh Khánh Hòa",
        signer_name="Trần Quốc Nam",
        signer_title="Phó Chủ tịch",
    )
    return result
