"""Demo posts on the partnering board: seed organisations and a few fictitious members.

The posts come in fitting pairs (a request and the offer that answers it), so that the post
pages and the weekly digest show matches. Seed organisations are looked up by slug and their
posts skipped when the members demo does not have them.
"""

import datetime as dt

from django.utils import timezone
from django.utils.text import slugify

from core.demo import register, upsert
from members.models import InnovationField, Organisation, Sector
from regions.models import Region

from .models import Post

K = Organisation.Kind
# Fictitious members, so that every kind of post has a partner on the other side.
FICTITIOUS_MEMBERS = [
    # (name, kind, region slug, city, innovation fields, sectors, description)
    (
        "Vitalsens GmbH (Demo)",
        K.MEDICAL_TECHNOLOGY,
        "aachen",
        "Aachen",
        ["Telemedizin", "Digitalisierung und Big Data"],
        ["Medizintechnik", "Gesundheits-IT und Telemedizin"],
        "Entwickelt tragbare Sensoren für Vitaldaten und deren sichere Übertragung.",
    ),
    (
        "BioCell Labortechnik GmbH (Demo)",
        K.INDUSTRY,
        "saarland",
        "Homburg",
        ["In-vitro-Kulturen"],
        ["Forschung und Entwicklung", "Medizintechnik"],
        "Automatisiert Zellkulturlabore und baut Bioreaktoren im Kleinformat.",
    ),
    (
        "Orthotec Südwestfalen GmbH (Demo)",
        K.MEDICAL_TECHNOLOGY,
        "suedwestfalen",
        "Siegen",
        ["Orthopädietechnik"],
        ["Medizintechnik"],
        "Fertigt Orthesen und Bauteile im 3D-Druck für Sanitätshäuser und Kliniken.",
    ),
    (
        "Sanitätshaus Münsterland (Demo)",
        K.SERVICE_PROVIDER,
        "muensterland",
        "Münster",
        ["Orthopädietechnik"],
        ["Medizintechnik", "Stationäre und ambulante Versorgung"],
        "Versorgt Patientinnen und Patienten mit Hilfsmitteln und Orthesen.",
    ),
    (
        "Pflegeverbund Lippe (Demo)",
        K.CARE_HOME,
        "ostwestfalen-lippe",
        "Detmold",
        ["Fachkräftesicherung", "Ambient Assisted Living"],
        ["Pflege"],
        "Verbund ambulanter und stationärer Pflegeeinrichtungen in Lippe.",
    ),
]

T = Post.Kind
POSTS = [
    # (organisation slug, kind, title, description, fields, sectors, visibility, status, age)
    (
        "uniklinik-rwth-aachen",
        T.TECHNOLOGY_REQUEST,
        "Sensorik für die telemedizinische Nachsorge gesucht",
        "Für die Nachsorge von Herzpatientinnen und -patienten suchen wir tragbare Sensoren, "
        "deren Vitaldaten sicher in unsere Telemedizin-Plattform übertragen werden.",
        ["Telemedizin", "Digitalisierung und Big Data"],
        ["Gesundheits-IT und Telemedizin", "Stationäre und ambulante Versorgung"],
        Post.Visibility.PUBLIC,
        Post.Status.PUBLISHED,
        3,
    ),
    (
        "vitalsens-gmbh-demo",
        T.TECHNOLOGY_OFFER,
        "Tragbare Vitaldatensensoren mit Telemedizin-Schnittstelle",
        "Unsere Sensorpflaster messen Puls, EKG und Sauerstoffsättigung und übertragen die "
        "Vitaldaten verschlüsselt an Telemedizin-Plattformen von Kliniken.",
        ["Telemedizin", "Digitalisierung und Big Data"],
        ["Medizintechnik", "Gesundheits-IT und Telemedizin"],
        Post.Visibility.PUBLIC,
        Post.Status.PUBLISHED,
        10,
    ),
    (
        "ztg-zentrum-fur-telematik-und-telemedizin-gmbh",
        T.TECHNOLOGY_OFFER,
        "Beratung zur Anbindung von Telemonitoring an die Telematikinfrastruktur",
        "Wir begleiten Kliniken und Hersteller dabei, Telemonitoring-Lösungen sicher an die "
        "Telematikinfrastruktur anzubinden.",
        ["Telemedizin"],
        ["Gesundheits-IT und Telemedizin"],
        Post.Visibility.PUBLIC,
        Post.Status.PUBLISHED,
        45,
    ),
    (
        "fraunhofer-institut-fur-biomedizinische-technik-ibmt",
        T.RESEARCH_PARTNER,
        "Projektpartner für automatisierte In-vitro-Testsysteme",
        "Für ein Verbundprojekt suchen wir Unternehmen, die Zellkulturen automatisiert "
        "kultivieren und prüfen können.",
        ["In-vitro-Kulturen"],
        ["Forschung und Entwicklung"],
        Post.Visibility.PUBLIC,
        Post.Status.PUBLISHED,
        5,
    ),
    (
        "biocell-labortechnik-gmbh-demo",
        T.RESEARCH_PARTNER,
        "Forschungspartner für Bioreaktoren im Kleinformat",
        "Wir suchen ein Forschungsinstitut, das unsere Bioreaktoren für Zellkulturen in einem "
        "gemeinsamen Projekt validiert.",
        ["In-vitro-Kulturen"],
        ["Forschung und Entwicklung", "Medizintechnik"],
        Post.Visibility.PUBLIC,
        Post.Status.PUBLISHED,
        20,
    ),
    (
        "sanitatshaus-munsterland-demo",
        T.BUSINESS_REQUEST,
        "Zulieferer für Orthesen aus dem 3D-Druck gesucht",
        "Wir suchen einen regionalen Hersteller, der Orthesen nach Scan-Daten im 3D-Druck "
        "fertigt und kurzfristig liefern kann.",
        ["Orthopädietechnik"],
        ["Medizintechnik"],
        Post.Visibility.PUBLIC,
        Post.Status.PUBLISHED,
        2,
    ),
    (
        "orthotec-sudwestfalen-gmbh-demo",
        T.BUSINESS_OFFER,
        "Lohnfertigung von Orthesen im 3D-Druck",
        "Wir fertigen Orthesen und Bauteile nach Scan-Daten im 3D-Druck, in kleinen Serien und "
        "mit kurzer Lieferzeit.",
        ["Orthopädietechnik"],
        ["Medizintechnik"],
        Post.Visibility.MEMBERS,
        Post.Status.PUBLISHED,
        12,
    ),
    (
        "pflegeverbund-lippe-demo",
        T.SKILLED_STAFF,
        "Gemeinsame Ausbildung von Pflegefachkräften",
        "Wir möchten mit Kliniken und Pflegeschulen einen Ausbildungsverbund gründen, um "
        "Pflegefachkräfte in der Region zu halten.",
        ["Fachkräftesicherung"],
        ["Pflege"],
        Post.Visibility.PUBLIC,
        Post.Status.PUBLISHED,
        8,
    ),
    (
        "gesundheitswirtschaft-mitteldeutschland-gwmd",
        T.SKILLED_STAFF,
        "Austauschprogramm für Pflegefachkräfte zwischen Regionen",
        "Wir bringen Einrichtungen zusammen, die Pflegefachkräfte für einige Wochen austauschen "
        "möchten, um voneinander zu lernen.",
        ["Fachkräftesicherung"],
        ["Pflege"],
        Post.Visibility.PUBLIC,
        Post.Status.SUBMITTED,
        1,
    ),
]


def load():
    regions = {region.slug: region for region in Region.objects.all()}
    fields = {field.name: field for field in InnovationField.objects.all()}
    sectors = {sector.name: sector for sector in Sector.objects.all()}
    for name, kind, region_slug, city, field_names, sector_names, description in FICTITIOUS_MEMBERS:
        organisation = upsert(
            Organisation,
            slug=slugify(name),
            defaults={
                "name": name,
                "kind": kind,
                "status": Organisation.Status.MEMBER,
                "region": regions.get(region_slug),
                "city": city,
                "description": description,
                "joined_on": dt.date(2021, 1, 1),
            },
        )
        organisation.innovation_fields.set([fields[n] for n in field_names if n in fields])
        organisation.sectors.set([sectors[n] for n in sector_names if n in sectors])

    organisations = {
        organisation.slug: organisation
        for organisation in Organisation.objects.filter(slug__in=[row[0] for row in POSTS])
    }
    # Midnight today, so that a second run on the same day changes nothing.
    today = timezone.localtime().replace(hour=0, minute=0, second=0, microsecond=0)
    for slug, kind, title, text, field_names, sector_names, visibility, status, age in POSTS:
        organisation = organisations.get(slug)
        if organisation is None:
            continue
        published = status == Post.Status.PUBLISHED
        post = upsert(
            Post,
            organisation=organisation,
            title=title,
            defaults={
                "kind": kind,
                "description": text,
                "visibility": visibility,
                "status": status,
                "valid_until": today.date() + dt.timedelta(days=120),
                "published_at": today - dt.timedelta(days=age) if published else None,
                "submitted_by_email": f"partnering@{slug[:40]}.example",
                "language": "de",
            },
        )
        post.innovation_fields.set([fields[n] for n in field_names if n in fields])
        post.sectors.set([sectors[n] for n in sector_names if n in sectors])


register("partnering", load, after=("regions", "members"), position=70)
