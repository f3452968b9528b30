"""The Ninh Thuận demo data: what ``ocop up`` loads on first run so that every screen has something real to show."""

from django.conf import settings
from django.core.management.base import CommandError
from django.db import transaction
from django.utils import translation

from ocop.accounts.domain.users import generate_password
from ocop.common.domain.activity import log_action
from ocop.common.models import ActivityLog

DEMO_LOADED_VERB = "demo.loaded"
REFUSED_IN_PRODUCTION = (
    "Đây là hệ thống chính thức (OCOP_ENV=production): không nạp dữ liệu mẫu, vì các tài khoản mẫu dùng chung một "
    "mật khẩu được in ra. Hãy chạy: ocop up --no-demo / production installation: demo data refused."
)


def refuse_in_production() -> None:
    if settings.PRODUCTION:
        raise CommandError(REFUSED_IN_PRODUCTION)


def demo_loaded() -> bool:
    return ActivityLog.objects.filter(verb=DEMO_LOADED_VERB).exists()


@transaction.atomic
def load_demo() -> str:
    """Load every part of the demo once; returns the password shared by the demo accounts."""
    refuse_in_production()
    from ocop.accounts.domain.bodies import load_bodies
    from ocop.demo import certificates, people, promotion, registry, stamps, support, workflow
    from ocop.demo.planning import load_demo_plan

    password = generate_password()
    # Notifications and papers are written in the installation's language, whatever the caller has active.
    with translation.override(settings.LANGUAGE_CODE):
        registry.load()
        people.load(password)
        load_bodies(province_code=settings.OCOP_PROVINCE_CODE)  # the demo's bodies with their 2025 successions
        workflow.load(password)
        certificates.load()
        stamps.load()
        load_demo_plan()  # after people.load: the plan's agencies are the demo's organisations
        support.load()  # after the plan: classes, marks and money serve its tasks
        promotion.load()  # after the plan: the fairs and the sales point serve its tasks
    log_action(actor=None, verb=DEMO_LOADED_VERB)
    return password


@transaction.atomic
def complete_demo() -> tuple[list[str], str]:
    """Add to a demo loaded by an earlier version the parts it did not have yet (plan 706 and its progress, new demo
    accounts, stamps); returns the usernames of the accounts added and the password they share (the earlier demo
    password is not known: it is stored only as a hash)."""
    from ocop.demo import stamps, support
    from ocop.demo.people import add_missing_accounts
    from ocop.demo.planning import load_demo_plan
    from ocop.planning.models import Plan
    from ocop.traceability.models import StampBatch

    password = generate_password()
    with translation.override(settings.LANGUAGE_CODE):
        if not Plan.objects.filter(reference="706/KH-UBND").exists():
            load_demo_plan()
        added = add_missing_accounts(password)
        if not StampBatch.objects.exists():
            stamps.load()
        support.load()  # adds nothing when the demo has its training classes
    return added, password
