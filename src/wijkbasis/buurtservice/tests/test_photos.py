"""Photos are re-encoded: no EXIF (no GPS), limited size and type, never the original bytes."""

from __future__ import annotations

import io
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from wijkbasis.buurtservice.photos import LONGEST_SIDE, clean_photo
from wijkbasis.buurtservice.tests.factories import tiny_jpeg


def _exif_with_gps() -> bytes:
    exif = Image.Exif()
    exif[0x010F] = "Telefoonmerk"  # Make
    exif[0x0112] = 6  # Orientation: rotated 90°
    gps = exif.get_ifd(0x8825)
    gps[1], gps[2], gps[3], gps[4] = "N", (52.0, 8.0, 24.0), "E", (6.0, 12.0, 0.0)
    return exif.tobytes()


def test_gps_and_other_exif_are_gone_and_the_photo_is_upright() -> None:
    original = tiny_jpeg(size=(40, 20), exif=_exif_with_gps())
    assert b"Telefoonmerk" in original and Image.open(io.BytesIO(original)).getexif().get_ifd(0x8825)
    cleaned = clean_photo(SimpleUploadedFile("foto.jpg", original, content_type="image/jpeg"))
    data = cleaned.read()
    image = Image.open(io.BytesIO(data))
    assert image.format == "JPEG"
    assert not image.getexif() and "exif" not in image.info
    assert b"Telefoonmerk" not in data and b"Exif" not in data
    assert image.size == (20, 40)  # turned by its orientation before the EXIF went


def test_large_photos_are_scaled_down_and_png_with_transparency_becomes_jpeg() -> None:
    output = io.BytesIO()
    Image.new("RGBA", (4000, 1000), (255, 0, 0, 0)).save(output, format="PNG")
    image = Image.open(clean_photo(SimpleUploadedFile("scherm.png", output.getvalue())))
    assert max(image.size) == LONGEST_SIDE and image.format == "JPEG" and image.mode == "RGB"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"%PDF-1.4 not a photo", "not a photo we can open"),
        (b"", "not a photo we can open"),
        (b"GIF89a" + b"\x00" * 20, "not a photo we can open"),
    ],
)
def test_files_that_are_not_photos_are_refused_in_plain_language(content: bytes, message: str, settings: Any) -> None:
    settings.LANGUAGE_CODE = "en"
    from django.utils import translation

    with translation.override("en"), pytest.raises(ValidationError) as error:
        clean_photo(SimpleUploadedFile("x.jpg", content))
    assert message in error.value.messages[0]


def test_a_gif_is_refused_as_the_wrong_kind(settings: Any) -> None:
    output = io.BytesIO()
    Image.new("RGB", (10, 10)).save(output, format="GIF")
    from django.utils import translation

    with translation.override("en"), pytest.raises(ValidationError) as error:
        clean_photo(SimpleUploadedFile("x.gif", output.getvalue()))
    assert "JPEG, PNG or WebP" in error.value.messages[0]


def test_too_big_files_are_refused_before_they_are_opened(settings: Any) -> None:
    settings.BUURTSERVICE_PHOTO_MAX_MB = 1
    from django.utils import translation

    with translation.override("en"), pytest.raises(ValidationError) as error:
        clean_photo(SimpleUploadedFile("groot.jpg", b"\xff" * (1024 * 1024 + 1)))
    assert "too big" in error.value.messages[0]
