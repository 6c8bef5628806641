"""Demo organisations, sectors and innovation fields from the seed pages."""

from datetime import date

from django.utils.text import slugify

from cluster_portal.demo import upsert
from regions.models import Region

from .models import InnovationField, Organisation, Sector

SECTORS = [
    "Stationäre und ambulante Versorgung",
    "Pharmazeutische Versorgung",
    "Forschung und Entwicklung",
    "Medizintechnik",
    "Gesundheits-IT und Telemedizin",
    "Gesunde Ernährung",
    "Sport und Freizeit",
    "Pflege",
]

INNOVATION_FIELDS = [
    "Ambient Assisted Living",
    "In-vitro-Kulturen",
    "Telemedizin",
    "Orthopädietechnik",
    "Digitalisierung und Big Data",
    "Fachkräftesicherung",
]

K = Organisation.Kind
ORGANISATIONS = [
    # (name, kind, region slug, city, joined, innovation fields)
    (
        "LZG.NRW – Landeszentrum Gesundheit Nordrhein-Westfalen",
        K.POLITICS,
        "metropole-ruhr",
        "Bochum",
        date(2012, 1, 1),
        ["Digitalisierung und Big Data", "Fachkräftesicherung"],
    ),
    (
        "NRW.International GmbH",
        K.SERVICE_PROVIDER,
        "nordrhein-westfalen",
        "Düsseldorf",
        date(2012, 1, 1),
        [],
    ),
    (
        "NRW.INVEST GmbH",
        K.SERVICE_PROVIDER,
        "nordrhein-westfalen",
        "Düsseldorf",
        date(2012, 1, 1),
        [],
    ),
    (
        "ZTG Zentrum für Telematik und Telemedizin GmbH",
        K.SERVICE_PROVIDER,
        "metropole-ruhr",
        "Bochum",
        date(2013, 3, 1),
        ["Telemedizin", "Digitalisierung und Big Data"],
    ),
    (
        "Uniklinik RWTH Aachen",
        K.CLINIC,
        "aachen",
        "Aachen",
        date(2014, 5, 1),
        ["Telemedizin", "Orthopädietechnik"],
    ),
    (
        "RWTH Aachen University",
        K.RESEARCH,
        "aachen",
        "Aachen",
        date(2014, 5, 1),
        ["Orthopädietechnik", "Digitalisierung und Big Data"],
    ),
    (
        "MedLife e. V.",
        K.ASSOCIATION,
        "aachen",
        "Aachen",
        date(2015, 2, 1),
        ["Orthopädietechnik", "Telemedizin"],
    ),
    (
        "ZENIT GmbH",
        K.SERVICE_PROVIDER,
        "metropole-ruhr",
        "Mülheim an der Ruhr",
        date(2013, 6, 1),
        [],
    ),
    (
        "Fraunhofer-Institut für Biomedizinische Technik (IBMT)",
        K.RESEARCH,
        "saarland",
        "Sulzbach",
        date(2016, 4, 1),
        ["In-vitro-Kulturen", "Ambient Assisted Living"],
    ),
    (
        "saar.is saarland.innovation&standort e. V.",
        K.ASSOCIATION,
        "saarland",
        "Saarbrücken",
        date(2016, 4, 1),
        ["Ambient Assisted Living", "Telemedizin"],
    ),
    (
        "Gesundheitswirtschaft Mitteldeutschland (GWMD)",
        K.ASSOCIATION,
        "mitteldeutschland",
        "Leipzig",
        date(2018, 9, 1),
        ["Fachkräftesicherung"],
    ),
]


def load():
    sectors = {}
    for position, name in enumerate(SECTORS):
        sectors[name] = upsert(
            Sector, slug=slugify(name), defaults={"name": name, "position": position}
        )
    fields = {}
    for name in INNOVATION_FIELDS:
        fields[name] = upsert(InnovationField, slug=slugify(name), defaults={"name": name})
    regions = {region.slug: region for region in Region.objects.all()}
    for name, kind, region_slug, city, joined, field_names in ORGANISATIONS:
        organisation = upsert(
            Organisation,
            slug=slugify(name)[:200],
            defaults={
                "name": name,
                "kind": kind,
                "status": Organisation.Status.MEMBER,
                "region": regions[region_slug],
                "city": city,
                "joined_on": joined,
            },
        )
        organisation.innovation_fields.set([fields[field] for field in field_names])
