"""Uploads are judged by their content, never by their name: an executable renamed to .pdf is refused."""

import json
import warnings
from dataclasses import dataclass

import filetype
from django.conf import settings
from django.core.exceptions import SuspiciousFileOperation, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.template.defaultfilters import filesizeformat
from django.utils.text import get_valid_filename
from django.utils.translation import gettext as _
from PIL import Image, UnidentifiedImageError

IMAGE_TYPES = {"image/jpeg": "jpg", "image/png": "png", "image/webp": "webp"}
DOCUMENT_TYPES = IMAGE_TYPES | {
    "application/pdf": "pdf",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "docx",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "xlsx",
    "application/vnd.openxmlformats-officedocument.presentationml.presentation": "pptx",
}
SPREADSHEET_TYPES = {"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "xlsx"}
_HEAD_BYTES = 8192
MAX_IMAGE_PIXELS = 50_000_000  # a 50-megapixel photo; Pillow's own alarm rings only near 90 million


@dataclass(frozen=True)
class CheckedUpload:
    file: UploadedFile
    mime_type: str
    extension: str


def _sniff(upload: UploadedFile) -> str | None:
    upload.seek(0)
    head = upload.read(_HEAD_BYTES)
    upload.seek(0)
    kind = filetype.guess(head)
    return kind.mime if kind else None


def _check_size(upload: UploadedFile, max_bytes: int | None) -> None:
    max_bytes = max_bytes or settings.OCOP_MAX_UPLOAD_BYTES
    if upload.size == 0:
        raise ValidationError(_("The file is empty."), code="empty")
    if upload.size > max_bytes:
        raise ValidationError(
            _("The file is too large (%(size)s); the limit is %(limit)s.")
            % {"size": filesizeformat(upload.size), "limit": filesizeformat(max_bytes)},
            code="too_large",
        )


def check_upload(upload: UploadedFile, allowed: dict[str, str], max_bytes: int | None = None) -> CheckedUpload:
    """Refuse empty, oversized and wrong-typed files; returns the type found in the content."""
    _check_size(upload, max_bytes)
    mime_type = _sniff(upload)
    if mime_type not in allowed:
        raise ValidationError(
            _("This kind of file is not accepted. Accepted: %(kinds)s.")
            % {"kinds": ", ".join(sorted({ext.upper() for ext in allowed.values()}))},
            code="wrong_type",
        )
    if mime_type in IMAGE_TYPES:
        _check_image(upload)
    return CheckedUpload(file=upload, mime_type=mime_type, extension=allowed[mime_type])


def safe_file_name(original: str, extension: str, fallback: str) -> str:
    """The name a file is stored under: the sender's name made safe (kept readable, at most 60 characters, never a
    hidden file such as ``.htaccess``), or ``fallback``, with the extension of the type found in the content."""
    stem = original.rsplit("/", 1)[-1].rsplit(".", 1)[0].lstrip(".")
    try:
        stem = get_valid_filename(stem)[:60]
    except SuspiciousFileOperation:  # nothing usable left of the name
        stem = ""
    return f"{stem or fallback}.{extension}"


def _check_image(upload: UploadedFile) -> None:
    """A real image of a sensible size: a small file that would unpack to gigabytes of pixels is refused by its
    header, before anything (a thumbnail, a PDF) decodes it."""
    try:
        upload.seek(0)
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(upload) as image:
                width, height = image.size
                if width * height > MAX_IMAGE_PIXELS:
                    raise _too_many_pixels()
                image.verify()
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as error:
        raise _too_many_pixels() from error
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as error:
        raise ValidationError(_("The image is damaged or not really an image."), code="bad_image") from error
    finally:
        upload.seek(0)


def _too_many_pixels() -> ValidationError:
    return ValidationError(
        _("The image has too many pixels (more than %(limit)s million): make it smaller and upload it again.")
        % {"limit": MAX_IMAGE_PIXELS // 1_000_000},
        code="too_many_pixels",
    )


def check_json_upload(upload: UploadedFile, max_bytes: int | None = None):
    """Refuse empty and oversized files and anything that is not JSON text in UTF-8; returns the parsed value."""
    _check_size(upload, max_bytes)
    upload.seek(0)
    raw = upload.read()
    upload.seek(0)
    return parse_json(raw)


def parse_json(raw: bytes):
    """JSON text in UTF-8, parsed; anything else raises ValidationError in the reader's words, never a crash."""
    try:
        return json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError as error:
        raise ValidationError(_("The file is not text in UTF-8, so it is not a JSON file."), code="not_json") from error
    except json.JSONDecodeError as error:
        raise ValidationError(
            _("The file is not valid JSON: the first fault is at line %(line)s, column %(column)s.")
            % {"line": error.lineno, "column": error.colno},
            code="not_json",
        ) from error
    except RecursionError as error:
        raise ValidationError(_("The file is nested too deeply to be read."), code="not_json") from error
    except ValueError as error:  # Python refuses to read an integer of more than 4,300 digits
        raise ValidationError(_("The file holds a number with too many digits."), code="not_json") from error
