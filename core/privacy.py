"""Where the portal keeps personal data, and how to export, erase and purge it.

One registry of sources serves the manager's export and erasure by e-mail address (admin,
"Personal data by e-mail") and `manage.py purge_personal_data` alike, so a new kind of
personal data is added in one place. Anonymising keeps every row and its status, so counts
per event, status or decision stay as they were; only what identifies a person is replaced.
"""

import datetime as dt
import json
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext_lazy as _

from events import services as event_services
from events.models import CoExhibitorApplication, Registration
from members.models import (
    AccessLink,
    ContactPerson,
    Decision,
    MembershipApplication,
    ProfileChangeRequest,
)
from partnering.models import ExpressionOfInterest, Post

from . import ratelimit
from .models import BarrierReport, ErasureRecord

ANONYMOUS_NAME = event_services.ANONYMOUS_NAME
anonymous_email = event_services.anonymous_email


@dataclass(frozen=True)
class Source:
    """One kind of record holding personal data.

    `matching(email)` finds the rows about an address, `export_fields` are written to the
    export, `anonymise(queryset, now)` neutralises rows and returns how many it changed, and
    `due(now)` (if the kind has a retention period) finds rows whose time is up.
    """

    key: str
    label: str
    matching: Callable[[str], QuerySet]
    export_fields: tuple[str, ...]
    anonymise: Callable[[QuerySet, dt.datetime], int]
    due: Callable[[dt.datetime], QuerySet] | None = None


def retention_days(key: str) -> int:
    return int(settings.PERSONAL_DATA_RETENTION[key])


# --- registrations --------------------------------------------------------------------------


def _registrations_about(email):
    return Registration.objects.filter(email__iexact=email).select_related("event")


def _anonymise_registrations(queryset, now):
    return event_services.anonymise_registrations(registrations=queryset, now=now)


def _registrations_due(now, days=None):
    days = retention_days("registrations") if days is None else days
    return Registration.objects.filter(
        anonymised_at__isnull=True, event__end__lt=now - dt.timedelta(days=days)
    )


# --- membership applications and contact persons ----------------------------------------------


def _applications_about(email):
    return MembershipApplication.objects.filter(contact__email__iexact=email).select_related(
        "organisation", "contact"
    )


@transaction.atomic
def _anonymise_applications(queryset, now):
    done = 0
    for application in queryset.filter(anonymised_at__isnull=True).select_related(
        "contact", "organisation"
    ):
        if application.contact is not None:
            _anonymise_contact(application.contact)
        if application.decision == Decision.DECLINED:
            # A declined applicant never became a member: its contact channels go too.
            organisation = application.organisation
            organisation.email = ""
            organisation.phone = ""
            organisation.save(update_fields=["email", "phone", "updated_at"])
        application.message = ""
        application.anonymised_at = now
        application.save(update_fields=["message", "anonymised_at"])
        done += 1
    return done


def _applications_due(now, days=None):
    days = retention_days("membership_applications") if days is None else days
    return MembershipApplication.objects.filter(
        anonymised_at__isnull=True,
        decision=Decision.DECLINED,
        decided_at__lt=now - dt.timedelta(days=days),
    )


def _anonymise_contact(contact):
    contact.name = ANONYMOUS_NAME
    contact.role = ""
    contact.phone = ""
    contact.email = f"contact-{contact.pk}@anonymised.invalid"
    contact.is_public = False
    contact.save(update_fields=["name", "role", "phone", "email", "is_public"])


def _contacts_about(email):
    return ContactPerson.objects.filter(email__iexact=email).select_related("organisation")


@transaction.atomic
def _anonymise_contacts(queryset, now):
    done = 0
    for contact in queryset:
        _anonymise_contact(contact)
        done += 1
    return done


# --- profile change requests and access links --------------------------------------------------


def _change_requests_about(email):
    return ProfileChangeRequest.objects.filter(
        Q(submitted_by__iexact=email) | Q(proposed__contacts__contains=[{"email": email}])
    ).select_related("organisation")


@transaction.atomic
def _anonymise_change_requests(queryset, now, email=None):
    done = 0
    for change_request in queryset:
        if email is None or change_request.submitted_by.lower() == email.lower():
            change_request.submitted_by = f"request-{change_request.pk}@anonymised.invalid"
        for values in (change_request.proposed, change_request.previous):
            for contact in (values or {}).get("contacts", []):
                if email is None or (contact.get("email") or "").lower() == email.lower():
                    contact.update(name=ANONYMOUS_NAME, email="", phone="", role="")
        change_request.save(update_fields=["submitted_by", "proposed", "previous"])
        done += 1
    return done


def _access_links_about(email):
    return AccessLink.objects.filter(email__iexact=email).select_related("organisation")


def _anonymise_access_links(queryset, now):
    done = 0
    for link in queryset:
        link.email = f"link-{link.pk}@anonymised.invalid"
        link.used_at = link.used_at or now  # an anonymised link can no longer be used
        link.save(update_fields=["email", "used_at"])
        done += 1
    return done


# --- barrier reports ---------------------------------------------------------------------------


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


# --- co-exhibitor applications (joint stands) -------------------------------------------------


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


# --- partnering: expressions of interest and who posted -----------------------------------------


def _interests_about(email):
    return ExpressionOfInterest.objects.filter(email__iexact=email).select_related("post")


def _anonymise_interests(queryset, now):
    done = 0
    for interest in queryset.exclude(sender_name=ANONYMOUS_NAME):
        interest.sender_name = ANONYMOUS_NAME
        interest.email = anonymous_email(interest.pk)
        interest.phone = ""
        interest.message = ""
        interest.save(update_fields=["sender_name", "email", "phone", "message"])
        done += 1
    return done


def _interests_due(now, days=None):
    days = retention_days("expressions_of_interest") if days is None else days
    return ExpressionOfInterest.objects.exclude(sender_name=ANONYMOUS_NAME).filter(
        created_at__lt=now - dt.timedelta(days=days)
    )


def _posts_about(email):
    return Post.objects.filter(submitted_by_email__iexact=email).select_related("organisation")


def _anonymise_posts(queryset, now):
    # The post belongs to the organisation; only the address of the person who sent it goes.
    return queryset.exclude(submitted_by_email="").update(submitted_by_email="")


SOURCES = [
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
    Source(
        key="membership_applications",
        label=_("Membership applications"),
        matching=_applications_about,
        export_fields=(
            "id",
            "organisation__name",
            "contact__name",
            "contact__email",
            "message",
            "language",
            "submitted_at",
            "decision",
            "decided_at",
            "consented_at",
            "privacy_notice__version",
        ),
        anonymise=_anonymise_applications,
        due=_applications_due,
    ),
    Source(
        key="contact_persons",
        label=_("Contact persons"),
        matching=_contacts_about,
        export_fields=("id", "organisation__name", "name", "role", "email", "phone", "is_public"),
        anonymise=_anonymise_contacts,
    ),
    Source(
        key="change_requests",
        label=_("Profile change requests"),
        matching=_change_requests_about,
        export_fields=(
            "id",
            "organisation__name",
            "submitted_by",
            "proposed",
            "submitted_at",
            "decision",
            "consented_at",
        ),
        anonymise=_anonymise_change_requests,
    ),
    Source(
        key="access_links",
        label=_("Access links requested"),
        matching=_access_links_about,
        export_fields=(
            "id",
            "organisation__name",
            "email",
            "purpose",
            "created_at",
            "used_at",
            "consented_at",
        ),
        anonymise=_anonymise_access_links,
    ),
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
    Source(
        key="expressions_of_interest",
        label=_("Expressions of interest (partnering)"),
        matching=_interests_about,
        export_fields=(
            "id",
            "post__title",
            "sender_name",
            "sender_organisation",
            "email",
            "phone",
            "message",
            "created_at",
        ),
        anonymise=_anonymise_interests,
        due=_interests_due,
    ),
    Source(
        key="partnering_posts",
        label=_("Partnering posts sent"),
        matching=_posts_about,
        export_fields=("id", "title", "organisation__name", "submitted_by_email", "status"),
        anonymise=_anonymise_posts,
    ),
    Source(
        key="rate_limit_counters",
        label=_("Rate-limit counters of public forms (hashed)"),
        matching=ratelimit.counters_about,
        export_fields=("scope", "hits", "window_ends"),
        anonymise=ratelimit.delete_counters,
        due=ratelimit.expired_counters,
    ),
]
SOURCES_BY_KEY = {source.key: source for source in SOURCES}


def normalise(email: str) -> str:
    return (email or "").strip().lower()


def hash_email(email: str) -> str:
    """A keyed hash: the same address always gives the same value, which cannot be reversed."""
    return salted_hmac(
        "cluster_portal.privacy.erasure", normalise(email), algorithm="sha256"
    ).hexdigest()


# --- export, erase, purge ----------------------------------------------------------------------


def collect(email: str) -> dict[str, list[dict]]:
    """Everything stored about an address, by source key (empty lists included)."""
    address = normalise(email)
    if not address:
        return {source.key: [] for source in SOURCES}
    return {
        source.key: list(source.matching(address).values(*source.export_fields))
        for source in SOURCES
    }


def export_json(email: str) -> str:
    data = {"email": normalise(email), "exported_at": timezone.now(), "data": collect(email)}
    return json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2)


def export_rows(email: str):
    """Rows for the CSV export: one line per stored value (kind, record, field, value)."""
    for key, rows in collect(email).items():
        for row in rows:
            for field, value in row.items():
                if isinstance(value, dict | list):
                    value = json.dumps(value, cls=DjangoJSONEncoder, ensure_ascii=False)
                elif isinstance(value, dt.datetime):
                    value = value.isoformat()
                yield [key, row.get("id"), field, value]


@transaction.atomic
def erase(*, email: str, by=None) -> ErasureRecord:
    """Anonymise everything about an address and record that it was done (not the address)."""
    address = normalise(email)
    now = timezone.now()
    counts = {}
    for source in SOURCES:
        queryset = source.matching(address)
        if source.key == "change_requests":
            counts[source.key] = _anonymise_change_requests(queryset, now, email=address)
        else:
            counts[source.key] = source.anonymise(queryset, now)
    return ErasureRecord.objects.create(
        email_hash=hash_email(address), erased_by=by, erased_at=now, counts=counts
    )


def purge(*, now: dt.datetime | None = None, days: dict | None = None, dry_run=False) -> dict:
    """Anonymise what has been kept longer than its retention period; counts by source key.

    `days` overrides `settings.PERSONAL_DATA_RETENTION` per key. With `dry_run`, only counts.
    """
    now = now or timezone.now()
    days = days or {}
    report = {}
    for source in SOURCES:
        if source.due is None:
            continue
        queryset = source.due(now, days.get(source.key))
        if dry_run:
            report[source.key] = queryset.count()
        else:
            report[source.key] = source.anonymise(queryset, now)
    return report
