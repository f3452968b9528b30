"""Who may see and do what with certificates. Which certificates a user sees is decided by
certificates.domain.status.visible_certificates (officers: the producers of their area; producer accounts: their
own)."""

import rules

from ocop.accounts.rules import (
    is_admin,
    is_commune_officer,
    is_department_staff,
    is_district_officer,
    is_ministry_office,
    is_producer,
    is_province_office,
)
from ocop.certificates.enums import RecognitionLevel

office = is_admin | is_province_office
area_officers = office | is_district_officer | is_commune_officer
officers = area_officers | is_department_staff


@rules.predicate
def decided_by_district(user, proposal) -> bool:
    return proposal is None or proposal.deciding_level == RecognitionLevel.DISTRICT


@rules.predicate
def decided_by_province(user, proposal) -> bool:
    """The provincial office records its own decisions and those of the Ministry, which it forwards."""
    return proposal is None or proposal.deciding_level != RecognitionLevel.DISTRICT


@rules.predicate
def decided_by_ministry(user, proposal) -> bool:
    return proposal is None or proposal.deciding_level == RecognitionLevel.CENTRAL


@rules.predicate
def recognised_by_ministry(user, certificate) -> bool:
    return certificate is None or certificate.decision.level == RecognitionLevel.CENTRAL


# The Ministry's coordination office: the certificates of the producers whose dossiers were sent up to it (its 5★).
# Whoever recognised a product corrects its certificate and decides its revocation: the Ministry its own 5★ ones.
ministry_for_its_own = is_ministry_office & recognised_by_ministry
rules.add_perm("certificates.view_certificates", officers | is_producer | is_ministry_office)
rules.add_perm("certificates.download_certificate", officers | is_producer | is_ministry_office)
rules.add_perm("certificates.view_expiry", officers)
rules.add_perm("certificates.register_certificate", office)
rules.add_perm("certificates.correct_certificate", office | ministry_for_its_own)
rules.add_perm("certificates.suspend_certificate", office)
rules.add_perm("certificates.view_revocations", officers | is_ministry_office)
rules.add_perm("certificates.propose_revocation", officers | ministry_for_its_own)
rules.add_perm(
    "certificates.decide_revocation",
    is_admin
    | (is_province_office & decided_by_province)
    | (is_district_officer & decided_by_district)
    | (is_ministry_office & decided_by_ministry),
)
rules.add_perm("certificates.view_supervision", officers)
rules.add_perm("certificates.manage_supervision", office | is_department_staff)
