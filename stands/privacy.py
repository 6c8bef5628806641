"""The joint stands' personal data (see `core.privacy`): the contact details in co-exhibitor
applications."""

import datetime as dt

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.privacy import ANONYMOUS_NAME, Source, anonymous_email, register, retention_days

from .models import CoExhibitorApplication, CoExhibitorBilling


def _co_exhibitors_about(email):
    return CoExhibitorApplication.objects.filter(contact_email__iexact=email).select_related(
        "stand", "organisation"
    )


def _anonymise_co_exhibitors(queryset, now):
    done = 0
    for application in queryset.exclude(contact_name=ANONYMOUS_NAME):
        application.contact_name = ANONYMOUS_NAME
        application.contact_email = anonymous_email(application.pk)
        application.contact_phone = ""
        application.remarks = ""
        application.contact_person = None
        # The billing details go with the contact's; the invoice keeps its own copy.
        CoExhibitorBilling.objects.filter(application=application).delete()
        application.save(
            update_fields=[
                "contact_name",
                "contact_email",
                "contact_phone",
                "remarks",
                "contact_person",
            ]
        )
        done += 1
    return done


def _co_exhibitors_due(now, days=None):
    """Declined or withdrawn applications a while after the decision; all after the fair."""
    days = retention_days("co_exhibitor_applications") if days is None else days
    cutoff = now - dt.timedelta(days=days)
    closed = [CoExhibitorApplication.Status.DECLINED, CoExhibitorApplication.Status.WITHDRAWN]
    return CoExhibitorApplication.objects.exclude(contact_name=ANONYMOUS_NAME).filter(
        Q(status__in=closed, decided_at__lt=cutoff) | Q(stand__event__end__lt=cutoff)
    )


register(
    Source(
        key="co_exhibitor_applications",
        label=_("Co-exhibitor applications"),
        matching=_co_exhibitors_about,
        export_fields=(
            "id",
            "stand__title",
            "organisation__name",
            "contact_name",
            "contact_email",
            "contact_phone",
            "products",
            "status",
            "created_at",
            "consented_at",
        ),
        anonymise=_anonymise_co_exhibitors,
        due=_co_exhibitors_due,
    ),
    position=70,
)
