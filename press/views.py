from django.shortcuts import render
from django.utils.functional import SimpleLazyObject

from news.models import NewsItem

from .models import PressContact, PressKitFile, PressPhoto, SpecialistArticle

RELEASES_SHOWN = 10


def _press_context() -> dict:
    releases = NewsItem.objects.published().filter(kind=NewsItem.Kind.PRESS_RELEASE)
    return {
        "contacts": list(PressContact.objects.filter(is_public=True)),
        "releases": list(releases[:RELEASES_SHOWN]),
        "release_count": releases.count(),
        "photos": list(PressPhoto.objects.public()),
        "kit_files": list(PressKitFile.objects.filter(is_public=True)),
        "articles": list(SpecialistArticle.objects.filter(is_public=True)),
    }


def press_index(request):
    # Read only when the page's cached fragment has to be rendered.
    return render(request, "press/press_index.html", {"press": SimpleLazyObject(_press_context)})
