"""What may be done next to a certificate, by whom: the certificate page offers exactly these actions (the domain
functions behind them check the same conditions again when they run)."""

import datetime
from enum import StrEnum

from ocop.certificates.domain.revocation import REVOCABLE
from ocop.certificates.domain.status import certificate_status
from ocop.certificates.enums import IN_FORCE_STATUSES, ProposalOutcome
from ocop.certificates.models import Certificate


class CertificateAction(StrEnum):
    DOWNLOAD = "download"
    CORRECT = "correct"
    SUSPEND = "suspend"
    LIFT_SUSPENSION = "lift_suspension"
    PROPOSE_REVOCATION = "propose_revocation"
    DECIDE_REVOCATION = "decide_revocation"


def allowed_actions(certificate: Certificate, user, today: datetime.date | None = None) -> frozenset[CertificateAction]:
    status = certificate_status(certificate, today)
    in_force = status in IN_FORCE_STATUSES
    suspended = certificate.suspensions.filter(lifted_on__isnull=True).exists()
    proposal = certificate.revocation_proposals.filter(outcome=ProposalOutcome.OPEN).first()
    may = {
        CertificateAction.DOWNLOAD: user.has_perm("certificates.download_certificate"),
        CertificateAction.CORRECT: in_force and user.has_perm("certificates.correct_certificate", certificate),
        CertificateAction.SUSPEND: in_force and not suspended and user.has_perm("certificates.suspend_certificate"),
        CertificateAction.LIFT_SUSPENSION: suspended and user.has_perm("certificates.suspend_certificate"),
        CertificateAction.PROPOSE_REVOCATION: status in REVOCABLE
        and proposal is None
        and user.has_perm("certificates.propose_revocation", certificate),
        CertificateAction.DECIDE_REVOCATION: proposal is not None
        and user.has_perm("certificates.decide_revocation", proposal),
    }
    return frozenset(action for action, allowed in may.items() if allowed)
