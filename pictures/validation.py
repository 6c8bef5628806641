"""Uploaded images checked by their real content: the one check for every picture and logo.

The extension and the browser's content type say nothing about a file; only opening it tells
whether it is one of the raster formats we accept. Pillow's decompression-bomb guard runs
before any pixel is decoded, so a small file that claims huge dimensions is refused without
using the memory it asks for. A refused file raises ValidationError with a message in the
active language and a code (`file_too_large`, `invalid_format`, `too_many_pixels`,
`decompression_bomb`, `invalid_image`); a form that fails validation stores nothing.

The picture library (`pictures.models.Picture`) and the organisations' logos
(`members.logos.validate_logo`) both call `validate_image` with their own limits.
"""

import contextlib
import warnings

from django.core.exceptions import ValidationError
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _
from PIL import Image, UnidentifiedImageError

ALLOWED_FORMATS = frozenset({"PNG", "JPEG", "WEBP"})


def open_image(file) -> Image.Image:
    """Open `file` with Pillow, treating its decompression-bomb warning as an error."""
    file.seek(0)
    with warnings.catch_warnings():
        # Pillow only warns between MAX_IMAGE_PIXELS and twice that; treat it as an error.
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        return Image.open(file)


def validate_image(file, *, max_bytes: int, max_side: int) -> None:
    """Raise ValidationError unless `file` is a PNG, JPEG or WebP image within the limits."""
    if file is None:
        return
    size = getattr(file, "size", None)
    if size is not None and size > max_bytes:
        raise ValidationError(
            _("The file is too large (%(size)s MB); at most %(limit)s MB are allowed.")
            % {"size": f"{size / 1024 / 1024:.1f}", "limit": f"{max_bytes / 1024 / 1024:g}"},
            code="file_too_large",
        )
    try:
        image = open_image(file)
        image_format = image.format
        width, height = image.size
        if image_format not in ALLOWED_FORMATS:
            raise ValidationError(
                _("Please upload a PNG, JPEG or WebP image; SVG and other formats are refused."),
                code="invalid_format",
            )
        if width > max_side or height > max_side:
            raise ValidationError(
                _(
                    "The image is %(width)s × %(height)s pixels; at most %(limit)s × %(limit)s "
                    "are allowed."
                )
                % {"width": width, "height": height, "limit": max_side},
                code="too_many_pixels",
            )
        # verify() checks the file's structure; load() on a fresh handle decodes the pixels,
        # which catches files that are cut off or corrupt after a valid header.
        image.verify()
        open_image(file).load()
    except ValidationError:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as error:
        raise ValidationError(
            _("The image's dimensions are implausibly large; please upload a smaller image."),
            code="decompression_bomb",
        ) from error
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as error:
        raise ValidationError(
            _("This file is not a readable PNG, JPEG or WebP image."), code="invalid_image"
        ) from error
    finally:
        with contextlib.suppress(AttributeError, ValueError, OSError):
            file.seek(0)


@deconstructible
class ImageValidator:
    """`validate_image` with fixed limits, usable as a model field's validator."""

    def __init__(self, *, max_bytes: int, max_side: int):
        self.max_bytes = max_bytes
        self.max_side = max_side

    def __eq__(self, other):
        return isinstance(other, ImageValidator) and (self.max_bytes, self.max_side) == (
            other.max_bytes,
            other.max_side,
        )

    def __call__(self, file) -> None:
        if getattr(file, "_committed", False):
            return  # stored earlier, and checked when it was uploaded
        validate_image(file, max_bytes=self.max_bytes, max_side=self.max_side)
