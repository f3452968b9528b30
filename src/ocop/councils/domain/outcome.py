"""What a dossier came to, as its producer sees it once the recognition decision is made: the council's result
(the mean of the members' totals, the stars) and the certificate the decision issued."""

from dataclasses import dataclass

from ocop.certificates.domain.status import with_status
from ocop.certificates.enums import CertificateStatus, IssueBasis
from ocop.certificates.models import Certificate
from ocop.councils.models import Result
from ocop.dossiers.enums import DossierState

DECIDED_STATES = frozenset({DossierState.RECOGNISED, DossierState.NOT_RECOGNISED})


@dataclass(frozen=True)
class Outcome:
    result: Result
    certificate: Certificate | None  # annotated with its status today (certificates.domain.status)

    @property
    def certificate_status(self) -> CertificateStatus | None:
        return CertificateStatus(self.certificate.status) if self.certificate else None


def outcome_of(dossier) -> Outcome | None:
    """The decided dossier's result and certificate; None before the decision (a council's result is not the
    producer's to see until the decision is made)."""
    if dossier.state not in DECIDED_STATES:
        return None
    result = dossier.results.select_related("session").order_by("-session__closed_at", "-pk").first()
    if result is None:
        return None
    certificate = None
    if dossier.state == DossierState.RECOGNISED:
        # The decision approved after the session closed issued it; a later correction replaces it, and the
        # certificate's page links the replacement.
        issued = Certificate.objects.filter(
            product=dossier.product_id, basis=IssueBasis.RECOGNITION, created_at__gte=result.session.closed_at
        )
        certificate = with_status(issued).order_by("created_at", "pk").first()
    return Outcome(result, certificate)
