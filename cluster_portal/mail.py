"""The one way the portal sends e-mail.

Each message is a pair of templates, `<name>_subject.txt` and `<name>.txt`, rendered in
the recipient's language so that one template serves German and English.

Messages are not sent while the request waits: `send_mail_in_language` renders the message and
stores it as a task row in the database (django-tasks-db), inside the caller's transaction. So a
registration and its confirmation e-mail commit together or not at all, and a mail server that
is down delays the e-mail instead of losing it or failing the registration. `manage.py db_worker`
(the Procfile's worker) sends queued messages and retries failures with exponential back-off.
"""

import base64
import logging
import smtplib
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMessage
from django.tasks import task
from django.template.loader import render_to_string
from django.utils import timezone, translation

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Attachment:
    filename: str
    content: bytes | str
    mimetype: str


def send_mail_in_language(
    *,
    template: str,
    to: Iterable[str],
    language: str,
    context: dict,
    attachments: Iterable[Attachment] = (),
    reply_to: Iterable[str] = (),
) -> None:
    language = language if language in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE
    with translation.override(language):
        subject = " ".join(render_to_string(f"{template}_subject.txt", context).split())
        body = render_to_string(f"{template}.txt", context)
    message = {
        "subject": subject,
        "body": body,
        "from_email": settings.DEFAULT_FROM_EMAIL,
        "to": list(to),
        "reply_to": list(reply_to),
        "attachments": [_encode_attachment(attachment) for attachment in attachments],
    }
    deliver_email.using(queue_name=settings.MAIL_QUEUE_NAME).enqueue(message=message, attempt=1)


def manager_addresses() -> list[str]:
    return [address for _name, address in settings.MANAGERS]


def _encode_attachment(attachment: Attachment) -> dict:
    # Task arguments are stored as JSON, which has no bytes.
    content = attachment.content
    if isinstance(content, str):
        return {"filename": attachment.filename, "text": content, "mimetype": attachment.mimetype}
    return {
        "filename": attachment.filename,
        "base64": base64.b64encode(content).decode("ascii"),
        "mimetype": attachment.mimetype,
    }


def build_message(message: dict) -> EmailMessage:
    email = EmailMessage(
        subject=message["subject"],
        body=message["body"],
        from_email=message["from_email"],
        to=message["to"],
        reply_to=message["reply_to"],
    )
    for item in message["attachments"]:
        content = item["text"] if "text" in item else base64.b64decode(item["base64"])
        email.attach(item["filename"], content, item["mimetype"])
    return email


def retry_delay(attempt: int) -> timedelta:
    """Back-off after the `attempt`-th failure: base, 2 x base, 4 x base ... up to the cap."""
    seconds = settings.MAIL_RETRY_BASE_SECONDS * 2 ** (attempt - 1)
    return timedelta(seconds=min(seconds, settings.MAIL_RETRY_MAX_SECONDS))


class MailDeliveryDeferred(Exception):
    """The mail server could not take the message now; a later attempt is queued."""


@task()
def deliver_email(*, message: dict, attempt: int) -> str:
    """Send one queued message; on a temporary failure queue the next attempt and fail this one.

    The worker runs each task row once (it claims the row under SELECT ... FOR UPDATE SKIP
    LOCKED), so a message goes out once however many workers run. A failed attempt stays in
    the table as FAILED with its traceback, next to the attempt it scheduled.
    """
    email = build_message(message)
    try:
        email.send()
    except smtplib.SMTPRecipientsRefused:
        # Permanent: every address was rejected, another attempt would be rejected as well.
        logger.error("Mail %r refused for all recipients %s", email.subject, email.to)
        raise
    except (smtplib.SMTPException, OSError) as exc:
        backend = deliver_email.get_backend()
        if attempt >= settings.MAIL_MAX_ATTEMPTS or not backend.supports_defer:
            logger.error(
                "Mail %r to %s given up after %d attempts", email.subject, email.to, attempt
            )
            raise
        run_after = timezone.now() + retry_delay(attempt)
        deliver_email.using(queue_name=settings.MAIL_QUEUE_NAME, run_after=run_after).enqueue(
            message=message, attempt=attempt + 1
        )
        logger.warning(
            "Mail %r to %s failed (attempt %d: %s); next attempt at %s",
            email.subject,
            email.to,
            attempt,
            exc,
            run_after.isoformat(),
        )
        raise MailDeliveryDeferred(f"attempt {attempt} failed: {exc}") from exc
    return f"sent to {', '.join(email.to)}"
