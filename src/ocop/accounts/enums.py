from django.db import models
from django.utils.translation import gettext_lazy as _

from ocop.geo.enums import UnitLevel


class OrganisationKind(models.TextChoices):
    MINISTRY = "ministry", _("Ministry")
    PROVINCIAL_COMMITTEE = "provincial_committee", _("Provincial People's Committee")
    DEPARTMENT = "department", _("Provincial department or agency")
    DISTRICT_COMMITTEE = "district_committee", _("District People's Committee")
    COMMUNE_COMMITTEE = "commune_committee", _("Commune People's Committee")
    PRODUCER = "producer", _("Producer organisation")
    OTHER = "other", _("Other organisation")


class Role(models.TextChoices):
    ADMIN = "admin", _("System administrator")
    PROVINCE_OFFICE = "province_office", _("Provincial OCOP office")
    DEPARTMENT_STAFF = "department_staff", _("Department staff")
    DISTRICT_OFFICER = "district_officer", _("District officer")
    COMMUNE_OFFICER = "commune_officer", _("Commune officer")
    COUNCIL_MEMBER = "council_member", _("Council member")
    ADVISORY_MEMBER = "advisory_member", _("Advisory team member")
    PRODUCER = "producer", _("Producer account")
    # The central coordination office of the programme (Văn phòng Điều phối Chương trình OCOP / nông thôn mới Trung
    # ương, Bộ Nông nghiệp và Môi trường): tied to no unit, it runs the Ministry's council and recognises 5★.
    MINISTRY_OFFICE = "ministry_office", _("Ministry OCOP coordination office")


# The administrative level a role is scoped to; roles not listed here carry no unit.
ROLE_UNIT_LEVEL: dict[str, str] = {
    Role.PROVINCE_OFFICE: UnitLevel.PROVINCE,
    Role.DEPARTMENT_STAFF: UnitLevel.PROVINCE,
    Role.DISTRICT_OFFICER: UnitLevel.DISTRICT,
    Role.COMMUNE_OFFICER: UnitLevel.COMMUNE,
}

# Roles whose holders work in the back office of an administrative area.
OFFICER_ROLES = frozenset(ROLE_UNIT_LEVEL)


class TokenScope(models.TextChoices):
    """What a partner system may do with an API token; it never reaches beyond its account's own rights."""

    PUBLIC_READ = "public:read", _("Read public data (certified products, certificates, administrative units)")
    REGISTRY_READ = "registry:read", _("Read what the account may see (registry, dossiers, plans, stamps, events)")
    DOSSIERS_WRITE = "dossiers:write", _("Create and file the producer's dossiers")
    SCORES_WRITE = "scores:write", _("Fill in and submit the council member's score sheets")
    EPCIS_CAPTURE = "epcis:capture", _("Record value-chain events (EPCIS)")
