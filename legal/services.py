"""Writes with rules for the legal pages' versions and the barrier reports."""

import logging
import smtplib

from django.conf import settings
from django.db import transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone
from modeltranslation.utils import build_localized_fieldname

from core.mail import manager_addresses, send_mail_in_language
from core.site_urls import absolute_url

from .models import BarrierReport, LegalPage

logger = logging.getLogger(__name__)

TRANSLATED_FIELDS = ("title", "body")


def content_fields() -> list[str]:
    """The fields that make up the text of a version, in every language."""
    return [
        build_localized_fieldname(field, code)
        for field in TRANSLATED_FIELDS
        for code, _name in settings.LANGUAGES
    ]


def _next_version(kind: str) -> int:
    # Lock the kind's rows so that two managers saving at once cannot pick the same number;
    # the unique constraint on (kind, version) is the last guard.
    list(LegalPage.objects.select_for_update().filter(kind=kind).values_list("pk", flat=True))
    highest = LegalPage.objects.filter(kind=kind).aggregate(highest=Max("version"))["highest"]
    return (highest or 0) + 1


def _publication_time(published_at):
    """A publication time in the past would claim the text was in force when it was not."""
    if published_at is None:
        return None
    return max(published_at, timezone.now())


@transaction.atomic
def legal_page_create(*, page: LegalPage) -> LegalPage:
    """Save a new page as the next version of its kind."""
    page.version = _next_version(page.kind)
    page.published_at = _publication_time(page.published_at)
    page.save()
    return page


@transaction.atomic
def legal_page_revise(*, page: LegalPage, publish: bool) -> LegalPage:
    """Save the edited text of a published version as the next version of its kind.

    `page` is the published version with unsaved changes (the admin's edited form). The row it
    was loaded from is not written to, so consents given to it keep pointing at the text that
    was agreed to; `page` itself becomes the new version.
    """
    page.pk = None
    page._state.adding = True
    page.version = _next_version(page.kind)
    page.published_at = timezone.now() if publish else None
    page.save(force_insert=True)
    return page


@transaction.atomic
def legal_page_update_draft(*, page: LegalPage) -> LegalPage:
    """Save changes to a version that is not yet in force."""
    stored = LegalPage.objects.select_for_update().get(pk=page.pk)
    if stored.is_published:
        raise ValueError(f"{stored} is published; its text can only change in a new version.")
    page.published_at = _publication_time(page.published_at)
    page.save()
    return page


@transaction.atomic
def legal_page_publish(*, page: LegalPage) -> bool:
    """Put a draft or scheduled version in force now; False if it already was."""
    page = LegalPage.objects.select_for_update().get(pk=page.pk)
    if page.is_published:
        return False
    page.published_at = timezone.now()
    page.save(update_fields=["published_at", "updated_at"])
    return True


def barrier_report_submit(*, report: BarrierReport) -> BarrierReport:
    """Store a barrier report and tell the managers (after the row is safely stored)."""
    with transaction.atomic():
        report.full_clean()
        report.save()
    admin_url = absolute_url(reverse("admin:legal_barrierreport_change", args=[report.pk]))
    recipients = manager_addresses()
    if not recipients:
        logger.warning("Barrier report %s received, but MANAGER_EMAILS is empty.", report.pk)
        return report
    try:
        send_mail_in_language(
            template="legal/mail/barrier_report",
            to=recipients,
            # The managers work in German, whatever language the reporter used.
            language=settings.LANGUAGE_CODE,
            context={"report": report, "admin_url": admin_url},
            reply_to=[report.email] if report.email else [],
        )
    except (smtplib.SMTPException, OSError):
        # The report is stored and listed in the admin; a mail server hiccup must not make the
        # reporter believe it was lost and send it again.
        logger.exception("Could not notify the managers of barrier report %s.", report.pk)
    return report
