import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ocop.settings")
django_application = get_wsgi_application()

from ocop.public.page_cache import PublicPageFastPath  # noqa: E402  (needs the apps loaded above)

application = PublicPageFastPath(django_application)
