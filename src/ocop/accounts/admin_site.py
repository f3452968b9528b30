"""The Django admin site opened only through the back office's own login (password, then the second factor).

The admin is kept for the system administrator to read records the back office does not list (it writes none of our
models), but its stock login form would open a session with a password alone: its login page sends to ours instead.
"""

from django.contrib import admin
from django.contrib.admin.apps import AdminConfig as DjangoAdminConfig
from django.urls import reverse


class BackOfficeLoginAdminSite(admin.AdminSite):
    def login(self, request, extra_context=None):
        from django.contrib.auth.views import redirect_to_login  # needs the app registry, which this module precedes

        return redirect_to_login(request.GET.get("next") or reverse("admin:index"), reverse("backoffice:login"))


class AdminConfig(DjangoAdminConfig):
    default_site = "ocop.accounts.admin_site.BackOfficeLoginAdminSite"
