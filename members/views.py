from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, render

from .models import Organisation


def organisation_list(request):
    organisations = Organisation.objects.members().select_related("region")
    page = Paginator(organisations, 24).get_page(request.GET.get("page"))
    return render(request, "members/organisation_list.html", {"page_obj": page})


def organisation_detail(request, slug):
    organisation = get_object_or_404(
        Organisation.objects.members().select_related("region"), slug=slug
    )
    return render(request, "members/organisation_detail.html", {"organisation": organisation})
