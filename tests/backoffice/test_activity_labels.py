"""Every action the system logs reads as words in the history and the activity log, not as a code."""

import re
from pathlib import Path

import pytest
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

import ocop
from ocop.backoffice.activity import VERB_LABELS, verb_label
from ocop.common.domain.activity import log_action
from tests.factories import make_user

SOURCE = Path(ocop.__file__).parent
LITERAL_VERB = re.compile(r'(?:verb=|_VERB = )"([a-z_]+\.[a-z_]+)"')
WORKFLOW_ACTION = re.compile(r'action="([a-z_]+)"')


def _logged_verbs() -> set[str]:
    verbs = set()
    for path in SOURCE.rglob("*.py"):
        verbs |= set(LITERAL_VERB.findall(path.read_text(encoding="utf-8")))
    # Verbs made from a variable: the dossier workflow's actions, the council's closing states, revocation outcomes.
    workflow = (SOURCE / "dossiers" / "domain" / "workflow.py").read_text(encoding="utf-8")
    verbs |= {f"dossiers.{action}" for action in WORKFLOW_ACTION.findall(workflow)}
    verbs |= {"dossiers.recognised", "dossiers.not_recognised"}
    verbs |= {"certificates.revocation_rejected", "certificates.revocation_withdrawn"}
    # Verbs chosen by a condition or passed to a shared helper: the on-time task and figure reports, zones, villages.
    verbs |= {"planning.task_progress", "planning.value_reported"}
    verbs |= {f"producers.{thing}_{done}" for thing in ("zone", "craft_village") for done in ("created", "updated")}
    return verbs


def test_every_logged_action_has_a_label_and_every_label_an_action():
    logged = _logged_verbs()
    assert len(logged) > 90
    assert sorted(logged - VERB_LABELS.keys()) == []
    assert sorted(VERB_LABELS.keys() - logged) == []


def test_labels_read_in_vietnamese():
    with translation.override("vi"):
        assert verb_label("dossiers.forwarded") == "đã chuyển hồ sơ đi đánh giá"
    assert verb_label("unknown.action") == "unknown.action"


@pytest.mark.django_db
def test_the_activity_log_page_shows_words_and_names_not_codes(client):
    admin = make_user(is_superuser=True, full_name="Trần Quản Trị")
    member = make_user(full_name="Lê Thị Hồng Nhung")
    log_action(
        actor=admin,
        verb="accounts.role_granted",
        data={"role": "commune_officer", "unit": None, "user": member.username, "superuser": False},
    )
    log_action(
        actor=None,
        verb="dossiers.submitted",
        data={"from": "draft", "to": "submitted", "rule_set": "QD26-2026", "filed_on": "2026-12-05", "total": "77.50"},
    )
    client.force_login(admin)
    page = client.get(reverse("backoffice:activity_list")).content.decode()
    assert "đã cấp một vai trò" in page and "<code" not in page  # the code is only the filter's option value
    assert '<td data-label="Người thực hiện">Trần Quản Trị</td>' in page
    assert f'<td data-label="Người thực hiện">{admin.username}</td>' not in page
    assert "vai trò: Cán bộ cấp xã · quản trị viên: Không · tài khoản: Lê Thị Hồng Nhung" in page
    assert "chuyển từ: Nháp · chuyển đến: Đã nộp, xã đang kiểm tra" in page
    assert "bộ quy định: Bộ tiêu chí và quy trình đánh giá, phân hạng sản phẩm OCOP theo Quyết định 26/2026" in page
    assert "bộ quy định: Bộ tiêu chí" in page.split("chuyển đến: Đã nộp, xã đang kiểm tra · ngày nộp: 05/12/2026 · ")[1]
    assert "tổng điểm: 77,50" in page
    assert ": None" not in page and "bộ quy định: QD26-2026" not in page


@pytest.mark.django_db
def test_the_history_of_a_record_names_people_and_reads_dates_day_first(client):
    from ocop.common.domain.activity import history_of
    from tests.factories import make_dossier, make_producer_account, make_product

    product = make_product()
    producer_user = make_producer_account(product.producer, full_name="Lê Thị Thái An")
    dossier = make_dossier(product, state="submitted", actor=producer_user)
    page = render_to_string("includes/history.html", {"entries": history_of(dossier)})
    assert "<strong>Lê Thị Thái An</strong> đã nộp hồ sơ cho UBND xã" in page
    assert producer_user.username not in page and "dossiers.submitted" not in page
    assert f"ngày nộp: {dossier.filed_on:%d/%m/%Y}" in page
