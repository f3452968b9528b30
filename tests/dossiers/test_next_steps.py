"""A dossier's next steps (dossiers.domain.next_steps.next_actions): for each state, what each role may do."""

import pytest
from django.urls import reverse

from ocop.accounts.enums import Role
from ocop.dossiers.domain import workflow
from ocop.dossiers.domain.next_steps import asked_for, next_actions, rejection_reasons
from tests.dossiers.journey import STATES, dossier_in
from tests.factories import make_producer_account, make_product, make_user

pytestmark = pytest.mark.django_db


PRODUCER, COMMUNE, PROVINCE, DEPARTMENT, COUNCIL = "producer", "commune", "province", "department", "council"
NOTHING = {PRODUCER: [], COMMUNE: [], PROVINCE: [], DEPARTMENT: [], COUNCIL: []}
START_AGAIN = {PRODUCER: ["new_dossier"], COMMUNE: ["new_dossier"], PROVINCE: ["new_dossier"]}
# state → role → the steps offered, in order (roles left out are offered nothing)
EXPECTED = {
    "draft": {PRODUCER: ["submit", "withdraw"], COMMUNE: ["submit", "withdraw"], PROVINCE: ["submit", "withdraw"]},
    "withdrawn_draft": START_AGAIN,
    "submitted": {
        PRODUCER: ["withdraw"],
        COMMUNE: ["forward", "return", "reject", "withdraw"],
        PROVINCE: ["forward", "return", "reject", "withdraw"],
    },
    "supplement_requested": {
        PRODUCER: ["resubmit", "withdraw"],
        COMMUNE: ["resubmit", "withdraw"],
        PROVINCE: ["resubmit", "withdraw"],
    },
    "supplement_requested_by_province": {
        PRODUCER: ["resubmit", "withdraw"],
        COMMUNE: ["resubmit", "withdraw"],
        PROVINCE: ["resubmit", "withdraw"],
    },
    "forwarded": {
        PRODUCER: ["withdraw"],
        COMMUNE: ["withdraw"],
        PROVINCE: ["accept", "return", "reject", "withdraw"],
    },
    "accepted": NOTHING,
    "scored": NOTHING,
    "recognised": NOTHING,
    "not_recognised": START_AGAIN,
    "sent_to_the_ministry": {
        PRODUCER: ["withdraw"],
        COMMUNE: ["withdraw"],
        PROVINCE: ["accept", "return", "reject", "withdraw"],
    },
    "rejected": START_AGAIN,
    "withdrawn": START_AGAIN,
}


def _people(dossier) -> dict:
    return {
        PRODUCER: make_producer_account(dossier.producer),
        COMMUNE: make_user(Role.COMMUNE_OFFICER),
        PROVINCE: make_user(Role.PROVINCE_OFFICE),
        DEPARTMENT: make_user(Role.DEPARTMENT_STAFF),
        COUNCIL: make_user(Role.COUNCIL_MEMBER),
    }


@pytest.mark.parametrize("state", STATES)
def test_each_role_is_offered_the_steps_its_role_may_take_in_each_state(state):
    dossier = dossier_in(state)
    for role, user in _people(dossier).items():
        steps = next_actions(dossier, user)
        assert [action.key for action in steps.actions] == EXPECTED[state].get(role, []), (state, role)
        assert steps.situation


def test_a_step_that_cannot_be_taken_yet_says_why_with_the_workflows_own_reasons():
    draft = dossier_in("draft")
    producer = make_producer_account(draft.producer)
    submit = next_actions(draft, producer).actions[0]
    assert submit.key == "submit" and not submit.enabled
    assert list(submit.blocked_by) == workflow.missing_for_submission(draft)
    assert "Thiếu minh chứng: Phiếu kết quả kiểm nghiệm sản phẩm." in submit.blocked_by

    returned = dossier_in("supplement_requested")
    resubmit = next_actions(returned, producer).actions[0]
    assert resubmit.blocked_by == ("Vẫn còn thiếu: Phiếu kết quả kiểm nghiệm sản phẩm.",)

    submitted = dossier_in("submitted")
    forward = next_actions(submitted, make_user(Role.COMMUNE_OFFICER)).actions[0]
    assert forward.key == "forward" and forward.blocked_by[0] == "Chưa điền báo cáo của UBND xã (mẫu 03)."
    assert list(forward.blocked_by) == workflow.missing_for_forwarding(submitted)

    forwarded = dossier_in("forwarded")
    accept = next_actions(forwarded, make_user(Role.PROVINCE_OFFICE)).actions[0]
    assert accept.key == "accept" and list(accept.blocked_by) == workflow.missing_for_acceptance(forwarded)
    assert accept.blocked_by  # the province checks the items again


def test_a_ready_dossier_may_be_submitted_and_the_situation_names_who_has_it_and_by_when():
    dossier = dossier_in("submitted")
    producer = make_producer_account(dossier.producer)
    situation = next_actions(dossier, producer).situation
    assert situation == (f"UBND {dossier.commune.name} kiểm tra hồ sơ trước ngày {dossier.deadline:%d/%m/%Y}.")

    accepted = dossier_in("accepted")
    assert next_actions(accepted, producer).situation == (
        f"Đã vào {accepted.round}: Hội đồng chấm điểm; quyết định trước ngày {accepted.round.decision_due:%d/%m/%Y}."
    )


def test_a_new_dossier_is_not_offered_while_the_product_has_another_under_way():
    product = make_product(product_set=9)
    rejected = dossier_in("rejected", product)
    producer = make_producer_account(product.producer)
    assert [a.key for a in next_actions(rejected, producer).actions] == ["new_dossier"]
    dossier_in("draft", product)
    assert next_actions(rejected, producer).actions == ()


def test_return_and_rejection_reasons_read_as_lists():
    returned = dossier_in("supplement_requested")
    request = returned.supplement_requests.get()
    assert asked_for(request) == [
        "Phiếu kết quả kiểm nghiệm sản phẩm",
        "Phiếu kiểm nghiệm đã hết hạn.",
        "Bổ sung ảnh nhãn mới.",
    ]
    rejected = dossier_in("rejected")
    rejected.rejection_reason = "- Sản phẩm không thuộc địa bàn.\n\n2. Hồ sơ giả mạo\n• Thiếu mẫu"
    assert rejection_reasons(rejected) == ["Sản phẩm không thuộc địa bàn.", "2. Hồ sơ giả mạo", "Thiếu mẫu"]


@pytest.mark.parametrize("state", STATES)
def test_the_dossier_page_renders_the_next_step_card_in_every_state(client, state):
    dossier = dossier_in(state)
    for user in (make_producer_account(dossier.producer), make_user(Role.PROVINCE_OFFICE)):
        client.force_login(user)
        page = client.get(reverse("backoffice:dossier_detail", args=[dossier.pk])).content.decode()
        card = page.split('id="next-step"', 1)[1].split("</section>", 1)[0]
        assert next_actions(dossier, user).situation.replace("'", "&#x27;") in card, (state, user)
        for action in next_actions(dossier, user).actions:
            assert action.label in card
