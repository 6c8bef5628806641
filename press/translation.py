"""Press texts in German and English (django-modeltranslation; see README)."""

from modeltranslation.translator import TranslationOptions, register

from .models import PressContact, PressKitFile, SpecialistArticle


@register(PressContact)
class PressContactTranslationOptions(TranslationOptions):
    fields = ("role",)


@register(PressKitFile)
class PressKitFileTranslationOptions(TranslationOptions):
    fields = ("title", "description")
    required_languages = {"de": ("title",)}


@register(SpecialistArticle)
class SpecialistArticleTranslationOptions(TranslationOptions):
    fields = ("summary",)
