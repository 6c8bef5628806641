"""Logo uploads: checked by the picture library's one image check, and shrunk to thumbnails.

The check (`pictures.validation.validate_image`) opens the file with Pillow and judges it by
its real content, refusing disguised, oversized and decompression-bomb files with a message in
the visitor's language; the logo's limits are smaller than the library's.
"""

import io
from pathlib import PurePosixPath

from django.core.files.base import ContentFile

from core.fragments import content_changed
from pictures.validation import open_image as _open
from pictures.validation import validate_image

MAX_BYTES = 2 * 1024 * 1024
MAX_SIDE = 4000
THUMBNAIL_SIZES = {"logo_thumbnail": 160, "logo_thumbnail_large": 320}


def validate_logo(file) -> None:
    """Raise ValidationError unless `file` is a PNG, JPEG or WebP image within the logo's
    limits: the picture library's check (pictures/validation.py), with 2 MB and 4000 pixels."""
    validate_image(file, max_bytes=MAX_BYTES, max_side=MAX_SIDE)


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
