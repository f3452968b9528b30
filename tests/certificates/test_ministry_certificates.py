"""Whoever recognised a product corrects its certificate and decides its revocation: the Ministry's coordination
office does so for the 5★ certificates it issued, and only for those."""

import pytest
from django.urls import reverse
from django.utils import timezone

from ocop.accounts.enums import Role
from ocop.certificates.domain.status import certificate_status
from ocop.certificates.enums import CertificateStatus, ProposalOutcome, RecognitionLevel
from ocop.common.models import ActivityLog, Notification
from tests.certificates.helpers import days_ago, registered
from tests.councils.test_ministry_council import recognised_by_the_ministry
from tests.factories import make_product, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def ministry():
    return make_user(Role.MINISTRY_OFFICE, full_name="Lê Minh Bộ")


@pytest.fixture
def five_stars(ministry):
    certificate = recognised_by_the_ministry(ministry)
    assert (certificate.decision.level, certificate.stars) == (RecognitionLevel.CENTRAL, 5)
    return certificate


def _today() -> str:
    return f"{timezone.localdate():%d/%m/%Y}"


def _ministry_decision(number: str, **fields) -> dict:
    """A decision form of the Ministry's, dated today."""
    return {"number": number, "decided_on": _today(), "issuing_body": "Bộ Nông nghiệp và Môi trường", **fields}


def test_the_ministry_revokes_its_own_5_star_certificate(client, ministry, five_stars):
    office = make_user(Role.PROVINCE_OFFICE, ("56", "province", "from_2025"))
    client.force_login(ministry)
    page = client.get(reverse("backoffice:certificate_detail", args=[five_stars.pk])).content.decode()
    assert reverse("backoffice:certificate_correct", args=[five_stars.pk]) in page
    assert reverse("backoffice:certificate_propose_revocation", args=[five_stars.pk]) in page

    response = client.post(
        reverse("backoffice:certificate_propose_revocation", args=[five_stars.pk]),
        {"ground": "mark_misuse", "found_on": _today(), "finding": "Dán nhãn 5 sao trên sản phẩm khác."},
    )
    assert response.status_code == 302
    proposal = five_stars.revocation_proposals.get()
    assert proposal.deciding_level == RecognitionLevel.CENTRAL
    told = set(
        Notification.objects.filter(verb="certificates.revocation_proposed").values_list("recipient_id", flat=True)
    )
    assert {ministry.pk, office.pk} <= told
    assert list(client.get(reverse("backoffice:revocation_list")).context["open"]) == [proposal]

    response = client.post(
        reverse("backoffice:revocation_decide", args=[proposal.pk]),
        _ministry_decision("30/QĐ-BNNMT", public_reason="Sử dụng nhãn OCOP 5 sao sai quy định."),
    )
    assert response.status_code == 302
    proposal.refresh_from_db()
    assert proposal.outcome == ProposalOutcome.REVOKED
    assert certificate_status(five_stars) == CertificateStatus.REVOKED
    entry = ActivityLog.objects.get(verb="certificates.revoked")
    assert entry.actor_id == ministry.pk


def test_the_ministry_corrects_its_own_5_star_certificate(client, ministry, five_stars):
    client.force_login(ministry)
    response = client.post(
        reverse("backoffice:certificate_correct", args=[five_stars.pk]),
        _ministry_decision("31/QĐ-BNNMT", reason="Sửa tên chủ thể theo giấy đăng ký mới."),
    )
    assert response.status_code == 302
    five_stars.refresh_from_db()
    assert certificate_status(five_stars) == CertificateStatus.REPLACED
    replacement = five_stars.product.certificates.exclude(pk=five_stars.pk).get()
    assert (replacement.stars, replacement.decision.level) == (5, RecognitionLevel.CENTRAL)


def test_the_ministry_leaves_the_provinces_certificates_to_the_province(client, ministry, five_stars):
    """The same producer's 4★ product, recognised by the province: the Ministry sees it, and may neither correct it
    nor propose its revocation; nor may it decide on the province's proposal."""
    provincial = registered(make_product(five_stars.producer, name="Nước mắm nhỉ"), days_ago(100), stars=4)
    client.force_login(ministry)
    detail = client.get(reverse("backoffice:certificate_detail", args=[provincial.pk]))
    assert detail.status_code == 200
    page = detail.content.decode()
    assert reverse("backoffice:certificate_correct", args=[provincial.pk]) not in page
    assert reverse("backoffice:certificate_propose_revocation", args=[provincial.pk]) not in page
    assert client.get(reverse("backoffice:certificate_correct", args=[provincial.pk])).status_code == 403
    finding = {"ground": "mark_misuse", "found_on": _today(), "finding": "Nhãn sai."}
    refused = client.post(reverse("backoffice:certificate_propose_revocation", args=[provincial.pk]), finding)
    assert refused.status_code == 403
    assert not provincial.revocation_proposals.exists()

    client.force_login(make_user(Role.PROVINCE_OFFICE, ("56", "province", "from_2025")))
    client.post(reverse("backoffice:certificate_propose_revocation", args=[provincial.pk]), finding)
    proposal = provincial.revocation_proposals.get()
    client.force_login(ministry)
    assert client.get(reverse("backoffice:revocation_decide", args=[proposal.pk])).status_code == 403


def test_a_province_officer_of_another_province_cannot_touch_the_ministrys_certificate(client, five_stars):
    client.force_login(make_user(Role.PROVINCE_OFFICE, ("40", "province", "from_2025")))
    assert client.get(reverse("backoffice:certificate_correct", args=[five_stars.pk])).status_code == 404
