"""Builders for test data that go through the same domain functions as the application."""

import itertools

from django.utils import timezone

from ocop.accounts.domain.grants import assign_role
from ocop.accounts.domain.users import create_user
from ocop.accounts.enums import Role
from ocop.geo.enums import Era, UnitLevel
from ocop.geo.models import AdministrativeUnit

PASSWORD = "mat-khau-thu-nghiem-1"
_sequence = itertools.count(1)


def unit(code: str, level: str = UnitLevel.COMMUNE, era: str = Era.BEFORE_2025) -> AdministrativeUnit:
    return AdministrativeUnit.objects.get(code=code, level=level, era=era)


NINH_THUAN = ("58", UnitLevel.PROVINCE)
NINH_PHUOC_DISTRICT = ("587", UnitLevel.DISTRICT)
PHUOC_THUAN = ("22882", UnitLevel.COMMUNE)
NHON_HAI = ("22867", UnitLevel.COMMUNE)  # xã Nhơn Hải, huyện Ninh Hải: another commune, another district

# The unit each role is scoped to in tests (None: the role carries no unit).
ROLE_UNITS = {
    Role.ADMIN: None,
    Role.PROVINCE_OFFICE: NINH_THUAN,
    Role.DEPARTMENT_STAFF: NINH_THUAN,
    Role.DISTRICT_OFFICER: NINH_PHUOC_DISTRICT,
    Role.COMMUNE_OFFICER: PHUOC_THUAN,
    Role.COUNCIL_MEMBER: None,
    Role.ADVISORY_MEMBER: None,
    Role.PRODUCER: None,
    Role.MINISTRY_OFFICE: None,
}


def make_user(role: str | None = None, unit_key: tuple[str, str] | None = None, **fields):
    number = next(_sequence)
    values = {"username": f"user{number}", "full_name": f"Người dùng {number}", "password": PASSWORD} | fields
    user, _password = create_user(actor=None, **values)
    if role is not None:
        key = unit_key if unit_key is not None else ROLE_UNITS[Role(role)]
        assign_role(actor=None, user=user, role=role, unit=unit(*key) if key else None)
    return user


def make_producer(unit_key: tuple[str, str] = PHUOC_THUAN, **fields):
    from ocop.producers.domain.producers import create_producer
    from ocop.producers.enums import LegalForm

    number = next(_sequence)
    values = {"name": f"HTX Nông nghiệp số {number}", "legal_form": LegalForm.COOPERATIVE} | fields
    return create_producer(actor=None, unit=unit(*unit_key), **values)


def make_product(producer=None, **fields):
    from ocop.producers.domain.products import create_product

    number = next(_sequence)
    values = {"name": f"Sản phẩm số {number}", "product_set": 7} | fields
    return create_product(actor=None, producer=producer or make_producer(), **values)


def make_producer_account(producer, **fields):
    """A user holding the producer role for ``producer``."""
    user = make_user(**fields)
    assign_role(actor=None, user=user, role=Role.PRODUCER, producer=producer)
    return user


def png_upload(name: str = "anh.png"):
    """A real, tiny PNG image as an upload."""
    import io

    from django.core.files.uploadedfile import SimpleUploadedFile
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), (11, 110, 79)).save(buffer, format="PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


def answer_every_criterion(sheet, option: int = 1) -> dict[str, int]:
    """The same option (1-based) on every criterion of a sheet, the last one where a leaf has fewer."""
    return {leaf.code: min(option, len(leaf.options)) for leaf in sheet.leaves}


def make_dossier(product=None, *, state: str = "draft", on=None, actor=None, kind: str = "first"):
    """A dossier walked through the real workflow up to ``state`` (draft, ready — complete but not filed —, submitted,
    forwarded or accepted)."""
    from ocop.dossiers import checklist
    from ocop.dossiers.domain import drafting, workflow

    product = product or make_product()
    dossier = drafting.create_dossier(actor=actor, product=product, kind=kind, business_plan_results="Đạt kế hoạch")
    if state == "draft":
        return dossier
    for requirement in checklist.requirements_for(product.product_set):
        if requirement.required(product.product_set):
            drafting.add_evidence(
                actor=actor, dossier=dossier, requirement=requirement.code, upload=png_upload(f"{requirement.code}.png")
            )
    drafting.save_self_score(
        actor=actor, dossier=dossier, evidence={}, answers=answer_every_criterion(drafting.scoring_sheet(dossier), 2)
    )
    if state == "ready":
        return dossier
    workflow.submit_dossier(actor=actor, dossier=dossier, on=on)
    if state == "submitted":
        return dossier
    officer = make_user()
    _tick_everything(dossier, officer)
    drafting.record_commune_report(
        actor=officer,
        dossier=dossier,
        local_origin="confirmed",
        local_labour="confirmed",
        idea_origin="confirmed",
        local_identity="confirmed",
    )
    workflow.forward_dossier(actor=officer, dossier=dossier)
    if state == "forwarded":
        return dossier
    _tick_everything(dossier, officer)
    workflow.accept_dossier(actor=officer, dossier=dossier, on=on)
    return dossier


def _tick_everything(dossier, officer):
    from ocop.dossiers import checklist
    from ocop.dossiers.domain import drafting

    for requirement in checklist.requirements_for(dossier.product.product_set):
        if requirement.required(dossier.product.product_set):
            drafting.mark_item(actor=officer, dossier=dossier, requirement=requirement.code, ok=True)


def make_council(unit_key=("56", "province", "from_2025"), level: str = "province", members: int = 5):
    """A council with a chair, a secretary and ordinary members, each a user with the council-member role."""
    from ocop.councils.domain.membership import add_member, create_council

    council = create_council(
        actor=None, name=f"Hội đồng đánh giá sản phẩm OCOP {next(_sequence)}", level=level, unit=unit(*unit_key)
    )
    roles = ["chair", "secretary", *["member"] * (members - 2)]
    for role in roles:
        add_member(actor=None, council=council, user=make_user(Role.COUNCIL_MEMBER), role=role)
    return council


def make_session(council, dossiers, *, held_on=None):
    """A session for the round of ``dossiers`` (all accepted into the same round), everyone present."""

    from ocop.councils.domain.sessions import open_session, record_attendance

    session = open_session(
        actor=None, council=council, round=dossiers[0].round, held_on=held_on or timezone.localdate()
    )
    record_attendance(actor=None, session=session, members=list(council.members.all()))
    return session
