"""Texts kept in two languages (django-modeltranslation) on the visitor's page.

An English page shows the German text where no English one is written; these tags mark such a
text with `lang="de"` (so that screen readers pronounce it in German, WCAG 3.1.2) and say so.
"""

from django import template
from django.conf import settings
from django.template.defaultfilters import linebreaks_filter
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from modeltranslation.utils import build_localized_fieldname

register = template.Library()


def falls_back(obj, field: str) -> bool:
    """True when `obj.<field>` shows the German text because the visitor's one is empty."""
    default = settings.MODELTRANSLATION_DEFAULT_LANGUAGE
    language = (get_language() or default).split("-")[0]
    if language == default or obj is None:
        return False
    if getattr(obj, build_localized_fieldname(field, language), None):
        return False
    return bool(getattr(obj, build_localized_fieldname(field, default), None))


@register.filter
def fallback_lang(obj, field: str):
    """` lang="de"` for an element whose text falls back to German, else nothing."""
    if falls_back(obj, field):
        return format_html(' lang="{}"', settings.MODELTRANSLATION_DEFAULT_LANGUAGE)
    return ""


@register.simple_tag
def translated_field(obj, field: str, paragraphs: bool = True, css_class: str = ""):
    """The text in the visitor's language; German with a note where no translation exists."""
    text = getattr(obj, field, "") or ""
    if not text:
        return ""
    body = linebreaks_filter(text, autoescape=True) if paragraphs else conditional_escape(text)
    class_attr = format_html(' class="{}"', css_class) if css_class else ""
    if not falls_back(obj, field):
        return format_html("<div{}>{}</div>", class_attr, body)
    return format_html(
        '<div{} lang="{}">{}</div><p class="fallback-note small text-body-secondary">{}</p>',
        class_attr,
        settings.MODELTRANSLATION_DEFAULT_LANGUAGE,
        body,
        _("This text is available in German only."),
    )


@register.simple_tag
def fallback_note(obj, *fields: str):
    """The note alone, for pages that lay out a translated text themselves."""
    if any(falls_back(obj, field) for field in fields):
        return format_html(
            '<p class="fallback-note small text-body-secondary">{}</p>',
            _("This text is available in German only."),
        )
    return mark_safe("")  # noqa: S308 - an empty string
