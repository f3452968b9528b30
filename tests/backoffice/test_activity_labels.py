"""Every action the system logs reads as words in the history and the activity log, not as a code."""

import re
from pathlib import Path

import pytest
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
def test_the_activity_log_page_shows_words_and_keeps_the_code(client):
    admin = make_user(is_superuser=True)
    log_action(actor=admin, verb="accounts.role_granted", data={"role": "commune_officer"})
    client.force_login(admin)
    page = client.get(reverse("backoffice:activity_list")).content.decode()
    assert "đã cấp một vai trò" in page and "accounts.role_granted" in page and "role: commune_officer" in page
