from django.contrib.admin.views.decorators import staff_member_required
from django.shortcuts import get_object_or_404, render

from core.fragments import lazy_page

from .filters import NewsFilter
from .models import NewsItem

PAGE_SIZE = 12


def news_list(request):
    filterset = NewsFilter(request.GET or None, queryset=NewsItem.objects.published())
    # Read only when the list's cached fragment has to be rendered.
    page = lazy_page(request, filterset, PAGE_SIZE)
    return render(request, "news/news_list.html", {"filter": filterset, "page_obj": page})


def _detail_context(item):
    return {
        "item": item,
        "regions": item.regions.all(),
        "organisations": item.organisations.members(),
        "events": item.events.published(),
        "innovation_fields": item.innovation_fields.all(),
    }


def news_detail(request, slug):
    item = get_object_or_404(NewsItem.objects.published().select_related("picture"), slug=slug)
    return render(request, "news/news_detail.html", _detail_context(item))


@staff_member_required
def news_preview(request, pk):
    """The public page of any item, drafts and scheduled ones included, for managers only."""
    item = get_object_or_404(NewsItem.objects.select_related("picture"), pk=pk)
    context = _detail_context(item) | {"is_preview": True}
    return render(request, "news/news_detail.html", context)
