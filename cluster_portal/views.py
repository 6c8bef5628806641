"""The site-wide pages of the portal: home, the search across apps, robots.txt, the favicon,
the health check and the error pages. Each app's own pages are in its `views.py`."""

import sys

from django.conf import settings
from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent
from django.core.paginator import Paginator
from django.db import DatabaseError, InterfaceError, OperationalError, connection
from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.template import loader
from django.template.loader import render_to_string
from django.urls import reverse
from django.views import defaults
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from core import search as site_search
from core.fragments import cached_fragment
from core.site_urls import absolute_url
from core.views import request_too_large
from events.models import Event
from members.models import Organisation
from news.models import NewsItem
from regions.models import Region

SEARCH_HITS_PER_KIND = 5
SEARCH_PAGE_SIZE = 20
SEARCH_RESULTS_TEMPLATE = "search/_results.html"


def home(request):
    members = Organisation.objects.members()
    # Querysets only: the template evaluates them when its cached fragment has to be rendered.
    context = {
        "members": members,
        "all_regions": Region.objects.all(),
        "upcoming_events": Event.objects.upcoming(),
        "next_events": Event.objects.upcoming().select_related("region")[:4],
        "regions": Region.objects.exclude(kind=Region.Kind.STATE),
        "map_regions": Region.objects.on_map(),
        "newest_members": members.select_related("region").order_by("-joined_on", "name")[:6],
        "latest_news": NewsItem.objects.published()[:3],
    }
    return render(request, "home.html", context)


@never_cache
def health(request):
    """200 when the database answers, 503 when it does not (for load balancers)."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError:
        return JsonResponse({"status": "unavailable", "database": False}, status=503)
    return JsonResponse({"status": "ok", "database": True})


def search(request):
    """Results across kinds, grouped; with ?kind=… one kind's results page by page.

    The results are a fragment cached under the topics of every searchable kind (and the
    minute: news appear at their publication time), so a search asked again, by anyone, is
    not searched again until something it could find has changed."""
    text, shortened = site_search.clean_query(request.GET.get("q", ""))
    if text:
        results = cached_fragment(
            request,
            "search:results",
            site_search.topics(),
            lambda: search_results(request, text, shortened),
            per="minute",
        )
    else:
        results = search_results(request, text, shortened)
    return render(request, "search/results.html", {"query": text, "results": results})


def search_results(request, text: str, shortened: bool) -> str:
    context = {"query": text, "shortened": shortened, "groups": [], "total": 0}
    if not text:
        return render_to_string(SEARCH_RESULTS_TEMPLATE, context, request=request)
    if not site_search.has_search_terms(text):
        # Nothing left to search once the dictionary drops stop words ("und", "die").
        context["only_common_words"] = True
        return render_to_string(SEARCH_RESULTS_TEMPLATE, context, request=request)
    # One transaction for the search's queries, with the similarity threshold set in it once
    # (by the spelling correction, the first of them).
    with site_search.similarity_scope():
        spelling = site_search.correct_spelling(text)
        corrected = spelling.corrected
        context["spelling"] = spelling
        query = site_search.make_query(text, corrected)
        kind = site_search.kinds.get(request.GET.get("kind", ""))
        if kind is not None:
            page = Paginator(kind.ranked(query, corrected), SEARCH_PAGE_SIZE).get_page(
                request.GET.get("page")
            )
            context.update(
                kind=kind,
                page_obj=page,
                hits=[kind.hit(obj) for obj in page],
                total=page.paginator.count,
            )
        else:
            for each in site_search.kinds.values():
                found, count = each.best(query, corrected, SEARCH_HITS_PER_KIND)
                if count:
                    hits = [each.hit(obj) for obj in found]
                    context["groups"].append({"kind": each, "count": count, "hits": hits})
                    context["total"] += count
        # Rendered inside the transaction: the hits' snippets and URLs are read from it.
        return render_to_string(SEARCH_RESULTS_TEMPLATE, context, request=request)


@require_GET
def robots_txt(request):
    sitemap = absolute_url(reverse("sitemap"))
    lines = ["User-agent: *", "Disallow: /admin/", "Allow: /", "", f"Sitemap: {sitemap}", ""]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")


FAVICON = settings.BASE_DIR / "static" / "icons" / "favicon.ico"


@require_GET
def favicon(request):
    """/favicon.ico, which browsers and crawlers ask for whatever the page links."""
    response = HttpResponse(FAVICON.read_bytes(), content_type="image/x-icon")
    response["Cache-Control"] = "public, max-age=86400"
    return response


def bad_request(request, exception):
    """Django's 400 page, except that a request over a size limit is told so (413)."""
    if isinstance(exception, (RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent)):
        return request_too_large(request)
    return defaults.bad_request(request, exception)


# How long a client should wait before it asks again while the database is out of reach.
DATABASE_RETRY_AFTER_SECONDS = 30


def _database_unreachable(error) -> bool:
    while error is not None:
        if isinstance(error, (OperationalError, InterfaceError)):
            return True
        error = error.__cause__ or error.__context__
    return False


def server_error(request):
    """Django's 500 page, except that a database out of reach (stopped, restarting, its
    connections refused) is a 503: the visitor's request was fine and will work again."""
    if _database_unreachable(sys.exc_info()[1]):
        return database_unavailable(request)
    return defaults.server_error(request)


def database_unavailable(request):
    # Rendered without the request: no context processor, session or user may touch the
    # database that is down.
    response = HttpResponse(loader.render_to_string("503.html"), status=503)
    response["Retry-After"] = str(DATABASE_RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response
