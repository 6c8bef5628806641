"""Texts kept in two languages (django-modeltranslation) on the visitor's page.

An English page shows the German text where no English one is written (and a German page the
English text an applicant wrote on the English site); these tags mark such a text with its
language (so that screen readers pronounce it right, WCAG 3.1.2) and say so. These tags are the
one place that does it, on every page that shows such texts, the legal pages included:

    <h1{{ obj|fallback_lang:"title" }}>{{ obj.title }}</h1>   the `lang` attribute alone
    {% fallback_note obj "title" "summary" %}                  the note alone
    {% translated_field obj "description" %}                   text, `lang` and note together
"""

from django import template
from django.conf import settings
from django.template.defaultfilters import linebreaks_filter
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from modeltranslation.utils import build_localized_fieldname, resolution_order

register = template.Library()


def shown_language(obj, field: str) -> str | None:
    """The language of the text `obj.<field>` shows, when it is not the page's own.

    modeltranslation reads the page's language first, then the fallback languages
    (MODELTRANSLATION_FALLBACK_LANGUAGES); this follows the same order.
    """
    if obj is None:
        return None
    language = (get_language() or settings.LANGUAGE_CODE).split("-")[0]
    order = resolution_order(language)
    if getattr(obj, build_localized_fieldname(field, language), None):
        return None
    for code in order[1:] if order and order[0] == language else order:
        if getattr(obj, build_localized_fieldname(field, code), None):
            return code
    return None


def _note(language: str) -> str:
    notes = {
        "de": _("This text is available in German only."),
        "en": _("This text is available in English only."),
    }
    return notes.get(language, notes["de"])


def _lang_attribute(language: str | None):
    return format_html(' lang="{}"', language) if language else ""


def _note_paragraph(language: str | None):
    if not language:
        return mark_safe("")  # noqa: S308 - an empty string
    return format_html('<p class="fallback-note small text-body-secondary">{}</p>', _note(language))


@register.filter
def fallback_lang(obj, field: str):
    """` lang="de"` for an element whose text falls back to another language, else nothing."""
    return _lang_attribute(shown_language(obj, field))


@register.simple_tag
def translated_field(obj, field: str, paragraphs: bool = True, css_class: str = ""):
    """The text in the visitor's language; another language's text marked and noted."""
    text = getattr(obj, field, "") or ""
    if not text:
        return ""
    body = linebreaks_filter(text, autoescape=True) if paragraphs else conditional_escape(text)
    class_attr = format_html(' class="{}"', css_class) if css_class else ""
    language = shown_language(obj, field)
    return format_html(
        "<div{}{}>{}</div>{}",
        class_attr,
        _lang_attribute(language),
        body,
        _note_paragraph(language),
    )


@register.simple_tag
def fallback_note(obj, *fields: str):
    """The note alone, for pages that lay out a translated text themselves (`fallback_lang`
    marks the elements): said once for the first of `fields` that falls back."""
    for field in fields:
        language = shown_language(obj, field)
        if language:
            return _note_paragraph(language)
    return _note_paragraph(None)
