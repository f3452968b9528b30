"""The computed indicators, each against records made through the domain functions, and the roll-up of units."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from ocop.geo.enums import Era, UnitLevel
from ocop.planning.domain import indicators, plans
from ocop.planning.domain.areas import AreaMap
from ocop.planning.domain.figures import plan_figures
from ocop.planning.domain.indicators import IndicatorQuery, Measurement
from ocop.planning.domain.periods import parse_period
from ocop.planning.domain.progress import record_value
from ocop.planning.enums import Source
from tests.factories import NHON_HAI, PHUOC_THUAN, make_producer, make_product, unit
from tests.planning.helpers import certify, make_plan, province

pytestmark = pytest.mark.django_db
D = datetime.date
YEAR_2024 = parse_period("2024")
LATE_2024 = D(2024, 12, 27)
TODAY = D(2026, 11, 28)


def _measure(code: str, start=YEAR_2024.start, end=YEAR_2024.end, **filters) -> Measurement:
    area = AreaMap(province())
    return indicators.get(code).compute(IndicatorQuery(start=start, end=end, unit_ids=area.unit_ids, filters=filters))


def _figures(plan) -> dict:
    """Every figure of the plan's 2024 page, keyed by what it is."""
    figures = plan_figures(plan, YEAR_2024, today=TODAY)
    values = {}
    for figure in figures.targets:
        measurement = figure.measurement
        values[figure.target.code] = (
            figure.actual,
            measurement.numerator if measurement else None,
            measurement.denominator if measurement else None,
        )
    for row in figures.quotas + figures.outside_quotas:
        for stars in figures.quota_stars:
            values[f"quota {row.unit_code} {stars}★"] = row.actual.get(stars, 0)
    return values


def test_a_new_4_star_product_in_ninh_hai_moves_the_4_star_target_and_ninh_hais_4_star_quota_only(plan706):
    producer = make_producer(NHON_HAI)  # xã Nhơn Hải, huyện Ninh Hải
    certify(make_product(producer), D(2023, 12, 29), stars=3)  # an OCOP producer since 2023
    elsewhere = make_producer(PHUOC_THUAN, legal_form="enterprise")
    certify(make_product(elsewhere), D(2024, 11, 15), stars=3)
    before = _figures(plan706)
    certify(make_product(producer), LATE_2024, stars=4)
    after = _figures(plan706)
    changed = {key for key in before if before[key] != after[key]}
    # I.2.2 ("trong đó có thêm 02-05 sản phẩm 4 sao") is part of I.2.1 (the new products of the year).
    assert changed == {"I.2.1", "I.2.2", "quota 586 4★"}
    assert after["I.2.2"][0] == before["I.2.2"][0] + 1
    assert after["I.2.1"][0] == before["I.2.1"][0] + 1
    assert after["quota 586 4★"] == before["quota 586 4★"] + 1


def test_new_products_count_first_certificates_only():
    product = make_product()
    certify(product, D(2021, 12, 28), stars=3)
    certify(product, D(2024, 11, 15), stars=3)  # re-evaluated in 2024: recognised again, not new
    fresh = make_product()
    certify(fresh, LATE_2024, stars=4)
    assert _measure("new_products").value == 1
    assert _measure("new_products", stars=[3]).value == 0
    assert _measure("recognised_products").value == 2
    assert _measure("recognised_products", stars=[3]).value == 1


def test_a_correction_recognises_nothing():
    from ocop.certificates.domain.issuing import correct_certificate

    certificate = certify(make_product(), D(2024, 11, 15))
    correct_certificate(
        actor=None,
        certificate=certificate,
        number="1500/QĐ-UBND",
        decided_on=D(2024, 12, 2),
        issuing_body="UBND tỉnh Ninh Thuận",
        reason="Sai địa chỉ chủ thể",
    )
    assert _measure("new_products").value == 1
    assert _measure("recognised_products").value == 1


def test_livestock_products_are_those_of_animal_husbandry_whatever_their_set():
    """Chăn nuôi: goat meat (set 2), goat milk (set 8) and honey (set 4) count; dried fish and fish cake (set 8),
    lobster (set 2) and dried grapes do not."""
    certify(make_product(product_set=2, name="Thịt dê", origin="livestock_poultry"), LATE_2024, stars=4)
    certify(make_product(product_set=8, name="Sữa dê", origin="livestock_poultry"), LATE_2024, stars=3)
    certify(make_product(product_set=4, name="Mật ong", origin="bee"), LATE_2024, stars=3)
    certify(make_product(product_set=8, name="Khô cá chỉ vàng", origin="aquatic"), LATE_2024, stars=3)
    certify(make_product(product_set=8, name="Chả cá", origin="aquatic"), LATE_2024, stars=4)
    certify(make_product(product_set=2, name="Tôm hùm xanh", origin="aquatic"), LATE_2024, stars=3)
    certify(make_product(product_set=7, name="Nho sấy", origin="plant"), LATE_2024, stars=3)
    certify(make_product(product_set=8, name="Khô bò"), LATE_2024, stars=3)  # origin not stated: not counted
    assert _measure("new_products", product_sets="livestock").value == 3
    assert _measure("new_products", product_sets="livestock", stars=[3]).value == 2


def test_upgrades_are_products_whose_new_certificate_has_more_stars_than_the_one_before():
    upgraded, kept, new = make_product(), make_product(), make_product()
    certify(upgraded, D(2022, 12, 31), stars=3)
    certify(upgraded, LATE_2024, stars=4)
    certify(kept, D(2022, 12, 31), stars=3)
    certify(kept, D(2024, 11, 15), stars=3)
    certify(new, D(2024, 3, 1), stars=3)
    certify(new, LATE_2024, stars=4)  # upgraded in the year, but not "evaluated before" it
    result = _measure("upgraded_share")
    assert (result.value, result.numerator, result.denominator) == (Decimal("50.0"), 1, 2)
    # I.2.4 "củng cố và nâng cấp": the re-evaluation that kept its 3 stars counts too; a downgrade does not.
    downgraded = make_product()
    certify(downgraded, D(2022, 12, 31), stars=4)
    certify(downgraded, D(2024, 10, 1), stars=3)
    result = _measure("consolidated_or_upgraded_share")
    assert (result.value, result.numerator, result.denominator) == (Decimal("66.6"), 2, 3)


def test_shares_of_ocop_producers_count_the_certificates_in_force_at_the_end_of_the_period():
    cooperative = make_producer(legal_form="cooperative", circular_economy=True)
    enterprise = make_producer(legal_form="enterprise", enterprise_size="small")
    household = make_producer(legal_form="household")
    certify(make_product(cooperative), D(2023, 12, 29))
    certify(make_product(enterprise), LATE_2024)
    certify(make_product(household), D(2020, 12, 30))  # expired at the end of 2023: not an OCOP producer in 2024
    make_producer(legal_form="cooperative")  # no certificate at all
    assert (_measure("cooperative_share").numerator, _measure("cooperative_share").denominator) == (1, 2)
    assert _measure("cooperative_share").value == Decimal("50.0")
    assert _measure("sme_share").value == Decimal("50.0")
    assert _measure("circular_share").value == Decimal("0.0")  # marked, but nothing shows it (see below)
    # On 30/06/2024 only the cooperative was certified.
    assert _measure("cooperative_share", end=D(2024, 6, 30)).value == Decimal("100.0")


def test_a_revoked_or_withdrawn_product_does_not_make_its_producer_an_ocop_producer():
    from ocop.producers.domain.products import withdraw_product

    producer = make_producer()
    product = make_product(producer)
    certify(product, D(2023, 12, 29))
    assert _measure("cooperative_share").denominator == 1
    withdraw_product(actor=None, product=product, reason="Ngừng sản xuất", on=D(2024, 9, 1))
    assert _measure("cooperative_share").denominator == 0
    assert _measure("cooperative_share").value is None  # a share of nothing is no figure


def test_craft_villages_with_an_ocop_product():
    from ocop.producers.domain.zones import create_craft_village

    with_product = create_craft_village(actor=None, name="Làng gốm Bàu Trúc", unit=unit("22882"))
    create_craft_village(actor=None, name="Làng dệt Mỹ Nghiệp", unit=unit("22882"))
    certify(make_product(make_producer(craft_village=with_product)), D(2024, 5, 2))
    result = _measure("craft_village_share")
    assert (result.value, result.numerator, result.denominator) == (Decimal("50.0"), 1, 2)


def test_a_record_of_todays_commune_counts_toward_the_former_districts_quota(plan706):
    vinh_hai_today = ("22846", UnitLevel.COMMUNE, Era.FROM_2025)
    before = _figures(plan706)["quota 586 3★"]
    certify(make_product(make_producer(vinh_hai_today)), D(2024, 11, 15), stars=3)
    assert _figures(plan706)["quota 586 3★"] == before + 1


def test_former_communes_roll_up_into_todays_units():
    area = AreaMap(province())
    vinh_hai_then, vinh_hai_now = unit("22846"), unit("22846", UnitLevel.COMMUNE, Era.FROM_2025)
    assert area.current_unit_for(vinh_hai_then.pk) == vinh_hai_now.pk
    assert area.quota_unit_for(vinh_hai_now.pk, [unit("586", UnitLevel.DISTRICT).pk]) == unit("586", "district").pk
    # Phường Đông Hải was split: it rolls up into the part that kept its name.
    dong_hai_then = unit("22768")
    assert area.units[area.current_unit_for(dong_hai_then.pk)].name == "Phường Đông Hải"
    assert len(area.current_communes()) == 24
    assert area.roll_up({vinh_hai_then.pk: 2, vinh_hai_now.pk: 1}) == {vinh_hai_now.pk: 3}


def test_thuan_bac_delivers_outside_the_quotas_as_published(plan706):
    certify(make_product(make_producer(("22849", UnitLevel.COMMUNE, Era.FROM_2025))), D(2024, 11, 15))
    figures = plan_figures(plan706, YEAR_2024, today=TODAY)
    assert [row.unit_code for row in figures.outside_quotas] == ["588"]
    assert figures.quota_totals.expected == {3: 50, 4: 15}


def test_a_reported_indicator_takes_the_agencys_figure_until_a_module_computes_it():
    made = make_plan()
    indicator = indicators.get("trademarks_registered")
    saved = (indicator.compute, indicator.records, indicator.by_unit, indicator.record_kind, indicator.source)
    indicator.compute = indicator.records = indicator.by_unit = None  # as before support registered its query
    try:
        assert not indicator.is_computed
        target = plans.create_target(
            actor=None, plan=made["plan"], code="3", text="04 nhãn hiệu", indicator="trademarks_registered", low=4
        )
        record_value(actor=None, target=target, period_key="2024", value=3, note="Nhãn hiệu nho Ninh Thuận")
        record_value(actor=None, target=target, period_key="2024", value=4, note="Thêm nhãn hiệu tỏi Phan Rang")
        figure = next(f for f in plan_figures(made["plan"], YEAR_2024, today=TODAY).targets if f.target == target)
        assert (figure.source, figure.actual, figure.assessment.met) == (Source.REPORTED, Decimal(4), True)
        indicators.register_computation("trademarks_registered", compute=lambda query: Measurement(Decimal(7)))
        figure = next(f for f in plan_figures(made["plan"], YEAR_2024, today=TODAY).targets if f.target == target)
        assert (figure.source, figure.actual) == (Source.COMPUTED, Decimal(7))
        with pytest.raises(ValidationError):
            record_value(actor=None, target=target, period_key="2024", value=3)
    finally:
        indicator.compute, indicator.records, indicator.by_unit, indicator.record_kind, indicator.source = saved


def test_a_computed_target_cannot_be_typed_in():
    made = make_plan()
    with pytest.raises(ValidationError, match="được tính từ dữ liệu"):
        record_value(actor=None, target=made["computed"], period_key="2024", value=25)


def test_filters_are_checked_against_the_indicator():
    assert indicators.clean_filters("new_products", {"stars": 4, "product_sets": [8, 2]}) == {
        "stars": [4],
        "product_sets": [2, 8],
    }
    with pytest.raises(ValidationError):
        indicators.clean_filters("cooperative_share", {"stars": [4]})
    with pytest.raises(ValidationError):
        indicators.clean_filters("new_products", {"product_sets": [27]})
    with pytest.raises(ValidationError):
        indicators.clean_filters("new_products", {"product_sets": "fish"})


def test_every_indicator_is_documented_and_says_whether_it_is_computed():
    computed = {i.code for i in indicators.all_indicators() if i.is_computed}
    assert computed == {
        "new_products",
        "recognised_products",
        "upgraded_share",
        "consolidated_or_upgraded_share",
        "cooperative_share",
        "sme_share",
        "circular_share",
        "craft_village_share",
        "dossiers_received",
        "dossiers_on_time",
        "stamps_issued",
        "products_with_trace_code",
        "sales_points_opened",  # promotion
        "fairs_held",  # promotion
        "trainings_held",  # support
        "trademarks_registered",  # support
    }
    assert all(str(i.definition) and str(i.name) for i in indicators.all_indicators())


def test_dossiers_processed_on_time_are_the_commune_reviews_finished_by_their_deadline():
    from django.utils import timezone

    from ocop.dossiers.domain import workflow
    from tests.factories import make_dossier

    today = timezone.localdate()
    recent = make_dossier(state="forwarded", on=today - datetime.timedelta(days=3))  # forwarded today, in time
    old = make_dossier(state="forwarded", on=today - datetime.timedelta(days=60))  # forwarded today, late
    forgotten = make_dossier(state="submitted", on=today - datetime.timedelta(days=60))
    withdrawn = make_dossier(state="submitted", on=today - datetime.timedelta(days=60))
    workflow.withdraw_dossier(actor=None, dossier=withdrawn)
    (recent_review,), (old_review,) = recent.commune_reviews.all(), old.commune_reviews.all()
    assert recent_review.due_on > today > old_review.due_on == forgotten.deadline
    assert (old_review.finished_on, old_review.outcome, old_review.on_time) == (today, "forwarded", False)
    assert (recent_review.finished_on, recent_review.on_time) == (today, True)

    period = {"start": today - datetime.timedelta(days=120), "end": today}
    measured = _measure("dossiers_on_time", **period)
    # Due and passed: old (finished late) and forgotten (still waiting); recent is not due yet, withdrawn left out.
    assert (measured.numerator, measured.denominator, measured.value) == (0, 2, Decimal(0))
    assert set(indicators.get("dossiers_on_time").records(IndicatorQuery(**period))) == {old, forgotten}

    # As of the day old and forgotten were due, forgotten may still be finished that day: only old counts (late).
    measured = _measure("dossiers_on_time", start=period["start"], end=old_review.due_on)
    assert (measured.numerator, measured.denominator) == (0, 1)
    # Figures as of recent's deadline: it is due too now, and was finished in time.
    measured = _measure("dossiers_on_time", start=period["start"], end=recent_review.due_on)
    assert (measured.numerator, measured.denominator, measured.value) == (1, 3, Decimal("33.3"))


PROVED_ON = D(2023, 5, 1)


def _green(producer, *, issued_on=PROVED_ON, valid_until=None, zone=True):
    from ocop.producers.domain.documents import add_document
    from ocop.producers.domain.zones import create_zone

    if issued_on is not None:
        add_document(
            actor=None,
            producer=producer,
            kind="circular_economy",
            number="12/XN-KTTH",
            issuer="Sở Nông nghiệp và Phát triển nông thôn",
            issued_on=issued_on,
            valid_until=valid_until,
        )
    if zone:
        create_zone(actor=None, producer=producer, name=f"Vùng nho {producer.pk}", material="Nho", unit=producer.unit)


def test_a_green_chain_counts_only_with_a_valid_evidence_document_and_a_zone_of_its_own():
    """I.2.7 on five certified producers all marked green: only the one with both evidence valid on 31/12/2024
    and a raw-material zone counts (1 of 5 = 20 %)."""
    shown = make_producer(circular_economy=True)
    _green(shown)
    no_zone = make_producer(circular_economy=True)
    _green(no_zone, zone=False)
    no_evidence = make_producer(circular_economy=True)
    _green(no_evidence, issued_on=None)
    evidence_later = make_producer(circular_economy=True)
    _green(evidence_later, issued_on=D(2025, 2, 1))  # proved only after the period
    evidence_ran_out = make_producer(circular_economy=True)
    _green(evidence_ran_out, issued_on=D(2021, 1, 1), valid_until=D(2024, 6, 30))
    for producer in (shown, no_zone, no_evidence, evidence_later, evidence_ran_out):
        certify(make_product(producer), D(2023, 12, 29))
    result = _measure("circular_share")
    assert (result.value, result.numerator, result.denominator) == (Decimal("20.0"), 1, 5)
    assert set(indicators.get("circular_share").records(IndicatorQuery(YEAR_2024.start, YEAR_2024.end))) == {shown}
    # In the first half the document that ran out on 30/06/2024 still proved its chain.
    assert _measure("circular_share", end=D(2024, 6, 30)).numerator == 2


def test_the_producer_page_says_what_a_green_producer_still_lacks():
    from ocop.producers.domain.green import missing_for_green_chain

    producer = make_producer(circular_economy=True)
    assert len(missing_for_green_chain(producer, D(2024, 12, 31))) == 2
    _green(producer, issued_on=None)
    assert missing_for_green_chain(producer, D(2024, 12, 31)) == [
        "giấy tờ minh chứng chuỗi giá trị tuần hoàn, OCOP xanh còn hiệu lực"
    ]
    _green(producer, zone=False)
    assert missing_for_green_chain(producer, D(2024, 12, 31)) == []
    assert missing_for_green_chain(make_producer(), D(2024, 12, 31)) == []  # not marked: nothing to show


def test_stamps_issued_are_the_quantities_of_the_batches_the_office_issued_in_the_period():
    from django.utils import timezone

    from ocop.traceability.domain.stamps import issue_stamps, request_stamps, void_stamps
    from ocop.traceability.models import StampBatch

    inside, outside = make_product(make_producer(PHUOC_THUAN)), make_product(make_producer(NHON_HAI))
    issued = issue_stamps(actor=None, batch=request_stamps(actor=None, product=inside, quantity=300))
    void_stamps(actor=None, batch=issued, first=1, last=100, reason="Mất")  # issued all the same
    issue_stamps(actor=None, batch=request_stamps(actor=None, product=outside, quantity=50))
    request_stamps(actor=None, product=inside, quantity=1_000)  # asked for, not issued
    last_year = issue_stamps(actor=None, batch=request_stamps(actor=None, product=inside, quantity=7))
    StampBatch.objects.filter(pk=last_year.pk).update(
        decided_at=datetime.datetime(2023, 12, 31, 12, tzinfo=datetime.UTC)
    )
    this_year = parse_period(str(timezone.localdate().year))  # the year the office decided in, in Vietnam
    everywhere = IndicatorQuery(start=this_year.start, end=this_year.end)
    stamps = indicators.get("stamps_issued")
    assert stamps.compute(everywhere).value == Decimal(350)
    assert stamps.by_unit(everywhere) == {inside.producer.unit_id: 300, outside.producer.unit_id: 50}
    assert set(stamps.records(everywhere)) == set(StampBatch.objects.filter(quantity__in=(300, 50)))
    assert stamps.compute(IndicatorQuery(start=D(2023, 1, 1), end=D(2023, 12, 31))).value == Decimal(7)


def test_the_stamp_batches_behind_the_figure_are_those_the_user_sees():
    from ocop.planning.domain.queries import visible_records
    from ocop.traceability.domain.stamps import issue_stamps, request_stamps
    from tests.factories import make_producer_account

    mine, theirs = make_product(make_producer(PHUOC_THUAN)), make_product(make_producer(NHON_HAI))
    batches = [
        issue_stamps(actor=None, batch=request_stamps(actor=None, product=product, quantity=5))
        for product in (mine, theirs)
    ]
    everywhere = IndicatorQuery(start=D(2000, 1, 1), end=D(2100, 1, 1))
    stamps = indicators.get("stamps_issued")
    assert list(visible_records(make_producer_account(mine.producer), stamps, everywhere)) == batches[:1]
