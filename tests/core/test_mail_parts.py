"""E-mails as a person receives them: a plain-text and an accessible HTML part, in the
recipient's language, marked as sent automatically."""

import datetime as dt
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.template import engines
from django.utils import timezone

from b2b.models import B2BProfile, Meeting
from billing.models import Invoice
from core import links
from core.mail import render_mail, send_mail_in_language, text_to_html
from events.models import Registration
from groups.models import GroupMembership, WorkingGroup
from legal.models import BarrierReport
from members.models import (
    ContactMessage,
    ContactPerson,
    MembershipApplication,
    Organisation,
    ProfileChangeRequest,
)
from partnering.models import DIGEST_UNSUBSCRIBE_PURPOSE, ExpressionOfInterest, Post
from stands.models import CoExhibitorApplication, JointStand

SUBJECT_SUFFIX = "_subject.txt"
URL = re.compile(r"https?://[^\s<>\"]+")


def mail_templates() -> list[str]:
    """Every message of the project: the names of all `<name>_subject.txt` templates."""
    folders = list(engines["django"].template_dirs)
    names = set()
    for folder in map(Path, folders):
        if ".venv" in folder.parts or not folder.is_dir():
            continue
        for path in folder.rglob(f"*{SUBJECT_SUFFIX}"):
            names.add(str(path.relative_to(folder))[: -len(SUBJECT_SUFFIX)])
    return sorted(names)


def _when(days=30, hours=10):
    return timezone.now().replace(microsecond=0) + dt.timedelta(days=days, hours=hours)


def _organisation():
    return Organisation(pk=7, name="Klinikum Beispiel & Söhne", slug="klinikum", city="Aachen")


def _event():
    from events.models import Event

    return Event(
        pk=3,
        title="Netzwerktreffen <Telemedizin>",
        slug="netzwerktreffen",
        start=_when(),
        end=_when(hours=14),
        city="Aachen",
        venue_name="Tagungszentrum",
        pending_lapse_hours=48,
    )


def _registration(**overrides):
    values = {
        "pk": 11,
        "event": _event(),
        "name": "Eva Muster",
        "email": "eva@example.org",
        "language": "de",
        "status": Registration.Status.CONFIRMED,
        "offer_expires_at": _when(days=1),
    }
    return Registration(**values | overrides)


def _registration_context(**overrides):
    registration = _registration(**overrides)
    return {
        "registration": registration,
        "event": registration.event,
        "event_url": "http://testserver/veranstaltungen/netzwerktreffen/",
        "personal_url": "http://testserver/veranstaltungen/anmeldung/abc/",
        "confirm_url": "http://testserver/veranstaltungen/bestaetigen/abc/",
        "online_link": "",
    }


def _stand_context():
    event = _event()
    stand = JointStand(
        pk=5, event=event, title="Gemeinschaftsstand NRW", hall="3.2", stand_number="D-106"
    )
    application = CoExhibitorApplication(
        stand=stand,
        organisation=_organisation(),
        contact_name="Anna Beispiel",
        contact_email="anna@example.org",
        products="Telemonitoring",
        places_needed=2,
    )
    return {
        "application": application,
        "stand": stand,
        "event": event,
        "organisation": application.organisation,
        "event_url": "http://testserver/veranstaltungen/netzwerktreffen/",
    }


def _group_context():
    group = WorkingGroup(
        pk=4,
        name="Arbeitsgruppe <Telemedizin>",
        slug="ag-telemedizin",
        topic="Telemedizin in der Regelversorgung",
    )
    membership = GroupMembership(
        pk=8,
        group=group,
        organisation=_organisation(),
        contact_name="Anna Beispiel",
        contact_email="anna@example.org",
        message="Wir möchten <mitarbeiten>.",
    )
    return {
        "membership": membership,
        "group": group,
        "organisation": membership.organisation,
        "group_url": "http://testserver/arbeitsgruppen/ag-telemedizin/",
        "documents_url": "http://testserver/arbeitsgruppen/ag-telemedizin/unterlagen/abc/",
        "valid_for": "365 Tage",
        "reason": "Die Gruppe ist <voll>.",
    }


def _membership_context():
    organisation = _organisation()
    contact = ContactPerson(organisation=organisation, name="Anna Beispiel", email="a@example.org")
    application = MembershipApplication(organisation=organisation, contact=contact, message="Hi")
    return {"application": application, "organisation": organisation}


def _post():
    return Post(
        pk=9,
        organisation=_organisation(),
        title="Telemonitoring gesucht",
        kind=Post.Kind.TECHNOLOGY_REQUEST,
        valid_until=timezone.localdate() + dt.timedelta(days=60),
        submitted_by_email="poster@example.org",
    )


def _meeting_context():
    event = _event()
    requester = _registration(name="Rita Anfrage", organisation_name="Anfrage GmbH")
    meeting = Meeting(event=event, requester=requester, recipient=_registration(), message="Hallo")
    return {
        "meeting": meeting,
        "event": event,
        "partner": _registration(),
        "profile": B2BProfile(offer="Plattform", seek="Kliniken"),
        "url": "http://testserver/kooperationsboerse/b2b/abc/",
    }


def _digest_context():
    from types import SimpleNamespace

    post = _post()
    target = _post()
    target.title = "Telemonitoring-Plattform"
    match = SimpleNamespace(target=target, score=3, reasons=["Telemedizin"], url="")
    organisation_match = SimpleNamespace(target=_organisation(), score=2, reasons=["Aachen"])
    return {
        "organisation": post.organisation,
        "items": [(post, [match], [organisation_match])],
        "unsubscribe_url": "http://testserver/kooperationsboerse/abmelden/abc/",
        "unsubscribe_valid_for": links.valid_for(DIGEST_UNSUBSCRIBE_PURPOSE),
    }


def _contact_context():
    organisation = _organisation()
    return {
        "record": ContactMessage(
            organisation=organisation,
            sender_name="Jan <Muster>",
            sender_email="jan@example.org",
            sender_organisation="Muster & Söhne",
            subject="Kooperation <Telemedizin>",
            message="Guten Tag,\n\nwir suchen Partner für eine Studie.",
        ),
        "organisation": organisation,
        "person": ContactPerson(organisation=organisation, name="Anna Beispiel"),
        "via_management": False,
    }


def _invoice(**overrides):
    values = {
        "number": "GWMD-2026-00042",
        "kind": "invoice",
        "issue_date": dt.date(2026, 11, 2),
        "service_date": dt.date(2026, 11, 20),
        "due_date": dt.date(2026, 11, 16),
        "currency": "EUR",
        "net_cents": 9500,
        "vat_cents": 1805,
        "gross_cents": 11305,
        "billing_organisation": "Muster & Söhne <GmbH>",
        "billing_email": "rechnung@example.org",
        "seller_details": {
            "name": "Gesundheitswirtschaft Mitteldeutschland e. V.",
            "email": "info@example.org",
            "iban": "DE02120300000000202051",
            "bic": "BYLADEM1001",
            "bank_name": "Beispielbank",
        },
    }
    values.update(overrides)
    return Invoice(**values)


def _invoice_context():
    invoice = _invoice()
    return {
        "invoice": invoice,
        "is_credit_note": False,
        "seller": invoice.seller_details,
        "gross_cents": invoice.gross_cents,
        "download_url": "http://testserver/rechnungen/token/",
        "xml_url": "http://testserver/rechnungen/token/xrechnung/",
        "valid_until": timezone.now(),
    }


def _reminder_context():
    invoice = _invoice()
    return {
        "invoice": invoice,
        "seller": invoice.seller_details,
        "gross": "113,05 €",
        "open_amount": "63,05 €",
        "partly_paid": True,
    }


CONTEXTS = {
    "billing/emails/invoice_issued": _invoice_context,
    "billing/emails/payment_reminder": _reminder_context,
    "legal/mail/barrier_report": lambda: {
        "report": BarrierReport(
            pk=1,
            page_url="http://testserver/mitglieder/",
            description="Kontrast <zu> gering",
            name="Eva",
            email="eva@example.org",
            language="de",
            created_at=timezone.now(),
        ),
        "admin_url": "http://testserver/admin/legal/barrierreport/1/change/",
    },
    **{
        f"events/emails/{name}": _registration_context
        for name in (
            "approved",
            "awaiting_approval",
            "cancelled",
            "confirmed",
            "declined",
            "reminder",
            "waiting_list",
        )
    },
    "events/emails/confirm_registration": lambda: _registration_context(
        status=Registration.Status.PENDING
    ),
    "events/emails/place_offered": lambda: _registration_context(
        status=Registration.Status.OFFERED
    ),
    **{
        f"stands/emails/{name}": _stand_context
        for name in ("accepted", "applied", "declined", "manager_notice", "waiting", "withdrawn")
    },
    **{
        f"groups/emails/{name}": _group_context
        for name in (
            "accepted",
            "declined",
            "documents_link",
            "ended",
            "join_received",
            "manager_notice",
        )
    },
    "members/email/access_link": lambda: {
        "organisation": _organisation(),
        "contact": {"name": "Anna Beispiel"},
        "link_subject": "Your link to update the profile of Klinikum",
        "asked_for": "you asked.",
        "valid_for": "7 days",
        "url": "http://testserver/mitglieder/profil/abc/",
    },
    **{
        f"members/email/application_{name}": _membership_context
        for name in ("approved", "declined", "manager_notice", "received")
    },
    "members/email/change_request_manager_notice": lambda: {
        "organisation": _organisation(),
        "change_request": ProfileChangeRequest(submitted_by="anna@example.org"),
    },
    "members/email/confirmation_reminder": lambda: {
        "organisation": _organisation(),
        "contact": ContactPerson(name="Anna Beispiel"),
        "url": "http://testserver/mitglieder/profil/abc/",
    },
    **{f"members/email/contact_{name}": _contact_context for name in ("copy", "message")},
    "partnering/email/digest": _digest_context,
    **{
        f"partnering/email/interest_{name}": lambda: {
            "post": _post(),
            "interest": ExpressionOfInterest(
                sender_name="Max",
                sender_organisation="Max GmbH",
                email="max@example.org",
                message="Wir möchten mehr erfahren.",
            ),
        }
        for name in ("confirmation", "to_poster")
    },
    **{
        f"b2b/email/meeting_{name}": _meeting_context
        for name in ("accepted", "declined", "requested")
    },
    **{
        f"partnering/email/post_{name}": lambda: {"post": _post(), "organisation": _organisation()}
        for name in ("published", "received", "submitted_managers")
    },
    # A decline's reason is a manager's own words: quoted, escaped in the HTML part.
    "partnering/email/post_rejected": lambda: {"post": _post(), "reason": "Bitte <ohne> Werbung."},
}

# Test-only messages of the test suite's own template folder.
TEST_TEMPLATES = {"mail_test/confirmation"}


def test_the_walk_finds_the_project_s_messages():
    found = mail_templates()
    assert "events/emails/confirm_registration" in found
    assert "partnering/email/digest" in found
    assert len(found) >= 30


@pytest.mark.parametrize("template", [name for name in mail_templates()])
@pytest.mark.parametrize("language", ["de", "en"])
def test_every_mail_has_a_text_and_an_accessible_html_part(template, language):
    if template in TEST_TEMPLATES:
        pytest.skip("a template of the tests")
    assert template in CONTEXTS, f"add a context for the new message {template}"

    mail = render_mail(template=template, language=language, context=CONTEXTS[template]())

    assert mail.subject and mail.text.strip()
    html = mail.html
    assert html.startswith("<!DOCTYPE html>")
    assert f'<html lang="{language}"' in html
    assert f"<title>{escape_like_django(mail.subject)}</title>" in html
    assert "<p>" in html or "<li>" in html
    # Nothing is loaded from elsewhere: no images, styles, fonts or frames by address.
    assert not re.search(r"<(img|link|script|iframe|object|embed)\b", html, re.I)
    assert not re.search(r"(src|background)\s*=|url\(", html, re.I)
    # Every address the text part shows is a link in the HTML part, with visible text: the
    # address itself where the HTML is made from the text, a title in a written HTML part.
    links = dict(re.findall(r'<a href="([^"]+)">([^<]+)</a>', html))
    for url in URL.findall(mail.text):
        url = url.rstrip(".,;:)")
        assert links.get(escape_like_django(url), "").strip(), (url, html)
    # User text is escaped in the HTML part, never markup.
    assert "<Telemedizin>" not in html and "<zu>" not in html


def escape_like_django(text):
    from django.utils.html import escape

    return escape(text)


def test_the_html_part_is_the_escaped_text_in_paragraphs_lists_and_links():
    text = (
        "Hallo <b>Eva</b> & Co,\n\n"
        "Ihr Link: https://portal.example.org/a/?x=1&y=2.\n"
        "Zweite Zeile\n\n"
        "Passend:\n"
        "- Eins https://portal.example.org/1/\n"
        "  Punkte 3: Telemedizin\n"
        "- Zwei"
    )

    html = text_to_html(text)

    assert html == (
        "<p>Hallo &lt;b&gt;Eva&lt;/b&gt; &amp; Co,</p>\n"
        '<p>Ihr Link: <a href="https://portal.example.org/a/?x=1&amp;y=2">'
        "https://portal.example.org/a/?x=1&amp;y=2</a>.<br>\nZweite Zeile</p>\n"
        "<p>Passend:</p>\n"
        '<ul>\n<li>Eins <a href="https://portal.example.org/1/">https://portal.example.org/1/</a>'
        "<br>\nPunkte 3: Telemedizin</li>\n<li>Zwei</li>\n</ul>"
    )


@pytest.mark.django_db
def test_a_mail_reaches_the_recipient_with_both_parts_and_marked_as_automatic(mailoutbox):
    send_mail_in_language(
        template="members/email/application_received",
        to=["anna@example.org"],
        language="en",
        context=_membership_context(),
    )

    message = mailoutbox[-1]
    assert message.body.startswith("Hello Anna Beispiel,")
    [(html, mimetype)] = message.alternatives
    assert mimetype == "text/html"
    assert '<html lang="en"' in html and "Hello Anna Beispiel," in html
    raw = message.message()
    assert raw["Auto-Submitted"] == "auto-generated"
    assert raw.get_content_type() == "multipart/alternative"


@pytest.mark.django_db
def test_every_portal_mail_is_auto_generated_also_with_headers_of_its_own(mailoutbox):
    send_mail_in_language(
        template="members/email/application_received",
        to=["anna@example.org"],
        language="de",
        context=_membership_context(),
        headers={"X-Test": "1"},
    )

    raw = mailoutbox[-1].message()
    assert raw["Auto-Submitted"] == "auto-generated"
    assert raw["X-Test"] == "1"


def test_an_unknown_language_falls_back_to_the_portal_s_language():
    mail = render_mail(
        template="members/email/application_received", language="fr", context=_membership_context()
    )
    assert f'<html lang="{settings.LANGUAGE_CODE}"' in mail.html
    assert mail.text.startswith("Guten Tag")


def _luminance(hex_colour: str) -> float:
    channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def _contrast(foreground: str, background: str) -> float:
    lighter, darker = sorted([_luminance(foreground), _luminance(background)], reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def test_text_and_links_of_the_html_part_have_strong_contrast():
    html = render_mail(
        template="members/email/application_received", language="de", context=_membership_context()
    ).html
    style = re.search(r"<style>(.*?)</style>", html, re.S)[1]
    background = re.search(r"body \{[^}]*background: (#[0-9a-f]{6})", style)[1]
    text = re.search(r"body \{[^}]*color: (#[0-9a-f]{6})", style)[1]
    link = re.search(r"a \{[^}]*color: (#[0-9a-f]{6})", style)[1]
    # WCAG AAA for normal text: 7:1.
    assert _contrast(text, background) >= 7
    assert _contrast(link, background) >= 7
