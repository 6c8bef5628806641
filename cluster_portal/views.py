from django.db import DatabaseError, connection
from django.http import JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache

from events.models import Event
from members.models import Organisation
from regions.models import Region


def home(request):
    members = Organisation.objects.members()
    context = {
        "member_count": members.count(),
        "region_count": Region.objects.count(),
        "upcoming_count": Event.objects.upcoming().count(),
        "next_events": Event.objects.upcoming().select_related("region")[:4],
        "regions": Region.objects.exclude(kind=Region.Kind.STATE),
        "map_regions": Region.objects.on_map(),
        "newest_members": members.select_related("region").order_by("-joined_on", "name")[:6],
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
