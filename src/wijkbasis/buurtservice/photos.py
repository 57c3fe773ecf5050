"""Photos of a job: checked, re-encoded and stripped before they are stored.

Only JPEG, PNG and WebP are taken, up to BUURTSERVICE_PHOTO_MAX_MB and 50 megapixels; each is
opened with Pillow, turned upright by its EXIF orientation, scaled to at most 1600 pixels and
saved again as a new JPEG. The new file holds the pixels only: no EXIF (so no GPS position,
camera or date), no other metadata, nothing of the original file's bytes.
"""

from __future__ import annotations

import io
import uuid
import warnings

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

ACCEPTED_FORMATS = {"JPEG", "PNG", "WEBP", "MPO"}  # MPO: what some phones call their JPEGs
MAX_PIXELS = 50_000_000
LONGEST_SIDE = 1600
MAX_PHOTOS = 4


def clean_photo(upload: UploadedFile[bytes]) -> ContentFile[bytes]:
    """The upload as a new, clean JPEG; a ValidationError in plain language when it cannot be."""
    limit = settings.BUURTSERVICE_PHOTO_MAX_MB * 1024 * 1024
    if upload.size is None or upload.size > limit:
        raise ValidationError(
            _("This photo is too big. A photo can be %(mb)s MB at most.") % {"mb": settings.BUURTSERVICE_PHOTO_MAX_MB}
        )
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(upload)
            if image.format not in ACCEPTED_FORMATS:
                raise ValidationError(_("Send a photo as JPEG, PNG or WebP."))
            if image.width * image.height > MAX_PIXELS:
                raise ValidationError(_("This photo has too many pixels. Send a smaller one."))
            image.load()
    except (
        UnidentifiedImageError,
        OSError,
        SyntaxError,
        ValueError,
        Image.DecompressionBombWarning,
        Image.DecompressionBombError,
    ):
        raise ValidationError(_("This file is not a photo we can open. Send a photo as JPEG, PNG or WebP.")) from None
    upright = ImageOps.exif_transpose(image) or image
    if upright.mode not in ("RGB", "L"):
        background = Image.new("RGB", upright.size, "white")
        rgba = upright.convert("RGBA")
        background.paste(rgba, mask=rgba.getchannel("A"))
        upright = background
    elif upright.mode == "L":
        upright = upright.convert("RGB")
    upright.thumbnail((LONGEST_SIDE, LONGEST_SIDE))
    clean = Image.new("RGB", upright.size)
    clean.paste(upright)  # a fresh image: no info dictionary, no EXIF carried over
    output = io.BytesIO()
    clean.save(output, format="JPEG", quality=82, optimize=True)
    return ContentFile(output.getvalue(), name=f"{uuid.uuid4().hex}.jpg")
