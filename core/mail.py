"""The one way the portal sends e-mail.

Each message is a pair of templates, `<name>_subject.txt` and `<name>.txt`, rendered in
the recipient's language so that one template serves German and English. Every message has a
plain-text and an HTML part: `<name>.html` when the message has one (it extends
`core/mail/base.html`), otherwise the text itself, escaped, in paragraphs and lists
with its addresses as links, inside that same base template. The HTML part loads nothing from
elsewhere, names its language and title and reads the same without its styles.

Every message is marked `Auto-Submitted: auto-generated` (RFC 3834), so that mail servers and
programs send no out-of-office answers back to it; callers add headers of their own (the
partnering digest's `List-Unsubscribe`) through `headers`.

Messages are not sent while the request waits: `send_mail_in_language` renders the message and
stores it as a task row in the database (django-tasks-db), inside the caller's transaction. So a
registration and its confirmation e-mail commit together or not at all, and a mail server that
is down delays the e-mail instead of losing it or failing the registration. `manage.py db_worker`
(the Procfile's worker) sends queued messages and retries failures with exponential back-off.
"""

import base64
import email.policy
import logging
import re
import smtplib
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import timedelta
from email.headerregistry import HeaderRegistry, UnstructuredHeader

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.tasks import task
from django.template import TemplateDoesNotExist
from django.template.loader import get_template, render_to_string
from django.utils import timezone, translation
from django.utils.html import format_html, format_html_join, urlize
from django.utils.safestring import SafeString, mark_safe

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Attachment:
    filename: str
    content: bytes | str
    mimetype: str


# Every portal message is sent by the portal itself, never typed by a person (RFC 3834).
AUTOMATIC_HEADERS = {"Auto-Submitted": "auto-generated"}
BASE_HTML_TEMPLATE = "core/mail/base.html"


@dataclass(frozen=True)
class RenderedMail:
    subject: str
    text: str
    html: str


def render_mail(*, template: str, language: str, context: dict) -> RenderedMail:
    """Subject, text and HTML part of a message in `language` (the portal's default if unknown)."""
    language = language if language in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE
    with translation.override(language):
        subject = " ".join(render_to_string(f"{template}_subject.txt", context).split())
        text = render_to_string(f"{template}.txt", context)
        page = {**context, "subject": subject, "language": language}
        try:
            html_template = get_template(f"{template}.html")
        except TemplateDoesNotExist:
            html = render_to_string(BASE_HTML_TEMPLATE, {**page, "body_html": text_to_html(text)})
        else:
            html = html_template.render(page)
    return RenderedMail(subject=subject, text=text, html=html)


def send_mail_in_language(
    *,
    template: str,
    to: Iterable[str],
    language: str,
    context: dict,
    attachments: Iterable[Attachment] = (),
    reply_to: Iterable[str] = (),
    headers: dict[str, str] | None = None,
) -> None:
    rendered = render_mail(template=template, language=language, context=context)
    message = {
        "subject": rendered.subject,
        "body": rendered.text,
        "html": rendered.html,
        "from_email": settings.DEFAULT_FROM_EMAIL,
        "to": list(to),
        "reply_to": list(reply_to),
        "headers": dict(headers or {}),
        "attachments": [_encode_attachment(attachment) for attachment in attachments],
    }
    deliver_email.using(queue_name=settings.MAIL_QUEUE_NAME).enqueue(message=message, attempt=1)


_LIST_ITEM = re.compile(r"^[-•] ")
_CONTINUATION = re.compile(r"^\s{2,}\S")


def _line_html(line: str) -> SafeString:
    # urlize escapes everything that is not an address; addresses become links whose visible
    # text is the address itself.
    return mark_safe(urlize(line.strip(), autoescape=True))  # noqa: S308 - escaped by urlize


def _lines_html(lines: list[str]) -> SafeString:
    return mark_safe("<br>\n".join(_line_html(line) for line in lines))  # noqa: S308


def text_to_html(text: str) -> SafeString:
    """The text part as HTML: paragraphs at blank lines, lines inside them kept, runs of
    "- " lines as a list (indented lines continue an item), every web and e-mail address a
    link. Everything else is escaped."""
    parts = []
    for block in re.split(r"\n\s*\n", text.strip()):
        for kind, content in _segments(block.splitlines()):
            if kind == "p":
                parts.append(format_html("<p>{}</p>", _lines_html(content)))
            else:
                rows = format_html_join("\n", "<li>{}</li>", ((_lines_html(i),) for i in content))
                parts.append(format_html("<ul>\n{}\n</ul>", rows))
    return mark_safe("\n".join(parts))  # noqa: S308 - every part is built with format_html


def _segments(lines: list[str]) -> list[tuple[str, list]]:
    """A block's lines as ("p", lines) and ("ul", [item lines, ...]) in their order."""
    segments: list[tuple[str, list]] = []
    for line in lines:
        if not line.strip():
            continue
        if _LIST_ITEM.match(line):
            if not segments or segments[-1][0] != "ul":
                segments.append(("ul", []))
            segments[-1][1].append([_LIST_ITEM.sub("", line)])
        elif segments and segments[-1][0] == "ul" and _CONTINUATION.match(line):
            segments[-1][1][-1].append(line)
        else:
            if not segments or segments[-1][0] != "p":
                segments.append(("p", []))
            segments[-1][1].append(line)
    return segments


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


class _OneLineHeader(UnstructuredHeader):
    """A header written as it is, on one line: RFC 2369 list headers hold <URL>s that mail
    programs must read verbatim. Folded at 78 characters, a long URL (no whitespace to break
    at) would become RFC 2047 encoded words, which no mail program takes for a URL; RFC 5322
    allows lines of up to 998 characters."""

    def fold(self, *, policy):
        return f"{self.name}: {self}{policy.linesep}"


ONE_LINE_HEADERS = ("List-Unsubscribe", "List-Unsubscribe-Post")


class PortalEmail(EmailMultiAlternatives):
    def message(self, *, policy=email.policy.default):
        registry = HeaderRegistry()
        for name in ONE_LINE_HEADERS:
            registry.map_to_type(name.lower(), _OneLineHeader)
        # A copy of whichever policy the backend asks for (SMTP's, the file backend's ...).
        return super().message(policy=policy.clone(header_factory=registry))


def build_message(message: dict) -> EmailMultiAlternatives:
    # Messages queued before the HTML part and the headers existed have neither key.
    email = PortalEmail(
        subject=message["subject"],
        body=message["body"],
        from_email=message["from_email"],
        to=message["to"],
        reply_to=message["reply_to"],
        headers={**AUTOMATIC_HEADERS, **message.get("headers", {})},
    )
    if message.get("html"):
        email.attach_alternative(message["html"], "text/html")
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
