"""Permission matrix entries of the certificate, revocation and supervision screens."""

import datetime

from ocop.accounts.enums import Role
from tests.matrix import MINISTRY, NOTHING, OFFICE, OFFICERS

READERS = OFFICERS | {Role.PRODUCER}
MANAGERS = OFFICE | {Role.DEPARTMENT_STAFF}
DECIDERS = OFFICE  # the certificates below were recognised by the province
CONTEXT_ORDER = 60


def extend_context(ctx):
    from django.core.cache import cache
    from django.utils import timezone

    from ocop.certificates.domain import revocation, supervision
    from ocop.geo.enums import Era, UnitLevel
    from ocop.geo.models import AdministrativeUnit
    from tests.certificates.helpers import days_ago, registered
    from tests.factories import make_product

    cache.clear()  # the public pages cache per certificate number; numbers repeat between test modules
    today = timezone.localdate()
    day = days_ago(365)  # valid today
    certificate = registered(make_product(ctx["producer"]), day)
    proposed = registered(make_product(ctx["producer"]), day)
    suspended = registered(make_product(ctx["producer"]), day)
    proposal = revocation.propose_revocation(
        actor=None, certificate=proposed, ground="mark_misuse", finding="Dán tem sai hạng sao", found_on=today
    )
    revocation.suspend_certificate(
        actor=None, certificate=suspended, starts_on=today, until=today + datetime.timedelta(days=30), reason="Nhãn"
    )
    province = AdministrativeUnit.objects.get(era=Era.BEFORE_2025, level=UnitLevel.PROVINCE, code="58")
    plan = supervision.create_plan(
        actor=None,
        title=f"Hậu kiểm sản phẩm OCOP năm {today.year}",
        kind="periodic",
        year=today.year,
        starts_on=today,
        ends_on=today + datetime.timedelta(days=90),
        unit=province,
    )
    inspection = supervision.add_inspection(actor=None, plan=plan, certificate=certificate, scheduled_on=today)
    finding = supervision.record_finding(
        actor=None, inspection=inspection, kind="mark_use", severity="minor", description="Tem OCOP in mờ"
    )
    action = supervision.add_corrective_action(
        actor=None, finding=finding, description="In lại tem", deadline=today + datetime.timedelta(days=20)
    )
    ctx |= {
        "certificate": certificate,
        "suspended_certificate": suspended,
        "proposal": proposal,
        "plan": plan,
        "inspection": inspection,
        "corrective_action": action,
    }


def _certificate(ctx, user):
    return {"pk": ctx["certificate"].pk}


def _suspended(ctx, user):
    return {"pk": ctx["suspended_certificate"].pk}


def _proposal(ctx, user):
    return {"pk": ctx["proposal"].pk}


def _plan(ctx, user):
    return {"pk": ctx["plan"].pk}


def _inspection(ctx, user):
    return {"pk": ctx["inspection"].pk}


def _action(ctx, user):
    return {"pk": ctx["corrective_action"].pk}


ENTRIES = {
    "backoffice:certificate_list": ("get", None, READERS | MINISTRY, 200),
    "backoffice:expiry_list": ("get", None, OFFICERS, 200),
    "backoffice:certificate_register": ("get", None, OFFICE, 200),
    "backoffice:certificate_detail": ("get", _certificate, READERS, 200, MINISTRY),
    "backoffice:certificate_pdf": ("get", _certificate, READERS, 200, MINISTRY),
    "backoffice:certificate_correct": ("get", _certificate, OFFICE, 200, MINISTRY),
    "backoffice:certificate_suspend": ("post", _certificate, OFFICE, 302),
    "backoffice:certificate_lift": ("post", _suspended, OFFICE, 302),
    "backoffice:certificate_propose_revocation": ("post", _certificate, OFFICERS, 302, MINISTRY),
    "backoffice:revocation_list": ("get", None, OFFICERS | MINISTRY, 200),
    "backoffice:revocation_decide": ("get", _proposal, DECIDERS, 200, MINISTRY),
    "backoffice:revocation_close": ("post", _proposal, DECIDERS, 302, MINISTRY),
    "backoffice:inspection_plan_list": ("get", None, OFFICERS, 200),
    "backoffice:inspection_plan_create": ("get", None, MANAGERS, 200),
    "backoffice:inspection_plan_detail": ("get", _plan, OFFICERS, 200),
    "backoffice:inspection_add": ("post", _plan, MANAGERS, 302),
    "backoffice:inspection_add_in_force": ("post", _plan, MANAGERS, 302),
    "backoffice:inspection_detail": ("get", _inspection, OFFICERS, 200),
    "backoffice:inspection_finding_add": ("post", _inspection, MANAGERS, 302),
    "backoffice:inspection_action_add": ("post", _inspection, MANAGERS, 302),
    "backoffice:inspection_conclude": ("post", _inspection, MANAGERS, 302),
    "backoffice:inspection_action_done": ("post", _action, MANAGERS, 302),
}

# What each POST above writes when allowed (tests/matrix.py).
EFFECTS = {
    "backoffice:certificate_lift": NOTHING,
    "backoffice:certificate_propose_revocation": NOTHING,
    "backoffice:certificate_suspend": NOTHING,
    "backoffice:inspection_action_add": NOTHING,
    "backoffice:inspection_action_done": NOTHING,
    "backoffice:inspection_add": NOTHING,
    "backoffice:inspection_add_in_force": NOTHING,
    "backoffice:inspection_conclude": NOTHING,
    "backoffice:inspection_finding_add": NOTHING,
    "backoffice:revocation_close": NOTHING,
}
