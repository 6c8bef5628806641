"""Region texts kept in German and English (django-modeltranslation; see README)."""

from modeltranslation.translator import TranslationOptions, register

from .models import KeyFigure, Region, RegionBody, RegionContact


@register(Region)
class RegionTranslationOptions(TranslationOptions):
    fields = ("summary", "description")


@register(KeyFigure)
class KeyFigureTranslationOptions(TranslationOptions):
    fields = ("label",)
    # The German label is the figure's name (unique per region and year).
    required_languages = ("de",)
    # An empty English label is NULL, never "": the per-language copies of the unique
    # (region, label, year) constraint must not treat two missing labels as equal.
    empty_values = {"label": None}


@register(RegionContact)
class RegionContactTranslationOptions(TranslationOptions):
    fields = ("role",)


@register(RegionBody)
class RegionBodyTranslationOptions(TranslationOptions):
    fields = ("role",)
