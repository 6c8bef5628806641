"""Cooperation texts kept in German and English (django-modeltranslation; see README)."""

from modeltranslation.translator import TranslationOptions, register

from .models import Cooperation


@register(Cooperation)
class CooperationTranslationOptions(TranslationOptions):
    fields = ("title", "summary", "goals", "description", "outcomes")
    required_languages = {"de": ("title",)}
