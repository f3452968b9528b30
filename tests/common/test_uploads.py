"""Uploaded images are judged by their header before anything decodes them: a small file that would unpack to a
huge number of pixels is refused with a message."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from ocop.common.uploads import IMAGE_TYPES, MAX_IMAGE_PIXELS, check_upload
from tests.factories import png_upload


def _png(width: int, height: int) -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("1", (width, height)).save(buffer, format="PNG")
    return SimpleUploadedFile("anh.png", buffer.getvalue())


def test_a_decompression_bomb_is_refused_with_a_message():
    bomb = _png(8_000, 8_000)  # 64 million pixels in a file of a few kilobytes
    assert bomb.size < 100_000 and MAX_IMAGE_PIXELS < 8_000 * 8_000
    with pytest.raises(ValidationError) as refused:
        check_upload(bomb, IMAGE_TYPES)
    assert refused.value.messages == ["Ảnh có quá nhiều điểm ảnh (hơn 50 triệu): hãy thu nhỏ ảnh rồi tải lên lại."]


def test_an_ordinary_photo_passes():
    assert check_upload(png_upload(), IMAGE_TYPES).extension == "png"
    assert check_upload(_png(6_000, 4_000), IMAGE_TYPES).mime_type == "image/png"
