"""The members app's personal data (see `core.privacy`): membership applications, contact
persons, profile change requests and the access links people asked for."""

import datetime as dt

from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.privacy import ANONYMOUS_NAME, Source, register, retention_days

from .models import (
    AccessLink,
    ContactMessage,
    ContactPerson,
    Decision,
    MembershipApplication,
    ProfileChangeRequest,
)


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


def _erase_change_requests(queryset, now, email):
    """An erasure by address: only that address's part of each request goes."""
    return _anonymise_change_requests(queryset, now, email=email)


register(
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
    position=20,
)


register(
    Source(
        key="contact_persons",
        label=_("Contact persons"),
        matching=_contacts_about,
        export_fields=("id", "organisation__name", "name", "role", "email", "phone", "is_public"),
        anonymise=_anonymise_contacts,
    ),
    position=30,
)


register(
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
        erase=_erase_change_requests,
    ),
    position=40,
)


register(
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
    position=50,
)


def _contact_messages_about(email):
    return ContactMessage.objects.filter(sender_email__iexact=email).select_related("organisation")


def _anonymise_contact_messages(queryset, now):
    done = 0
    for record in queryset.filter(anonymised_at__isnull=True):
        record.sender_name = ANONYMOUS_NAME
        record.sender_email = f"message-{record.pk}@anonymised.invalid"
        record.sender_organisation = ""
        record.subject = ANONYMOUS_NAME
        record.message = ""
        record.anonymised_at = now
        record.save(
            update_fields=[
                "sender_name",
                "sender_email",
                "sender_organisation",
                "subject",
                "message",
                "anonymised_at",
            ]
        )
        done += 1
    return done


def _contact_messages_due(now, days=None):
    days = retention_days("contact_messages") if days is None else days
    return ContactMessage.objects.filter(
        anonymised_at__isnull=True, sent_at__lt=now - dt.timedelta(days=days)
    )


register(
    Source(
        key="contact_messages",
        label=_("Messages to members"),
        matching=_contact_messages_about,
        export_fields=(
            "id",
            "organisation__name",
            "sender_name",
            "sender_email",
            "sender_organisation",
            "subject",
            "message",
            "sent_at",
            "consented_at",
            "privacy_notice__version",
        ),
        anonymise=_anonymise_contact_messages,
        due=_contact_messages_due,
    ),
    position=55,
)
