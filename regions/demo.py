"""Demo regions and key figures from the seed pages."""

from decimal import Decimal

from cluster_portal.demo import upsert

from .models import FederalState, KeyFigure, Region

NRW_BODY = (
    "Landeszentrum Gesundheit Nordrhein-Westfalen (LZG.NRW), Fachbereich Gesundheitswirtschaft"
)

REGIONS = [
    {
        "slug": "nordrhein-westfalen",
        "name": "Nordrhein-Westfalen",
        "kind": Region.Kind.STATE,
        "states": [FederalState.NORDRHEIN_WESTFALEN],
        "summary": "Das Cluster Gesundheitswirtschaft NRW mit sechs anerkannten "
        "Gesundheitswirtschaftsregionen.",
        "managing_body": NRW_BODY,
        "latitude": Decimal("51.47800"),
        "longitude": Decimal("7.55500"),
    },
    {
        "slug": "aachen",
        "name": "Aachen",
        "parent": "nordrhein-westfalen",
        "kind": Region.Kind.HEALTH_REGION,
        "states": [FederalState.NORDRHEIN_WESTFALEN],
        "summary": "Medizintechnik mit enger Verzahnung von Unternehmen, Forschung und "
        "Wissenschaft rund um die Uniklinik RWTH Aachen.",
        "latitude": Decimal("50.77600"),
        "longitude": Decimal("6.08400"),
    },
    {
        "slug": "koeln-bonn",
        "name": "Köln-Bonn",
        "parent": "nordrhein-westfalen",
        "kind": Region.Kind.HEALTH_REGION,
        "states": [FederalState.NORDRHEIN_WESTFALEN],
        "summary": "Gesundheitswirtschaftsregion im Rheinland zwischen Köln und Bonn.",
        "latitude": Decimal("50.84000"),
        "longitude": Decimal("7.03000"),
    },
    {
        "slug": "ostwestfalen-lippe",
        "name": "Ostwestfalen-Lippe",
        "parent": "nordrhein-westfalen",
        "kind": Region.Kind.HEALTH_REGION,
        "states": [FederalState.NORDRHEIN_WESTFALEN],
        "summary": "Gesundheitswirtschaftsregion im Nordosten Nordrhein-Westfalens.",
        "latitude": Decimal("51.95000"),
        "longitude": Decimal("8.70000"),
    },
    {
        "slug": "suedwestfalen",
        "name": "Südwestfalen",
        "parent": "nordrhein-westfalen",
        "kind": Region.Kind.HEALTH_REGION,
        "states": [FederalState.NORDRHEIN_WESTFALEN],
        "summary": "Gesundheitswirtschaftsregion im Süden Westfalens.",
        "latitude": Decimal("51.15000"),
        "longitude": Decimal("8.00000"),
    },
    {
        "slug": "muensterland",
        "name": "Münsterland",
        "parent": "nordrhein-westfalen",
        "kind": Region.Kind.HEALTH_REGION,
        "states": [FederalState.NORDRHEIN_WESTFALEN],
        "summary": "Gesundheitswirtschaftsregion rund um Münster, nahe der niederländischen "
        "Grenze.",
        "latitude": Decimal("51.96000"),
        "longitude": Decimal("7.62600"),
    },
    {
        "slug": "metropole-ruhr",
        "name": "Metropole Ruhr",
        "parent": "nordrhein-westfalen",
        "kind": Region.Kind.HEALTH_REGION,
        "states": [FederalState.NORDRHEIN_WESTFALEN],
        "summary": "Gesundheitswirtschaftsregion im Ruhrgebiet mit dem Gesundheitscampus in "
        "Bochum.",
        "latitude": Decimal("51.48000"),
        "longitude": Decimal("7.21600"),
    },
    {
        "slug": "saarland",
        "name": "Saarland (healthcare.saarland)",
        "kind": Region.Kind.STATE,
        "states": [FederalState.SAARLAND],
        "summary": "Das Netzwerk healthcare.saarland vernetzt Unternehmen, Kliniken und "
        "Forschungsinstitute des Saarlandes.",
        "managing_body": "saar.is saarland.innovation&standort e. V.",
        "contact_name": "Dr. Thomas Siemer",
        "contact_role": "healthcare.saarland",
        "contact_phone": "0681 9520-459",
        "contact_email": "thomas.siemer@saar-is.de",
        "contact_public": True,
        "latitude": Decimal("49.38000"),
        "longitude": Decimal("6.95000"),
    },
    {
        "slug": "mitteldeutschland",
        "name": "Mitteldeutschland",
        "kind": Region.Kind.CROSS_STATE,
        "states": [FederalState.SACHSEN, FederalState.SACHSEN_ANHALT, FederalState.THUERINGEN],
        "summary": "Gesundheitswirtschaft über die Landesgrenzen von Sachsen, Sachsen-Anhalt "
        "und Thüringen hinweg.",
        "managing_body": "Gesundheitswirtschaft Mitteldeutschland (GWMD)",
        "latitude": Decimal("51.30000"),
        "longitude": Decimal("12.00000"),
    },
]

FIGURES = {
    "saarland": [
        ("Unternehmen aus Industrie, Handel und Handwerk", "400", "", "rund", 2017),
        (
            "Arbeitsplätze in Medizintechnik, Medizinprodukten, Pharma und medizinischen "
            "Dienstleistungen",
            "8500",
            "",
            "über",
            2017,
        ),
    ],
    "nordrhein-westfalen": [
        ("Anerkannte Gesundheitswirtschaftsregionen", "6", "", "", 2017),
        ("Medizintechnische Einfuhren aus den USA", "111", "Mio. Euro", "", 2015),
    ],
}
FIGURE_SOURCES = {
    "saarland": "healthcare.saarland / saar.is, Netzwerkporträt",
    "nordrhein-westfalen": "LZG.NRW, Fachbereich Gesundheitswirtschaft",
}


def load():
    by_slug = {}
    for data in REGIONS:
        data = dict(data)
        parent_slug = data.pop("parent", None)
        data["parent"] = by_slug.get(parent_slug)
        slug = data.pop("slug")
        by_slug[slug] = upsert(Region, slug=slug, defaults=data)
    for slug, figures in FIGURES.items():
        region = by_slug[slug]
        for position, (label, value, unit, qualifier, year) in enumerate(figures):
            upsert(
                KeyFigure,
                region=region,
                label=label,
                defaults={
                    "value": Decimal(value),
                    "unit": unit,
                    "qualifier": qualifier,
                    "year": year,
                    "source": FIGURE_SOURCES[slug],
                    "position": position,
                },
            )
    return by_slug
