"""The links a list page draws work when followed: page 2, sorting and "Xuất Excel" (Django's querystring tag already
starts with "?", so a template writing "?{% querystring %}" produced "??page=2" and only page 1 was reachable)."""

import io
import re
from pathlib import Path
from urllib.parse import urljoin

import openpyxl
import pytest
from django.db import transaction
from django.urls import reverse

import ocop
from ocop.accounts.enums import Role
from tests.certificates.helpers import decided_to_expire_in, registered
from tests.factories import make_producer, make_product, make_user

pytestmark = pytest.mark.django_db

ROWS = 27  # more than one page of 25 (24 on the public catalogue)
HREF = re.compile(r'href="([^"]*)"')


@pytest.fixture(scope="module")
def names(django_db_setup, django_db_blocker):
    """27 producers with one product each, every product certified and expiring in 60 days; built once for the module
    in a transaction rolled back at its end (each test runs in a savepoint inside it)."""
    with django_db_blocker.unblock(), transaction.atomic():
        products = []
        for number in range(1, ROWS + 1):
            producer = make_producer(name=f"HTX Trang {number:02d}")
            product = make_product(producer, name=f"Sản phẩm trang {number:02d}")
            registered(product, decided_to_expire_in(60))
            products.append(product.name)
        yield products
        transaction.set_rollback(True)


@pytest.fixture
def office(client):
    client.force_login(make_user(Role.PROVINCE_OFFICE))
    return client


def _page(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def _links(page: str) -> list[str]:
    return [href.replace("&amp;", "&") for href in HREF.findall(page)]


def _link(page: str, label: str) -> str:
    """The href of the one link whose text contains ``label``."""
    found = re.findall(rf'<a[^>]*href="([^"]*)"[^>]*>[^<]*{re.escape(label)}', page)
    assert len(found) == 1, label
    return found[0].replace("&amp;", "&")


def _named(page: str, prefix: str) -> set[str]:
    return set(re.findall(rf"{re.escape(prefix)} \d\d", page))


LISTS = [
    ("backoffice:producer_list", "HTX Trang"),
    ("backoffice:product_list", "Sản phẩm trang"),
    ("backoffice:certificate_list", "Sản phẩm trang"),
    ("backoffice:expiry_list", "Sản phẩm trang"),
    ("public:catalogue", "Sản phẩm trang"),
]


@pytest.mark.parametrize(("name", "prefix"), LISTS)
def test_the_next_page_link_reaches_the_rest_of_the_list(office, names, name, prefix):
    url = reverse(name)
    first = _page(office, url)
    assert not [href for href in _links(first) if "??" in href]
    following = _link(first, "Sau ›")
    assert following.startswith("?page=2")
    second = _page(office, urljoin(url, following))
    assert "Trang 2/2" in second
    assert _named(first, prefix) | _named(second, prefix) == {f"{prefix} {number:02d}" for number in range(1, 28)}
    assert not _named(first, prefix) & _named(second, prefix)
    assert _link(second, "‹ Trước") == "?page=1"


@pytest.mark.parametrize(
    ("name", "prefix", "column"),
    [
        ("backoffice:producer_list", "HTX Trang", "Tên"),
        ("backoffice:product_list", "Sản phẩm trang", "Tên"),
        ("backoffice:certificate_list", "Sản phẩm trang", "Sản phẩm"),
        ("backoffice:expiry_list", "Sản phẩm trang", "Sản phẩm"),
    ],
)
def test_the_excel_link_downloads_every_row_of_the_list(office, names, name, prefix, column):
    url = reverse(name)
    export = _link(_page(office, f"{url}?page=2"), "Xuất Excel")
    assert "format=xlsx" in export
    assert "page=" not in export
    response = office.get(urljoin(url, export))
    assert response.status_code == 200
    sheet = openpyxl.load_workbook(io.BytesIO(response.getvalue())).active
    rows = list(sheet.iter_rows(values_only=True))
    header_row = next(index for index, row in enumerate(rows) if column in row)
    position = rows[header_row].index(column)
    listed = [row[position] for row in rows[header_row + 1 :]]
    assert sorted(listed) == sorted({f"{prefix} {number:02d}" for number in range(1, ROWS + 1)})


def test_the_sort_links_sort_and_keep_the_filters(office, names):
    url = reverse("backoffice:product_list")
    page = _page(office, f"{url}?q=trang&page=2")
    by_name = _link(page, "tên")
    assert by_name == "?q=trang&sort=name"
    sorted_page = _page(office, urljoin(url, by_name))
    shown = re.findall(r"Sản phẩm trang \d\d", sorted_page)
    assert shown[:3] == ["Sản phẩm trang 01", "Sản phẩm trang 02", "Sản phẩm trang 03"]


@pytest.mark.parametrize(
    "name",
    ["backoffice:unit_list", "backoffice:activity_list", "backoffice:zone_list", "backoffice:village_list"],
)
def test_no_list_draws_a_link_with_two_question_marks(office, names, name):
    page = _page(office, reverse(name))
    assert [href for href in _links(page) if "??" in href] == []


def test_no_template_puts_a_question_mark_before_the_querystring_tag():
    """The tag's output already starts with "?"."""
    templates = Path(ocop.__file__).parent.glob("*/templates/**/*.html")
    assert [path.name for path in templates if "?{% querystring" in path.read_text()] == []
