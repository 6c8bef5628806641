from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, render

from .models import Cooperation


def cooperation_list(request):
    page = Paginator(Cooperation.objects.all(), 20).get_page(request.GET.get("page"))
    return render(request, "cooperations/cooperation_list.html", {"page_obj": page})


def cooperation_detail(request, slug):
    cooperation = get_object_or_404(Cooperation, slug=slug)
    return render(request, "cooperations/cooperation_detail.html", {"cooperation": cooperation})
