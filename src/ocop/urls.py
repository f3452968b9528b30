from django.contrib import admin
from django.urls import include, path
from django.views.decorators.csrf import csrf_exempt
from django.views.i18n import set_language

from ocop.backoffice.views import site

urlpatterns = [
    path("", include("ocop.public.urls")),
    path("backoffice/", include("ocop.backoffice.urls")),
    path("api/v1/", include("ocop.api.urls")),
    path("django-admin/", admin.site.urls),
    # The language switch carries no CSRF token, so that the public pages it sits on can be kept whole in the cache
    # (ocop.public.page_cache); at worst another site could switch a visitor's language.
    path("i18n/setlang/", csrf_exempt(set_language), name="set_language"),
    path("favicon.ico", site.favicon, name="favicon"),
]

handler500 = "ocop.backoffice.views.site.server_error"
