from django.contrib import admin
from django.urls import include, path

from ocop.backoffice.views import site

urlpatterns = [
    path("", include("ocop.public.urls")),
    path("backoffice/", include("ocop.backoffice.urls")),
    path("django-admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("favicon.ico", site.favicon, name="favicon"),
]

handler500 = "ocop.backoffice.views.site.server_error"
