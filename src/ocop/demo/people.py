"""Organisations of Ninh Thuận (before and after the 2025 reform) and one demo account per role."""

from ocop.accounts.domain.grants import assign_role
from ocop.accounts.domain.users import create_organisation, create_user
from ocop.accounts.enums import OrganisationKind, Role
from ocop.accounts.models import Organisation, User
from ocop.geo.enums import Era, UnitLevel
from ocop.geo.models import AdministrativeUnit
from ocop.producers.models import Producer

DEMO_NOTE = "dữ liệu demo"

PROVINCIAL_DEPARTMENTS = [
    ("agri", "Sở Nông nghiệp và Phát triển nông thôn tỉnh Ninh Thuận", "Sở NN&PTNT"),
    ("trade", "Sở Công Thương tỉnh Ninh Thuận", "Sở Công Thương"),
    ("health", "Sở Y tế tỉnh Ninh Thuận", "Sở Y tế"),
    ("science", "Sở Khoa học và Công nghệ tỉnh Ninh Thuận", "Sở KH&CN"),
    ("culture", "Sở Văn hóa, Thể thao và Du lịch tỉnh Ninh Thuận", "Sở VHTT&DL"),
    ("ict", "Sở Thông tin và Truyền thông tỉnh Ninh Thuận", "Sở TT&TT"),
    ("promotion", "Trung tâm Xúc tiến Đầu tư, Thương mại và Du lịch tỉnh Ninh Thuận", "TT XTĐT-TM-DL"),
    ("rural", "Văn phòng Điều phối nông thôn mới tỉnh Ninh Thuận", "VP Điều phối NTM"),
]

# username, full name, role, (era, level, code) of the unit, organisation key
DEMO_ACCOUNTS = [
    ("tinh.ocop", "Nguyễn Thị Thu Hà", Role.PROVINCE_OFFICE, (Era.BEFORE_2025, UnitLevel.PROVINCE, "58"), "agri"),
    ("so.congthuong", "Trần Văn Minh", Role.DEPARTMENT_STAFF, (Era.BEFORE_2025, UnitLevel.PROVINCE, "58"), "trade"),
    (
        "huyen.ninhphuoc",
        "Lê Văn Hùng",
        Role.DISTRICT_OFFICER,
        (Era.BEFORE_2025, UnitLevel.DISTRICT, "587"),
        "district:587",
    ),
    (
        "xa.phuocthuan",
        "Phạm Thị Mai",
        Role.COMMUNE_OFFICER,
        (Era.BEFORE_2025, UnitLevel.COMMUNE, "22882"),
        "commune:22882",
    ),
    (
        "xa.ninhphuoc",
        "Đặng Văn Tâm",
        Role.COMMUNE_OFFICER,
        (Era.FROM_2025, UnitLevel.COMMUNE, "22870"),
        "commune_new:22870",
    ),
    (
        "xa.vinhhai",
        "Trần Thị Thu Hương",
        Role.COMMUNE_OFFICER,
        (Era.FROM_2025, UnitLevel.COMMUNE, "22846"),
        "commune_new:22846",
    ),
    ("hoidong.01", "Võ Thị Ngọc Anh", Role.COUNCIL_MEMBER, None, "trade"),
    ("tuvan.01", "Huỳnh Văn Phúc", Role.ADVISORY_MEMBER, None, "agri"),
    # The Ministry's OCOP coordination office (Văn phòng Điều phối nông thôn mới Trung ương): 5★ and the national view.
    ("bo.vpdp", "Trịnh Văn Điều", Role.MINISTRY_OFFICE, None, "ministry"),
]
MINISTRY_ACCOUNT = "bo.vpdp"


# The officer of the demo producer's commune (today's xã Vĩnh Hải, formerly xã Vĩnh Hải of huyện Ninh Hải): added by
# `ocop up` to a demo loaded before it existed.
PRODUCER_COMMUNE_OFFICER = "xa.vinhhai"

# The account of a producer (the registry demo must be loaded first).
PRODUCER_ACCOUNT = ("chuthe.thaian", "Lê Thị Thái An", "HTX DV tổng hợp nông nghiệp Thái An")


def _unit(era: str, level: str, code: str) -> AdministrativeUnit:
    return AdministrativeUnit.objects.get(era=era, level=level, code=code)


def _committee_name(unit: AdministrativeUnit) -> str:
    return f"UBND {unit.name[0].lower()}{unit.name[1:]}"


def _account(username, full_name, role, unit_key, organisation, password: str) -> None:
    user, _password = create_user(
        actor=None, username=username, full_name=full_name, organisation=organisation, password=password
    )
    assign_role(actor=None, user=user, role=role, unit=_unit(*unit_key) if unit_key else None, note=DEMO_NOTE)


def add_missing_accounts(password: str) -> list[str]:
    """Create the demo accounts a demo loaded by an earlier version lacks; returns their usernames."""
    added = []
    for username, full_name, role, unit_key, _organisation_key in DEMO_ACCOUNTS:
        if User.objects.filter(username=username).exists():
            continue
        if unit_key:
            organisation = Organisation.objects.filter(
                unit=_unit(*unit_key), kind=OrganisationKind.COMMUNE_COMMITTEE
            ).first()
        else:
            organisation = Organisation.objects.filter(kind=OrganisationKind.MINISTRY, unit__isnull=True).first()
        _account(username, full_name, role, unit_key, organisation, password)
        added.append(username)
    return added


def load(password: str) -> None:
    province = _unit(Era.BEFORE_2025, UnitLevel.PROVINCE, "58")
    new_province = province.successions.get().successor
    organisations = {
        "ministry": create_organisation(
            actor=None, name="Bộ Nông nghiệp và Môi trường", short_name="Bộ NN&MT", kind=OrganisationKind.MINISTRY
        ),
        "province": create_organisation(
            actor=None,
            name="Ủy ban nhân dân tỉnh Ninh Thuận",
            short_name="UBND tỉnh",
            kind=OrganisationKind.PROVINCIAL_COMMITTEE,
            unit=province,
        ),
        "new_province": create_organisation(
            actor=None,
            name="Ủy ban nhân dân tỉnh Khánh Hòa",
            short_name="UBND tỉnh Khánh Hòa",
            kind=OrganisationKind.PROVINCIAL_COMMITTEE,
            unit=new_province,
        ),
    }
    for key, name, short_name in PROVINCIAL_DEPARTMENTS:
        organisations[key] = create_organisation(
            actor=None,
            name=name,
            short_name=short_name,
            kind=OrganisationKind.DEPARTMENT,
            unit=province,
            parent=organisations["province"],
        )
    create_organisation(
        actor=None,
        name="Sở Nông nghiệp và Môi trường tỉnh Khánh Hòa",
        short_name="Sở NN&MT",
        kind=OrganisationKind.DEPARTMENT,
        unit=new_province,
        parent=organisations["new_province"],
    )
    for district in province.children.order_by("code"):
        organisations[f"district:{district.code}"] = create_organisation(
            actor=None,
            name=_committee_name(district),
            kind=OrganisationKind.DISTRICT_COMMITTEE,
            unit=district,
            parent=organisations["province"],
        )
        for commune in district.children.order_by("code"):
            organisations[f"commune:{commune.code}"] = create_organisation(
                actor=None,
                name=_committee_name(commune),
                kind=OrganisationKind.COMMUNE_COMMITTEE,
                unit=commune,
                parent=organisations[f"district:{district.code}"],
            )
    for commune in new_province.children.filter(predecessions__predecessor__parent__parent=province).distinct():
        organisations[f"commune_new:{commune.code}"] = create_organisation(
            actor=None,
            name=_committee_name(commune),
            kind=OrganisationKind.COMMUNE_COMMITTEE,
            unit=commune,
            parent=organisations["new_province"],
        )

    for username, full_name, role, unit_key, organisation_key in DEMO_ACCOUNTS:
        _account(username, full_name, role, unit_key, organisations[organisation_key], password)
    username, full_name, producer_name = PRODUCER_ACCOUNT
    user, _password = create_user(actor=None, username=username, full_name=full_name, password=password)
    assign_role(
        actor=None, user=user, role=Role.PRODUCER, producer=Producer.objects.get(name=producer_name), note=DEMO_NOTE
    )
