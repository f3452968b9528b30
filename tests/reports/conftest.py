import pytest


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def plan706(db):
    from ocop.planning.domain.loader import PLAN_706_FILE, load_plan_file
    from ocop.planning.models import Plan

    load_plan_file(PLAN_706_FILE)
    return Plan.objects.get(reference="706/KH-UBND")
