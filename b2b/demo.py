"""Demo B2B meetings: an upcoming B2B exchange with participants (some from the partnering
demo's fictitious members), their profiles, meeting requests and a schedule."""

import datetime as dt

from django.utils import timezone
from django.utils.text import slugify

from core.demo import register, upsert
from events.models import Event, Registration
from legal.models import LegalPage
from members.models import InnovationField, Organisation
from regions.models import Region

from .models import B2BProfile, Meeting, MeetingSlot, MeetingTable
from .scheduler import schedule_meetings

B2B_TITLE = "Internationale B2B-Börse Medizintechnik"
B2B_PARTICIPANTS = [
    # (name, organisation, language, offers, seeks, innovation fields)
    (
        "Jana Vogt",
        "Vitalsens GmbH (Demo)",
        "de",
        "Tragbare Sensoren für Vitaldaten mit sicherer Funkübertragung.",
        "Kliniken und Pflegedienste für Pilotanwendungen in der Nachsorge.",
        ["Telemedizin"],
    ),
    (
        "Pieter de Groot",
        "MedConnect B.V. (Demo)",
        "en",
        "Plattform für Telemonitoring in den Niederlanden und Belgien.",
        "Sensorhersteller aus Deutschland als Lieferanten.",
        ["Telemedizin", "Digitalisierung und Big Data"],
    ),
    (
        "Claire Martin",
        "Orthotech Lyon SAS (Demo)",
        "en",
        "Individuell gefertigte Orthesen aus dem 3D-Druck.",
        "Vertriebspartner im Sanitätshandel in Deutschland.",
        ["Orthopädietechnik"],
    ),
    (
        "Thomas Berger",
        "BioCell Labortechnik GmbH (Demo)",
        "de",
        "Automatisierte Zellkulturlabore und kleine Bioreaktoren.",
        "Forschungspartner für ein EU-Projekt zu In-vitro-Modellen.",
        ["In-vitro-Kulturen"],
    ),
    (
        "Marta Kowalska",
        "Polmed Devices Sp. z o.o. (Demo)",
        "en",
        "Auftragsfertigung von Kunststoffteilen für Medizinprodukte.",
        "Medizintechnik-Hersteller, die Fertigungskapazität suchen.",
        [],
    ),
    (
        "Stefan Hoffmann",
        "Rehaklinik am Park (Demo)",
        "de",
        "Klinische Erprobung von Reha- und Assistenztechnik.",
        "Innovative Assistenzsysteme für die ambulante Rehabilitation.",
        ["AAL"],
    ),
    (
        "Lena Schmitz",
        "DataCare Analytics GmbH (Demo)",
        "de",
        "Datenanalyse und KI für Versorgungsdaten, DSGVO-konform.",
        "Kliniken und Hersteller mit Datenprojekten.",
        ["Digitalisierung und Big Data"],
    ),
    (
        "Ahmet Yilmaz",
        "Sanitätshaus Yilmaz (Demo)",
        "de",
        "Vertrieb von Orthopädie- und Reha-Technik im Rheinland.",
        "Neue Produkte aus dem In- und Ausland.",
        ["Orthopädietechnik", "AAL"],
    ),
]
# (requester index, recipient index, status, message)
B2B_REQUESTS = [
    (1, 0, "accepted", "Wir suchen Sensoren für unsere Plattform."),
    (2, 7, "accepted", "Interesse am Vertrieb unserer Orthesen?"),
    (4, 0, "accepted", "Wir fertigen Gehäuse für Sensoren."),
    (5, 0, "accepted", "Pilotprojekt in der Reha-Nachsorge?"),
    (6, 1, "accepted", "Datenanalyse für Ihre Telemonitoring-Plattform."),
    (3, 6, "accepted", ""),
    (7, 5, "accepted", "Gemeinsame Erprobung von Assistenztechnik."),
    (4, 3, "declined", "Kunststoffteile für Bioreaktoren?"),
    (6, 5, "requested", "Auswertung Ihrer Reha-Verläufe."),
    (2, 5, "requested", "Erprobung unserer Orthesen in Ihrer Klinik."),
]


def load():
    """An upcoming B2B exchange with participants, meeting requests and a schedule."""
    fields = {field.name: field for field in InnovationField.objects.all()}
    event = Event.objects.filter(slug=slugify(B2B_TITLE)).first()
    if event is None:
        # Dates are relative to the day the demo is first loaded, then left alone.
        day = timezone.localdate() + dt.timedelta(days=45)
        start = timezone.make_aware(dt.datetime.combine(day, dt.time(9, 30)))
        event = Event.objects.create(
            slug=slugify(B2B_TITLE),
            title=B2B_TITLE,
            kind=Event.Kind.B2B_EXCHANGE,
            start=start,
            end=start + dt.timedelta(hours=7),
        )
    upsert(
        Event,
        pk=event.pk,
        defaults={
            "venue_name": "Eurogress Aachen",
            "venue_address": "Monheimsallee 48",
            "city": "Aachen",
            "region": Region.objects.filter(slug="aachen").first(),
            "languages": ["de", "en"],
            "summary": "Vorab vereinbarte Gespräche von 25 Minuten mit Unternehmen und "
            "Kliniken aus Europa, gemeinsam mit dem Enterprise Europe Network.",
            "description": "Die Teilnehmenden stellen vorab in einem kurzen Profil vor, was "
            "sie anbieten und suchen, und verabreden Gespräche. Das Clustermanagement "
            "plant daraus für jede Person einen Terminplan mit Uhrzeit und Tisch.",
            "registration_enabled": True,
            "capacity": 60,
        },
    )
    network = Organisation.objects.filter(slug="enterprise-europe-network-nrw-europa").first()
    if network and not event.co_organisers.filter(pk=network.pk).exists():
        event.co_organisers.add(network)
    slots = []
    for index in range(6):
        start = event.start + dt.timedelta(minutes=30 + 30 * index)
        slots.append(
            upsert(
                MeetingSlot,
                event=event,
                start=start,
                defaults={"end": start + dt.timedelta(minutes=25)},
            )
        )
    for position in range(1, 5):
        upsert(MeetingTable, event=event, name=str(position), defaults={"position": position})
    privacy = LegalPage.objects.current(LegalPage.Kind.PRIVACY)
    people = []
    for name, organisation, language, offer, seek, field_names in B2B_PARTICIPANTS:
        registration = upsert(
            Registration,
            event=event,
            email=slugify(name).replace("-", ".") + "@b2b.example.org",
            defaults={
                "name": name,
                "organisation_name": organisation,
                "language": language,
                "status": Registration.Status.CONFIRMED,
                "privacy_notice": privacy,
                "consented_at": event.start - dt.timedelta(days=20),
                "confirmed_at": event.start - dt.timedelta(days=20),
            },
        )
        profile = upsert(
            B2BProfile,
            registration=registration,
            defaults={
                "offer": offer,
                "seek": seek,
                "organisation": Organisation.objects.filter(slug=slugify(organisation)).first(),
            },
        )
        wanted = {fields[n] for n in field_names if n in fields}
        if set(profile.innovation_fields.all()) != wanted:
            profile.innovation_fields.set(wanted)
        people.append(registration)
    for number, (asker, asked, status, message) in enumerate(B2B_REQUESTS):
        requested_at = event.start - dt.timedelta(days=14, hours=-number)
        upsert(
            Meeting,
            requester=people[asker],
            recipient=people[asked],
            defaults={
                "event": event,
                "message": message,
                "status": status,
                "created_at": requested_at,
                "answered_at": None if status == "requested" else requested_at,
            },
        )
    schedule_meetings(event=event)


# After the partnering board (70), whose fictitious members some participants come from.
register("b2b", load, after=("regions", "members", "events", "partnering"), position=80)
