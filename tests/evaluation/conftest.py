import pytest
from django.utils import translation

from ocop.evaluation.definitions import StarBands, sheet_from_document
from ocop.evaluation.domain.rule_set_files import prepare_rule_set
from ocop.evaluation.domain.rule_sets import BUILTIN_DIR


@pytest.fixture(scope="session")
def qd26():
    """The built-in QĐ 26/2026 rule set, read and checked without the database."""
    return prepare_rule_set(BUILTIN_DIR / "qd26_2026.json")


@pytest.fixture(scope="session")
def sheets(qd26):
    return {document["no"]: sheet_from_document(document) for document in qd26.sheets}


@pytest.fixture(scope="session")
def bands(qd26):
    return StarBands.from_document(qd26.star_bands)


@pytest.fixture
def english():
    """Messages in their English msgids, whatever the catalogue holds."""
    with translation.override("en"):
        yield
