"""Demo events: the seeds' events as archive and upcoming events relative to today."""

import datetime as dt
from zoneinfo import ZoneInfo

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from billing import demo as billing_demo
from billing.services import Buyer, credit_note_issue, invoice_issue, payment_record
from core.demo import register, upsert
from legal.models import LegalPage
from members.models import Organisation
from regions.models import Region

from .models import (
    Booking,
    Event,
    EventSeries,
    Registration,
    RegistrationQuestion,
    Session,
    Speaker,
)

BERLIN = ZoneInfo("Europe/Berlin")
K = Event.Kind
LZG = "LZG.NRW – Landeszentrum Gesundheit Nordrhein-Westfalen"
UKA = "Uniklinik RWTH Aachen"
ZTG = "ZTG Zentrum für Telematik und Telemedizin GmbH"
GWMD = "Gesundheitswirtschaft Mitteldeutschland (GWMD)"


def at(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour, minute), tzinfo=BERLIN)


def archive_event(title, kind, start, end, city, region, venue="", **extra):
    return {
        "title": title,
        "kind": kind,
        "start": start,
        "end": end,
        "city": city,
        "region": region,
        "venue": venue,
        **extra,
    }


ARCHIVE = [
    archive_event(
        "Deutsch-Niederländisches Symposium",
        K.SYMPOSIUM,
        dt.date(2015, 9, 23),
        dt.date(2015, 9, 23),
        "Münster",
        "muensterland",
        summary="Netzwerke aus Deutschland und den Niederlanden gestalten gemeinsam das "
        "Programm zu grenzüberschreitenden Themen der Gesundheitswirtschaft.",
        languages=["de", "nl"],
    ),
    archive_event(
        "Cross-Border Conference Healthcare Economy",
        K.CONFERENCE,
        dt.date(2016, 12, 7),
        dt.date(2016, 12, 7),
        "Mönchengladbach",
        "nordrhein-westfalen",
        summary="Grenzüberschreitende Konferenz zur Gesundheitswirtschaft mit Partnern aus den "
        "Nachbarländern.",
        languages=["de", "en"],
    ),
    archive_event(
        "Transatlantische Clusterinitiative: Gesundheitswirtschaft und Medizintechnik",
        K.WORKSHOP,
        dt.date(2017, 10, 16),
        dt.date(2017, 10, 16),
        "Aachen",
        "aachen",
        "Telemedizinzentrum der Uniklinik RWTH Aachen",
        summary="Workshop für deutsche und US-amerikanische Cluster, Unternehmen und "
        "Institutionen zu Medizintechnik, Orthopädietechnik und Telemedizin.",
        description="Über 30 Fachleute aus Gesundheitswirtschaft und Medizintechnik "
        "tauschten sich auf Einladung des LZG.NRW über Best Practices aus: Clustermanagement, "
        "Internationalisierung, Cluster-Politik, Fachkräftegewinnung sowie Technologie"
        "entwicklung und -transfer. Organisiert von der AHK USA – Chicago im Rahmen des "
        "Transatlantik-Programms der Bundesregierung.",
        organiser=LZG,
        co_organisers=[UKA],
        languages=["de", "en"],
        sessions=[
            (10, 0, "Begrüßung", [("Robert Schwanitz", "Fachbereich Gesundheitswirtschaft", LZG)]),
            (
                10,
                30,
                "Die Zukunft der Telemedizin",
                [
                    (
                        "Univ.-Prof. Dr. med. Gernot Marx",
                        "Direktor der Klinik für Operative Intensivmedizin und Intermediate "
                        "Care, Sprecher des Telemedizinzentrums Aachen",
                        UKA,
                    )
                ],
            ),
        ],
    ),
    # The seeds give only the years of the two congresses; the days are placeholders.
    archive_event(
        "CREATIVE.HEALTH I",
        K.CONGRESS,
        dt.date(2014, 11, 5),
        dt.date(2014, 11, 5),
        "Düsseldorf",
        "nordrhein-westfalen",
        summary="Kongress mit dem Landescluster CREATIVE.NRW: Gesundheits- und "
        "Kreativwirtschaft im Gespräch.",
    ),
    archive_event(
        "CREATIVE.HEALTH II",
        K.CONGRESS,
        dt.date(2015, 11, 4),
        dt.date(2015, 11, 4),
        "Düsseldorf",
        "nordrhein-westfalen",
        summary="Zweiter Kongress mit dem Landescluster CREATIVE.NRW zu Gesundheits- und "
        "Kreativwirtschaft.",
    ),
    archive_event(
        "MedTec Europe 2014: Gemeinschaftsstand",
        K.TRADE_FAIR,
        dt.date(2014, 6, 3),
        dt.date(2014, 6, 5),
        "Stuttgart",
        "nordrhein-westfalen",
        "Messe Stuttgart",
        summary="Gemeinschaftsstand mit dem Cluster Medizintechnik.NRW auf der Fachmesse für "
        "Entwicklung und Fertigung in der Medizintechnik.",
    ),
    *[
        archive_event(
            f"conhIT {year}: Landesgemeinschaftsstand NRW",
            K.TRADE_FAIR,
            start,
            end,
            "Berlin",
            "nordrhein-westfalen",
            "Messe Berlin",
            summary="Landesgemeinschaftsstand auf der Gesundheits-IT-Fachmesse conhIT, "
            "in Kooperation mit dem ZTG Zentrum für Telematik und Telemedizin.",
            co_organisers=[ZTG],
        )
        for year, start, end in [
            (2015, dt.date(2015, 4, 21), dt.date(2015, 4, 23)),
            (2016, dt.date(2016, 4, 19), dt.date(2016, 4, 21)),
            (2017, dt.date(2017, 4, 25), dt.date(2017, 4, 27)),
            (2018, dt.date(2018, 4, 17), dt.date(2018, 4, 19)),
        ]
    ],
]


# English titles and summaries of some demo events; the others fall back to German.
ENGLISH = {
    "Netzwerktreffen Telemedizin": (
        "Telemedicine network meeting",
        "A small working meeting on telemedicine in standard care.",
    ),
    "Mitteldeutsche Gesundheitswirtschaftskonferenz": (
        "Central German Health Economy Conference",
        "The annual conference of the health economy in Central Germany.",
    ),
    "Delegationsreise Gesundheitswirtschaft Niederlande": (
        "Health-economy delegation trip to the Netherlands",
        "Exploring the market with visits to hospitals, start-ups and clusters.",
    ),
    "Markterkundungsreise Gesundheitswirtschaft Belgien": (
        "Health-economy market-exploration trip to Belgium",
        "Brussels and Flanders: hospitals, research and purchasing groups.",
    ),
    "Unternehmerreise Gesundheitswirtschaft Dänemark": (
        "Health-economy business trip to Denmark",
        "Copenhagen and Odense: welfare tech, new hospitals, telemedicine.",
    ),
}


def upcoming():
    """Upcoming events; dates are relative to the day they are first created."""
    today = timezone.localdate()
    return [
        {
            "title": "Netzwerktreffen Telemedizin",
            "kind": K.NETWORK_MEETING,
            "start": today + dt.timedelta(days=21),
            "end": today + dt.timedelta(days=21),
            "city": "Bochum",
            "region": "metropole-ruhr",
            "venue": "Gesundheitscampus NRW",
            "venue_address": "Gesundheitscampus 10",
            "summary": "Kleines Arbeitstreffen zu Telemedizin in der Regelversorgung.",
            "capacity": 3,
            "organiser": ZTG,
            # Full with a waiting list, to show how offers work.
            "people": [
                ("Anna Schmidt", "Klinikum Beispielstadt", Registration.Status.CONFIRMED),
                ("Jonas Weber", "Pflegedienst Ruhr", Registration.Status.CONFIRMED),
                ("Lea Fischer", "Medizintechnik Muster GmbH", Registration.Status.CONFIRMED),
                ("Paul Becker", "Apotheke am Markt", Registration.Status.WAITING_LIST),
                ("Mia Wagner", "Hochschule Bochum", Registration.Status.WAITING_LIST),
            ],
        },
        {
            "title": "Mitteldeutsche Gesundheitswirtschaftskonferenz",
            "kind": K.CONFERENCE,
            "start": today + dt.timedelta(days=60),
            "end": today + dt.timedelta(days=61),
            "city": "Halle (Saale)",
            "region": "mitteldeutschland",
            "series": "Mitteldeutsche Gesundheitswirtschaftskonferenz",
            "summary": "Die jährliche Konferenz der Gesundheitswirtschaft Mitteldeutschland, "
            "jedes Jahr an einem anderen Ort.",
            "capacity": 200,
            "price_cents": 9500,
            "member_price_cents": 7500,
            "seller": "GWMD",
            "organiser": GWMD,
            # One booking each, with its invoice open, paid, and cancelled by a credit note.
            "paid_people": [
                ("Sabine Krüger", "Universitätsklinikum Halle (Saale)", "open"),
                ("Thomas Richter", "Medizintechnik Muster GmbH", "paid"),
                ("Julia Neumann", "Pflegedienst Saalekreis", "cancelled"),
            ],
            "sessions": [
                (9, 30, "Begrüßung und Eröffnung", []),
                (10, 0, "Versorgung im ländlichen Raum", []),
            ],
        },
        {
            "title": "Workshop Ambient Assisted Living",
            "kind": K.WORKSHOP,
            "start": today + dt.timedelta(days=35),
            "end": today + dt.timedelta(days=35),
            "city": "Saarbrücken",
            "region": "saarland",
            "summary": "Assistenzsysteme für ein selbstbestimmtes Leben im Alter.",
            "capacity": 40,
            "questions": [
                (
                    "Welchen Thementisch möchten Sie besuchen?",
                    "single",
                    True,
                    "Sensorik\nSmart Home\nFinanzierung",
                ),
                ("Nehmen Sie am Mittagessen teil?", "yes_no", True, ""),
                ("Haben Sie Wünsche zur Verpflegung?", "text", False, ""),
            ],
        },
        {
            "title": "Delegationsreise Gesundheitswirtschaft Niederlande",
            "kind": K.DELEGATION_TRIP,
            "start": today + dt.timedelta(days=90),
            "end": today + dt.timedelta(days=92),
            "city": "Eindhoven",
            "country": "NL",
            "region": "nordrhein-westfalen",
            "summary": "Markterkundung mit Besuchen bei Kliniken, Start-ups und Clustern.",
            "capacity": 15,
            "requires_approval": True,
            "price_cents": 35000,
            "seller": "LZG",
            "organiser": LZG,
            "languages": ["de", "en"],
        },
        # NRW.International's trips to Belgium and Denmark (seed 000); their programme, costs,
        # questions and applications come from the delegations demo.
        {
            "title": "Markterkundungsreise Gesundheitswirtschaft Belgien",
            "kind": K.DELEGATION_TRIP,
            "start": today + dt.timedelta(days=120),
            "end": today + dt.timedelta(days=121),
            "city": "Brüssel",
            "description": "Fiktives Beispiel einer Reise, wie sie NRW.International organisiert.",
            "country": "BE",
            "region": "nordrhein-westfalen",
            "summary": "Brüssel und Flandern: Kliniken, Forschung und Einkaufsgemeinschaften.",
            "capacity": 12,
            "requires_approval": True,
            "price_cents": 29000,
            "seller": "LZG",
            "organiser": "NRW.International GmbH",
            "languages": ["de", "en"],
        },
        {
            "title": "Unternehmerreise Gesundheitswirtschaft Dänemark",
            "kind": K.DELEGATION_TRIP,
            "start": today + dt.timedelta(days=150),
            "end": today + dt.timedelta(days=152),
            "city": "Kopenhagen",
            "description": "Fiktives Beispiel einer Reise, wie sie NRW.International organisiert.",
            "country": "DK",
            "region": "nordrhein-westfalen",
            "summary": "Kopenhagen und Odense: Welfare Tech, Krankenhausneubauten, Telemedizin.",
            "capacity": 15,
            "requires_approval": True,
            "price_cents": 42000,
            "seller": "LZG",
            "organiser": "NRW.International GmbH",
            "languages": ["de", "en"],
        },
    ]


def load():
    regions = {region.slug: region for region in Region.objects.all()}
    organisations = {org.name: org for org in Organisation.objects.all()}
    for data in ARCHIVE:
        slug = slugify(f"{data['title']}-{data['start'].year}")[:200]
        if data["title"].startswith(("conhIT", "MedTec")):
            slug = slugify(data["title"])
        event = upsert(Event, slug=slug, defaults=_defaults(data, regions, organisations))
        _extras(event, data, organisations)
    for data in upcoming():
        slug = slugify(data["title"])
        defaults = _defaults(data, regions, organisations)
        dates = {key: defaults.pop(key) for key in ["start", "end"]}
        # Upcoming dates move with today; keep the first dates once created.
        event, _created = Event.objects.get_or_create(slug=slug, defaults={**defaults, **dates})
        event = upsert(Event, slug=slug, defaults=defaults)
        _extras(event, data, organisations)
        _people(event, data.get("people", []))
        _paid_people(event, data.get("paid_people", []))


def _defaults(data, regions, organisations) -> dict:
    upcoming = data["start"] >= timezone.localdate()
    series = None
    if data.get("series"):
        series = upsert(
            EventSeries, slug=slugify(data["series"]), defaults={"name": data["series"]}
        )
    return {
        "title": data["title"],
        "kind": data["kind"],
        "start": at(data["start"], 10 if data["start"] == data["end"] else 9),
        "end": at(data["end"], 17),
        "city": data["city"],
        "country": data.get("country", "DE"),
        "venue_name": data.get("venue", ""),
        "venue_address": data.get("venue_address", ""),
        "region": regions.get(data["region"]),
        "series": series,
        "summary": data.get("summary", ""),
        "description": data.get("description", ""),
        # English where the seed gives one; the English page falls back to German otherwise.
        "title_en": ENGLISH.get(data["title"], ("", ""))[0],
        "summary_en": ENGLISH.get(data["title"], ("", ""))[1],
        "languages": data.get("languages", ["de"]),
        "organiser": organisations.get(data.get("organiser")),
        "price_cents": data.get("price_cents"),
        "member_price_cents": data.get("member_price_cents"),
        "seller": billing_demo.seller(data["seller"]) if data.get("seller") else None,
        "capacity": data.get("capacity"),
        "registration_enabled": upcoming,
        "requires_approval": data.get("requires_approval", False),
    }


def _extras(event, data, organisations):
    co = [organisations[name] for name in data.get("co_organisers", []) if name in organisations]
    if co and set(event.co_organisers.all()) != set(co):
        event.co_organisers.set(co)
    day = timezone.localtime(event.start).date()
    for hour, minute, title, speakers in data.get("sessions", []):
        session = upsert(
            Session, event=event, title=title, defaults={"start": at(day, hour, minute)}
        )
        people = [
            upsert(
                Speaker,
                name=name,
                defaults={
                    "position": position,
                    "organisation": organisations.get(org),
                    "organisation_name": "" if org in organisations else org,
                },
            )
            for name, position, org in speakers
        ]
        if people and set(session.speakers.all()) != set(people):
            session.speakers.set(people)
    for position, (text, kind, required, choices) in enumerate(data.get("questions", [])):
        upsert(
            RegistrationQuestion,
            event=event,
            text=text,
            defaults={"kind": kind, "required": required, "choices": choices, "position": position},
        )


def _people(event, people):
    privacy = LegalPage.objects.current(LegalPage.Kind.PRIVACY)
    for index, (name, organisation, status) in enumerate(people):
        email = slugify(name).replace("-", ".") + "@example.org"
        consented = event.start - dt.timedelta(days=14)
        Registration.objects.get_or_create(
            event=event,
            email=email,
            defaults={
                "name": name,
                "organisation_name": organisation,
                "status": status,
                "show_organisation_publicly": index % 2 == 0,
                "privacy_notice": privacy,
                "consented_at": consented,
                "confirmed_at": consented if status == Registration.Status.CONFIRMED else None,
                "waiting_since": consented + dt.timedelta(minutes=index)
                if status == Registration.Status.WAITING_LIST
                else None,
            },
        )


def _paid_people(event, people):
    """Confirmed bookings with their invoices, written once: a second run finds them."""
    privacy = LegalPage.objects.current(LegalPage.Kind.PRIVACY)
    for name, organisation, invoice_state in people:
        email = slugify(name).replace("-", ".") + "@example.org"
        consented = event.start - dt.timedelta(days=21)
        if Registration.objects.filter(event=event, email=email).exists():
            continue
        with transaction.atomic():
            booking = Booking.objects.create(
                event=event,
                booker_name=name,
                booker_email=email,
                billing_organisation=organisation,
                billing_street="Musterstraße 1",
                billing_postcode="06108",
                billing_city="Halle (Saale)",
                billing_email=email,
            )
            registration = Registration.objects.create(
                event=event,
                email=email,
                name=name,
                organisation_name=organisation,
                booking=booking,
                status=Registration.Status.CONFIRMED,
                privacy_notice=privacy,
                consented_at=consented,
                confirmed_at=consented,
            )
            invoice = invoice_issue(
                seller=event.seller,
                buyer=Buyer.of(booking),
                lines=[
                    event.line(
                        f"{event.title}: {name}", quantity=1, member=False, on=consented.date()
                    )
                ],
                service_date=timezone.localtime(event.start).date(),
                region=event.region,
                source=registration,
                currency=event.currency,
                mail=False,  # demo addresses: nobody to mail
            )
            registration.invoice = invoice
            registration.save(update_fields=["invoice"])
            if invoice_state == "paid":
                payment_record(
                    invoice=invoice,
                    amount_cents=invoice.gross_cents,
                    paid_on=timezone.localdate(),
                    reference=invoice.number,
                    payer=organisation,
                )
            elif invoice_state == "cancelled":
                credit_note_issue(invoice=invoice, mail=False)
                registration.status = Registration.Status.CANCELLED
                registration.cancelled_at = timezone.now()
                registration.save(update_fields=["status", "cancelled_at"])


register("events", load, after=("regions", "members", "billing"), position=30)
