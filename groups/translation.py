"""Working-group texts kept in German and English (django-modeltranslation; see README)."""

from modeltranslation.translator import TranslationOptions, register

from .models import GroupDocument, WorkingGroup


@register(WorkingGroup)
class WorkingGroupTranslationOptions(TranslationOptions):
    fields = ("name", "topic", "description")
    required_languages = {"de": ("name", "topic")}


@register(GroupDocument)
class GroupDocumentTranslationOptions(TranslationOptions):
    fields = ("title",)
    required_languages = {"de": ("title",)}
