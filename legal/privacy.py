"""The legal app's personal data (see `core.privacy`): the contact data of barrier reports."""

import datetime as dt

from django.utils.translation import gettext_lazy as _

from core.privacy import Source, register, retention_days

from .models import BarrierReport


def _barrier_reports_about(email):
    return BarrierReport.objects.filter(email__iexact=email)


def _anonymise_barrier_reports(queryset, now):
    return queryset.filter(anonymised_at__isnull=True).update(
        name="", email="", anonymised_at=now, updated_at=now
    )


def _barrier_reports_due(now, days=None):
    days = retention_days("barrier_reports") if days is None else days
    return BarrierReport.objects.filter(
        anonymised_at__isnull=True, created_at__lt=now - dt.timedelta(days=days)
    ).exclude(name="", email="")


register(
    Source(
        key="barrier_reports",
        label=_("Barrier reports"),
        matching=_barrier_reports_about,
        export_fields=(
            "id",
            "page_url",
            "description",
            "name",
            "email",
            "status",
            "created_at",
            "consented_at",
        ),
        anonymise=_anonymise_barrier_reports,
        due=_barrier_reports_due,
    ),
    position=60,
)
