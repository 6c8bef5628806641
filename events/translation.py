"""Event texts kept in German and English (django-modeltranslation; see README)."""

from modeltranslation.translator import TranslationOptions, register

from .models import Event, Session


@register(Event)
class EventTranslationOptions(TranslationOptions):
    fields = ("title", "summary", "description", "fee_includes")
    required_languages = {"de": ("title",)}


@register(Session)
class SessionTranslationOptions(TranslationOptions):
    fields = ("title", "description")
    required_languages = {"de": ("title",)}
