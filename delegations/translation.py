"""Delegation texts kept in German and English (django-modeltranslation; see README)."""

from modeltranslation.translator import TranslationOptions, register

from .models import DelegationVisit, ProgrammeItem


@register(DelegationVisit)
class DelegationVisitTranslationOptions(TranslationOptions):
    fields = ("title", "topics", "summary", "description")
    required_languages = {"de": ("title",)}


@register(ProgrammeItem)
class ProgrammeItemTranslationOptions(TranslationOptions):
    fields = ("title",)
    required_languages = {"de": ("title",)}
