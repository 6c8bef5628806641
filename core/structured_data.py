"""schema.org structured data (JSON-LD): the pieces the models share.

Each model that search engines see returns its own data, built from its real fields only
(`Event.structured_data()`, `Organisation.structured_data()`, `NewsItem.structured_data()`,
`Region.structured_data()`, `Cooperation.structured_data()`); the `{% jsonld %}` tag of
core/templatetags/seo.py only renders the dict. A property whose field is empty is
left out rather than filled with a guess: `compact()` and `thing()` drop empty values.
Links are absolute on the portal's address (core/site_urls.py), never the Host
header of the request at hand.
"""

from django.urls import reverse
from django.utils import timezone, translation
from django.utils.html import strip_tags
from django.utils.text import Truncator
from django.utils.translation import gettext

from .site_urls import absolute_url

SCHEMA = "https://schema.org"
EMPTY = (None, "", [], {})
# The placeholder of the site search's URL template (WebSite → SearchAction).
SEARCH_TERM = "search_term_string"


def compact(data: dict) -> dict:
    """`data` without empty values, so that the markup never claims a blank property."""
    return {key: value for key, value in data.items() if value not in EMPTY}


def thing(schema_type: str, **properties) -> dict | None:
    """A schema.org item of `schema_type` with the non-empty `properties`; None if none is."""
    values = compact(properties)
    return {"@type": schema_type, **values} if values else None


def one_or_many(items: list):
    """A single item as itself, several as a list, none as None."""
    items = [item for item in items if item not in EMPTY]
    if not items:
        return None
    return items[0] if len(items) == 1 else items


def enumeration(member: str) -> str:
    """A schema.org enumeration member as its URL, e.g. https://schema.org/InStock."""
    return f"{SCHEMA}/{member}"


def iso(value) -> str | None:
    """A date or time in ISO 8601; aware times in the portal's time zone."""
    if value is None:
        return None
    if hasattr(value, "tzinfo") and timezone.is_aware(value):
        value = timezone.localtime(value)
    return value.isoformat()


def plain_text(text: str, length: int) -> str:
    """Text without markup, cut at a word boundary to at most `length` characters."""
    return Truncator(strip_tags(text or "").strip()).chars(length)


def page_url(obj) -> str:
    """The absolute address of `obj`'s page."""
    return absolute_url(obj.get_absolute_url())


def file_url(file) -> str:
    """The absolute address of an uploaded file, "" for an empty file field."""
    return absolute_url(file.url) if file else ""


def language() -> str:
    return translation.get_language() or ""


def site_name() -> str:
    return gettext("Health economy network")


def network_organization() -> dict:
    """The network that runs the portal, as pages name it (publisher, memberOf).

    There is no logo file of the network (the favicon is an icon, not a logo) and no profile
    elsewhere that we could name in sameAs, so neither is claimed.
    """
    return {"@type": "Organization", "name": site_name(), "url": absolute_url(reverse("home"))}


def website() -> dict:
    """The portal as a WebSite, with its site search as a SearchAction."""
    search = absolute_url(reverse("search")) + f"?q={{{SEARCH_TERM}}}"
    return {
        "@context": SCHEMA,
        "@type": "WebSite",
        "name": site_name(),
        "url": absolute_url(reverse("home")),
        "inLanguage": language(),
        "publisher": network_organization(),
        "potentialAction": {
            "@type": "SearchAction",
            "target": {"@type": "EntryPoint", "urlTemplate": search},
            "query-input": f"required name={SEARCH_TERM}",
        },
    }


def network() -> dict:
    """The network's Organization for the home page."""
    return {"@context": SCHEMA, **network_organization()}
