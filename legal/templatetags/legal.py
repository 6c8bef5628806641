"""Turn the plain text managers write for the legal pages into safe, structured HTML.

The syntax is deliberately small (see LegalPage.body's help text): blank line = new paragraph,
line break = line break, "## " heading, "### " subheading, "- " list item. Everything is
escaped first; only web and e-mail addresses become links.
"""

import re

from django import template
from django.utils.html import format_html, urlize
from django.utils.safestring import SafeString, mark_safe

register = template.Library()

HEADINGS = {"## ": "h2", "### ": "h3"}
LIST_ITEM = "- "


def _inline(text: str) -> str:
    return urlize(text.strip(), nofollow=True, autoescape=True)


class _Builder:
    def __init__(self):
        self.parts: list[str] = []
        self.paragraph: list[str] = []
        self.items: list[str] = []

    def flush(self):
        if self.paragraph:
            self.parts.append("<p>" + "<br>".join(self.paragraph) + "</p>")
            self.paragraph = []
        if self.items:
            self.parts.append("<ul>" + "".join(f"<li>{item}</li>" for item in self.items) + "</ul>")
            self.items = []

    def line(self, line: str):
        for marker, tag in sorted(HEADINGS.items(), key=lambda pair: -len(pair[0])):
            if line.startswith(marker):
                self.flush()
                self.parts.append(format_html("<{}>{}</{}>", tag, line[len(marker) :].strip(), tag))
                return
        if line.startswith(LIST_ITEM):
            if self.paragraph:
                self.flush()
            self.items.append(_inline(line[len(LIST_ITEM) :]))
            return
        if self.items:
            self.flush()
        self.paragraph.append(_inline(line))


@register.filter
def legal_text(value: str | None) -> SafeString:
    builder = _Builder()
    text = (value or "").replace("\r\n", "\n").replace("\r", "\n")
    for block in re.split(r"\n[ \t]*\n", text):
        for line in block.split("\n"):
            if line.strip():
                builder.line(line.rstrip())
        builder.flush()
    # Every piece above was escaped (format_html, urlize with autoescape).
    return mark_safe("\n".join(builder.parts))  # noqa: S308
