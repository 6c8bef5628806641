"""Demo joint stands: the seeds' stands at conhIT, MedTec Europe and abroad (their trade fairs,
where the events demo has none), and an upcoming stand at the DMEA with applications."""

import datetime as dt
from decimal import Decimal

from django.utils import timezone

from billing.demo import seller
from billing.pricing import VatRate
from billing.services import payment_record
from core.demo import register, upsert
from events.demo import LZG, ZTG, at
from events.models import Event
from legal.models import LegalPage
from members.models import Organisation
from regions.models import Region

from . import services
from .models import CoExhibitorApplication, CoExhibitorBilling, JointStand

SAAR = "saar.is saarland.innovation&standort e. V."
# The NRW joint stand at the DMEA: LZG.NRW organises it (events.demo.LZG) and invoices its places.
DMEA_PLACE_PRICE_CENTS = 245000
DMEA_SELLER = "LZG"

# The seeds name the stands abroad but not their fairs or dates: generic titles, one
# placeholder day, and the event's `date_unknown` so that the pages say the date is not
# recorded (and offer no calendar file).
ABROAD = [
    ("indien", "Indien", "IN"),
    ("brasilien", "Brasilien", "BR"),
    ("dubai", "Dubai", "AE"),
    ("singapur", "Singapur", "SG"),
]
ABROAD_PLACEHOLDER_DAY = dt.date(2014, 1, 1)

DMEA_SERVICES = [
    JointStand.Service.FURNITURE,
    JointStand.Service.POWER,
    JointStand.Service.INTERNET,
    JointStand.Service.CATERING,
    JointStand.Service.CATALOGUE,
    JointStand.Service.MEETING_AREA,
]


def load():
    regions = {region.slug: region for region in Region.objects.all()}
    organisations = {org.name: org for org in Organisation.objects.all()}
    for year in range(2015, 2019):
        event = Event.objects.filter(slug=f"conhit-{year}-landesgemeinschaftsstand-nrw").first()
        if event is not None:
            upsert(
                JointStand,
                event=event,
                defaults={
                    "title": f"Landesgemeinschaftsstand NRW auf der conhIT {year}",
                    "places": 10,
                    "description": "Gemeinsam mit dem ZTG Zentrum für Telematik und "
                    "Telemedizin organisierter Landesgemeinschaftsstand, auf dem Unternehmen "
                    "und Einrichtungen aus Nordrhein-Westfalen Lösungen der Gesundheits-IT "
                    "zeigten.",
                    "services": [JointStand.Service.FURNITURE, JointStand.Service.CATALOGUE],
                },
            )
    medtec = Event.objects.filter(slug="medtec-europe-2014-gemeinschaftsstand").first()
    if medtec is not None:
        upsert(
            JointStand,
            event=medtec,
            defaults={
                "title": "Gemeinschaftsstand NRW auf der MedTec Europe 2014",
                "places": 8,
                "description": "Zusammen mit dem Cluster Medizintechnik.NRW organisierter "
                "Gemeinschaftsstand auf der Fachmesse für Entwicklung und Fertigung in der "
                "Medizintechnik in Stuttgart.",
                "services": [JointStand.Service.FURNITURE, JointStand.Service.CATALOGUE],
            },
        )
    for slug_part, country_name, country in ABROAD:
        title = f"Gemeinschaftsstand Saarland – Fachmesse {country_name}"
        event = upsert(
            Event,
            slug=f"gemeinschaftsstand-saarland-fachmesse-{slug_part}",
            defaults={
                "title": title,
                "kind": Event.Kind.TRADE_FAIR,
                "start": at(ABROAD_PLACEHOLDER_DAY, 9),
                "end": at(ABROAD_PLACEHOLDER_DAY, 17),
                "date_unknown": True,
                "city": "",
                "country": country,
                "region": regions.get("saarland"),
                "organiser": organisations.get(SAAR),
                "summary": f"Gemeinschaftsstand saarländischer Unternehmen der "
                f"Gesundheitswirtschaft auf einer Fachmesse in {country_name}, organisiert vom "
                "Netzwerk healthcare.saarland. Messe und Datum sind im Archiv nicht verzeichnet.",
                "languages": ["de", "en"],
            },
        )
        upsert(
            JointStand,
            event=event,
            defaults={
                "title": title,
                "places": 6,
                "description": "Einer der Gemeinschaftsstände, mit denen healthcare.saarland "
                "saarländischen Unternehmen den Weg auf internationale Märkte ebnet.",
            },
        )
    _upcoming_dmea(regions, organisations)


def _next_april(today: dt.date) -> dt.date:
    year = today.year + 1 if today.month >= 3 else today.year
    return dt.date(year, 4, 21)


def _upcoming_dmea(regions, organisations):
    today = timezone.localdate()
    start = _next_april(today)
    end = start + dt.timedelta(days=2)
    slug = f"dmea-{start.year}-landesgemeinschaftsstand-nrw"
    event, _created = Event.objects.get_or_create(
        slug=slug,
        defaults={
            "title": f"DMEA {start.year}: Landesgemeinschaftsstand NRW",
            "kind": Event.Kind.TRADE_FAIR,
            "start": at(start, 9),
            "end": at(end, 17),
        },
    )
    event = upsert(
        Event,
        slug=slug,
        defaults={
            "title": f"DMEA {start.year}: Landesgemeinschaftsstand NRW",
            "kind": Event.Kind.TRADE_FAIR,
            "city": "Berlin",
            "venue_name": "Messe Berlin",
            "region": regions.get("nordrhein-westfalen"),
            "organiser": organisations.get(LZG),
            "summary": "Landesgemeinschaftsstand auf der DMEA, der Nachfolgerin der conhIT, "
            "mit Plätzen für Mitgliedsunternehmen.",
            "languages": ["de", "en"],
        },
    )
    co = [organisations[ZTG]] if ZTG in organisations else []
    if co and set(event.co_organisers.all()) != set(co):
        event.co_organisers.set(co)
    fair_day = timezone.localtime(event.start).date()
    stand, _created = JointStand.objects.get_or_create(
        event=event,
        defaults={
            "title": f"Landesgemeinschaftsstand NRW auf der DMEA {fair_day.year}",
            "places": 8,
            "application_deadline": fair_day - dt.timedelta(weeks=8),
        },
    )
    stand = upsert(
        JointStand,
        event=event,
        defaults={
            "hall": "3.2",
            "stand_number": "D-100 (Beispiel)",
            "total_area": Decimal("96.0"),
            "place_size": Decimal("6.0"),
            "price_cents": DMEA_PLACE_PRICE_CENTS,
            "vat_rate": VatRate.STANDARD,
            "seller": seller(DMEA_SELLER),
            "services": DMEA_SERVICES,
            "description": "Mitaussteller erhalten einen eigenen Counter mit Logo, Strom und "
            "Internet, nutzen die gemeinsame Besprechungsecke und werden im Messekatalog "
            "geführt. Standnummer und Preis sind Beispielwerte des Demo-Datenbestands.",
        },
    )
    # The legal pages load after the events on a fresh database; then the demo consent has
    # no notice version, as with the demo registrations.
    privacy = LegalPage.objects.current(LegalPage.Kind.PRIVACY)
    members = list(
        Organisation.objects.members().filter(name__endswith="(fiktiv)").order_by("name")[:4]
    )
    # Accepted with an open invoice, accepted and paid, withdrawn after the invoice (credit
    # note), and one still undecided.
    statuses = [
        CoExhibitorApplication.Status.ACCEPTED,
        CoExhibitorApplication.Status.ACCEPTED,
        CoExhibitorApplication.Status.WITHDRAWN,
        CoExhibitorApplication.Status.APPLIED,
    ]
    for index, (organisation, status) in enumerate(zip(members, statuses, strict=False)):
        contact = organisation.contact_persons.first()
        if contact is None:
            continue
        application, _created = CoExhibitorApplication.objects.get_or_create(
            stand=stand,
            organisation=organisation,
            defaults={
                "contact_person": contact,
                "contact_name": contact.name,
                "contact_email": contact.email,
                "contact_phone": contact.phone,
                "products": "Beispielprodukte aus dem Portfolio des Unternehmens (Demo).",
                "places_needed": 1 + index % 2,
                "status": status,
                "language": "de",
                "privacy_notice": privacy,
                "consented_at": timezone.now(),
            },
        )

        _billing(application, organisation, paid=index == 1)


def _billing(application, organisation, *, paid):
    """Billing details for the application; an invoice once it was accepted (paid, when
    asked), cancelled by a credit note once withdrawn. Each step happens once, so that loading
    the demo again changes nothing."""
    CoExhibitorBilling.objects.get_or_create(
        application=application,
        defaults={
            "billing_organisation": organisation.name,
            "billing_department": "Buchhaltung",
            "billing_street": organisation.street or "Musterstraße 1 (Demo)",
            "billing_postcode": organisation.postcode or "44801",
            "billing_city": organisation.city or "Bochum",
            "billing_country": organisation.country or "DE",
            "billing_email": application.contact_email,
        },
    )
    Status = CoExhibitorApplication.Status
    if application.status not in (Status.ACCEPTED, Status.WITHDRAWN):
        return
    invoice = services.stand_invoice(application)
    if invoice is None:
        invoice = services.invoice_for_places(application, mail=False)
    if paid and not invoice.payments.exists():
        payment_record(
            invoice=invoice,
            amount_cents=invoice.gross_cents,
            paid_on=invoice.issue_date,
            reference=invoice.number,
            payer=organisation.name,
        )
    if application.status == Status.WITHDRAWN:
        services.credit_places(application, mail=False)


# Right after the events (30), whose trade fairs the stands stand on; the legal pages (50) come
# later, so on a fresh database the demo consents have no privacy notice version.
register("stands", load, after=("regions", "members", "billing", "events"), position=35)
