"""Login lockout (django-axes): a username+address pair, and an address across all accounts.

Axes counts a username+address pair (AXES_LOCKOUT_PARAMETERS) and locks it after AXES_FAILURE_LIMIT wrong passwords.
This handler also locks an address after OCOP_LOGIN_ADDRESS_FAILURE_LIMIT failures across accounts within the same
cool-off, which stops password spraying (one password tried on many accounts). An account alone is never locked: that
would let anyone lock the administrator out for everyone with a handful of requests; an attacker's tries per account
stay bounded by the per-pair and per-address limits times the addresses they hold (and two-step login, required in
production for the administrator and the provincial office).
"""

from axes.attempts import get_cool_off_threshold
from axes.handlers.database import AxesDatabaseHandler
from axes.models import AccessAttempt
from axes.signals import user_locked_out
from django.conf import settings
from django.db.models import Sum


class PairAndAddressLockoutHandler(AxesDatabaseHandler):
    def is_locked(self, request, credentials=None) -> bool:
        return super().is_locked(request, credentials) or self._address_is_over_its_limit(request)

    def user_login_failed(self, sender, credentials: dict, request=None, **kwargs):
        super().user_login_failed(sender, credentials, request, **kwargs)
        if request is None or request.axes_locked_out or not self._address_is_over_its_limit(request):
            return
        request.axes_locked_out = True
        request.axes_credentials = credentials
        user_locked_out.send(
            "axes", request=request, username=credentials.get("username"), ip_address=request.axes_ip_address
        )

    @staticmethod
    def _address_is_over_its_limit(request) -> bool:
        failures = AccessAttempt.objects.filter(
            ip_address=request.axes_ip_address, attempt_time__gte=get_cool_off_threshold(request)
        ).aggregate(total=Sum("failures_since_start"))["total"]
        return (failures or 0) >= settings.OCOP_LOGIN_ADDRESS_FAILURE_LIMIT
