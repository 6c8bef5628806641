from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, render

from .models import Event


def event_list(request):
    events = Event.objects.upcoming().select_related("region")
    page = Paginator(events, 20).get_page(request.GET.get("page"))
    return render(request, "events/event_list.html", {"page_obj": page})


def event_detail(request, slug):
    event = get_object_or_404(Event.objects.published().select_related("region"), slug=slug)
    return render(request, "events/event_detail.html", {"event": event})
