from django.core.files.base import ContentFile

from pictures.models import Picture

from .base import unique
from .files import image_bytes


def make_picture(*, size=(1200, 800), image_format="JPEG", **overrides) -> Picture:
    """A published picture of the library (alternative texts in both languages, a credit) whose
    file Pillow made; its sizes are made as it is saved."""
    title = overrides.pop("title", None) or unique("Bild")
    values = {
        "alt_text_de": "Ein blaues Rechteck.",
        "alt_text_en": "A blue rectangle.",
        "caption_de": "Bildunterschrift",
        "caption_en": "Caption",
        "credit": "Foto: Erika Beispiel",
        "is_published": True,
    }
    values.update(overrides)
    picture = Picture(title=title, **values)
    extension = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}[image_format]
    picture.original.save(
        f"{title}.{extension}", ContentFile(image_bytes(image_format, size=size)), save=False
    )
    picture.save()
    return picture
