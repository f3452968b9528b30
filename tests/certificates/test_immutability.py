"""An issued certificate cannot be edited through any path; a correction issues a replacement and both stay."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse

from ocop.accounts.enums import Role
from ocop.certificates.domain.issuing import correct_certificate
from ocop.certificates.domain.status import certificate_status
from ocop.certificates.enums import CertificateStatus, IssueBasis
from ocop.certificates.models import Certificate, RecognitionDecision
from ocop.producers.domain.producers import update_producer
from tests.certificates.helpers import registered
from tests.factories import make_product, make_user

pytestmark = pytest.mark.django_db
D = datetime.date


def test_saving_an_issued_certificate_again_is_refused():
    certificate = registered(make_product(), D(2024, 12, 27))
    certificate.stars = 5
    with pytest.raises(ValidationError):
        certificate.save()
    with pytest.raises(ValidationError):
        certificate.delete()
    assert Certificate.objects.get(pk=certificate.pk).stars == 3


def test_bulk_updates_and_deletes_are_refused_too():
    certificate = registered(make_product(), D(2024, 12, 27))
    with pytest.raises(ValidationError):
        Certificate.objects.filter(pk=certificate.pk).update(valid_until=D(2030, 1, 1))
    with pytest.raises(ValidationError):
        Certificate.objects.update(stars=5)
    with pytest.raises(ValidationError):
        Certificate.objects.filter(pk=certificate.pk).delete()
    with pytest.raises(ValidationError), transaction.atomic():
        Certificate.objects.bulk_update([certificate], ["stars"])
    with pytest.raises(ValidationError):
        RecognitionDecision.objects.filter(pk=certificate.decision_id).update(number="x")
    assert Certificate.objects.get(pk=certificate.pk).valid_until == D(2027, 12, 27)


def test_the_admin_shows_certificates_but_cannot_change_them(client):
    certificate = registered(make_product(), D(2024, 12, 27))
    admin = make_user(Role.ADMIN, is_superuser=True)
    client.force_login(admin)
    change_url = reverse("admin:certificates_certificate_change", args=[certificate.pk])
    page = client.get(change_url)
    assert page.status_code == 200  # shown, read-only
    assert 'name="_save"' not in page.content.decode()
    response = client.post(change_url, {"stars": 5, "number": certificate.number})
    assert response.status_code == 403
    assert client.get(reverse("admin:certificates_certificate_add")).status_code == 403
    assert client.post(reverse("admin:certificates_certificate_delete", args=[certificate.pk])).status_code == 403
    assert Certificate.objects.get(pk=certificate.pk).stars == 3


def test_no_screen_edits_a_certificate():
    from tests.backoffice.test_permission_matrix import _all_url_names

    names = [name for name in _all_url_names() if "certificate" in name]
    assert "backoffice:certificate_detail" in names
    assert [name for name in names if "edit" in name or "change" in name or "delete" in name] == []


def test_a_correction_replaces_the_certificate_with_the_registry_details_and_keeps_both():
    product = make_product(name="Nước mắm cá cơm")
    certificate = registered(product, D(2024, 12, 27), stars=4)
    update_producer(actor=None, producer=product.producer, address="Thôn Lạc Tiến")
    corrected = correct_certificate(
        actor=None,
        certificate=certificate,
        number="2222/QĐ-UBND",
        decided_on=D(2026, 11, 20),
        issuing_body="UBND tỉnh Khánh Hòa",
        reason="Bổ sung địa chỉ chủ thể",
    )
    assert corrected.replaces == certificate and corrected.basis == IssueBasis.CORRECTION
    assert (corrected.stars, corrected.score, corrected.valid_until) == (4, certificate.score, certificate.valid_until)
    assert corrected.producer_address.startswith("Thôn Lạc Tiến")
    assert not certificate.producer_address.startswith("Thôn Lạc Tiến")  # the old one still says what it said
    assert certificate_status(certificate, D(2026, 11, 28)) == CertificateStatus.REPLACED
    assert certificate_status(corrected, D(2026, 11, 28)) == CertificateStatus.VALID
    assert set(product.certificates.values_list("number", flat=True)) == {certificate.number, corrected.number}
    with pytest.raises(ValidationError):  # the replaced one cannot be corrected again
        correct_certificate(
            actor=None,
            certificate=certificate,
            number="2223/QĐ-UBND",
            decided_on=D(2026, 11, 21),
            issuing_body="UBND tỉnh Khánh Hòa",
            reason="Lần nữa",
        )


def test_the_certificate_prints_what_it_said_when_issued():
    product = make_product(name="Nho sấy dẻo")
    certificate = registered(product, D(2024, 12, 27))
    from ocop.producers.domain.products import update_product

    update_product(actor=None, product=product, name="Nho sấy dẻo loại đặc biệt")
    assert Certificate.objects.get(pk=certificate.pk).product_name == "Nho sấy dẻo"
