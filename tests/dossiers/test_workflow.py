import datetime

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from ocop.accounts.enums import Role
from ocop.certificates.domain.issuing import register_certificate_from_records
from ocop.common.dates import add_months
from ocop.common.models import ActivityLog, Notification
from ocop.dossiers import checklist
from ocop.dossiers.domain import drafting, workflow
from ocop.dossiers.domain.lifecycle import with_lifecycle
from ocop.dossiers.domain.queries import tasks_for
from ocop.dossiers.enums import DossierState, Level
from ocop.dossiers.models import Dossier
from ocop.producers.domain.documents import add_document
from ocop.producers.enums import ProductState
from ocop.producers.models import Product
from tests.factories import (
    answer_every_criterion,
    make_dossier,
    make_producer,
    make_producer_account,
    make_product,
    make_user,
    png_upload,
    unit,
)

pytestmark = pytest.mark.django_db


def _pdf(name="giay-to.pdf"):
    return SimpleUploadedFile(name, b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n")


def _prepare(dossier, actor, *, skip=()):
    product_set = dossier.product.product_set
    for requirement in checklist.requirements_for(product_set):
        if requirement.required(product_set) and requirement.code not in skip:
            drafting.add_evidence(actor=actor, dossier=dossier, requirement=requirement.code, upload=_pdf())
    drafting.save_self_score(
        actor=actor,
        dossier=dossier,
        evidence={"1.1": "Hợp đồng mua cá cơm"},
        answers=answer_every_criterion(drafting.scoring_sheet(dossier), 2),
    )
    drafting.update_dossier(actor=actor, dossier=dossier, business_plan_results="Doanh thu tăng 20%")


def _tick(dossier, officer):
    for requirement in checklist.requirements_for(dossier.product.product_set):
        if requirement.required(dossier.product.product_set):
            drafting.mark_item(actor=officer, dossier=dossier, requirement=requirement.code, ok=True)


def test_a_fish_sauce_dossier_goes_from_the_producer_to_a_provincial_round():
    producer = make_producer(name="Công ty TNHH Nước mắm Cana")
    sauce = make_product(producer, name="Nước mắm CaNa 40 độ đạm", product_set=9)
    owner = make_producer_account(producer, username="chuthe.cana", email="cana@example.vn")
    commune_officer = make_user(
        Role.COMMUNE_OFFICER, ("22870", "commune", "from_2025"), username="xa.ninhphuoc", email="xa@example.vn"
    )
    office = make_user(Role.PROVINCE_OFFICE, username="tinh.ocop")

    dossier = drafting.create_dossier(actor=owner, product=sauce, kind="first", contact_name="Lê Văn Cana")
    _prepare(dossier, owner, skip={"environment"})
    with pytest.raises(ValidationError) as missing:
        workflow.submit_dossier(actor=owner, dossier=dossier)
    assert missing.value.messages == ["Thiếu minh chứng: Hồ sơ môi trường."]
    drafting.add_evidence(actor=owner, dossier=dossier, requirement="environment", upload=_pdf("moi-truong.pdf"))
    workflow.submit_dossier(actor=owner, dossier=dossier)
    dossier.refresh_from_db()
    year = dossier.filed_on.year
    assert dossier.state == DossierState.SUBMITTED
    assert dossier.receipt_number == f"01/PĐK-56-22870-{year}"  # received by today's xã Ninh Phước, Khánh Hòa
    assert (dossier.rule_set.identifier, dossier.evaluation_level) == ("QD26-2026", Level.PROVINCE)
    assert dossier.evaluation_unit.name == "Tỉnh Khánh Hòa"
    assert Notification.objects.filter(recipient=commune_officer, verb="dossiers.submitted").exists()
    assert [task.dossier for task in tasks_for(commune_officer)] == [dossier]

    # The commune finds the lab test unacceptable and returns the dossier for it.
    drafting.mark_item(actor=commune_officer, dossier=dossier, requirement="lab_test", ok=False, note="Quá 6 tháng")
    workflow.request_supplement(
        actor=commune_officer,
        dossier=dossier,
        items=["lab_test"],
        message="Phiếu kiểm nghiệm mới",
        deadline=timezone.localdate() + datetime.timedelta(days=10),
    )
    dossier.refresh_from_db()
    assert dossier.state == DossierState.SUPPLEMENT_REQUESTED
    assert Notification.objects.filter(recipient=owner, verb="dossiers.supplement_requested").exists()
    with pytest.raises(ValidationError) as still:  # the old lab test does not answer the request
        workflow.resubmit_dossier(actor=owner, dossier=dossier)
    assert still.value.messages == ["Vẫn còn thiếu: Phiếu kết quả kiểm nghiệm sản phẩm."]
    drafting.remove_evidence(actor=owner, evidence=dossier.evidence.get(requirement="lab_test"))
    drafting.add_evidence(actor=owner, dossier=dossier, requirement="lab_test", upload=_pdf("kiem-nghiem.pdf"))
    workflow.resubmit_dossier(actor=owner, dossier=dossier)
    dossier.refresh_from_db()
    assert (dossier.state, dossier.receipt_number) == (DossierState.SUBMITTED, f"01/PĐK-56-22870-{year}")

    # The commune checks everything, reports on the four facts and forwards to the province.
    with pytest.raises(ValidationError):
        workflow.forward_dossier(actor=commune_officer, dossier=dossier)
    _tick(dossier, commune_officer)
    drafting.record_commune_report(
        actor=commune_officer,
        dossier=dossier,
        local_origin="confirmed",
        local_labour="confirmed",
        idea_origin="confirmed",
        local_identity="confirmed",
    )
    workflow.forward_dossier(actor=commune_officer, dossier=dossier)
    _tick(dossier, office)
    workflow.accept_dossier(actor=office, dossier=dossier)
    dossier.refresh_from_db()
    assert dossier.state == DossierState.ACCEPTED
    assert dossier.round.level == Level.PROVINCE
    assert dossier.round.cutoff >= dossier.filed_on
    assert dossier.deadline == dossier.round.decision_due
    # Two passes through the commune, each timed against its own working-day deadline.
    assert [(r.outcome, r.on_time) for r in dossier.commune_reviews.all()] == [
        ("supplement_requested", True),
        ("forwarded", True),
    ]

    steps = list(
        ActivityLog.objects.filter(
            target_id=str(dossier.pk),
            verb__in=[
                "dossiers.created",
                "dossiers.submitted",
                "dossiers.supplement_requested",
                "dossiers.resubmitted",
                "dossiers.forwarded",
                "dossiers.accepted",
            ],
        )
        .order_by("id")
        .values_list("verb", "actor_name")
    )
    assert steps == [
        ("dossiers.created", "chuthe.cana"),
        ("dossiers.submitted", "chuthe.cana"),
        ("dossiers.supplement_requested", "xa.ninhphuoc"),
        ("dossiers.resubmitted", "chuthe.cana"),
        ("dossiers.forwarded", "xa.ninhphuoc"),
        ("dossiers.accepted", "tinh.ocop"),
    ]
    state = with_lifecycle(Product.objects.filter(pk=sauce.pk)).get().state
    assert state == ProductState.REGISTERED


def test_a_dossier_filed_in_2024_follows_the_three_level_procedure():
    dossier = make_dossier(make_product(registered_in=2024), state="submitted", on=datetime.date(2024, 3, 15))
    assert dossier.rule_set.identifier == "QD148-2023"
    assert (dossier.evaluation_level, dossier.evaluation_unit.name) == (Level.DISTRICT, "Huyện Ninh Phước")
    assert dossier.commune.name == "Xã Phước Thuận"
    assert dossier.receipt_number == "01/PĐK-58-22882-2024"
    # Filed 15/03/2024 (Friday): 15 working days → 05/04/2024.
    assert dossier.deadline == datetime.date(2024, 4, 5)


def test_a_dossier_filed_today_follows_the_two_level_procedure():
    dossier = make_dossier(state="submitted")
    assert dossier.evaluation_level == Level.PROVINCE
    assert dossier.commune.name == "Xã Ninh Phước"


def test_the_2024_district_round_and_the_next_open_round():
    dossier = make_dossier(state="accepted", on=datetime.date(2024, 5, 2))
    assert (dossier.round.level, dossier.round.unit.name) == (Level.DISTRICT, "Huyện Ninh Phước")
    assert (dossier.round.number, dossier.round.year, dossier.round.cutoff) == (2, 2024, datetime.date(2024, 10, 30))
    assert dossier.round.decision_due == datetime.date(2024, 12, 30)


@pytest.mark.parametrize(
    ("state", "action"),
    [
        ("draft", "accept_dossier"),
        ("draft", "forward_dossier"),
        ("forwarded", "resubmit_dossier"),
        ("accepted", "withdraw_dossier"),
        ("submitted", "submit_dossier"),
    ],
)
def test_invalid_transitions_are_refused_and_change_nothing(state, action):
    dossier = make_dossier(state=state)
    before = (dossier.state, ActivityLog.objects.count())
    with pytest.raises(ValidationError) as error:
        getattr(workflow, action)(actor=None, dossier=dossier)
    assert error.value.code == "invalid_transition"
    assert error.value.messages[0].startswith("Hồ sơ đang ở trạng thái")
    dossier.refresh_from_db()
    assert (dossier.state, ActivityLog.objects.count()) == before


def test_a_forwarded_dossier_cannot_be_supplemented_by_the_producer():
    dossier = make_dossier(state="forwarded")
    with pytest.raises(ValidationError) as error:
        drafting.add_evidence(actor=None, dossier=dossier, requirement="trademark", upload=_pdf())
    assert error.value.code == "not_editable"


@pytest.mark.parametrize(
    ("upload", "code"),
    [
        (SimpleUploadedFile("rong.pdf", b""), "empty"),
        (SimpleUploadedFile("hoa-don.pdf", b"MZ\x90\x00\x03" + b"\x00" * 500), "wrong_type"),
        (SimpleUploadedFile("script.pdf", b"#!/bin/sh\nrm -rf /\n"), "wrong_type"),
    ],
)
def test_bad_uploads_are_refused(upload, code):
    dossier = make_dossier()
    with pytest.raises(ValidationError) as error:
        drafting.add_evidence(actor=None, dossier=dossier, requirement="trademark", upload=upload)
    assert error.value.code == code
    assert not dossier.evidence.exists()


def test_a_30_mb_upload_is_refused():
    big = _pdf()
    big.size = 30 * 1024 * 1024
    with pytest.raises(ValidationError) as error:
        drafting.add_evidence(actor=None, dossier=make_dossier(), requirement="trademark", upload=big)
    assert error.value.code == "too_large"


def test_a_valid_registry_document_is_reused_instead_of_uploaded():
    product = make_product(product_set=9)
    document = add_document(
        actor=None,
        producer=product.producer,
        kind="food_safety",
        issuer="Sở NN&PTNT",
        number="12/2025/ATTP",
        valid_until=timezone.localdate() + datetime.timedelta(days=400),
    )
    add_document(
        actor=None,
        producer=product.producer,
        kind="food_safety",
        issuer="Sở NN&PTNT",
        number="01/2020/ATTP",
        valid_until=datetime.date(2023, 1, 1),
    )
    dossier = make_dossier(product)
    assert drafting.reusable_documents(dossier) == {"food_safety": [document]}
    evidence = drafting.reuse_document(actor=None, dossier=dossier, requirement="food_safety", document=document)
    assert evidence.document == document and not evidence.file


def test_the_checklist_follows_the_product_set():
    assert checklist.samples_required(26) == 0
    assert checklist.samples_required(9) == 5
    codes = {r.code for r in checklist.requirements_for(15) if r.required(15)}
    assert "production_licence" in codes
    assert "production_licence" not in {r.code for r in checklist.requirements_for(9)}
    assert "food_safety" not in {r.code for r in checklist.requirements_for(21)}


def test_a_second_open_dossier_for_the_same_product_is_refused():
    dossier = make_dossier(state="submitted")
    with pytest.raises(ValidationError) as error:
        drafting.create_dossier(actor=None, product=dossier.product, kind="first")
    assert error.value.code == "already_open"


def _certified_until(product, expiry: datetime.date):
    """Record a certificate decided 36 months before ``expiry``."""
    register_certificate_from_records(
        actor=None,
        product=product,
        stars=3,
        decision_number="9/QĐ-UBND",
        decided_on=add_months(expiry, -36),
        level="province",
    )
    assert product.certificates.get().valid_until == expiry


def test_re_evaluation_is_filed_180_to_120_days_before_expiry():
    today = timezone.localdate()
    inside = make_product()
    _certified_until(inside, today + datetime.timedelta(days=150))
    assert drafting.create_dossier(actor=None, product=inside, kind="reevaluation").kind == "reevaluation"
    too_early = make_product()
    _certified_until(too_early, today + datetime.timedelta(days=200))
    with pytest.raises(ValidationError) as error:
        drafting.create_dossier(actor=None, product=too_early, kind="reevaluation")
    assert error.value.code == "outside_window"
    with pytest.raises(ValidationError) as error:
        drafting.create_dossier(actor=None, product=too_early, kind="first")
    assert error.value.code == "certified"


def test_the_self_score_is_saved_half_done_as_a_draft_but_the_dossier_is_filed_only_with_every_criterion():
    dossier = make_dossier()
    _prepare(dossier, None)
    sheet = drafting.scoring_sheet(dossier)
    answers = answer_every_criterion(sheet)
    first, second = list(answers)[:2]
    del answers[first], answers[second]

    score = drafting.save_self_score(actor=None, dossier=dossier, answers=answers, evidence={})

    dossier.refresh_from_db()
    assert dossier.self_score_answers == answers and score.unanswered == (first, second)
    refused = ["Phần tự chấm điểm (mẫu 02) còn 2 tiêu chí chưa chọn."]
    assert workflow.missing_for_submission(dossier) == refused
    with pytest.raises(ValidationError) as error:
        workflow.submit_dossier(actor=None, dossier=dossier)
    assert error.value.messages == refused
    assert Dossier.objects.get(pk=dossier.pk).state == DossierState.DRAFT


def test_the_producer_files_through_the_pages(client):
    producer = make_producer()
    product = make_product(producer, product_set=7)
    client.force_login(make_producer_account(producer))
    response = client.post(
        reverse("backoffice:dossier_create"),
        {"product": product.pk, "kind": "first", "samples_count": "5", "business_plan_results": "Tốt"},
    )
    dossier = Dossier.objects.get(product=product)
    assert response.status_code == 302
    response = client.post(
        reverse("backoffice:dossier_evidence_add", args=[dossier.pk]),
        {"requirement": "trademark", "title": "Văn bằng", "upload": png_upload()},
    )
    assert dossier.evidence.get().title == "Văn bằng"
    page = client.get(reverse("backoffice:dossier_detail", args=[dossier.pk])).content.decode()
    assert "Thiếu minh chứng" in page
    response = client.post(reverse("backoffice:dossier_submit", args=[dossier.pk]), follow=True)
    assert "Thiếu minh chứng" in response.content.decode()
    dossier.refresh_from_db()
    assert dossier.state == DossierState.DRAFT


def test_mail_goes_out_after_commit(django_capture_on_commit_callbacks, settings):
    settings.MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
    make_user(Role.COMMUNE_OFFICER, email="xa@example.vn")
    with django_capture_on_commit_callbacks(execute=True):
        dossier = make_dossier(state="submitted", on=datetime.date(2024, 3, 15))
    assert [m.to for m in mail.outbox] == [["xa@example.vn"]]
    assert dossier.receipt_number in mail.outbox[0].subject


def test_scope_keeps_other_communes_out(client):
    dossier = make_dossier(make_product(make_producer(("22867", "commune"))), state="submitted")
    client.force_login(make_user(Role.COMMUNE_OFFICER))  # xã Phước Thuận
    assert client.get(reverse("backoffice:dossier_detail", args=[dossier.pk])).status_code == 404
    assert unit("22867").name == "Xã Nhơn Hải"


def test_the_product_page_shows_its_stage_in_the_cycle(client):
    from ocop.dossiers.domain.cycle import cycle_stage
    from ocop.dossiers.enums import CycleStage

    product = make_product()
    client.force_login(make_user(Role.COMMUNE_OFFICER))
    client.post(
        reverse("backoffice:product_milestone", args=[product.pk]),
        {"kind": "business_plan_received", "reached_on": "02/03/2026", "note": "Phương án năm 2026"},
    )
    response = client.get(reverse("backoffice:product_detail", args=[product.pk]))
    assert response.context["stage"] == CycleStage.BUSINESS_PLAN
    assert with_lifecycle(Product.objects.filter(pk=product.pk)).get().state == ProductState.BUSINESS_PLAN
    make_dossier(product, state="submitted")
    assert (
        cycle_stage(with_lifecycle(Product.objects.filter(pk=product.pk)).get().state, set()) == CycleStage.EVALUATION
    )


def test_the_dossier_page_shows_each_commune_review_against_its_deadline(client):
    today = timezone.localdate()
    late = make_dossier(state="forwarded", on=today - datetime.timedelta(days=60))
    waiting = make_dossier(state="submitted")
    client.force_login(make_user(Role.PROVINCE_OFFICE))
    page = client.get(reverse("backoffice:dossier_detail", args=[late.pk])).content.decode()
    assert "Thời hạn kiểm tra của xã" in page and "trễ hạn" in page and "chuyển cấp đánh giá" in page
    page = client.get(reverse("backoffice:dossier_detail", args=[waiting.pk])).content.decode()
    assert "xã đang kiểm tra" in page


def test_rejecting_keeps_the_reasons_tells_the_producer_and_ends_the_commune_review(django_capture_on_commit_callbacks):
    producer = make_producer()
    owner = make_producer_account(producer)
    dossier = make_dossier(make_product(producer), state="submitted")
    with pytest.raises(ValidationError):
        workflow.reject_dossier(actor=None, dossier=dossier, reasons="  ")
    workflow.reject_dossier(actor=None, dossier=dossier, reasons="Sản phẩm không do địa phương sản xuất")
    dossier.refresh_from_db()
    assert (dossier.state, dossier.rejection_reason) == (DossierState.REJECTED, "Sản phẩm không do địa phương sản xuất")
    assert Notification.objects.filter(recipient=owner, verb="dossiers.rejected").exists()
    assert [review.outcome for review in dossier.commune_reviews.all()] == ["rejected"]
    with pytest.raises(ValidationError) as error:
        workflow.resubmit_dossier(actor=None, dossier=dossier)
    assert error.value.code == "invalid_transition"


def test_zero_samples_stays_zero_and_evidence_must_name_real_criteria():
    tour = make_dossier(make_product(product_set=25))  # tourism: no samples
    assert tour.samples_count == checklist.samples_required(25)
    chosen = drafting.create_dossier(actor=None, product=make_product(product_set=7), kind="first", samples_count=0)
    assert chosen.samples_count == 0
    with pytest.raises(ValidationError) as error:
        drafting.save_self_score(
            actor=None,
            dossier=chosen,
            answers=answer_every_criterion(drafting.scoring_sheet(chosen)),
            evidence={"A9.9": "Hợp đồng"},
        )
    assert error.value.code == "unknown_criteria"


def test_the_inbox_puts_the_nearest_deadline_first_and_dossiers_without_one_last(client):
    draft = make_dossier()
    later = make_dossier(state="submitted", on=timezone.localdate() - datetime.timedelta(days=1))
    sooner = make_dossier(state="submitted", on=timezone.localdate() - datetime.timedelta(days=10))
    assert draft.deadline is None and sooner.deadline < later.deadline
    client.force_login(make_user(Role.PROVINCE_OFFICE))
    page = client.get(reverse("backoffice:dossier_list")).content.decode()
    positions = [page.index(reverse("backoffice:dossier_detail", args=[d.pk]) + '"') for d in (sooner, later, draft)]
    assert positions == sorted(positions)
