import os
from urllib.parse import urlsplit, urlunsplit

import pytest

from ocop.common.i18n import compile_catalogues
from tests.reference_data import load_reference_data


def pytest_configure(config):
    compile_catalogues()


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Every test database starts with Vietnam's administrative units and the rule sets, loaded once per run (once
    per worker under xdist: each worker has its own database)."""
    with django_db_blocker.unblock():
        load_reference_data()


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(scope="session")
def _media_root(tmp_path_factory):
    """One folder for the run (module-wide fixtures such as the permission matrix store files once)."""
    return tmp_path_factory.mktemp("media")


@pytest.fixture
def media_folder(settings, tmp_path):
    """A media folder of the test's own, for a test that counts the files stored (others share the run's)."""
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture
def plan706(db):
    """Plan 706/KH-UBND of Ninh Thuận (2024), loaded from the seed file."""
    from ocop.planning.domain.loader import PLAN_706_FILE, load_plan_file
    from ocop.planning.models import Plan

    load_plan_file(PLAN_706_FILE)
    return Plan.objects.get(reference="706/KH-UBND")


@pytest.fixture(autouse=True)
def _test_settings(settings, _media_root, tmp_path):
    settings.LANGUAGE_CODE = "vi"
    settings.MEDIA_ROOT = _media_root  # uploads never land in the checkout's data/ folder
    settings.OCOP_SCAN_SPOOL = tmp_path / "scans"  # nor scans: each test counts its own
    # Each test gets an empty cache of its own (the public pages cache per certificate number, and numbers repeat
    # between tests since each test's data is rolled back).
    settings.CACHES = {"default": _test_cache()}
    from django.core.cache import cache

    cache.clear()
    # Pages render without a prior collectstatic; production uses the hashed manifest storage.
    settings.STORAGES = settings.STORAGES | {
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
    }


def _test_cache() -> dict:
    """Local memory, or with OCOP_CACHE_URL (as `.ci/run` sets it for the public pages) the Redis server it names:
    one Redis database per xdist worker, since each test empties its cache."""
    url = os.environ.get("OCOP_CACHE_URL")
    if not url:
        return {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "tests"}
    worker = int(os.environ.get("PYTEST_XDIST_WORKER", "gw0").removeprefix("gw"))
    address = urlsplit(url)._replace(path=f"/{worker % 15 + 1}")
    return {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": urlunsplit(address)}


@pytest.fixture
def reference_data(transactional_db):
    """Administrative units and rule sets, which the flush after the previous transactional test removed."""
    load_reference_data()


@pytest.fixture(scope="module", autouse=True)
def _reference_data_restored(request, django_db_blocker):
    """After a module with tests on real transactions (which empty the database), the reference data comes back for
    the tests that follow on the same worker (xdist sends any test to any worker)."""
    yield
    module_items = [item for item in request.session.items if item.module is request.module]
    if any("transactional_db" in item.fixturenames or item.get_closest_marker("e2e") for item in module_items):
        with django_db_blocker.unblock():
            load_reference_data()


def pytest_collection_modifyitems(config, items):
    """Tests on real transactions (browser tests, whose live server needs them, and concurrency tests) empty the
    database after each of them: they run last, browser tests at the very end."""
    items.sort(key=lambda item: ("transactional_db" in getattr(item, "fixturenames", ()), "tests/e2e/" in item.nodeid))
