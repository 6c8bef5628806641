from django.core.paginator import Paginator
from django.db import DatabaseError, connection
from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from events.models import Event
from members.models import Organisation
from news.models import NewsItem
from regions.models import Region

from . import search as site_search

SEARCH_HITS_PER_KIND = 5
SEARCH_PAGE_SIZE = 20


def home(request):
    members = Organisation.objects.members()
    context = {
        "member_count": members.count(),
        "region_count": Region.objects.count(),
        "upcoming_count": Event.objects.upcoming().count(),
        "next_events": Event.objects.upcoming().select_related("region")[:4],
        "regions": Region.objects.exclude(kind=Region.Kind.STATE),
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


def imprint(request):
    return render(request, "pages/imprint.html")


def privacy(request):
    return render(request, "pages/privacy.html")


def search(request):
    """Results across kinds, grouped; with ?kind=… one kind's results page by page."""
    text, shortened = site_search.clean_query(request.GET.get("q", ""))
    context = {"query": text, "shortened": shortened, "groups": [], "total": 0}
    if not text:
        return render(request, "search/results.html", context)
    if not site_search.has_search_terms(text):
        # Nothing left to search once the dictionary drops stop words ("und", "die").
        context["only_common_words"] = True
        return render(request, "search/results.html", context)
    query = site_search.make_query(text)
    kind = site_search.KINDS_BY_KEY.get(request.GET.get("kind", ""))
    if kind is not None:
        page = Paginator(kind.ranked(query, text), SEARCH_PAGE_SIZE).get_page(
            request.GET.get("page")
        )
        context.update(
            kind=kind,
            page_obj=page,
            hits=[kind.hit(obj) for obj in page],
            total=page.paginator.count,
        )
        return render(request, "search/results.html", context)
    for each in site_search.KINDS:
        count = each.matches(query, text).count()
        if count:
            hits = [each.hit(obj) for obj in each.ranked(query, text)[:SEARCH_HITS_PER_KIND]]
            context["groups"].append({"kind": each, "count": count, "hits": hits})
            context["total"] += count
    return render(request, "search/results.html", context)


@require_GET
def robots_txt(request):
    sitemap = request.build_absolute_uri(reverse("sitemap"))
    lines = ["User-agent: *", "Disallow: /admin/", "Allow: /", "", f"Sitemap: {sitemap}", ""]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")
