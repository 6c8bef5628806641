"""The responsive sizes of a picture, made once when the picture is saved (never per request).

Each size is written twice: as WebP, which every current browser shows, and as a fallback
(JPEG, or PNG where the picture has transparency) for the others. Pages name them in a
`<picture>` element with `srcset`, and the browser fetches the one that fits. A size is only
made smaller than the original, never larger; a picture narrower than the smallest width gets
one size, its own.
"""

import io
from pathlib import PurePosixPath

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from PIL import Image, ImageOps

from .validation import open_image

# Widths in CSS pixels: a phone, a column on a desktop, a full-width picture on a large screen.
WIDTHS = (480, 960, 1600)
WEBP_QUALITY = 80
JPEG_QUALITY = 85
FOLDER = "pictures/sizes"


def _has_alpha(image: Image.Image) -> bool:
    return image.mode in ("RGBA", "LA", "PA") or (
        image.mode == "P" and "transparency" in image.info
    )


def _encoded(image: Image.Image, image_format: str) -> bytes:
    buffer = io.BytesIO()
    if image_format == "WEBP":
        image.save(buffer, format="WEBP", quality=WEBP_QUALITY, method=4)
    elif image_format == "JPEG":
        image.convert("RGB").save(
            buffer, format="JPEG", quality=JPEG_QUALITY, optimize=True, progressive=True
        )
    else:
        image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


def target_widths(width: int) -> list[int]:
    widths = [target for target in WIDTHS if target < width]
    return widths + [min(width, WIDTHS[-1])] if width <= WIDTHS[-1] else widths


def make_renditions(original, *, stem: str) -> list[dict]:
    """Write every size of `original` (an open file) to storage; a list of its sizes.

    Each entry: {"width", "height", "webp": storage name, "fallback": storage name,
    "fallback_type": "image/jpeg" or "image/png"}.
    """
    image = open_image(original)
    image.load()
    # A photo taken upright but stored sideways (EXIF orientation) is shown as it was taken.
    image = ImageOps.exif_transpose(image)
    alpha = _has_alpha(image)
    image = image.convert("RGBA" if alpha else "RGB")
    fallback_format, extension, mimetype = (
        ("PNG", "png", "image/png") if alpha else ("JPEG", "jpg", "image/jpeg")
    )
    sizes = []
    for width in target_widths(image.width):
        height = max(1, round(image.height * width / image.width))
        resized = image if width == image.width else image.resize((width, height), Image.LANCZOS)
        names = {}
        for key, image_format, suffix in (
            ("webp", "WEBP", "webp"),
            ("fallback", fallback_format, extension),
        ):
            name = f"{FOLDER}/{stem}-{width}.{suffix}"
            names[key] = default_storage.save(name, ContentFile(_encoded(resized, image_format)))
        sizes.append(
            {
                "width": width,
                "height": height,
                "webp": names["webp"],
                "fallback": names["fallback"],
                "fallback_type": mimetype,
            }
        )
    return sizes


def delete_renditions(sizes: list[dict]) -> None:
    for size in sizes or []:
        for key in ("webp", "fallback"):
            if size.get(key):
                default_storage.delete(size[key])


def stem_of(name: str) -> str:
    return PurePosixPath(name).stem
