"""Event texts kept in German and English (django-modeltranslation; see README)."""

from modeltranslation.translator import TranslationOptions, register

from .models import Event, JointStand, Session


@register(Event)
class EventTranslationOptions(TranslationOptions):
    fields = ("title", "summary", "description")
    required_languages = {"de": ("title",)}


@register(Session)
class SessionTranslationOptions(TranslationOptions):
    fields = ("title", "description")
    required_languages = {"de": ("title",)}


@register(JointStand)
class JointStandTranslationOptions(TranslationOptions):
    fields = ("title", "description")
    required_languages = {"de": ("title",)}
