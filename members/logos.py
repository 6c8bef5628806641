"""Logo uploads: checked with Pillow by their real content, and shrunk to thumbnails.

The extension and the browser's content type say nothing about a file; only opening it
tells whether it is one of the raster formats we accept. Pillow's decompression-bomb guard
runs before any pixel is decoded, so a small file that claims huge dimensions is refused
without using the memory it asks for.
"""

import contextlib
import io
import warnings
from pathlib import PurePosixPath

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.translation import gettext_lazy as _
from PIL import Image, UnidentifiedImageError

from core.fragments import content_changed

ALLOWED_FORMATS = {"PNG", "JPEG", "WEBP"}
MAX_BYTES = 2 * 1024 * 1024
MAX_SIDE = 4000
THUMBNAIL_SIZES = {"logo_thumbnail": 160, "logo_thumbnail_large": 320}


def _open(file) -> Image.Image:
    file.seek(0)
    with warnings.catch_warnings():
        # Pillow only warns between MAX_IMAGE_PIXELS and twice that; treat it as an error.
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        return Image.open(file)


def validate_logo(file) -> None:
    """Raise ValidationError unless `file` is a PNG, JPEG or WebP image within the limits."""
    if file is None:
        return
    size = getattr(file, "size", None)
    if size is not None and size > MAX_BYTES:
        raise ValidationError(
            _("The logo is too large (%(size)s MB); at most 2 MB are allowed.")
            % {"size": f"{size / 1024 / 1024:.1f}"},
            code="file_too_large",
        )
    try:
        image = _open(file)
        image_format = image.format
        width, height = image.size
        if image_format not in ALLOWED_FORMATS:
            raise ValidationError(
                _("Please upload a PNG, JPEG or WebP image; SVG and other formats are refused."),
                code="invalid_format",
            )
        if width > MAX_SIDE or height > MAX_SIDE:
            raise ValidationError(
                _("The logo is %(width)s × %(height)s pixels; at most 4000 × 4000 are allowed.")
                % {"width": width, "height": height},
                code="too_many_pixels",
            )
        # verify() checks the file's structure; load() on a fresh handle decodes the pixels,
        # which catches files that are cut off or corrupt after a valid header.
        image.verify()
        _open(file).load()
    except ValidationError:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as error:
        raise ValidationError(
            _("The logo's dimensions are implausibly large; please upload a smaller image."),
            code="decompression_bomb",
        ) from error
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as error:
        raise ValidationError(
            _("This file is not a readable PNG, JPEG or WebP image."), code="invalid_image"
        ) from error
    finally:
        with contextlib.suppress(AttributeError, ValueError, OSError):
            file.seek(0)


def thumbnail_bytes(file, side: int) -> bytes:
    """A WebP at most `side` pixels wide and high, keeping transparency."""
    image = _open(file)
    image.load()
    image = image.convert("RGBA") if image.mode not in ("RGB", "RGBA") else image
    image.thumbnail((side, side))
    buffer = io.BytesIO()
    image.save(buffer, format="WEBP", quality=85)
    return buffer.getvalue()


def refresh_thumbnails(organisation) -> bool:
    """Make the organisation's thumbnails match its logo; return whether anything changed.

    Thumbnails are named after the logo, so an unchanged logo is not processed again.
    """
    changed = []
    stem = PurePosixPath(organisation.logo.name).stem if organisation.logo else ""
    for field_name, side in THUMBNAIL_SIZES.items():
        field = getattr(organisation, field_name)
        expected_prefix = f"logos/thumbnails/{stem}-{side}" if stem else ""
        if stem and field.name and field.name.startswith(expected_prefix):
            continue
        if not stem and not field.name:
            continue
        if field.name:
            field.delete(save=False)
        if stem:
            with organisation.logo.open("rb") as source:
                content = thumbnail_bytes(source, side)
            field.save(f"{stem}-{side}.webp", ContentFile(content), save=False)
        changed.append(field_name)
    if changed:
        type(organisation).objects.filter(pk=organisation.pk).update(
            **{name: getattr(organisation, name).name or "" for name in changed}
        )
        # update() sends no signal the fragment cache hears: the directory and the profile show it.
        content_changed("members", f"members:profile:{organisation.pk}")
    return bool(changed)
