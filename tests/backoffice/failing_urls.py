"""The site's URLs plus one that fails, for the server-error page tests."""

from django.urls import path

from ocop.urls import handler500, urlpatterns

__all__ = ["handler500", "urlpatterns"]


def fail(request):
    raise RuntimeError("a bug")


urlpatterns = [*urlpatterns, path("fail/", fail)]
