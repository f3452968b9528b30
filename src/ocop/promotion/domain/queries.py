"""Which promotion records a user sees. Sales points are seen by every officer of their province. Fairs are the
province's events, seen by every officer and producer of the province: those held in it, those its plan supports and
those its producers were invited to or registered for, wherever they are held (a fair recorded without a unit is the
installation's own province's); registrations by the producers the user sees. A buyer inquiry is seen by the office
and by the producers it was routed to."""

from django.db.models import Q, QuerySet

from ocop.accounts.domain.scope import province_scope_of
from ocop.geo.domain.queries import home_province
from ocop.producers.domain.queries import own_producer_ids, producer_visibility
from ocop.promotion.models import BuyerInquiry, Fair, FairInvitation, FairRegistration, InquiryRoute, SalesPoint


def visible_sales_points(user) -> QuerySet[SalesPoint]:
    """Every officer of the province reads its sales points: they are the province's shop windows, and the plan's
    figure of new points (read by every officer) opens on them. Officers filter the list by their area."""
    if not user.has_perm("promotion.view_sales_points"):
        return SalesPoint.objects.none()
    return province_scope_of(user).filter(SalesPoint.objects.all())


def visible_fairs(user) -> QuerySet[Fair]:
    if not user.has_perm("promotion.view_fairs"):
        return Fair.objects.none()
    province = province_scope_of(user)
    if province.everything:
        return Fair.objects.all()
    home = home_province()
    unplaced = Q(unit__isnull=True) if home is not None and home.pk in province.unit_ids else Q(pk__in=[])
    return Fair.objects.filter(province.q() | unplaced | _taken_part_in(province.unit_ids))


def _taken_part_in(unit_ids) -> Q:
    """A fair is held somewhere (its unit: Hà Nội, Cần Thơ…) but is also the province's when it serves the
    province's plan or the province's producers were invited to it or registered for it."""
    invited = FairInvitation.objects.filter(producer__unit__in=unit_ids).values("fair")
    registered = FairRegistration.objects.filter(producer__unit__in=unit_ids).values("fair")
    return Q(task__plan__unit__in=unit_ids) | Q(pk__in=invited) | Q(pk__in=registered)


def visible_registrations(user) -> QuerySet[FairRegistration]:
    condition = producer_visibility(user, "producer__")
    if condition is None or not user.has_perm("promotion.view_fairs"):
        return FairRegistration.objects.none()
    return FairRegistration.objects.filter(condition)


def sees_every_inquiry(user) -> bool:
    return user.has_perm("promotion.view_all_inquiries")


def visible_inquiries(user) -> QuerySet[BuyerInquiry]:
    if sees_every_inquiry(user):
        return BuyerInquiry.objects.all()
    own = own_producer_ids(user)
    if not own or not user.has_perm("promotion.view_inquiries"):
        return BuyerInquiry.objects.none()
    return BuyerInquiry.objects.filter(pk__in=InquiryRoute.objects.filter(producer__in=own).values("inquiry"))


def own_routes(user, inquiry: BuyerInquiry) -> QuerySet[InquiryRoute]:
    """The routes of ``inquiry`` to the producers the user speaks for (what the user may answer)."""
    return inquiry.routes.filter(producer__in=own_producer_ids(user))
