"""The events app's personal data (see `core.privacy`): registrations."""

import datetime as dt

from django.utils.translation import gettext_lazy as _

from core.privacy import Source, register, retention_days

from . import services as event_services
from .models import Registration


def _registrations_about(email):
    return Registration.objects.filter(email__iexact=email).select_related("event")


def _anonymise_registrations(queryset, now):
    return event_services.anonymise_registrations(registrations=queryset, now=now)


def _registrations_due(now, days=None):
    days = retention_days("registrations") if days is None else days
    return Registration.objects.filter(
        anonymised_at__isnull=True, event__end__lt=now - dt.timedelta(days=days)
    )


register(
    Source(
        key="registrations",
        label=_("Event registrations"),
        matching=_registrations_about,
        export_fields=(
            "id",
            "event__title",
            "name",
            "email",
            "organisation_name",
            "role",
            "language",
            "status",
            "show_organisation_publicly",
            "created_at",
            "confirmed_at",
            "cancelled_at",
            "checked_in_at",
            "consented_at",
            "privacy_notice__version",
        ),
        anonymise=_anonymise_registrations,
        due=_registrations_due,
    ),
    position=10,
)
