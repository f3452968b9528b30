"""The Ministry's own council: its coordination office sees the dossiers every province sends up for 5★ (and nothing
else), creates its council (no area), takes the dossiers into its own rounds, has its members score them and records
the 5★ decision and certificates itself."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from ocop.accounts.enums import Role
from ocop.certificates.models import Certificate
from ocop.councils.domain import decisions, membership, results, sessions
from ocop.councils.models import Council
from ocop.dossiers.domain.workflow import accept_dossier
from ocop.dossiers.enums import DossierState, Level
from tests.councils.test_central_council import _score
from tests.factories import make_council, make_dossier, make_producer, make_product, make_session, make_user, unit

pytestmark = pytest.mark.django_db

KHANH_HOA = ("56", "province", "from_2025")
NGHE_AN = ("40", "province", "from_2025")
THANH_VINH = ("16681", "commune", "from_2025")  # phường Thành Vinh, Nghệ An


def _scored_100_and_decided(actor, council, dossier, number: str, issuing_body: str, signer: tuple[str, str]) -> None:
    """The council's session on the dossier: every member gives the best option everywhere, the session closes and
    its decision is approved (a total of 100 goes up to the Ministry, or is 5★ at the Ministry)."""
    session = make_session(council, [dossier])
    sessions.auto_assign(actor=actor, session=session)
    _score(session, {dossier.pk: None})
    results.close_session(actor=actor, session=session)
    decisions.approve_decision(
        actor=actor,
        session=session,
        number=number,
        decided_on=timezone.localdate(),
        issuing_body=issuing_body,
        signer_name=signer[0],
        signer_title=signer[1],
    )


def _sent_up(province_key, producer_key=None, name="Nước mắm"):
    """A product its province's council scored 100: it waits at the central level."""
    council = make_council(province_key, members=3)
    producer = make_producer(producer_key) if producer_key else make_producer()
    dossier = make_dossier(make_product(producer, name=name, product_set=9), state="accepted")
    signer = ("Trần Quốc Nam", "Phó Chủ tịch")
    _scored_100_and_decided(None, council, dossier, f"{dossier.pk}/QĐ-UBND", "UBND tỉnh", signer)
    dossier.refresh_from_db()
    assert (dossier.state, dossier.evaluation_level) == (DossierState.FORWARDED, Level.CENTRAL)
    return dossier


def recognised_by_the_ministry(ministry, name="Nước mắm Cà Ná") -> Certificate:
    """A product Khánh Hòa sent up, taken in, scored 100 and recognised 5★ by the Ministry's own council: its
    certificate, of the Ministry's level."""
    dossier = _sent_up(KHANH_HOA, name=name)
    council = membership.create_council(actor=ministry, name="Hội đồng cấp Trung ương", level="central", unit=None)
    for role in ("chair", "secretary", "member"):
        membership.add_member(actor=ministry, council=council, user=make_user(Role.COUNCIL_MEMBER), role=role)
    accept_dossier(actor=ministry, dossier=dossier)
    number = f"{dossier.pk}/QĐ-BNNMT"
    signer = ("Nguyễn Văn Hòa", "Thứ trưởng")
    _scored_100_and_decided(ministry, council, dossier, number, "Bộ Nông nghiệp và Môi trường", signer)
    return Certificate.objects.get(product=dossier.product)


@pytest.fixture
def ministry():
    return make_user(Role.MINISTRY_OFFICE, full_name="Lê Minh Bộ")


def test_the_ministry_sees_every_provinces_dossiers_sent_up_and_nothing_else(client, ministry):
    from_khanh_hoa = _sent_up(KHANH_HOA, name="Nước mắm Cà Ná")
    from_nghe_an = _sent_up(NGHE_AN, THANH_VINH, name="Nước mắm Vạn Phần")
    draft = make_dossier(make_product(name="Mật nho nháp"))
    at_the_province = make_dossier(make_product(name="Táo sấy chờ tỉnh"), state="accepted")
    client.force_login(ministry)

    page = client.get(reverse("backoffice:dossier_list")).content.decode()
    assert ("Nước mắm Cà Ná" in page, "Nước mắm Vạn Phần" in page) == (True, True)
    assert ("Mật nho nháp" in page, "Táo sấy chờ tỉnh" in page) == (False, False)
    statuses = {
        dossier.product.name: client.get(reverse("backoffice:dossier_detail", args=[dossier.pk])).status_code
        for dossier in (from_khanh_hoa, from_nghe_an, draft, at_the_province)
    }
    assert statuses == {"Nước mắm Cà Ná": 200, "Nước mắm Vạn Phần": 200, "Mật nho nháp": 404, "Táo sấy chờ tỉnh": 404}
    # What a 5★ evaluation needs of the producer: its page and its product's; nobody else's.
    assert client.get(reverse("backoffice:producer_detail", args=[from_nghe_an.producer_id])).status_code == 200
    assert client.get(reverse("backoffice:product_detail", args=[from_nghe_an.product_id])).status_code == 200
    assert client.get(reverse("backoffice:producer_detail", args=[draft.producer_id])).status_code == 404
    tasks = client.get(reverse("backoffice:my_tasks")).content.decode()
    assert ("Nước mắm Cà Ná" in tasks, "Nước mắm Vạn Phần" in tasks) == (True, True)


def test_the_ministry_runs_its_council_and_recognises_5_stars_itself(client, ministry):
    five = _sent_up(KHANH_HOA, name="Nước mắm Cà Ná")
    four = _sent_up(NGHE_AN, THANH_VINH, name="Nước mắm Vạn Phần")
    client.force_login(ministry)

    response = client.post(
        reverse("backoffice:council_create"),
        {
            "name": "Hội đồng đánh giá sản phẩm OCOP cấp Trung ương",
            "level": "central",
            "established_by": "Số 1/QĐ-BNNMT",
        },
    )
    assert response.status_code == 302
    council = Council.objects.get(level="central")
    assert (council.unit, council.is_the_ministrys) == (None, True)
    for role in ("chair", "secretary", "member"):
        person = make_user(Role.COUNCIL_MEMBER)
        response = client.post(
            reverse("backoffice:council_member_add", args=[council.pk]), {"user": person.pk, "role": role}
        )
        assert response.status_code == 302
    assert council.members.count() == 3

    for dossier in (five, four):
        assert client.post(reverse("backoffice:dossier_accept", args=[dossier.pk])).status_code == 302
        dossier.refresh_from_db()
    # Both provinces' dossiers join the Ministry's own round: central, no area, decided by 30/03 or 30/09.
    assert five.round == four.round
    assert (five.round.level, five.round.unit, five.state) == (Level.CENTRAL, None, DossierState.ACCEPTED)
    assert (five.round.decision_due.day, five.round.decision_due.month) in {(30, 3), (30, 9)}

    response = client.post(
        reverse("backoffice:session_create", args=[council.pk]),
        {"round": five.round.pk, "held_on": timezone.localdate().strftime("%d/%m/%Y"), "place": "Hà Nội"},
    )
    assert response.status_code == 302
    session = council.sessions.get()
    sessions.record_attendance(actor=ministry, session=session, members=list(council.members.all()))
    assert client.post(reverse("backoffice:session_auto_assign", args=[session.pk])).status_code == 302
    _score(session, {five.pk: None, four.pk: Decimal(80)})
    assert client.post(reverse("backoffice:session_close", args=[session.pk]), {"confirm": "on"}).status_code == 302
    page = client.get(reverse("backoffice:session_detail", args=[session.pk]))
    assert page.context["decision_form"].initial["issuing_body"] == "Bộ Nông nghiệp và Môi trường"
    response = client.post(
        reverse("backoffice:session_decide", args=[session.pk]),
        {
            "number": "12/QĐ-BNNMT",
            "decided_on": timezone.localdate().strftime("%d/%m/%Y"),
            "issuing_body": "Bộ Nông nghiệp và Môi trường",
            "signer_name": "Nguyễn Văn Hòa",
            "signer_title": "Thứ trưởng",
            "confirm": "on",
        },
    )
    assert response.status_code == 302
    certificate = Certificate.objects.get(product=five.product)
    assert (certificate.stars, certificate.decision.level, certificate.decision.number) == (5, "central", "12/QĐ-BNNMT")
    # Below 90 points the product goes back to its own province, which recognises 4★ from that result.
    four.refresh_from_db()
    assert (four.state, four.evaluation_level, four.evaluation_unit) == (
        DossierState.FORWARDED,
        Level.PROVINCE,
        unit(*NGHE_AN),
    )
    assert client.get(reverse("backoffice:certificate_detail", args=[certificate.pk])).status_code == 200
    minutes = client.get(reverse("backoffice:session_minutes", args=[session.pk]))
    assert (minutes.status_code, minutes["Content-Type"]) == (200, "application/pdf")


def test_the_provinces_leave_the_central_level_to_the_ministry_once_it_has_an_account(client, ministry):
    dossier = _sent_up(KHANH_HOA)
    office = make_user(Role.PROVINCE_OFFICE, KHANH_HOA)
    client.force_login(office)
    assert client.post(reverse("backoffice:dossier_accept", args=[dossier.pk])).status_code == 403
    with pytest.raises(ValidationError) as refused:
        membership.create_council(actor=office, name="Hội đồng Trung ương", level="central", unit=unit(*KHANH_HOA))
    assert refused.value.error_dict["unit"][0].code == "ministry_takes_part"
    with pytest.raises(ValidationError) as refused:
        membership.create_council(actor=office, name="Hội đồng Trung ương", level="central", unit=None)
    assert refused.value.error_dict["unit"][0].code == "ministry_only"
    ministrys = membership.create_council(actor=ministry, name="Hội đồng Trung ương", level="central", unit=None)
    assert client.get(reverse("backoffice:council_detail", args=[ministrys.pk])).status_code == 404
    client.force_login(ministry)
    assert client.get(reverse("backoffice:council_list")).content.decode().count("Hội đồng Trung ương") == 1
    provincial = Council.objects.get(level="province", unit=unit(*KHANH_HOA))
    assert client.get(reverse("backoffice:council_detail", args=[provincial.pk])).status_code == 404


def test_the_ministry_is_told_of_each_dossier_sent_up_and_of_one_withdrawn_there(ministry):
    from ocop.common.models import Notification
    from ocop.dossiers.domain.workflow import withdraw_dossier

    dossier = _sent_up(NGHE_AN, THANH_VINH, name="Nước mắm Vạn Phần")
    withdraw_dossier(actor=None, dossier=dossier)
    verbs = list(Notification.objects.filter(recipient=ministry).order_by("pk").values_list("verb", flat=True))
    assert verbs == ["dossiers.sent_up", "dossiers.withdrawn"]
