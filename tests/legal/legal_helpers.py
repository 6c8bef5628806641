"""Builders for the legal page tests (test_legal_*.py)."""

import datetime as dt

from django.utils import timezone

from legal.models import LegalPage


def make_legal_page(kind=LegalPage.Kind.PRIVACY, *, version=1, published=True, **texts):
    values = {
        "title_de": f"{LegalPage.Kind(kind).label} (Fassung {version})",
        "body_de": f"Deutscher Text der Fassung {version}.",
        "title_en": f"English title {version}",
        "body_en": f"English text of version {version}.",
        "published_at": timezone.now() - dt.timedelta(hours=2000 - version) if published else None,
    }
    values.update(texts)
    return LegalPage.objects.create(kind=kind, version=version, **values)


def make_all_legal_pages():
    return {kind: make_legal_page(kind) for kind in LegalPage.Kind.values}
