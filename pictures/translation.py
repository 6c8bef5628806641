"""The picture texts in German and English (django-modeltranslation; see README)."""

from modeltranslation.translator import TranslationOptions, register

from .models import Picture


@register(Picture)
class PictureTranslationOptions(TranslationOptions):
    fields = ("alt_text", "caption")
