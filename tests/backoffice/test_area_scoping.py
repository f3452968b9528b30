"""Area scoping for every object URL: a record of xã Phước Thuận (the matrix's records) opens for the officers and the
producer of that area, and answers 404 to a commune officer of xã Nhơn Hải, a district officer of huyện Ninh Hải and
another producer's account, whatever the URL (GET or POST).

URLs whose records are the whole province's by nature are named below with the reason; every other object URL that a
commune officer, a district officer or a producer may open is checked."""

import pytest
from django.urls import reverse

from ocop.accounts.enums import Role
from tests.backoffice.test_permission_matrix import MATRIX, _user_for, context  # noqa: F401 (the module fixture)
from tests.factories import NHON_HAI, make_producer, make_producer_account, make_user, unit
from tests.matrix import ALL, ANON, LOGGED_IN

pytestmark = [pytest.mark.django_db, pytest.mark.slow]

PROVINCE_PLAN = "the programme plan, its targets, tasks and evidence are the province's, read by every officer"
PROVINCE_WIDE = {
    "backoffice:plan_detail": PROVINCE_PLAN,
    "backoffice:plan_quota_list": PROVINCE_PLAN + " (each quota row names its district)",
    "backoffice:plan_target_detail": PROVINCE_PLAN,
    "backoffice:plan_task_detail": PROVINCE_PLAN,
    "backoffice:plan_task_evidence": PROVINCE_PLAN,
    "backoffice:plan_task_list": PROVINCE_PLAN,
    "backoffice:plan_value_evidence": PROVINCE_PLAN,
    "backoffice:report_detail": "the plan's six-monthly and annual reports are the province's",
    "backoffice:report_download": "the plan's six-monthly and annual reports are the province's",
    "backoffice:fair_detail": "fairs are the province's trade events, open to every officer and producer",
    "backoffice:sales_point_detail": "sales points are the province's shop windows; the plan's figure opens on them",
    "backoffice:fair_register": "any producer may register its own certified products for the province's fairs",
    "backoffice:training_class_detail": "training classes are the province's programme, read by every officer",
    "backoffice:funding_evidence": PROVINCE_PLAN + " (the money of its tasks with its evidence)",
    "api:plan_targets": PROVINCE_PLAN,
    "api:unit_detail": "public: administrative units are reference data anyone may read",
    "public:calculator_sheet": "public: anyone may score a product on a sheet",
    "public:certificate": "public: anyone may check a certificate",
    "public:certificate_json": "public: anyone may check a certificate",
    "public:producer": "public: a producer with a certificate in force is shown to everyone",
    "public:producer_json": "public: a producer with a certificate in force is shown to everyone",
    "public:stamp_by_code": "public: anyone may scan a stamp",
    "public:stamp_by_gtin": "public: anyone may scan a stamp",
}
AREA_ROLES = (Role.COMMUNE_OFFICER, Role.DISTRICT_OFFICER, Role.PRODUCER)
CASES = [
    (name, role.value)
    for name, (_method, build_kwargs, allowed, *_rest) in sorted(MATRIX.items())
    if build_kwargs is not None and name not in PROVINCE_WIDE
    for role in AREA_ROLES
    if allowed == ALL or role in allowed
]


def _outsider(role: Role):
    """The same role, one area over: xã Nhơn Hải, its district, or a producer of Nhơn Hải."""
    if role == Role.COMMUNE_OFFICER:
        return make_user(role, unit_key=NHON_HAI)
    if role == Role.DISTRICT_OFFICER:
        district = unit(*NHON_HAI).parent
        return make_user(role, unit_key=(district.code, district.level))
    return make_producer_account(make_producer(NHON_HAI))


def _status(client, method: str, url: str) -> int:
    response = getattr(client, method)(url)
    if response.streaming:
        b"".join(response.streaming_content)  # reading to the end closes the file
    return response.status_code


def test_every_object_url_is_checked_or_named_as_province_wide():
    names = {name for name, _role in CASES}
    assert len(names) > 40
    assert set(PROVINCE_WIDE) <= set(MATRIX)


@pytest.mark.parametrize(("name", "role"), CASES)
def test_a_record_of_one_area_is_not_found_from_another(client, context, name, role):  # noqa: F811
    method, build_kwargs, _allowed, ok_status, *out_of_reach = MATRIX[name]
    insider = _user_for(role, context)
    url = reverse(name, kwargs=build_kwargs(context, insider))
    if isinstance(ok_status, dict):
        ok_status = ok_status[LOGGED_IN]
    client.force_login(insider)
    expected_inside = 404 if out_of_reach and role in out_of_reach[0] else ok_status
    assert _status(client, method, url) == expected_inside, (name, role)
    client.force_login(_outsider(Role(role)))
    assert _status(client, method, url) == 404, (name, role)
    assert role != ANON
