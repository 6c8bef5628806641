"""Synthetic data at the scale of a national network, for the load benchmark.

One generator per app (`generate_organisations`, `generate_events`, `generate_cooperations`,
`generate_joint_stands`). Each inserts with `bulk_create` in batches and fills many-to-many
through tables directly, so nothing is saved row by row and no signal fires; stored search
vectors are refreshed afterwards in bulk UPDATEs.

The schema is still growing (members and events are being rebuilt), so the generators ask
`_meta` which fields and models exist and fill only those: a field they do not know keeps its
default, a model that does not exist yet is reported as "not available". Extend the generator
of an app when its models land.

Everything is drawn from `random.Random` instances seeded from the `seed` argument and the
generator's name, so the same seed gives the same data (anchored at today's date, so that some
events are always upcoming) and adding a generator does not shift the others' data.
"""

import datetime as dt
import io
import random
from collections.abc import Callable
from dataclasses import asdict, dataclass
from decimal import Decimal

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import connection, models
from django.utils import timezone
from django.utils.text import slugify

BATCH_SIZE = 2000
# PostgreSQL binds at most 65,535 parameters per statement; `pk__in` lists stay below that.
ID_CHUNK = 20_000
LOGO_FILES = 24
LOGO_FOLDER = "logos/bench"


@dataclass(frozen=True)
class Size:
    organisations: int = 10_000
    events: int = 2_000
    registrations: int = 100_000
    cooperations: int = 300
    joint_stands: int = 50
    news: int = 1_000
    partnering_posts: int = 400

    def as_dict(self) -> dict:
        return asdict(self)


# --- schema introspection --------------------------------------------------------------------


def get_model(label: str) -> type[models.Model] | None:
    try:
        return apps.get_model(label)
    except LookupError:
        return None


def has_field(model: type[models.Model], name: str) -> bool:
    try:
        model._meta.get_field(name)
    except FieldDoesNotExist:
        return False
    return True


def existing(model: type[models.Model], values: dict) -> dict:
    """`values` without the keys that are not (yet) fields of `model`."""
    return {name: value for name, value in values.items() if has_field(model, name)}


def bulk_insert(model: type[models.Model], objects: list) -> list:
    return model.objects.bulk_create(objects, batch_size=BATCH_SIZE)


def insert_through(
    model: type[models.Model], m2m: str, pairs: list[tuple[int, int]], target_field: str = ""
) -> int:
    """Rows of the many-to-many `m2m` of `model` from (source id, target id) pairs."""
    field = model._meta.get_field(m2m)
    through = field.remote_field.through
    source = field.m2m_field_name() + "_id"
    target = target_field or field.m2m_reverse_field_name() + "_id"
    bulk_insert(through, [through(**{source: a, target: b}) for a, b in pairs])
    return len(pairs)


class SlugPool:
    """Unique slugs: the name's slug, else the name's slug with the next free number."""

    def __init__(self, taken):
        self.taken = set(taken)
        self.next_number: dict[str, int] = {}

    def make(self, text: str, max_length: int = 200) -> str:
        base = slugify(text)[: max_length - 8] or "eintrag"
        slug = base
        # Remember where the numbering of a base stopped: common names would otherwise make
        # every new slug walk through all the earlier numbers.
        number = self.next_number.get(base, 2)
        while slug in self.taken:
            slug = f"{base}-{number}"
            number += 1
        self.next_number[base] = number
        self.taken.add(slug)
        return slug


def sample(rng: random.Random, population: list, low: int, high: int) -> list:
    return rng.sample(population, min(len(population), rng.randint(low, high)))


# --- word lists ---------------------------------------------------------------------------------

SURNAMES = [
    "Becker", "Schulte", "Hoffmann", "Wagner", "Krämer", "Neumann", "Brandt", "Lorenz",
    "Vogel", "Hartmann", "Winkler", "Kessler", "Brinkmann", "Lübke", "Overbeck", "Terhorst",
    "Schäfer", "Richter", "Zimmermann", "Kuhlmann", "Wessels", "Heitkamp", "Sommer", "Engel",
]  # fmt: skip
FIRST_NAMES = [
    "Anna", "Jonas", "Lea", "Lukas", "Marie", "Felix", "Sophie", "Paul", "Laura", "Tim",
    "Hannah", "Jan", "Clara", "David", "Julia", "Moritz", "Katrin", "Stefan", "Mehmet", "Aylin",
]  # fmt: skip
PLACE_WORDS = [
    "Rhein", "Ruhr", "Saar", "Westfalen", "Eifel", "Sauerland", "Lippe", "Elbe", "Harz",
    "Weser", "Ems", "Sieg", "Mosel", "Börde", "Teuto", "Niederrhein", "Bergisch", "Mulde",
]  # fmt: skip
BRANCHES = [
    "Medizintechnik", "Pharma", "Diagnostik", "Orthopädietechnik", "Labortechnik",
    "Telemedizin", "Rehatechnik", "Biotech", "Optik", "Gesundheitsdienste", "Pflegedienste",
    "Health IT", "Implantate", "Hörsysteme", "Sanitätshaus", "Medizinsoftware", "Vitalsensorik",
]  # fmt: skip
LEGAL_FORMS = ["GmbH", "GmbH", "GmbH", "GmbH & Co. KG", "AG", "KG", "UG (haftungsbeschränkt)"]
TOPICS = [
    "Telemedizin", "Digitale Pflege", "Biomedizinische Technik", "Versorgungsforschung",
    "Ambient Assisted Living", "Medizininformatik", "Zellkulturtechnik", "Rehabilitation",
    "Gesundheitsökonomie", "Künstliche Intelligenz in der Medizin", "Prävention",
]  # fmt: skip
SAINTS = ["Marien", "Josef", "Elisabeth", "Johannes", "Vinzenz", "Antonius", "Franziskus"]

SUBJECTS = [
    "Unser Unternehmen", "Unser Team", "Die Einrichtung", "Das Haus", "Unsere Fachabteilung",
    "Unsere Arbeitsgruppe", "Der Standort",
]  # fmt: skip
VERBS = [
    "entwickelt", "erforscht", "fertigt", "vertreibt", "erprobt", "begleitet", "betreibt",
    "plant", "prüft", "vernetzt",
]  # fmt: skip
OBJECTS = [
    "digitale Lösungen für die ambulante Pflege", "Implantate aus Titan und Keramik",
    "telemedizinische Plattformen für Kliniken", "Assistenzsysteme für das Wohnen im Alter",
    "Zellkulturen für die Wirkstoffprüfung", "orthopädische Hilfsmittel nach Maß",
    "Software für Arztpraxen und medizinische Versorgungszentren",
    "Weiterbildungen für Pflegefachkräfte", "Labordiagnostik für seltene Erkrankungen",
    "ambulante Rehabilitationsangebote", "sensorbasierte Sturzerkennung",
    "Lösungen für das Medikationsmanagement", "Hörsysteme und audiologische Messtechnik",
    "Sterilgutaufbereitung für Krankenhäuser", "Ernährungsberatung für chronisch Kranke",
    "Auswertungen medizinischer Routinedaten", "Exoskelette für die Pflege",
    "Kontaktlinsen und Sehhilfen", "klinische Studien der Phasen I bis III",
    "Schulungen zur Medizinprodukteverordnung",
]  # fmt: skip
CONTEXTS = [
    "in enger Zusammenarbeit mit Kliniken der Region", "für Krankenhäuser und Pflegeheime",
    "gemeinsam mit Hochschulen und Forschungsinstituten", "seit mehr als zwanzig Jahren",
    "für den deutschen und europäischen Markt", "nach den Anforderungen der MDR",
    "mit Partnern aus dem Netzwerk", "für Patientinnen und Patienten im ländlichen Raum",
    "im Auftrag von Krankenkassen", "mit eigenen Fachkräften vor Ort",
]  # fmt: skip

CITIES = {
    "aachen": [("Aachen", "520"), ("Düren", "523"), ("Heinsberg", "525"), ("Eschweiler", "522")],
    "koeln-bonn": [("Köln", "506"), ("Bonn", "531"), ("Leverkusen", "513"), ("Siegburg", "537")],
    "ostwestfalen-lippe": [("Bielefeld", "336"), ("Paderborn", "331"), ("Detmold", "327")],
    "suedwestfalen": [("Siegen", "570"), ("Arnsberg", "598"), ("Olpe", "574"), ("Iserlohn", "586")],
    "muensterland": [("Münster", "481"), ("Coesfeld", "486"), ("Borken", "463"), ("Rheine", "484")],
    "metropole-ruhr": [("Bochum", "447"), ("Dortmund", "441"), ("Essen", "451"), ("Hagen", "580")],
    "nordrhein-westfalen": [("Düsseldorf", "402"), ("Wuppertal", "421"), ("Krefeld", "478")],
    "saarland": [("Saarbrücken", "661"), ("Homburg", "664"), ("Neunkirchen", "665")],
    "mitteldeutschland": [("Leipzig", "041"), ("Halle (Saale)", "061"), ("Jena", "077")],
}  # fmt: skip
OTHER_CITIES = [("Berlin", "101"), ("Hamburg", "201"), ("Hannover", "301"), ("Kassel", "341")]
STREETS = ["Hauptstraße", "Bahnhofstraße", "Am Klinikum", "Technologiepark", "Ringstraße"]


def german_text(rng: random.Random, sentences: int) -> str:
    return " ".join(
        f"{rng.choice(SUBJECTS)} {rng.choice(VERBS)} {rng.choice(OBJECTS)} {rng.choice(CONTEXTS)}."
        for _ in range(sentences)
    )


def organisation_name(rng: random.Random, kind: str, city: str) -> tuple[str, str]:
    """(name, legal form) in the style of the organisation's kind."""
    if kind == "clinic":
        return rng.choice(
            [f"{rng.choice(SAINTS)}-Hospital {city}", f"Klinikum {city}-{rng.choice(PLACE_WORDS)}"]
        ), "gGmbH"
    if kind == "research":
        return rng.choice(
            [f"Institut für {rng.choice(TOPICS)} {city}", f"Hochschule {rng.choice(PLACE_WORDS)}"]
        ), ""
    if kind == "association":
        return f"{rng.choice(BRANCHES)}netz {rng.choice(PLACE_WORDS)}", "e. V."
    if kind == "care_home":
        return f"Seniorenzentrum {rng.choice(SAINTS)} {city}", "gGmbH"
    if kind == "politics":
        return f"Gesundheitsamt {city}", ""
    legal_form = rng.choice(LEGAL_FORMS)
    branch = rng.choice(BRANCHES)
    pattern = rng.randrange(4)
    if pattern == 0:
        return f"{rng.choice(SURNAMES)} & {rng.choice(SURNAMES)} {branch} {legal_form}", legal_form
    if pattern == 1:
        return f"{branch} {city} {legal_form}", legal_form
    first = rng.choice([rng.choice(SURNAMES), rng.choice(PLACE_WORDS)])
    return f"{first} {branch} {legal_form}", legal_form


# --- logos -------------------------------------------------------------------------------------


def logo_files(count: int = LOGO_FILES) -> list[str]:
    """Names of small PNG logos in the media storage, drawn once and then reused."""
    from PIL import Image, ImageDraw

    names = []
    palette = random.Random("logos")  # noqa: S311 - colours, not secrets
    for number in range(count):
        name = f"{LOGO_FOLDER}/logo-{number:02d}.png"
        if not default_storage.exists(name):
            colour = tuple(palette.randrange(40, 220) for _ in range(3))
            image = Image.new("RGB", (240, 120), "white")
            draw = ImageDraw.Draw(image)
            draw.rectangle([8, 8, 112, 112], fill=colour)
            draw.ellipse([128, 24, 200, 96], outline=colour, width=8)
            buffer = io.BytesIO()
            image.save(buffer, format="PNG", optimize=True)
            default_storage.save(name, ContentFile(buffer.getvalue()))
        names.append(name)
    return names


# --- members -------------------------------------------------------------------------------------

STATUS_WEIGHTS = [("member", 75), ("applicant", 6), ("former", 9), ("none", 10)]


def generate_organisations(count: int, *, rng: random.Random, today: dt.date) -> dict:
    """`count` organisations over all regions, kinds, sectors and innovation fields."""
    from members.models import InnovationField, Organisation, Sector
    from regions.models import Region

    regions = list(Region.objects.order_by("slug"))
    sectors = list(Sector.objects.order_by("slug").values_list("pk", flat=True))
    fields = list(InnovationField.objects.order_by("slug").values_list("pk", flat=True))
    kinds = list(Organisation.Kind.values)
    statuses, weights = zip(*STATUS_WEIGHTS, strict=True)
    categories = list(getattr(Organisation, "PartnerCategory", models.TextChoices).values)
    bands = list(getattr(Organisation, "EmployeeBand", models.TextChoices).values)
    logos = logo_files() if has_field(Organisation, "logo") else []
    slugs = SlugPool(Organisation.objects.values_list("slug", flat=True))
    objects = []
    for number in range(count):
        region = regions[number % len(regions)] if regions else None
        city, postcode = rng.choice(
            CITIES.get(region.slug, OTHER_CITIES) if region else OTHER_CITIES
        )
        # Round robin over 9 regions and 10 kinds meets every combination of the two.
        kind = kinds[number % len(kinds)]
        status = rng.choices(statuses, weights)[0]
        name, legal_form = organisation_name(rng, kind, city)
        slug = slugs.make(name)
        is_partner = rng.random() < 0.03
        joined = today - dt.timedelta(days=rng.randrange(14 * 365))
        lat = float(region.latitude) if region and region.latitude is not None else 51.2
        lon = float(region.longitude) if region and region.longitude is not None else 10.4
        values = {
            "name": name,
            "slug": slug,
            "kind": kind,
            "status": status,
            "is_partner": is_partner,
            "partner_category": rng.choice(categories) if is_partner and categories else "",
            "region": region,
            "city": city,
            "country": "DE",
            "description": german_text(rng, rng.randint(2, 6)),
            "website": f"https://www.{slug[:60]}.example",
            "joined_on": joined if status in ("member", "former") else None,
            # Fields of the rebuilt members app; left out while they do not exist.
            "legal_form": legal_form,
            "street": f"{rng.choice(STREETS)} {rng.randint(1, 180)}",
            "postcode": f"{postcode}{rng.randint(0, 99):02d}",
            "latitude": round(lat + rng.gauss(0, 0.12), 5),
            "longitude": round(lon + rng.gauss(0, 0.18), 5),
            "email": f"info@{slug[:60]}.example",
            "phone": f"+49 {rng.randint(200, 999)} {rng.randint(100000, 999999)}",
            "employee_band": rng.choice(bands) if bands else "",
            "founded_year": rng.randint(1890, today.year - 1),
            "last_confirmed_on": today - dt.timedelta(days=rng.randrange(500)),
        }
        if logos and rng.random() < 0.35:
            logo = rng.choice(logos)
            values |= {"logo": logo, "logo_thumbnail": logo, "logo_thumbnail_large": logo}
        objects.append(Organisation(**existing(Organisation, values)))
    created = bulk_insert(Organisation, objects)
    ids = [organisation.pk for organisation in created]
    sector_pairs = [(pk, s) for pk in ids for s in sample(rng, sectors, 1, 3)]
    field_pairs = [(pk, f) for pk in ids for f in sample(rng, fields, 1, 3)]
    counts = {
        "organisations": len(ids),
        "organisation_sectors": insert_through(Organisation, "sectors", sector_pairs),
        "organisation_innovation_fields": insert_through(
            Organisation, "innovation_fields", field_pairs
        ),
    }
    counts |= generate_contact_persons(created, rng=rng)
    counts |= generate_membership_applications(created, rng=rng, today=today)
    counts["search_vectors_refreshed"] = refresh_search_vectors(Organisation, ids)
    return counts


def generate_contact_persons(organisations: list, *, rng: random.Random) -> dict:
    model = get_model("members.ContactPerson")
    if model is None:
        return {"contact_persons": "not available"}
    objects = []
    for organisation in organisations:
        for position in range(rng.randint(1, 2)):
            first, last = rng.choice(FIRST_NAMES), rng.choice(SURNAMES)
            values = {
                "organisation": organisation,
                "name": f"{first} {last}",
                "role": rng.choice(["Geschäftsführung", "Vertrieb", "Presse", "Forschung"]),
                "email": f"{slugify(first)}.{slugify(last)}.{position}@{organisation.slug[:60]}.de",
                "phone": f"+49 {rng.randint(200, 999)} {rng.randint(100000, 999999)}",
                "is_public": rng.random() < 0.5,
                "position": position,
            }
            objects.append(model(**existing(model, values)))
    return {"contact_persons": len(bulk_insert(model, objects))}


def privacy_notice():
    """The current privacy notice, which stored personal records point at (ConsentRecord)."""
    from legal.models import LegalPage

    return LegalPage.objects.current(LegalPage.Kind.PRIVACY)


def consent_values(model: type[models.Model], notice, when: dt.datetime) -> dict:
    return existing(model, {"privacy_notice": notice, "consented_at": when})


def generate_membership_applications(
    organisations: list, *, rng: random.Random, today: dt.date
) -> dict:
    model = get_model("members.MembershipApplication")
    if model is None:
        return {"membership_applications": "not available"}
    applicants = [o for o in organisations if o.status == "applicant"]
    notice = privacy_notice()
    now = timezone.now()
    objects = []
    for organisation in applicants:
        submitted = now - dt.timedelta(days=rng.randrange(90), minutes=rng.randrange(1440))
        values = {
            "organisation": organisation,
            "message": german_text(rng, 2),
            "language": rng.choice(["de", "de", "de", "en"]),
            "submitted_at": submitted,
            "decision": "pending",
        } | consent_values(model, notice, submitted)
        objects.append(model(**existing(model, values)))
    return {"membership_applications": len(bulk_insert(model, objects))}


def refresh_search_vectors(model: type[models.Model], ids: list[int]) -> int:
    """Fill a stored `search_vector` of the new rows; 0 when the model has none.

    The app's own `update_search_vectors(ids)` (members/search.py) is used when it exists, so
    the vectors are weighted exactly as the app weights them; otherwise one UPDATE over name
    and description.
    """
    if not has_field(model, "search_vector") or not ids:
        return 0
    try:
        from members.search import update_search_vectors
    except ImportError:
        from django.contrib.postgres.search import SearchVector

        model.objects.filter(pk__gte=min(ids), pk__lte=max(ids)).update(
            search_vector=SearchVector("name", weight="A", config="german")
            + SearchVector("description", weight="C", config="german")
        )
    else:
        for start in range(0, len(ids), ID_CHUNK):
            update_search_vectors(ids[start : start + ID_CHUNK])
    return len(ids)


# --- events ------------------------------------------------------------------------------------

EVENT_TITLES = {
    "congress": ["Kongress {topic}", "{place}er Gesundheitskongress"],
    "conference": ["Fachkonferenz {topic}", "Konferenz Gesundheitswirtschaft {place}"],
    "symposium": ["Symposium {topic}", "{place}-Symposium {topic}"],
    "workshop": ["Workshop {topic}", "Praxisworkshop {topic}"],
    "network_meeting": ["Netzwerktreffen {topic}", "Stammtisch Gesundheitswirtschaft {place}"],
    "working_group": ["Arbeitskreis {topic}", "AG {topic}"],
    "b2b": ["B2B-Kooperationsbörse {topic}", "Matchmaking {topic}"],
    "trip": ["Delegationsreise {country}", "Markterkundung {country}"],
    "trade_fair": ["Gemeinschaftsstand {fair}", "Messebeteiligung {fair}"],
}
FAIRS = ["MEDICA", "COMPAMED", "Arab Health", "Hospitalar", "ALTENPFLEGE", "DMEA", "ConhIT"]
TRIP_COUNTRIES = ["Niederlande", "Dänemark", "Japan", "Brasilien", "Indien", "Polen", "USA"]
DURATIONS = {"congress": 48, "conference": 9, "symposium": 8, "trip": 96, "trade_fair": 72}
SESSION_KINDS = {"congress": (4, 8), "conference": (3, 6), "symposium": (2, 5), "workshop": (0, 2)}
# The years of events: nine back, one ahead.
PAST_DAYS, FUTURE_DAYS = 9 * 365, 365


def generate_events(count: int, registrations: int, *, rng: random.Random, now: dt.datetime):
    """`count` events over ten years, with series, sessions, speakers and registrations where
    those models exist."""
    from events.models import Event
    from members.models import InnovationField, Organisation
    from regions.models import Region

    regions = list(Region.objects.order_by("slug"))
    fields = list(InnovationField.objects.order_by("slug").values_list("pk", flat=True))
    organisers = list(
        Organisation.objects.filter(status="member").order_by("pk").values_list("pk", flat=True)
    )[:2000]
    series_model = get_model("events.EventSeries")
    series = []
    if series_model is not None and has_field(Event, "series"):
        slugs = SlugPool(series_model.objects.values_list("slug", flat=True))
        for _ in range(max(1, count // 50)):
            name = f"{rng.choice(['Netzwerktreffen', 'Forum', 'Fachdialog'])} {rng.choice(TOPICS)}"
            values = {
                "name": name,
                "slug": slugs.make(name),
                "description": german_text(rng, 2),
            }
            series.append(series_model(**existing(series_model, values)))
        series = bulk_insert(series_model, series)
    kinds = list(Event.Kind.values)
    with_registration = has_field(Event, "registration_enabled")
    slugs = SlugPool(Event.objects.values_list("slug", flat=True))
    midnight = now.replace(hour=0, minute=0, second=0, microsecond=0)
    objects = []
    for number in range(count):
        kind = kinds[number % len(kinds)]
        region = rng.choice(regions) if regions else None
        start = midnight + dt.timedelta(
            days=rng.randint(-PAST_DAYS, FUTURE_DAYS), hours=rng.choice([9, 10, 14, 17])
        )
        title = (
            rng.choice(EVENT_TITLES.get(kind, ["Veranstaltung {topic}"]))
            .replace("{topic}", rng.choice(TOPICS))
            .replace("{place}", rng.choice(PLACE_WORDS))
            .replace("{country}", rng.choice(TRIP_COUNTRIES))
            .replace("{fair}", rng.choice(FAIRS))
        )
        title = f"{title} {start.year}"
        city = rng.choice(CITIES.get(region.slug, OTHER_CITIES) if region else OTHER_CITIES)[0]
        values = {
            "title": title,
            "slug": slugs.make(title),
            "kind": kind,
            "start": start,
            "end": start + dt.timedelta(hours=DURATIONS.get(kind, 3)),
            "venue_name": rng.choice(["Congress Center", "Technologiezentrum", "Rathaus"]),
            "venue_address": f"{rng.choice(STREETS)} {rng.randint(1, 90)}",
            "city": city,
            "region": region,
            "summary": german_text(rng, 1)[:300],
            "description": german_text(rng, rng.randint(3, 8)),
            "is_published": rng.random() < 0.97,
            "series": rng.choice(series) if series and rng.random() < 0.3 else None,
            "organiser_id": rng.choice(organisers) if organisers else None,
        }
        if with_registration and kind not in ("trade_fair", "trip") and rng.random() < 0.7:
            values |= {
                "registration_enabled": True,
                "registration_opens": start - dt.timedelta(days=60),
                "registration_closes": start - dt.timedelta(hours=12),
                "capacity": rng.choice([None, 30, 60, 120, 250]),
            }
        objects.append(Event(**existing(Event, values)))
    events = bulk_insert(Event, objects)
    pairs = [(event.pk, f) for event in events for f in sample(rng, fields, 0, 2)]
    counts = {
        "events": len(events),
        "event_series": len(series) if series_model else "not available",
        "event_innovation_fields": insert_through(Event, "innovation_fields", pairs),
    }
    counts |= generate_sessions(events, rng=rng)
    counts |= generate_registrations(events, registrations, rng=rng, now=now)
    return counts


def generate_sessions(events: list, *, rng: random.Random) -> dict:
    session_model = get_model("events.Session")
    if session_model is None:
        return {"sessions": "not available"}
    objects = []
    for event in events:
        low, high = SESSION_KINDS.get(event.kind, (0, 0))
        for slot in range(rng.randint(low, high)):
            start = event.start + dt.timedelta(minutes=45 * slot)
            values = {
                "event": event,
                "start": start,
                "end": start + dt.timedelta(minutes=40),
                "title": f"{rng.choice(TOPICS)}: {rng.choice(OBJECTS)}"[:200],
                "description": german_text(rng, 1),
            }
            objects.append(session_model(**existing(session_model, values)))
    sessions = bulk_insert(session_model, objects)
    counts = {"sessions": len(sessions)}
    speaker_model = get_model("events.Speaker")
    if speaker_model is None or not has_field(session_model, "speakers") or not sessions:
        return counts | {"speakers": "not available"}
    speakers = bulk_insert(
        speaker_model,
        [
            speaker_model(
                **existing(
                    speaker_model,
                    {
                        "name": f"Dr. {rng.choice(FIRST_NAMES)} {rng.choice(SURNAMES)}",
                        "position": rng.choice(["Chefärztin", "Geschäftsführer", "Professorin"]),
                        "organisation_name": f"{rng.choice(PLACE_WORDS)} {rng.choice(BRANCHES)}",
                    },
                )
            )
            for _ in range(max(1, len(sessions) // 10))
        ],
    )
    speaker_ids = [speaker.pk for speaker in speakers]
    pairs = [(s.pk, speaker) for s in sessions for speaker in sample(rng, speaker_ids, 1, 2)]
    return counts | {
        "speakers": len(speakers),
        "session_speakers": insert_through(session_model, "speakers", pairs),
    }


def generate_registrations(
    events: list, count: int, *, rng: random.Random, now: dt.datetime
) -> dict:
    """`count` registrations, spread over the events that take registrations; an event's
    confirmed registrations never exceed its capacity (the rest wait or were cancelled)."""
    model = get_model("events.Registration")
    open_events = [e for e in events if getattr(e, "registration_enabled", False)]
    if model is None or not open_events:
        return {"registrations": "not available"}
    statuses = set(getattr(model, "Status", models.TextChoices).values)
    notice = privacy_notice()
    per_event = [0] * len(open_events)
    for _ in range(count):
        per_event[rng.randrange(len(open_events))] += 1
    objects = []
    serial = 0
    for event, planned in zip(open_events, per_event, strict=True):
        confirmed = 0
        capacity = getattr(event, "capacity", None)
        past = event.start < now
        for _ in range(planned):
            serial += 1
            first, last = rng.choice(FIRST_NAMES), rng.choice(SURNAMES)
            created = min(now, event.start - dt.timedelta(days=rng.randint(1, 59)))
            status = "confirmed"
            roll = rng.random()
            if roll < 0.12:
                status = "cancelled"
            elif not past and roll < 0.2:
                status = "pending"
            if status == "confirmed" and capacity is not None and confirmed >= capacity:
                status = "waiting_list" if not past else "cancelled"
            status = status if status in statuses else "confirmed"
            confirmed += status == "confirmed"
            values = {
                "event": event,
                "name": f"{first} {last}",
                # Unique over the whole data set: one active registration per e-mail and event.
                "email": f"{slugify(first)}.{slugify(last)}.{serial}@example.org",
                "organisation_name": f"{rng.choice(PLACE_WORDS)} {rng.choice(BRANCHES)}",
                "role": rng.choice(["", "Geschäftsführung", "Pflegedienstleitung", "Einkauf"]),
                "language": "de" if rng.random() < 0.85 else "en",
                "status": status,
                "show_organisation_publicly": rng.random() < 0.4,
                "confirmed_at": created + dt.timedelta(hours=1) if status == "confirmed" else None,
                "cancelled_at": created + dt.timedelta(days=1) if status == "cancelled" else None,
                "waiting_since": created if status == "waiting_list" else None,
            } | consent_values(model, notice, created)
            objects.append(model(**existing(model, values)))
        if len(objects) >= BATCH_SIZE * 5:
            bulk_insert(model, objects)
            objects.clear()
    bulk_insert(model, objects)
    return {"registrations": model.objects.count()}


# --- cooperations ------------------------------------------------------------------------------

COOPERATION_TITLES = {
    "co_organised": "Gemeinsamer Kongress {topic}",
    "joint_stand": "Gemeinschaftsstand {fair}",
    "trip": "Delegationsreise {country}",
    "reception": "Empfang einer Delegation aus {country}",
    "cross_border": "Grenzüberschreitender Austausch {topic}",
    "partnership": "Partnerschaft {place} {topic}",
    "funded": "Förderprojekt {topic}",
}
FUNDING_PROGRAMMES = [
    ("EFRE.NRW", "Europäische Union und Land NRW"),
    ("Interreg Euregio Maas-Rhein", "Europäische Union"),
    ("ERP-Transatlantikprogramm", "Bundesministerium für Wirtschaft und Klimaschutz"),
    ("Leitmarktwettbewerb Gesundheit.NRW", "Land Nordrhein-Westfalen"),
    ("ZIM Kooperationsnetzwerke", "Bundesministerium für Wirtschaft und Klimaschutz"),
]


def generate_cooperations(count: int, *, rng: random.Random, today: dt.date) -> dict:
    from cooperations.models import Cooperation, CooperationPartner, Country, FundingProgramme
    from events.models import Event
    from members.models import InnovationField, Organisation

    for name, funder in FUNDING_PROGRAMMES:
        FundingProgramme.objects.get_or_create(name=name, defaults={"funder": funder})
    programmes = list(FundingProgramme.objects.order_by("name"))
    fields = list(InnovationField.objects.order_by("slug").values_list("pk", flat=True))
    partners = list(
        Organisation.objects.filter(status="member").order_by("pk").values_list("pk", flat=True)
    )
    event_ids = list(Event.objects.order_by("pk").values_list("pk", flat=True))
    countries = [code for code in Country.values if code != "DE"]
    kinds = list(Cooperation.Kind.values)
    roles = list(CooperationPartner.Role.values)
    slugs = SlugPool(Cooperation.objects.values_list("slug", flat=True))
    objects = []
    for number in range(count):
        kind = kinds[number % len(kinds)]
        title = (
            COOPERATION_TITLES.get(kind, "Kooperation {topic}")
            .replace("{topic}", rng.choice(TOPICS))
            .replace("{fair}", rng.choice(FAIRS))
            .replace("{country}", rng.choice(TRIP_COUNTRIES))
            .replace("{place}", rng.choice(PLACE_WORDS))
        )
        started = today - dt.timedelta(days=rng.randrange(12 * 365))
        ended = started + dt.timedelta(days=rng.randint(30, 3 * 365))
        objects.append(
            Cooperation(
                title=title,
                slug=slugs.make(title),
                kind=kind,
                summary=german_text(rng, 1)[:300],
                goals=german_text(rng, 2),
                description=german_text(rng, rng.randint(3, 6)),
                outcomes=german_text(rng, 2) if rng.random() < 0.5 else "",
                started_on=started if rng.random() < 0.9 else None,
                ended_on=ended if rng.random() < 0.6 else None,
                countries=["DE", *sample(rng, countries, 0, 2)],
                funding_programme=rng.choice(programmes) if rng.random() < 0.4 else None,
            )
        )
    cooperations = bulk_insert(Cooperation, objects)
    partner_rows = []
    for cooperation in cooperations:
        for position, organisation in enumerate(sample(rng, partners, 2, 6)):
            role = roles[0] if position == 0 else rng.choice(roles)
            partner_rows.append(
                CooperationPartner(
                    cooperation=cooperation,
                    organisation_id=organisation,
                    role=role,
                    position=position,
                )
            )
    ids = [c.pk for c in cooperations]
    return {
        "cooperations": len(cooperations),
        "cooperation_partners": len(bulk_insert(CooperationPartner, partner_rows)),
        "cooperation_innovation_fields": insert_through(
            Cooperation,
            "innovation_fields",
            [(c, f) for c in ids for f in sample(rng, fields, 1, 3)],
        ),
        "cooperation_events": insert_through(
            Cooperation, "events", [(c, e) for c in ids for e in sample(rng, event_ids, 0, 2)]
        ),
    }


def generate_joint_stands(count: int, *, rng: random.Random, today: dt.date) -> dict:
    """Joint stands on trade-fair events (turning events into fairs where there are too few),
    each with co-exhibitor applications that never take more places than the stand has."""
    stand_model = get_model("stands.JointStand")
    application_model = get_model("stands.CoExhibitorApplication")
    if stand_model is None or application_model is None:
        return {"joint_stands": "not available"}
    from events.models import Event
    from members.models import Organisation

    taken = set(stand_model.objects.values_list("event_id", flat=True))
    fairs = list(
        Event.objects.filter(kind=Event.Kind.TRADE_FAIR)
        .exclude(pk__in=taken)
        .order_by("pk")
        .values_list("pk", flat=True)[:count]
    )
    if len(fairs) < count:
        others = list(
            Event.objects.exclude(kind=Event.Kind.TRADE_FAIR)
            .exclude(pk__in=taken)
            .order_by("pk")
            .values_list("pk", flat=True)[: count - len(fairs)]
        )
        Event.objects.filter(pk__in=others).update(kind=Event.Kind.TRADE_FAIR)
        fairs += others
    members = list(
        Organisation.objects.filter(status="member").order_by("pk").values_list("pk", flat=True)
    )
    services = [choice for choice, _label in stand_model.Service.choices]
    stands = bulk_insert(
        stand_model,
        [
            stand_model(
                event_id=event_id,
                title=f"Gemeinschaftsstand {rng.choice(PLACE_WORDS)}",
                hall=f"Halle {rng.randint(1, 12)}",
                stand_number=f"{rng.choice('ABCDE')}{rng.randint(100, 999)}",
                total_area=Decimal(rng.randint(40, 200)),
                places=rng.randint(4, 16),
                place_size=Decimal(rng.choice([6, 9, 12])),
                application_deadline=today + dt.timedelta(days=rng.randint(-900, 200)),
                services=sample(rng, services, 2, len(services)),
                description=german_text(rng, 2),
            )
            for event_id in fairs
        ],
    )
    status = application_model.Status
    rows = []
    for stand in stands:
        free = stand.places
        for organisation_id in sample(rng, members, 2, min(12, stand.places + 4)):
            needed = rng.choice([1, 1, 1, 2])
            if needed <= free and rng.random() < 0.7:
                state, free = status.ACCEPTED, free - needed
            else:
                state = rng.choice([status.APPLIED, status.WAITING, status.DECLINED])
            number = len(rows)
            rows.append(
                application_model(
                    stand_id=stand.pk,
                    organisation_id=organisation_id,
                    contact_name=f"{rng.choice(SURNAMES)}",
                    contact_email=f"aussteller{number}@example.org",
                    products=german_text(rng, 1),
                    places_needed=needed,
                    status=state,
                )
            )
    return {
        "joint_stands": len(stands),
        "co_exhibitor_applications": len(bulk_insert(application_model, rows)),
    }


def generate_news(count: int, *, rng: random.Random, now: dt.datetime) -> dict:
    """Published news items over the last eight years (a few scheduled), each naming some
    regions, members, events and innovation fields."""
    model = get_model("news.NewsItem")
    if model is None:
        return {"news": "not available"}
    from events.models import Event
    from members.models import InnovationField, Organisation
    from regions.models import Region

    kinds = [choice for choice, _label in model.Kind.choices]
    slugs = SlugPool(model.objects.values_list("slug", flat=True))
    objects = []
    for number in range(count):
        topic = rng.choice(TOPICS)
        title = f"{rng.choice(['Neues', 'Förderung', 'Projektstart', 'Bilanz'])}: {topic}"
        published = now - dt.timedelta(minutes=rng.randrange(8 * 365 * 24 * 60))
        if number % 50 == 0:
            published = now + dt.timedelta(days=rng.randint(1, 30))  # scheduled
        objects.append(
            model(
                **existing(
                    model,
                    {
                        "title": title,
                        "slug": slugs.make(f"{title} {number}"),
                        "kind": rng.choice(kinds),
                        "teaser": german_text(rng, 1)[:290],
                        "body": "\n\n".join(german_text(rng, 3) for _ in range(3)),
                        "published_at": published,
                        "is_draft": number % 40 == 1,
                        "press_contact_name": f"{rng.choice(SURNAMES)}",
                        "press_contact_email": f"presse{number}@example.org",
                    },
                )
            )
        )
    items = bulk_insert(model, objects)
    ids = [item.pk for item in items]
    regions = list(Region.objects.order_by("pk").values_list("pk", flat=True))
    members = list(
        Organisation.objects.filter(status="member").order_by("pk").values_list("pk", flat=True)
    )
    events = list(Event.objects.order_by("pk").values_list("pk", flat=True))
    fields = list(InnovationField.objects.order_by("pk").values_list("pk", flat=True))
    return {
        "news": len(items),
        "news_regions": insert_through(
            model, "regions", [(i, r) for i in ids for r in sample(rng, regions, 0, 2)]
        ),
        "news_organisations": insert_through(
            model, "organisations", [(i, o) for i in ids for o in sample(rng, members, 0, 3)]
        ),
        "news_events": insert_through(
            model, "events", [(i, e) for i in ids for e in sample(rng, events, 0, 1)]
        ),
        "news_innovation_fields": insert_through(
            model, "innovation_fields", [(i, f) for i in ids for f in sample(rng, fields, 0, 2)]
        ),
    }


def generate_partnering_posts(count: int, *, rng: random.Random, now: dt.datetime) -> dict:
    """Offers and requests of members on the partnering board, mostly published and public."""
    model = get_model("partnering.Post")
    if model is None:
        return {"partnering_posts": "not available"}
    from members.models import InnovationField, Organisation

    members = list(
        Organisation.objects.filter(status="member").order_by("pk").values_list("pk", flat=True)
    )
    fields = list(InnovationField.objects.order_by("pk").values_list("pk", flat=True))
    kinds = [choice for choice, _label in model.Kind.choices]
    objects = []
    for number in range(count):
        published = now - dt.timedelta(days=rng.randrange(300))
        status = model.Status.PUBLISHED if rng.random() < 0.9 else model.Status.SUBMITTED
        objects.append(
            model(
                **existing(
                    model,
                    {
                        "organisation_id": rng.choice(members),
                        "kind": rng.choice(kinds),
                        "title": f"{rng.choice(TOPICS)}: {rng.choice(OBJECTS)}",
                        "description": german_text(rng, rng.randint(2, 5)),
                        "valid_until": (now + dt.timedelta(days=rng.randint(-30, 300))).date(),
                        "visibility": model.Visibility.PUBLIC
                        if rng.random() < 0.85
                        else model.Visibility.MEMBERS,
                        "status": status,
                        "published_at": published if status == model.Status.PUBLISHED else None,
                        "submitted_by_email": f"board{number}@example.org",
                    },
                )
            )
        )
    posts = bulk_insert(model, objects)
    ids = [post.pk for post in posts]
    return {
        "partnering_posts": len(posts),
        "partnering_post_fields": insert_through(
            model, "innovation_fields", [(p, f) for p in ids for f in sample(rng, fields, 1, 3)]
        ),
    }


# --- all together ------------------------------------------------------------------------------


def generate(size: Size, *, seed: int, log: Callable[[str], None] = print) -> dict:
    """Every generator in dependency order; returns the counts (or "not available")."""
    now = timezone.now()
    today = timezone.localdate()

    def rng(name: str) -> random.Random:
        return random.Random(f"{seed}:{name}")  # noqa: S311 - reproducible data, not secrets

    counts: dict = {}
    o, e, c, j, n, p = rng("o"), rng("e"), rng("c"), rng("j"), rng("n"), rng("p")
    steps = [
        ("organisations", lambda: generate_organisations(size.organisations, rng=o, today=today)),
        ("events", lambda: generate_events(size.events, size.registrations, rng=e, now=now)),
        ("cooperations", lambda: generate_cooperations(size.cooperations, rng=c, today=today)),
        ("joint stands", lambda: generate_joint_stands(size.joint_stands, rng=j, today=today)),
        ("news", lambda: generate_news(size.news, rng=n, now=now)),
        ("partnering", lambda: generate_partnering_posts(size.partnering_posts, rng=p, now=now)),
    ]
    for label, step in steps:
        started = timezone.now()
        result = step()
        counts |= result
        seconds = (timezone.now() - started).total_seconds()
        log(f"  {label}: {result} ({seconds:.1f} s)")
    with connection.cursor() as cursor:
        # Fresh planner statistics, as autovacuum would gather them after a real import.
        cursor.execute("ANALYZE")
    return counts
