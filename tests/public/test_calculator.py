import json
from decimal import Decimal

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def _sheet(client, number):
    return client.get(reverse("public:calculator_api"), {"sheet": number}).json()


def test_the_api_gives_the_sheet_and_scores_answers(client):
    sheet = _sheet(client, 9)
    assert sheet["rule_set"] == "QD26-2026"
    best = {c["code"]: max(c["options"], key=lambda o: float(o["points"]))["number"] for c in sheet["criteria"]}
    response = client.post(
        reverse("public:calculator_api"), json.dumps({"sheet": 9, "answers": best}), content_type="application/json"
    )
    result = response.json()
    assert (result["total"], result["band"], result["star"], result["recognised"]) == ("100", 5, 5, True)
    assert result["missing_minima"] == {"3": [], "4": [], "5": []}


def test_the_lowest_options_miss_every_minimum(client):
    sheet = _sheet(client, 1)
    worst = {c["code"]: min(c["options"], key=lambda o: float(o["points"]))["number"] for c in sheet["criteria"]}
    result = client.post(
        reverse("public:calculator_api"), json.dumps({"sheet": 1, "answers": worst}), content_type="application/json"
    ).json()
    assert result["recognised"] is False
    assert result["missing_minima"]["3"]


@pytest.mark.parametrize(
    "body",
    [
        b"not json",
        json.dumps({"sheet": 27, "answers": {}}).encode(),
        json.dumps({"sheet": 9, "answers": []}).encode(),
        json.dumps({"sheet": 9, "answers": {"Z9": 1}}).encode(),
        json.dumps({"sheet": 9, "answers": {"A1": 0}}).encode(),
        json.dumps({"sheet": True, "answers": {}}).encode(),
        b"[1, 2]",
        b'"sheet"',
        b'{"sheet": ' + b"9" * 5000 + b"}",
        b"[" * 100_000,
        b"\xff\xfe",
    ],
)
def test_bad_requests_get_a_400_with_a_message(client, body):
    response = client.post(reverse("public:calculator_api"), body, content_type="application/json")
    assert response.status_code == 400
    assert response.json()["errors"]


@pytest.mark.parametrize("sheet", ["²", "0", "27", "9" * 5000, ""])
def test_asking_for_a_sheet_that_does_not_exist_gets_a_400_in_vietnamese(client, sheet):
    response = client.get(reverse("public:calculator_api"), {"sheet": sheet})
    assert (response.status_code, response.json()) == (
        400,
        {"errors": ["“sheet” phải là số của bộ sản phẩm, từ 1 đến 26."]},
    )


def test_a_json_array_body_gets_a_400_in_vietnamese(client):
    response = client.post(reverse("public:calculator_api"), b"[]", content_type="application/json")
    assert (response.status_code, response.json()) == (
        400,
        {"errors": ["Nội dung yêu cầu phải là một đối tượng JSON."]},
    )


def test_the_page_names_an_option_the_criterion_does_not_have_and_leaves_out_what_is_not_a_number(client):
    first = _sheet(client, 21)["criteria"][0]
    page = client.post(reverse("public:calculator_sheet", args=[21]), {first["code"]: "0"})
    assert page.status_code == 400
    count = len(first["options"])
    assert f"Tiêu chí {first['code']} không có phương án 0; chọn từ 1 đến {count}." in page.content.decode()
    page = client.post(reverse("public:calculator_sheet", args=[21]), {first["code"]: "²"})
    assert page.status_code == 200
    assert first["code"] in page.context["result"].score.unanswered


def test_the_page_scores_what_was_ticked(client):
    sheet = _sheet(client, 21)
    first = sheet["criteria"][0]
    page = client.post(reverse("public:calculator_sheet", args=[21]), {first["code"]: "1"})
    assert page.status_code == 200
    assert page.context["result"].score.total == Decimal(first["options"][0]["points"])
    assert "Tính điểm" in page.content.decode()
