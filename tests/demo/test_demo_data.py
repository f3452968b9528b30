"""The demo data follows the reported Ninh Thuận figures and marks what it made up."""

import datetime

import pytest
from django.db.models import Count
from django.utils import timezone

from ocop.certificates.models import Certificate
from ocop.demo.loader import load_demo
from ocop.dossiers.domain.lifecycle import with_lifecycle
from ocop.producers.enums import ProductState
from ocop.producers.models import Producer, Product
from tests.demo.helpers import recorded_rounds

pytestmark = [pytest.mark.django_db, pytest.mark.slow]


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        from django.db import transaction
        from django.utils import translation

        # Loaded with English active (as a command may run): what it writes must still be in Vietnamese.
        with transaction.atomic(), translation.override("en"):
            load_demo()
            yield
            transaction.set_rollback(True)


def test_recognitions_follow_the_reported_rounds(demo):
    rounds = recorded_rounds()
    before_2024 = rounds.filter(issued_on__lt=datetime.date(2024, 1, 1))
    assert before_2024.count() == 182
    assert before_2024.filter(stars=4).count() == 30
    round_2022 = rounds.filter(issued_on__year=2022)
    assert (round_2022.count(), round_2022.filter(stars=4).count()) == (65, 9)
    round_2024 = rounds.filter(issued_on__year=2024)
    assert (round_2024.count(), round_2024.filter(stars=4).count()) == (84, 12)
    producers_before_2024 = before_2024.values("producer").distinct().count()
    assert 70 <= producers_before_2024 <= 95
    # The certificate demo dates what it adds from the load day: nothing before 2024, and at most the one 2024
    # recognition that loads between 30/12/2026 and 18/05/2027 need for a certificate expiring soon.
    added = Certificate.objects.filter(issued_on__lt=datetime.date(2025, 1, 1)).exclude(pk__in=rounds)
    assert not added.filter(issued_on__lt=datetime.date(2024, 1, 1)).exists()
    assert added.count() <= 1


def test_named_products_are_real_records_in_their_communes(demo):
    cana = Product.objects.get(name="Nước mắm truyền thống Cana")
    assert not cana.is_generated
    assert (cana.producer.unit.name, cana.producer.unit.parent.name) == ("Xã Phước Minh", "Huyện Thuận Nam")
    assert cana.product_set == 9
    assert Product.objects.filter(is_generated=False).count() == 29
    assert Producer.objects.get(name="HTX DV tổng hợp nông nghiệp Thái An").products.count() == 8


def test_generated_records_are_marked_and_statuses_vary(demo):
    assert Product.objects.filter(is_generated=True).count() > 250
    states = dict(
        with_lifecycle(Product.objects.all(), timezone.localdate()).values_list("state").annotate(n=Count("id"))
    )
    assert states[ProductState.CERTIFIED] > 0
    assert states[ProductState.EXPIRED] > 0
    assert states[ProductState.IDEA] > 0
    assert states[ProductState.WITHDRAWN] > 0


def test_the_demo_notifications_are_in_vietnamese(demo):
    from ocop.common.models import Notification

    supplement = Notification.objects.get(recipient__username="chuthe.thaian", verb="dossiers.supplement_requested")
    assert "cần bổ sung trước" in supplement.message
    assert "Phiếu kết quả kiểm nghiệm sản phẩm" in supplement.message
    assert not Notification.objects.filter(message__contains="Dossier").exists()


def test_the_officer_of_the_demo_producers_commune_sees_its_dossiers(demo, client):
    from django.urls import reverse

    from ocop.accounts.models import User
    from ocop.dossiers.domain.queries import visible_dossiers
    from ocop.dossiers.models import Dossier

    officer = User.objects.get(username="xa.vinhhai")
    assignment = officer.role_assignments.get()
    assert (assignment.role, assignment.unit.name, assignment.unit.era) == (
        "commune_officer",
        "Xã Vĩnh Hải",
        "from_2025",
    )
    assert officer.organisation.name == "UBND xã Vĩnh Hải"
    filed = Dossier.objects.filter(product__producer__name="HTX DV tổng hợp nông nghiệp Thái An").exclude(state="draft")
    returned = filed.get()
    assert returned.state == "supplement_requested"
    assert returned.supplement_requests.get().requested_by == officer  # returned by the commune's own officer
    assert set(visible_dossiers(officer).filter(pk__in=filed)) == {returned}
    client.force_login(officer)
    assert returned.receipt_number in client.get(reverse("backoffice:dossier_list")).content.decode()


def test_ocop_up_adds_a_new_demo_account_to_an_earlier_demo(demo):
    from ocop.accounts.models import User
    from ocop.demo.loader import complete_demo

    User.objects.filter(username="xa.vinhhai").update(username="xa.vinhhai.earlier")  # as before the account existed
    added, password = complete_demo()
    assert added == ["xa.vinhhai"]
    officer = User.objects.get(username="xa.vinhhai")
    assert officer.check_password(password) and not officer.must_change_password
    assert officer.organisation.name == "UBND xã Vĩnh Hải"
    assert officer.role_assignments.get().unit.name == "Xã Vĩnh Hải"
    assert complete_demo()[0] == []


def test_the_2024_report_counts_as_livestock_only_the_products_of_animal_husbandry(demo):
    """I.2.3 "sản phẩm chăn nuôi": the products first recognised in 2024 at 3–4★ whose origin is livestock, poultry
    or bee-keeping; the seafood of sets 2 and 8 (dried fish, fish cake) is left out."""
    from ocop.planning.domain.figures import plan_figures
    from ocop.planning.domain.periods import parse_period
    from ocop.planning.models import Plan
    from ocop.producers.enums import ANIMAL_HUSBANDRY

    figures = plan_figures(Plan.objects.get(reference="706/KH-UBND"), parse_period("2024"))
    livestock = next(figure for figure in figures.targets if figure.target.code == "I.2.3")
    first_certificates = {}
    for certificate in Certificate.objects.order_by("issued_on", "pk").select_related("product"):
        first_certificates.setdefault(certificate.product_id, certificate)
    in_2024 = [c for c in first_certificates.values() if c.issued_on.year == 2024 and c.stars in (3, 4)]
    husbandry = {c.product_id for c in in_2024 if c.product.origin in ANIMAL_HUSBANDRY}
    seafood_of_sets_2_and_8 = {c.product_id for c in in_2024 if c.product.product_set in (2, 8)} - husbandry
    assert livestock.actual == len(husbandry) > 0
    assert seafood_of_sets_2_and_8  # what the count by set numbers wrongly took in


def test_the_demo_producers_stamps_tell_their_value_chain(demo, client):
    from ocop.traceability.domain.scan import stamp_path
    from ocop.traceability.models import Stamp, TraceEvent

    stamp = Stamp.objects.filter(lot="L-DEMO-01").select_related("batch__product").order_by("pk").first()
    assert stamp is not None and Stamp.objects.filter(lot="L-DEMO-01").count() == 100
    assert TraceEvent.objects.filter(product=stamp.batch.product).count() >= 4
    page = client.get(stamp_path(stamp.batch.product, stamp.serial)).content.decode()
    assert "Từ vùng nguyên liệu đến quầy hàng" in page and "Nhận hàng tại điểm bán" in page
