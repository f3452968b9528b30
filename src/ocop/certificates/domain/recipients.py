"""Who is told about a certificate: the producer's accounts, the officers of its commune and of the province, and
whoever decides a revocation."""

from django.db.models import QuerySet
from django.urls import reverse

from ocop.accounts.domain.queries import ministry_officers, officers_over
from ocop.accounts.enums import Role
from ocop.accounts.models import RoleAssignment, User
from ocop.certificates.enums import RecognitionLevel


def producer_users(producer_id: int) -> QuerySet[User]:
    assignments = RoleAssignment.objects.active().filter(role=Role.PRODUCER, producer=producer_id)
    return User.objects.filter(pk__in=assignments.values("user_id"), is_active=True)


def area_officers(commune) -> list[User]:
    """The commune's officers and the provincial OCOP office over it."""
    return [*officers_over(Role.COMMUNE_OFFICER, commune), *officers_over(Role.PROVINCE_OFFICE, commune)]


def deciders(level: str, commune) -> list[User]:
    """Who records a revocation decision of ``level``: the district office for a district recognition, otherwise
    the provincial OCOP office, which forwards the Ministry's cases — and for a 5★ recognition the Ministry's
    coordination office too, which decides them itself when it has accounts here."""
    if level == RecognitionLevel.DISTRICT:
        return list(officers_over(Role.DISTRICT_OFFICER, commune))
    province = list(officers_over(Role.PROVINCE_OFFICE, commune))
    return [*province, *ministry_officers()] if level == RecognitionLevel.CENTRAL else province


def certificate_url(certificate) -> str:
    return reverse("backoffice:certificate_detail", args=[certificate.pk])
