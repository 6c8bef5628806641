from django.shortcuts import get_object_or_404, render

from .models import Region


def region_list(request):
    regions = Region.objects.select_related("parent")
    return render(request, "regions/region_list.html", {"regions": regions})


def region_detail(request, slug):
    region = get_object_or_404(Region.objects.select_related("parent"), slug=slug)
    return render(request, "regions/region_detail.html", {"region": region})
