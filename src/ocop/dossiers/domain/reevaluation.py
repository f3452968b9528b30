"""A re-evaluation or upgrade dossier in progress puts the product's certificate "under re-evaluation".

Dossiers contribute that clause to the certificate status (certificates sit below dossiers and never import them):
``connect``, called from ``DossiersConfig.ready``, registers it (and the transition that keeps a certificate valid
past its expiry while its re-evaluation is undecided, ``transition.kept_valid_by_transition``) and tells the public
pages when such a dossier changes.
"""

from django.db.models import Exists, OuterRef
from django.db.models.signals import post_save

from ocop.certificates.domain.publication import certificates_changed
from ocop.certificates.domain.status import register_reevaluation
from ocop.certificates.domain.validity import register_extension
from ocop.dossiers.domain.transition import kept_valid_by_transition
from ocop.dossiers.enums import ACTIVE_STATES, DossierKind
from ocop.dossiers.models import Dossier

# Dossiers whose decision will replace the product's certificate in force.
REPLACING_KINDS = (DossierKind.REEVALUATION, DossierKind.UPGRADE)


def replacing_dossier_in_progress() -> Exists:
    """On a Certificate queryset: its product has a dossier in progress that will replace it."""
    return Exists(
        Dossier.objects.filter(product=OuterRef("product_id"), kind__in=REPLACING_KINDS, state__in=ACTIVE_STATES)
    )


def _dossier_saved(sender, instance, **kwargs):
    if instance.kind in REPLACING_KINDS:
        certificates_changed(product_ids=[instance.product_id])


def connect() -> None:
    register_reevaluation(replacing_dossier_in_progress)
    register_extension(kept_valid_by_transition)
    post_save.connect(_dossier_saved, sender=Dossier, dispatch_uid="ocop.dossiers.reevaluation_saved", weak=False)
