"""Which certificates are expiring (one answer for the dashboard and the expiry list) and which actions a
certificate's page offers to whom (certificates.domain.expiring and .actions)."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from ocop.accounts.enums import Role
from ocop.backoffice.dashboard import dashboard_figures
from ocop.certificates.domain.actions import CertificateAction as A
from ocop.certificates.domain.actions import allowed_actions
from ocop.certificates.domain.expiring import expired, expiring
from ocop.certificates.domain.revocation import propose_revocation, suspend_certificate
from ocop.certificates.models import Certificate
from ocop.producers.domain.products import withdraw_product
from tests.certificates.helpers import days_ago, decided_to_expire_in, registered
from tests.factories import make_dossier, make_producer_account, make_product, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def certificates():
    """One certificate of each kind that matters here (QĐ 26/2026 in force: a notice of 180 days)."""
    made = {
        "expiring": registered(make_product(), decided_to_expire_in(60)),
        "reevaluated_soon": registered(make_product(), decided_to_expire_in(90)),
        "reevaluated_sooner": registered(make_product(), decided_to_expire_in(20)),
        "reevaluated_later": registered(make_product(), decided_to_expire_in(400)),
        "valid": registered(make_product(), days_ago(100)),
        "withdrawn": registered(make_product(), decided_to_expire_in(30)),
        "expired": registered(make_product(), decided_to_expire_in(-10)),
    }
    # An upgrade filed for each: it will replace the certificate.
    for name in ("reevaluated_soon", "reevaluated_sooner", "reevaluated_later"):
        make_dossier(made[name].product, state="submitted", kind="upgrade")
    withdraw_product(actor=None, product=made["withdrawn"].product, reason="Ngừng sản xuất")
    return made


def _names(queryset, certificates) -> set[str]:
    ids = set(queryset.values_list("pk", flat=True))
    return {name for name, certificate in certificates.items() if certificate.pk in ids}


def test_expiring_includes_a_re_evaluation_inside_the_notice_and_leaves_out_withdrawn_products(certificates):
    soon = {"expiring", "reevaluated_soon", "reevaluated_sooner"}
    assert _names(expiring(Certificate.objects.all()), certificates) == soon
    assert _names(expired(Certificate.objects.all()), certificates) == {"expired"}
    later = timezone.localdate() + datetime.timedelta(days=300)  # the one re-evaluated later is then inside
    assert "reevaluated_later" in _names(expiring(Certificate.objects.all(), later), certificates)


def test_the_dashboard_counts_what_the_expiry_list_shows(certificates, client):
    office = make_user(Role.PROVINCE_OFFICE)
    figure = next(f for f in dashboard_figures(office) if f.url == reverse("backoffice:expiry_list"))
    assert figure.value == 3
    client.force_login(office)
    page = client.get(reverse("backoffice:expiry_list")).content.decode()
    assert ">Sắp hết hạn: 3<" in page
    assert page.count('class="stars"') == 3
    assert ">Hết hạn: 1<" in page


def test_a_certificate_in_force_may_be_corrected_suspended_or_proposed_for_revocation():
    certificate = registered(make_product(), days_ago(100))
    office = make_user(Role.PROVINCE_OFFICE)
    assert allowed_actions(certificate, office) == {A.DOWNLOAD, A.CORRECT, A.SUSPEND, A.PROPOSE_REVOCATION}
    assert allowed_actions(certificate, make_user(Role.COMMUNE_OFFICER)) == {A.DOWNLOAD, A.PROPOSE_REVOCATION}
    assert allowed_actions(certificate, make_producer_account(certificate.producer)) == {A.DOWNLOAD}


def test_a_suspended_certificate_may_be_lifted_and_an_open_proposal_decided():
    certificate = registered(make_product(), days_ago(100))
    office = make_user(Role.PROVINCE_OFFICE)
    today = timezone.localdate()
    suspend_certificate(
        actor=None, certificate=certificate, starts_on=today, until=today + datetime.timedelta(days=30), reason="Nhãn"
    )
    assert allowed_actions(certificate, office) == {A.DOWNLOAD, A.LIFT_SUSPENSION, A.PROPOSE_REVOCATION}
    propose_revocation(actor=None, certificate=certificate, ground="mark_misuse", finding="Sai sao", found_on=today)
    assert allowed_actions(certificate, office) == {A.DOWNLOAD, A.LIFT_SUSPENSION, A.DECIDE_REVOCATION}


def test_an_expired_certificate_only_downloads():
    certificate = registered(make_product(), decided_to_expire_in(-10))
    assert allowed_actions(certificate, make_user(Role.PROVINCE_OFFICE)) == {A.DOWNLOAD}
