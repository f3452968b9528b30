"""Uploaded files are stored under safe names whatever the sender called them."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from ocop.accounts.enums import Role
from ocop.common.uploads import safe_file_name
from ocop.producers.models import ProductPhoto
from tests.factories import make_product, make_user, png_upload


@pytest.mark.parametrize(
    ("original", "stored"),
    [
        (".htaccess", "anh.png"),
        ("..", "anh.png"),
        ("../../etc/passwd", "passwd.png"),
        (".hidden.png", "hidden.png"),
        ("Ảnh sản phẩm.jpg", "Ảnh_sản_phẩm.png"),
        ("x" * 300 + ".png", "x" * 60 + ".png"),
    ],
)
def test_a_stored_name_is_never_hidden_nor_outside_its_folder(original, stored):
    assert safe_file_name(original, "png", "anh") == stored


@pytest.mark.django_db
def test_a_dotfile_name_gets_an_answer_not_a_bare_400(client):
    product = make_product()
    client.force_login(make_user(Role.PROVINCE_OFFICE))
    url = reverse("backoffice:product_photo_add", args=[product.pk])

    response = client.post(url, {"image": png_upload(".htaccess")})
    assert response.status_code == 302
    stored = ProductPhoto.objects.get(product=product).image.name  # Django may add a suffix if the name is taken
    assert stored.startswith(f"products/{product.pk}/anh") and stored.endswith(".png")

    text = SimpleUploadedFile(".htaccess", b"Options +ExecCGI\nAddHandler cgi-script .png\n")
    response = client.post(url, {"image": text}, follow=True)
    assert response.status_code == 200
    assert "Không nhận loại tệp này. Chỉ nhận: JPG, PNG, WEBP." in response.content.decode()
    assert ProductPhoto.objects.filter(product=product).count() == 1
