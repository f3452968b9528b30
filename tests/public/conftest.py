import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def _empty_cache():
    """The public pages cache per certificate number; numbers repeat between tests (each test's data is rolled back)."""
    cache.clear()
    yield
    cache.clear()
