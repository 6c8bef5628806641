"""Model fields kept in German and English (django-modeltranslation; see README)."""

from modeltranslation.translator import TranslationOptions, register

from .models import LegalPage


@register(LegalPage)
class LegalPageTranslationOptions(TranslationOptions):
    fields = ("title", "body")
    # German is the source text; an empty English text falls back to it (and the page says so).
    required_languages = ("de",)
