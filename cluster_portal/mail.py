"""The one way the portal sends e-mail.

Each message is a pair of templates, `<name>_subject.txt` and `<name>.txt`, rendered in
the recipient's language so that one template serves German and English.
"""

from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.utils import translation


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
    message = EmailMessage(
        subject=subject,
        body=body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=list(to),
        reply_to=list(reply_to),
    )
    for attachment in attachments:
        message.attach(attachment.filename, attachment.content, attachment.mimetype)
    message.send()


def manager_addresses() -> list[str]:
    return [address for _name, address in settings.MANAGERS]
