from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("", include("ocop.public.urls")),
    path("backoffice/", include("ocop.backoffice.urls")),
    path("django-admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
]
