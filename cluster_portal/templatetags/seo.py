"""Tags for search engines and sharing: canonical URLs, captured blocks and schema.org JSON-LD.

Models other apps are still extending are read with getattr and sensible defaults, so that
the tags work with today's fields and pick up new ones (fees, venues, logos) without change.
"""

import json
from decimal import Decimal

from django import template
from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.utils import timezone, translation
from django.utils.html import strip_tags
from django.utils.safestring import mark_safe
from django.utils.translation import gettext

from cluster_portal.site_urls import absolute_url as site_absolute_url

register = template.Library()

SCHEMA = "https://schema.org"
HEADLINE_LENGTH = 110

# The characters that could end the <script> element or open a comment inside it.
_SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


def site_name() -> str:
    return gettext("Health economy network")


def absolute(url: str) -> str:
    """The URL on the portal's configured address (never the request's Host header)."""
    return site_absolute_url(url) if url else ""


def jsonld_script(data: dict) -> str:
    """A JSON-LD <script> element whose content cannot break out of the element."""
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, sort_keys=False)
    return mark_safe(  # noqa: S308 - every <, > and & inside is escaped above
        '<script type="application/ld+json">' + text.translate(_SCRIPT_ESCAPES) + "</script>"
    )


def _compact(data: dict) -> dict:
    """Drop empty values so that the output never claims blank properties."""
    return {key: value for key, value in data.items() if value not in (None, "", [], {})}


def _iso(value) -> str | None:
    if value is None:
        return None
    if hasattr(value, "tzinfo") and timezone.is_aware(value):
        value = timezone.localtime(value)
    return value.isoformat()


def _file_url(request, file) -> str:
    try:
        return absolute(file.url) if file else ""
    except ValueError:  # a file field without a file
        return ""


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


def _place(request, event) -> dict:
    address = _compact(
        {
            "@type": "PostalAddress",
            "streetAddress": getattr(event, "street", "") or getattr(event, "venue_street", ""),
            "postalCode": getattr(event, "postal_code", "") or getattr(event, "venue_postcode", ""),
            "addressLocality": getattr(event, "city", ""),
            "addressCountry": getattr(event, "country", "") or "DE",
        }
    )
    venue = getattr(event, "venue", None)
    name = getattr(event, "venue_name", "") or (str(venue) if venue else "") or event_city(event)
    return _compact({"@type": "Place", "name": name, "address": address})


def event_city(event) -> str:
    return getattr(event, "city", "") or ""


def _attendance_mode(event) -> str:
    has_place = bool(getattr(event, "city", "") or getattr(event, "venue_name", ""))
    if getattr(event, "is_online", False):
        return "MixedEventAttendanceMode" if has_place else "OnlineEventAttendanceMode"
    return "OfflineEventAttendanceMode"


def _event_status(event) -> str:
    status = str(getattr(event, "status", "") or "").lower()
    if getattr(event, "is_cancelled", False) or status in {"cancelled", "canceled"}:
        return "EventCancelled"
    if status == "postponed":
        return "EventPostponed"
    if status in {"rescheduled", "moved"}:
        return "EventRescheduled"
    if status in {"moved_online", "movedonline"}:
        return "EventMovedOnline"
    return "EventScheduled"


def _offers(request, event, url: str) -> dict:
    offer = {"@type": "Offer", "url": url}
    fee = getattr(event, "fee", None)
    if fee is None:
        fee = getattr(event, "price", None)
    if fee is not None and fee != "":
        offer["price"] = str(Decimal(str(fee)).quantize(Decimal("0.01")))
        offer["priceCurrency"] = getattr(event, "currency", "") or "EUR"
    elif getattr(event, "is_free", False):
        offer["price"] = "0.00"
        offer["priceCurrency"] = getattr(event, "currency", "") or "EUR"
    capacity_left = getattr(event, "places_left", None)
    if callable(capacity_left):
        capacity_left = capacity_left()
    if capacity_left is not None:
        offer["availability"] = f"{SCHEMA}/{'InStock' if capacity_left > 0 else 'SoldOut'}"
    return offer


def _organizer(request, event) -> dict:
    organiser = getattr(event, "organiser", None) or getattr(event, "organizer", None)
    if organiser is not None and hasattr(organiser, "get_absolute_url"):
        return _compact(
            {
                "@type": "Organization",
                "name": str(organiser),
                "url": absolute(organiser.get_absolute_url()),
            }
        )
    region = getattr(event, "region", None)
    name = str(organiser or "") or (
        f"{site_name()} – {region.name}" if region is not None else site_name()
    )
    return {"@type": "Organization", "name": name, "url": absolute("/")}


@register.simple_tag(takes_context=True)
def event_jsonld(context, event):
    request = context.get("request")
    url = absolute(event.get_absolute_url())
    mode = _attendance_mode(event)
    # The online link itself goes only to registered participants: point at the event page.
    virtual = {"@type": "VirtualLocation", "url": url}
    if mode == "OnlineEventAttendanceMode":
        location = virtual
    elif mode == "MixedEventAttendanceMode":
        location = [_place(request, event), virtual]
    else:
        location = _place(request, event)
    data = {
        "@context": SCHEMA,
        "@type": "Event",
        "name": event.title,
        "description": strip_tags(getattr(event, "summary", "") or "")
        or strip_tags(getattr(event, "description", "") or "")[:300],
        "url": url,
        "startDate": _iso(event.start),
        "endDate": _iso(getattr(event, "end", None)),
        "eventStatus": f"{SCHEMA}/{_event_status(event)}",
        "eventAttendanceMode": f"{SCHEMA}/{mode}",
        "location": location,
        "organizer": _organizer(request, event),
        "offers": _offers(request, event, url),
        "image": _file_url(request, getattr(event, "image", None)),
        "inLanguage": translation.get_language(),
    }
    return jsonld_script(_compact(data))


@register.simple_tag(takes_context=True)
def organisation_jsonld(context, organisation):
    request = context.get("request")
    address = _compact(
        {
            "@type": "PostalAddress",
            "streetAddress": getattr(organisation, "street", ""),
            "postalCode": getattr(organisation, "postal_code", ""),
            "addressLocality": getattr(organisation, "city", ""),
            "addressCountry": getattr(organisation, "country", ""),
        }
    )
    website = getattr(organisation, "website", "")
    data = {
        "@context": SCHEMA,
        "@type": "Organization",
        "name": organisation.name,
        "url": absolute(organisation.get_absolute_url()),
        "sameAs": [website] if website else [],
        "description": strip_tags(getattr(organisation, "description", "") or "")[:500],
        "logo": _file_url(request, getattr(organisation, "logo", None)),
        "address": address if len(address) > 1 else None,
        "email": getattr(organisation, "email", ""),
        "telephone": getattr(organisation, "phone", ""),
    }
    return jsonld_script(_compact(data))


@register.simple_tag(takes_context=True)
def news_jsonld(context, item):
    request = context.get("request")
    url = absolute(item.get_absolute_url())
    publisher = {"@type": "Organization", "name": site_name(), "url": absolute("/")}
    headline = item.title if len(item.title) <= HEADLINE_LENGTH else item.title[:109] + "…"
    image = _file_url(request, item.image)
    data = {
        "@context": SCHEMA,
        "@type": "NewsArticle",
        "headline": headline,
        "description": item.teaser,
        "url": url,
        "mainEntityOfPage": {"@type": "WebPage", "@id": url},
        "datePublished": _iso(item.published_at),
        "dateModified": _iso(max(item.updated_at, item.published_at)),
        "image": [image] if image else [],
        "author": publisher,
        "publisher": publisher,
        "articleSection": item.get_kind_display(),
        "inLanguage": translation.get_language(),
        "about": [str(field) for field in item.innovation_fields.all()],
    }
    return jsonld_script(_compact(data))
