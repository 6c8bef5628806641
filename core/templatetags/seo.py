"""Tags for search engines and sharing: canonical URLs, captured blocks and schema.org JSON-LD.

The structured data itself comes from the models (`Event.structured_data()` and the like, with
the shared pieces in core/structured_data.py); `{% jsonld %}` only renders it.
"""

import json

from django import template
from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.utils import translation
from django.utils.safestring import mark_safe

from core import structured_data
from core.site_urls import absolute_url as site_absolute_url

register = template.Library()

# The characters that could end the <script> element or open a comment inside it.
_SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


def absolute(url: str) -> str:
    """The URL on the portal's configured address (never the request's Host header)."""
    return site_absolute_url(url) if url else ""


def jsonld_script(data: dict) -> str:
    """A JSON-LD <script> element whose content cannot break out of the element."""
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, sort_keys=False)
    return mark_safe(  # noqa: S308 - every <, > and & inside is escaped above
        '<script type="application/ld+json">' + text.translate(_SCRIPT_ESCAPES) + "</script>"
    )


@register.simple_tag
def jsonld(data):
    """`{% jsonld event.structured_data %}`: the dict as a JSON-LD script; nothing for None."""
    return jsonld_script(data) if data else ""


@register.simple_tag
def site_jsonld():
    """The home page's structured data: the WebSite with its search, and the network."""
    return jsonld_script(structured_data.website()) + jsonld_script(structured_data.network())


@register.simple_tag(takes_context=True)
def absolute_url(context, url):
    return absolute(url)


@register.simple_tag(takes_context=True)
def canonical_url(context):
    """The page's address without tracking or filter parameters; later pages keep their number."""
    request = context.get("request")
    if request is None:
        return ""
    url = absolute(request.path)
    page = request.GET.get("page", "")
    if page.isdigit() and page != "1":
        url += f"?page={page}"
    return url


@register.simple_tag
def og_locale(language_code=None):
    code = language_code or translation.get_language() or settings.LANGUAGE_CODE
    return {"de": "de_DE", "en": "en_GB"}.get(code.split("-")[0], "de_DE")


class CaptureNode(template.Node):
    # "nodelist" is searched by {% extends %}, so a {% block %} inside stays overridable.
    child_nodelists = ("nodelist",)

    def __init__(self, nodelist, variable):
        self.nodelist = nodelist
        self.variable = variable

    def render(self, context):
        # The captured output is already escaped by the template; keep it from escaping twice.
        context[self.variable] = mark_safe(self.nodelist.render(context).strip())  # noqa: S308
        return ""


@register.tag
def capture(parser, token):
    """{% capture as name %}…{% endcapture %}: render once, use the result several times.

    base.html wraps its title and description blocks in it, so the <title>, the meta
    description and the Open Graph tags all show what a page puts in those blocks.
    """
    bits = token.split_contents()
    if len(bits) != 3 or bits[1] != "as":
        raise template.TemplateSyntaxError("Usage: {% capture as variable %}…{% endcapture %}")
    nodelist = parser.parse(("endcapture",))
    parser.delete_first_token()
    return CaptureNode(nodelist, bits[2])
