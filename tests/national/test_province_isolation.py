"""Several provinces in one deployment: Khánh Hòa's office and officers never see a record of Nghệ An, loaded beside
it — not on a list page, not in an Excel export of a list, not in a picker, and a detail page of Nghệ An's answers
404."""

import datetime
import html
import io
import re
from decimal import Decimal

import openpyxl
import pytest
from django.core.exceptions import ValidationError
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from ocop.accounts.domain.users import create_organisation
from ocop.accounts.enums import OrganisationKind, Role
from ocop.geo.enums import Era, UnitLevel
from tests.certificates.helpers import days_ago, registered
from tests.factories import make_council, make_dossier, make_producer, make_product, make_session, make_user, png_upload

pytestmark = pytest.mark.django_db

NGHE_AN = ("40", UnitLevel.PROVINCE, Era.FROM_2025)
THANH_VINH = ("16681", UnitLevel.COMMUNE, Era.FROM_2025)  # phường Thành Vinh, Nghệ An
KHANH_HOA = ("56", UnitLevel.PROVINCE, Era.FROM_2025)
NINH_PHUOC = ("22870", UnitLevel.COMMUNE, Era.FROM_2025)  # today's xã Ninh Phước, Khánh Hòa

# Every name below is Nghệ An's and appears nowhere in Khánh Hòa's records.
MARKERS = (
    "HTX Sen Quê Bác",
    "Trà sen Kim Liên",
    "Kẹo cu đơ Thành Vinh",
    "Hội đồng OCOP tỉnh Nghệ An",
    "KH-NGHEAN",
    "Hội chợ OCOP Xứ Nghệ",
    "Điểm OCOP chợ Vinh",
    "Tập huấn OCOP Xứ Nghệ",
    "Vùng sen Kim Liên",
    "Làng nghề sen Kim Liên",
    "Hậu kiểm OCOP Nghệ An",
    "Nhãn hiệu sen Kim Liên",
    "Sở NN&MT tỉnh Nghệ An",
    "Hoàng Văn Nghệ",
)

# Back-office pages without arguments that are not lists: leaving, or a form that writes at once.
OFFICERS = ["khanh_hoa_office", "ninh_thuan_office", "khanh_hoa_commune_officer"]
NOT_A_COMMUNE_OFFICERS_PAGE = {"backoffice:council_detail", "backoffice:session_detail", "backoffice:organisation_edit"}
NOT_PAGES = {"backoffice:logout", "backoffice:notifications_read", "backoffice:portal_refresh"}


def _unit(key):
    from ocop.geo.models import AdministrativeUnit

    code, level, era = key
    return AdministrativeUnit.objects.get(code=code, level=level, era=era)


@pytest.fixture
def nghe_an():
    """Nghệ An's records: a producer with a certified product, a dossier scored by its council, a plan, a fair, a
    sales point, a training class, stamps, a zone, a craft village, a supervision plan, an IP case, an office
    account and its department."""
    from ocop.certificates.domain import supervision
    from ocop.councils.domain import sessions
    from ocop.planning.domain import plans
    from ocop.producers.domain.documents import add_document
    from ocop.producers.domain.zones import create_craft_village, create_zone
    from ocop.promotion.domain import fairs, sales_points
    from ocop.support.domain import funding, ip_cases, training
    from ocop.traceability.domain.stamps import issue_stamps, request_stamps

    today = timezone.localdate()
    province, ward = _unit(NGHE_AN), _unit(THANH_VINH)
    producer = make_producer((ward.code, ward.level, ward.era), name="HTX Sen Quê Bác")
    add_document(actor=None, producer=producer, kind="food_safety", issuer="Sở Y tế", upload=png_upload("gcn.png"))
    certified = make_product(producer, name="Trà sen Kim Liên", product_set=11)
    certificate = registered(certified, days_ago(200), stars=4)
    dossier = make_dossier(make_product(producer, name="Kẹo cu đơ Thành Vinh"), state="accepted")
    council = make_council((province.code, province.level, province.era), members=3)
    council.name = "Hội đồng OCOP tỉnh Nghệ An"
    council.save(update_fields=["name"])
    session = make_session(council, [dossier])
    sessions.auto_assign(actor=None, session=session)
    plan = plans.create_plan(
        actor=None,
        reference="01/KH-NGHEAN",
        kind="provincial_annual",
        title="Kế hoạch OCOP tỉnh Nghệ An",
        issuing_body="UBND tỉnh Nghệ An",
        issued_on=datetime.date(today.year, 1, 10),
        unit=province,
        starts_on=datetime.date(today.year, 1, 1),
        ends_on=datetime.date(today.year, 12, 31),
    )
    task = plans.create_task(
        actor=None,
        plan=plan,
        code="NA1",
        content="Hỗ trợ bao bì sen Kim Liên",
        starts_on=plan.starts_on,
        ends_on=plan.ends_on,
    )
    fair = fairs.create_fair(
        actor=None,
        name="Hội chợ OCOP Xứ Nghệ",
        place="Vinh",
        unit=province,
        starts_on=today + datetime.timedelta(days=10),
        ends_on=today + datetime.timedelta(days=12),
        organiser="Sở Công Thương Nghệ An",
    )
    fairs.register_product(actor=None, fair=fair, product=certified)
    sales_point = sales_points.create_sales_point(
        actor=None,
        name="Điểm OCOP chợ Vinh",
        unit=ward,
        address="Chợ Vinh",
        operator=producer,
        opened_on=days_ago(30),
        products=[certified],
    )
    training_class = training.create_training_class(
        actor=None,
        topic="Tập huấn OCOP Xứ Nghệ",
        place="Vinh",
        trainer="Sở NN&MT tỉnh Nghệ An",
        unit=province,
        starts_on=days_ago(40),
        ends_on=days_ago(39),
    )
    funding.record_funding(
        actor=None,
        task=task,
        source="new_rural",
        movement="spent",
        amount=Decimal(7_000_000),
        entered_on=days_ago(20),
        evidence=png_upload("phieu-chi.png"),
    )
    batch = issue_stamps(actor=None, batch=request_stamps(actor=None, product=certified, quantity=2))
    zone = create_zone(actor=None, producer=producer, name="Vùng sen Kim Liên", material="Sen", unit=ward)
    village = create_craft_village(actor=None, name="Làng nghề sen Kim Liên", unit=ward)
    inspection_plan = supervision.create_plan(
        actor=None,
        title="Hậu kiểm OCOP Nghệ An",
        kind="periodic",
        year=today.year,
        starts_on=today,
        ends_on=today + datetime.timedelta(days=60),
        unit=province,
    )
    supervision.add_inspection(actor=None, plan=inspection_plan, certificate=certificate, scheduled_on=today)
    ip_case = ip_cases.open_ip_case(
        actor=None, producer=producer, kind="collective_mark", mark="Nhãn hiệu sen Kim Liên", today=today
    )
    department = create_organisation(
        actor=None, name="Sở NN&MT tỉnh Nghệ An", kind=OrganisationKind.DEPARTMENT, unit=province
    )
    make_user(
        Role.PROVINCE_OFFICE,
        (province.code, province.level, province.era),
        full_name="Hoàng Văn Nghệ",
        organisation=department,
    )
    return {
        "backoffice:producer_detail": producer.pk,
        "backoffice:product_detail": certified.pk,
        "backoffice:dossier_detail": dossier.pk,
        "backoffice:certificate_detail": certificate.pk,
        "backoffice:council_detail": council.pk,
        "backoffice:session_detail": session.pk,
        "backoffice:round_detail": dossier.round_id,
        "backoffice:plan_detail": plan.pk,
        "backoffice:plan_task_detail": task.pk,
        "backoffice:fair_detail": fair.pk,
        "backoffice:sales_point_detail": sales_point.pk,
        "backoffice:training_class_detail": training_class.pk,
        "backoffice:stamp_batch_detail": batch.pk,
        "backoffice:zone_detail": zone.pk,
        "backoffice:village_edit": village.pk,
        "backoffice:inspection_plan_detail": inspection_plan.pk,
        "backoffice:ip_case_detail": ip_case.pk,
        "backoffice:organisation_edit": department.pk,
    }


def _argumentless_names(resolver=None, namespace: str = "") -> list[str]:
    """The back office's URL names that take no argument: its lists, the forms that open empty, the dashboard."""
    resolver = resolver or get_resolver()
    names = []
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            names += _argumentless_names(
                pattern, f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            )
        elif isinstance(pattern, URLPattern) and pattern.name and "<" not in str(pattern.pattern):
            names.append(f"{namespace}{pattern.name}")
    return sorted(name for name in names if name.startswith("backoffice:") and name not in NOT_PAGES)


def _text_of(response) -> str:
    """The page's HTML with its entities read (``&amp;``), or every cell of an Excel workbook."""
    body = b"".join(response.streaming_content) if response.streaming else response.content
    if response.get("Content-Type", "").startswith("application/vnd.openxmlformats"):
        workbook = openpyxl.load_workbook(io.BytesIO(body), read_only=True)
        return "\n".join(
            str(value) for sheet in workbook for row in sheet.iter_rows(values_only=True) for value in row if value
        )
    return html.unescape(body.decode(errors="replace"))


def _seen(client, url: str) -> list[str]:
    response = client.get(url)
    if response.status_code != 200:
        return []
    text = _text_of(response)
    return [marker for marker in MARKERS if marker in text]


@pytest.fixture
def khanh_hoa_office():
    return make_user(Role.PROVINCE_OFFICE, KHANH_HOA)


@pytest.fixture
def ninh_thuan_office():
    """The office as the demo has it: Ninh Thuận's, which became Khánh Hòa's on 1/7/2025."""
    return make_user(Role.PROVINCE_OFFICE, ("58", UnitLevel.PROVINCE))


@pytest.fixture
def khanh_hoa_commune_officer():
    return make_user(Role.COMMUNE_OFFICER, NINH_PHUOC)


def test_the_administrator_sees_the_second_province_on_the_same_pages(client, nghe_an):
    """The walk below would find the markers: the administrator, who sees every province, meets each of them."""
    client.force_login(make_user(Role.ADMIN))
    seen = {marker for name in _argumentless_names() for marker in _seen(client, reverse(name))}
    assert seen == set(MARKERS)
    assert {
        name: client.get(reverse(name, kwargs={"pk": pk})).status_code for name, pk in nghe_an.items()
    } == dict.fromkeys(nghe_an, 200)


@pytest.mark.parametrize("officer", OFFICERS)
def test_no_list_page_shows_a_record_of_another_province(client, nghe_an, officer, request):
    client.force_login(request.getfixturevalue(officer))
    leaks = {}
    for name in _argumentless_names():
        url = reverse(name)
        for address in (url, f"{url}?format=xlsx", f"{url}?q=sen"):
            if seen := _seen(client, address):
                leaks[address] = seen
    assert leaks == {}


@pytest.mark.parametrize("officer", OFFICERS)
def test_every_record_of_another_province_is_not_found(client, nghe_an, officer, request):
    client.force_login(request.getfixturevalue(officer))
    statuses = {name: client.get(reverse(name, kwargs={"pk": pk})).status_code for name, pk in nghe_an.items()}
    # A commune officer opens no council and edits no organisation anywhere: those pages are refused, as before.
    refused = NOT_A_COMMUNE_OFFICERS_PAGE if officer == "khanh_hoa_commune_officer" else set()
    assert statuses == {name: 403 if name in refused else 404 for name in nghe_an}


# Districts and communes of Khánh Hòa and the former Ninh Thuận (a province's own name is offered where any province
# may be picked: the place of a fair).
KHANH_HOA_PLACES = ("Phan Rang", "Ninh Phước", "Ninh Hải", "Ninh Sơn", "Bác Ái", "Thuận Bắc", "Nha Trang", "Cam Ranh")
OPTION = re.compile(r"<option[^>]*>([^<]*)</option>")


def test_the_second_province_s_office_is_offered_its_own_units_only(client, nghe_an):
    """The other way round: Nghệ An's office picks its own districts and wards on every form and filter, never
    Khánh Hòa's (the installation's home province), on the pages without arguments and those of its own records; nor
    Khánh Hòa's people on its council and training class."""
    office = make_user(Role.PROVINCE_OFFICE, NGHE_AN)
    khanh_hoa_people = {make_user(role, KHANH_HOA).full_name for role in (Role.PROVINCE_OFFICE, Role.DEPARTMENT_STAFF)}
    client.force_login(office)
    offered = {}
    own = set()
    urls = [reverse(name) for name in _argumentless_names()]
    urls += [reverse(name, kwargs={"pk": pk}) for name, pk in nghe_an.items()]
    for url in urls:
        response = client.get(url)
        if response.status_code != 200 or not response.get("Content-Type", "").startswith("text/html"):
            continue
        options = [html.unescape(label) for label in OPTION.findall(response.content.decode())]
        own |= {label for label in options if "Thành Vinh" in label}
        elsewhere = [label for label in options if any(place in label for place in KHANH_HOA_PLACES)]
        if elsewhere := elsewhere + [label for label in options if label in khanh_hoa_people]:
            offered[url] = elsewhere[:3]
    assert offered == {}
    assert own, "no form offered Nghệ An's own ward"


def test_a_councils_member_picker_offers_its_own_provinces_people(client, nghe_an, khanh_hoa_office):
    """Nghệ An's office and council members (placed there by their unit, organisation or seat) are not offered to
    Khánh Hòa's council, nor accepted on it; a member recorded with no place is offered to both, until a seat places
    them."""
    from ocop.councils.domain.membership import add_member, council_candidates
    from ocop.councils.models import Council

    own = make_council(KHANH_HOA, members=3)
    nghe_an_council = Council.objects.get(pk=nghe_an["backoffice:council_detail"])
    nghe_an_member = nghe_an_council.members.first().user
    unplaced = make_user(Role.COUNCIL_MEMBER, full_name="Phạm Chưa Xếp")
    client.force_login(khanh_hoa_office)
    page = client.get(reverse("backoffice:council_detail", kwargs={"pk": own.pk})).content.decode()
    offered = {html.unescape(label) for label in OPTION.findall(page)}
    assert "Hoàng Văn Nghệ" not in offered and nghe_an_member.full_name not in offered
    assert "Phạm Chưa Xếp" in offered
    with pytest.raises(ValidationError) as refused:
        add_member(actor=khanh_hoa_office, council=own, user=nghe_an_member, role="member")
    assert refused.value.error_dict["user"][0].code == "other_province"
    assert council_candidates(nghe_an_council).filter(pk=unplaced.pk).exists()
    add_member(actor=khanh_hoa_office, council=own, user=unplaced, role="member")
    assert not council_candidates(nghe_an_council).filter(pk=unplaced.pk).exists()  # a seat places them here now


def test_no_page_of_khanh_hoas_records_shows_a_name_of_the_other_province(client, nghe_an, settings, tmp_path):
    """Every back-office page the permission matrix opens, on the matrix's records of Khánh Hòa (a producer in xã
    Phước Thuận with its dossiers, council, certificates, plan, fairs…), as Khánh Hòa's office: its pickers, lists
    and side panels hold no name of Nghệ An."""
    from tests.backoffice.test_permission_matrix import ENTRY_MODULES, MATRIX

    settings.MEDIA_ROOT = tmp_path
    context = {}
    for module in ENTRY_MODULES:
        if hasattr(module, "extend_context"):
            module.extend_context(context)
    office = make_user(Role.PROVINCE_OFFICE)
    client.force_login(office)
    leaks = {}
    for name, (method, build_kwargs, *_rest) in sorted(MATRIX.items()):
        if method != "get" or not name.startswith("backoffice:") or name in NOT_PAGES:
            continue
        url = reverse(name, kwargs=build_kwargs(context, office) if build_kwargs else None)
        if seen := _seen(client, url):
            leaks[url] = seen
    assert leaks == {}
