"""Form labels start with a capital letter in Vietnamese, as on the official forms."""

import pytest
from django.utils import translation

from ocop.accounts.enums import Role
from ocop.producers.interfaces.forms import DocumentForm, NewProductForm, ProducerForm
from tests.factories import make_user

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("form_class", [ProducerForm, NewProductForm])
def test_every_label_of_the_registry_forms_starts_with_a_capital(form_class):
    with translation.override("vi"):
        form = form_class(actor=make_user(Role.PROVINCE_OFFICE))
        labels = [str(field.label) for field in form]
    assert [label for label in labels if not label[0].isupper()] == []


def test_the_representatives_ethnicity_reads_with_a_capital():
    with translation.override("vi"):
        assert str(ProducerForm(actor=make_user(Role.PROVINCE_OFFICE))["representative_ethnicity"].label) == (
            "Dân tộc người đại diện"
        )


def test_every_label_of_the_document_form_starts_with_a_capital():
    with translation.override("vi"):
        labels = [str(field.label) for field in DocumentForm()]
    assert [label for label in labels if not label[0].isupper()] == []
