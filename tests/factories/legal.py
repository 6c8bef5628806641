"""Legal pages and what refers to them (consents, barrier reports)."""

import datetime as dt

from django.utils import timezone

from legal.models import BarrierReport, LegalPage


def make_legal_page(kind=LegalPage.Kind.PRIVACY, *, version=1, published=True, **texts):
    """A version of a legal page in German and English, published long enough ago."""
    values = {
        "title_de": f"{LegalPage.Kind(kind).label} (Fassung {version})",
        "body_de": f"Deutscher Text der Fassung {version}.",
        "title_en": f"English title {version}",
        "body_en": f"English text of version {version}.",
        "published_at": timezone.now() - dt.timedelta(hours=2000 - version) if published else None,
    }
    values.update(texts)
    return LegalPage.objects.create(kind=kind, version=version, **values)


def make_all_legal_pages() -> dict:
    return {kind: make_legal_page(kind) for kind in LegalPage.Kind.values}


def make_privacy_notice(**overrides) -> LegalPage:
    """The published privacy notice that public forms record consent to."""
    values = {
        "kind": LegalPage.Kind.PRIVACY,
        "version": 1,
        "title": "Datenschutz",
        "body": "…",
        "published_at": timezone.now(),
    }
    values.update(overrides)
    return LegalPage.objects.create(**values)


def make_barrier_report(days_ago, notice, **values) -> BarrierReport:
    """A barrier report received `days_ago`."""
    report = BarrierReport.objects.create(
        page_url="/", description="Kontrast zu schwach", privacy_notice=notice,
        consented_at=timezone.now(), **values,
    )  # fmt: skip
    BarrierReport.objects.filter(pk=report.pk).update(
        created_at=timezone.now() - dt.timedelta(days=days_ago)
    )
    return report
