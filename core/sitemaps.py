"""The sitemap: an index (/sitemap.xml) of sections (/sitemap-<section>.xml), each page listing
at most `PAGE_SIZE` addresses, every public page in German and English with hreflang
alternates and the German page as x-default.

Each app declares its sections in its `sitemaps.py` (`register_section("events",
EventSitemap, position=…)`, a `BilingualSitemap`) and the pages of the "pages" section that are
no object's (`register_pages("events:list", "events:archive", position=…)`); see `core.portal`.

One document of every page grew with the directory (38,000 addresses, 9.5 MB and 242 MB of
worker memory at 10,000 organisations; past the protocol's 50,000 addresses at 100,000). Now:

- Each section page reads one page of its objects (`_LanguagePairs`): Django's i18n sitemap
  builds the list of every object of the section for each page and for the index.
- The index counts each section and takes its newest change with one aggregate, not a pass
  over every object.
- Each rendered page and the index are kept in Django's shared cache under the fragment keys of
  `core.fragments` (the content versions of the apps the section shows, the clock where
  it matters), so a change shows at the next request and otherwise one render serves every
  worker and crawler.
- Every address starts with PORTAL_BASE_URL (`site_urls`), never with the Host the crawler
  sent; that is also why the index is rendered here rather than by Django's `index` view, which
  builds the sections' addresses from the request's host.
"""

from collections.abc import Sequence
from functools import cached_property

from django.contrib.sitemaps import Sitemap
from django.contrib.sitemaps.views import SitemapIndexItem, x_robots_tag
from django.contrib.sitemaps.views import sitemap as sitemap_view
from django.core.paginator import Paginator
from django.db.models import Max, QuerySet
from django.http import Http404, HttpResponse
from django.template.loader import render_to_string
from django.urls import reverse

from core.fragments import cached_fragment
from core.portal import Registry
from core.site_urls import absolute_url, portal_host, portal_scheme

# Addresses per section page: far below the protocol's 50,000 (and 50 MB). With 10,000
# organisations a page of 2,000 took 0.6 s and 8 MB to render here and is 0.8 MB of XML; served
# from the cache in 5-10 ms. Even, so that both languages of an object stay on one page.
PAGE_SIZE = 2000
# The rendered pages change with their content versions; the timeout only bounds what a write
# that forgot `content_changed()` could cost (crawlers read sitemaps a few times a day).
CACHE_TIMEOUT = 3600
CACHE_ALIAS = "default"


class _LanguagePairs(Sequence):
    """(object, language) for every object of a section and every language, in the order
    Django's i18n sitemap pages them, read from the database one page at a time."""

    def __init__(self, items, languages):
        self.items = items
        self.languages = list(languages)

    @cached_property
    def _item_count(self) -> int:
        return self.items.count() if isinstance(self.items, QuerySet) else len(self.items)

    def __len__(self) -> int:
        return self._item_count * len(self.languages)

    def __getitem__(self, index):
        if not isinstance(index, slice):
            pairs = self[index : index + 1]
            if not pairs:
                raise IndexError(index)
            return pairs[0]
        start, stop, step = index.indices(len(self))
        if step != 1:
            raise ValueError("pages are read in order")
        size = len(self.languages)
        first, last = start // size, -(-stop // size)
        pairs = [(item, language) for item in self.items[first:last] for language in self.languages]
        offset = first * size
        return pairs[start - offset : stop - offset]


class BilingualSitemap(Sitemap):
    """A section: locations on the portal's configured address, not on the Host the crawler
    sent; paged by `PAGE_SIZE` addresses without reading the whole section."""

    i18n = True
    alternates = True
    x_default = True
    limit = PAGE_SIZE
    # The content apps whose data decides which addresses the section lists (the cache key),
    # and the clock where that changes by itself (scheduled news, posts that expire).
    content_apps: tuple[str, ...] = ()
    per: str | None = None
    # The expression of an object's last change, for the index's <lastmod> (one aggregate).
    lastmod_expression = None

    def get_protocol(self, protocol=None):
        return portal_scheme()

    def get_domain(self, site=None):
        return portal_host()

    @property
    def paginator(self):
        return Paginator(_LanguagePairs(self.items(), self._languages()), self.limit)

    def get_latest_lastmod(self):
        if self.lastmod_expression is None:
            return None
        latest = self.items().order_by().aggregate(latest=Max(self.lastmod_expression))
        return latest["latest"]


class StaticPagesSitemap(BilingualSitemap):
    """The pages that are no object's: the home page and each app's lists and statements
    (`register_pages()`)."""

    changefreq = "weekly"
    priority = 0.8

    def items(self):
        return [name for names in pages.values() for name in names]

    def location(self, item):
        return reverse(item)


sections = Registry("sitemap section")
pages = Registry("sitemap page")


def register_section(name: str, sitemap_class: type[BilingualSitemap], *, position: int):
    """A section of the index, /sitemap-<name>.xml, listing `sitemap_class`'s items."""
    return sections.register(name, sitemap_class, position=position)


def register_pages(*url_names: str, position: int) -> None:
    """Pages of the "pages" section, by URL name, in this order."""
    pages.register(url_names[0], url_names, position=position)


register_section("pages", StaticPagesSitemap, position=10)
# The portal's home page (the root URLconf's "home") leads the pages.
register_pages("home", position=10)


def index_apps() -> tuple[str, ...]:
    """The content apps of every section: the index changes with any of them."""
    return tuple(sorted({app for section in sections.values() for app in section.content_apps}))


def _xml_response(content: str) -> HttpResponse:
    return HttpResponse(content, content_type="application/xml")


def _render_index(request) -> str:
    entries = []
    for section, sitemap_class in sections.items():
        site = sitemap_class()
        location = absolute_url(reverse("sitemap_section", kwargs={"section": section}))
        lastmod = site.get_latest_lastmod()
        entries.append(SitemapIndexItem(location, lastmod))
        entries += [
            SitemapIndexItem(f"{location}?p={page}", lastmod)
            for page in range(2, site.paginator.num_pages + 1)
        ]
    return render_to_string("sitemap_index.xml", {"sitemaps": entries}, request=request)


@x_robots_tag
def index(request):
    """/sitemap.xml: every page of every section."""
    return _xml_response(
        cached_fragment(
            request,
            "sitemap:index",
            index_apps(),
            lambda: _render_index(request),
            per="minute",
            cache_alias=CACHE_ALIAS,
            address=request.path,
            timeout=CACHE_TIMEOUT,
        )
    )


@x_robots_tag
def section(request, section):
    """/sitemap-<section>.xml?p=<page>: one page of one section (Django's sitemap view)."""
    sitemap_class = sections.get(section)
    page = request.GET.get("p", "1")
    if sitemap_class is None or not page.isdigit():
        raise Http404("No such sitemap page")
    # Keyed by section and page alone: other parameters never make another copy.
    address = f"{request.path}?p={int(page)}"

    def render() -> str:
        response = sitemap_view(request, dict(sections), section=section)
        return response.render().content.decode()

    return _xml_response(
        cached_fragment(
            request,
            f"sitemap:{section}",
            sitemap_class.content_apps,
            render,
            per=sitemap_class.per,
            cache_alias=CACHE_ALIAS,
            address=address,
            timeout=CACHE_TIMEOUT,
        )
    )
