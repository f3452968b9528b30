"""The rule-set screens: the list, and loading a set from its files through the same loader as ocop load_ruleset."""

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from ocop.accounts.enums import Role
from ocop.common.models import ActivityLog
from ocop.evaluation.domain.rule_set_files import prepare_rule_set
from ocop.evaluation.domain.rule_sets import BUILTIN_DIR
from ocop.evaluation.interfaces.rule_set_upload import RULE_SET_MAX_BYTES
from ocop.evaluation.models import CriteriaSheet, RuleSet
from tests.evaluation.test_validation import group
from tests.factories import make_user

pytestmark = pytest.mark.django_db

LIST = reverse("backoffice:rule_set_list")
LOAD = reverse("backoffice:rule_set_load")


def read(name):
    return json.loads((BUILTIN_DIR / name).read_text(encoding="utf-8"))


def json_file(name, data):
    return SimpleUploadedFile(name, json.dumps(data, ensure_ascii=False).encode("utf-8"), "application/json")


def qd26_files(identifier="QD26-UPLOAD", change_criteria=None, **descriptor_changes):
    """QĐ 26/2026's rule-set file under another identifier and its criteria file, as the browser sends them."""
    criteria = read("ocop_criteria_qd26_2026.json")
    if change_criteria:
        change_criteria(criteria)
    descriptor = read("qd26_2026.json") | {"identifier": identifier} | descriptor_changes
    return {
        "rule_set_file": json_file("qd26_upload.json", descriptor),
        "criteria_file": json_file("ocop_criteria_qd26_2026.json", criteria),
    }


def counts():
    return RuleSet.objects.count(), CriteriaSheet.objects.count(), ActivityLog.objects.count()


@pytest.fixture
def admin(client):
    user = make_user(Role.ADMIN)
    client.force_login(user)
    return user


@pytest.fixture
def english(client):
    """Pages in their English msgids, whatever the catalogue holds."""
    client.cookies["django_language"] = "en"


def test_the_list_shows_every_rule_set_with_its_sheets_and_the_set_in_force(client, english):
    client.force_login(make_user(Role.PROVINCE_OFFICE))
    page = client.get(LIST).content.decode()
    for identifier in ("QD1048-2019", "QD148-2023", "QD1489-2025", "QD26-2026"):
        assert identifier in page
    assert RuleSet.objects.get(identifier="QD26-2026").legal_basis in page
    assert "procedure only" in page
    assert '<td data-label="Scoring sheets">26</td>' in page
    assert page.count("in force today") == 1
    assert "by a command on the server" in page  # the built-in sets were loaded at start-up
    assert LOAD not in page  # the provincial office reads, the administrator loads


def test_the_list_costs_the_same_queries_whatever_the_number_of_sets(client, admin):
    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert client.get(LIST).status_code == 200
        return len(captured)

    few = queries()
    client.post(LOAD, qd26_files("QD26-MORE"))
    assert queries() == few


def test_a_valid_upload_loads_the_set_as_the_administrator(client, admin, english):
    before = counts()
    response = client.post(LOAD, qd26_files() | {"valid_from": "01/06/2026", "legal_basis": "Bản đối chiếu Công báo"})
    assert response.status_code == 302 and response["Location"] == LIST
    rule_set = RuleSet.objects.get(identifier="QD26-UPLOAD")
    assert rule_set.loaded_by == admin
    assert rule_set.valid_from.isoformat() == "2026-06-01"
    assert rule_set.legal_basis == "Bản đối chiếu Công báo"
    assert rule_set.sheets.count() == 26
    assert counts() == (before[0] + 1, before[1] + 26, before[2] + 1)
    log = ActivityLog.objects.get(verb="evaluation.rule_set_loaded", target_id=str(rule_set.pk))
    assert log.actor == admin
    # What the command loads from the same files with the same options, to the content hash.
    assert (
        rule_set.content_hash
        == prepare_rule_set(
            BUILTIN_DIR / "qd26_2026.json",
            identifier="QD26-UPLOAD",
            valid_from="01/06/2026",
            legal_basis="Bản đối chiếu Công báo",
        ).content_hash
    )
    page = client.get(LIST).content.decode()
    assert "Loaded QD26-UPLOAD (valid from 01/06/2026) with 26 scoring sheets." in page
    assert str(admin) in page


def test_the_identifier_can_be_given_on_the_form(client, admin):
    files = qd26_files("QD26-IN-FILE")
    client.post(LOAD, files | {"identifier": "QD26-FORM"})
    assert RuleSet.objects.filter(identifier="QD26-FORM").exists()
    assert not RuleSet.objects.filter(identifier="QD26-IN-FILE").exists()


def test_a_sheet_not_adding_up_to_100_shows_every_problem_and_writes_nothing(client, admin, english):
    def raise_c12_to_4_points(criteria):
        section, c12 = group(criteria, 1, "C", "12")
        section["max"], c12["max"] = 36, 4
        c12["options"][2]["points"] = 4

    before = counts()
    response = client.post(LOAD, qd26_files(change_criteria=raise_c12_to_4_points))
    assert response.status_code == 200
    assert counts() == before
    problems = response.context["problems"]
    assert problems == [
        "Sheet 1, part C: maximum 36 points; the rule set expects 35.",
        "Sheet 1 adds up to 101 points instead of 100.",
    ]
    page = response.content.decode()
    assert "The rule set was not loaded:" in page
    for problem in problems:
        assert f"<li>{problem}</li>" in page


def test_the_problems_are_listed_in_vietnamese(client, admin):
    def option_above_its_maximum(criteria):
        _section, c12 = group(criteria, 1, "C", "12")
        c12["options"][0]["points"] = 9

    page = client.post(LOAD, qd26_files(change_criteria=option_above_its_maximum)).content.decode()
    assert "Chưa nạp được bộ quy định:" in page
    assert "Phiếu 1" in page
    assert not RuleSet.objects.filter(identifier="QD26-UPLOAD").exists()


def test_an_existing_identifier_is_refused(client, admin, english):
    before = counts()
    different = client.post(LOAD, qd26_files("QD26-2026", title="Một tiêu đề khác"))
    assert different.context["problems"] == [
        "The rule set QD26-2026 is already loaded with different content. A loaded rule set is never changed: "
        "load the corrected set under a new identifier."
    ]
    same = client.post(LOAD, {"rule_set_file": json_file("qd148.json", read("qd148_2023.json"))})
    assert same.context["problems"] == ["QD148-2023 is already loaded with the same content; nothing changed."]
    assert counts() == before


def test_a_procedure_only_set_needs_no_criteria_file(client, admin):
    descriptor = read("qd148_2023.json") | {"identifier": "QD148-2023-r2"}
    response = client.post(LOAD, {"rule_set_file": json_file("qd148.json", descriptor)})
    assert response.status_code == 302
    assert RuleSet.objects.get(identifier="QD148-2023-r2").sheets.count() == 0


def test_the_criteria_file_goes_with_the_rule_set_file(client, admin, english):
    files = qd26_files()
    missing = client.post(LOAD, {"rule_set_file": files["rule_set_file"]})
    assert missing.context["form"].errors["criteria_file"] == [
        "The rule-set file names the criteria file “ocop_criteria_qd26_2026.json”: choose that file here too."
    ]
    procedure_only = json_file("qd148.json", read("qd148_2023.json") | {"identifier": "QD148-X"})
    extra = client.post(LOAD, {"rule_set_file": procedure_only, "criteria_file": files["criteria_file"]})
    assert "criteria_file" in extra.context["form"].errors
    assert not RuleSet.objects.filter(identifier__in=["QD26-UPLOAD", "QD148-X"]).exists()


def test_the_criteria_path_named_in_the_file_never_leaves_the_upload(client, admin):
    """A rule-set file may name any path; the loader reads the uploaded criteria file, nothing on the server."""
    files = qd26_files("QD26-PATH", criteria={**read("qd26_2026.json")["criteria"], "file": "/etc/passwd"})
    assert client.post(LOAD, files).status_code == 302
    assert RuleSet.objects.get(identifier="QD26-PATH").sheets.count() == 26


def test_a_file_that_is_not_json_is_refused(client, admin, english):
    before = counts()
    pdf = SimpleUploadedFile("qd26_2026.json", b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n", "application/json")
    response = client.post(LOAD, {"rule_set_file": pdf})
    assert response.status_code == 200
    assert response.context["form"].errors["rule_set_file"] == [
        "The file is not text in UTF-8, so it is not a JSON file."
    ]
    text = SimpleUploadedFile("qd26_2026.json", b"identifier: QD26\n", "application/json")
    response = client.post(LOAD, {"rule_set_file": text})
    assert response.context["form"].errors["rule_set_file"] == [
        "The file is not valid JSON: the first fault is at line 1, column 1."
    ]
    assert counts() == before


def test_empty_and_oversized_files_are_refused(client, admin, english):
    empty = SimpleUploadedFile("rule_set.json", b"", "application/json")
    assert "rule_set_file" in client.post(LOAD, {"rule_set_file": empty}).context["form"].errors
    big = SimpleUploadedFile("rule_set.json", b" " * (RULE_SET_MAX_BYTES + 1) + b"{}", "application/json")
    errors = client.post(LOAD, {"rule_set_file": big}).context["form"].errors["rule_set_file"]
    assert errors[0].startswith("The file is too large")


def test_a_json_file_that_is_not_a_rule_set_is_refused_with_its_problems(client, admin, english):
    response = client.post(LOAD, {"rule_set_file": json_file("x.json", {"identifier": "X" * 41})})
    assert "“title” is missing." in response.context["problems"]
    assert "“identifier” is longer than 40 characters." in response.context["problems"]
    listing = client.post(LOAD, {"rule_set_file": json_file("x.json", [1, 2])})
    assert listing.context["problems"] == ["A rule-set file must hold a JSON object."]


def test_only_the_administrator_loads_and_the_menu_follows(client):
    office = make_user(Role.PROVINCE_OFFICE)
    client.force_login(office)
    assert client.post(LOAD, qd26_files()).status_code == 403
    assert not RuleSet.objects.filter(identifier="QD26-UPLOAD").exists()
    assert LIST in client.get(reverse("backoffice:dashboard")).content.decode()
    client.force_login(make_user(Role.DISTRICT_OFFICER))
    assert LIST not in client.get(reverse("backoffice:dashboard")).content.decode()
