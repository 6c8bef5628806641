"""Demo regions and key figures from the seed pages."""

from decimal import Decimal

from core.demo import register, upsert

from .models import FederalState, KeyFigure, Region, RegionBody, RegionContact

NRW_BODY = (
    "Landeszentrum Gesundheit Nordrhein-Westfalen (LZG.NRW), Fachbereich Gesundheitswirtschaft"
)
LZG_SOURCE = "LZG.NRW, Fachbereich Gesundheitswirtschaft"
SAAR_SOURCE = "healthcare.saarland / saar.is, Netzwerkporträt"
GWMD_SOURCE = "Gesundheitswirtschaft Mitteldeutschland (GWMD), Netzwerkkonzept"

REGIONS = [
    {
        "slug": "nordrhein-westfalen",
        "name": "Nordrhein-Westfalen",
        "kind": Region.Kind.STATE,
        "states": [FederalState.NORDRHEIN_WESTFALEN],
        "summary": "Das Cluster Gesundheitswirtschaft NRW mit sechs anerkannten "
        "Gesundheitswirtschaftsregionen.",
        "managing_body": NRW_BODY,
        "description": (
            "Im Mittelpunkt des Clusters Gesundheitswirtschaft NRW steht die ambulante und "
            "stationäre Versorgung von Patientinnen und Patienten. Daran schließen Pharmazie, "
            "Medizintechnik sowie Forschung und Entwicklung an, weiter außen Bereiche wie gesunde"
            " Ernährung, Sport und Freizeit.\n\n"
            "Das Clustermanagement liegt beim Fachbereich Gesundheitswirtschaft des "
            "Landeszentrums Gesundheit (LZG.NRW) in Bochum. Es stützt sich auf die sechs "
            "anerkannten Gesundheitswirtschaftsregionen und arbeitet mit NRW.International, "
            "NRW.INVEST, der ZENIT GmbH und der Leitmarktagentur.NRW zusammen. Mit 111 Millionen "
            "Euro im Jahr 2015 kamen die meisten medizintechnischen Einfuhren "
            "Nordrhein-Westfalens aus den USA."
        ),
        "website": "https://www.lzg.nrw.de",
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
        "description": (
            "Aachen steht in Nordrhein-Westfalen vor allem für Medizintechnik. Die Uniklinik RWTH"
            " Aachen, die RWTH Aachen University und das regionale Netzwerk MedLife e. V. "
            "arbeiten hier eng mit Unternehmen zusammen.\n\n"
            "Im Telemedizinzentrum der Uniklinik fand im Oktober 2017 der Workshop der "
            "Transatlantischen Clusterinitiative statt: Mehr als 30 Fachleute aus Deutschland und"
            " den USA sprachen über Medizintechnik, Orthopädietechnik und Telemedizin."
        ),
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
        "description": (
            "Die Region zwischen Köln und Bonn ist eine der sechs vom Land anerkannten "
            "Gesundheitswirtschaftsregionen. Das Clustermanagement des LZG.NRW greift bei "
            "Anfragen zu Projekt- und Entwicklungsvorhaben auf ihre Netzwerke und ihre regionale "
            "Expertise zurück."
        ),
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
        "description": (
            "Ostwestfalen-Lippe gehört zu den sechs anerkannten Gesundheitswirtschaftsregionen "
            "Nordrhein-Westfalens. Ihre Netzwerke bringt die Region in landesweite Projekte des "
            "Clusters Gesundheitswirtschaft NRW ein."
        ),
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
        "description": (
            "Südwestfalen ist eine der sechs anerkannten Gesundheitswirtschaftsregionen des "
            "Landes. Unternehmen, Kliniken und Einrichtungen der Region erreichen über das "
            "Cluster Gesundheitswirtschaft NRW Partner im ganzen Land."
        ),
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
        "description": (
            "Das Münsterland grenzt an die Niederlande und pflegt den Austausch über die Grenze "
            "hinweg: Im September 2015 fand in Münster das Deutsch-Niederländische Symposium "
            "statt, an dessen Programm Netzwerke aus dem Nachbarland mitwirkten."
        ),
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
        "description": (
            "In der Metropole Ruhr hat das Clustermanagement Gesundheitswirtschaft NRW seinen "
            "Sitz: Der Fachbereich Gesundheitswirtschaft des LZG.NRW arbeitet in Bochum. Die "
            "Region ist eine der sechs anerkannten Gesundheitswirtschaftsregionen des Landes."
        ),
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
        "description": (
            "Medizintechnik und Medizinprodukte haben im Saarland stark an Bedeutung gewonnen. "
            "Rund 400 Unternehmen aus Industrie, Handel und Handwerk bieten mehr als 8.500 "
            "Arbeitsplätze in Medizintechnik, Medizinprodukten, Pharma und medizinischen "
            "Dienstleistungen.\n\n"
            "healthcare.saarland wird von saar.is saarland.innovation&standort e. V. geleitet und"
            " vom Fraunhofer-Institut für Biomedizinische Technik (IBMT) begleitet. Das Netzwerk "
            "stiftet Kontakte zu Kliniken der Großregion, zu Forschung und Vertrieb im In- und "
            "Ausland, bestimmt Zukunftsthemen wie Ambient Assisted Living, In-vitro-Kulturen und "
            "Telemedizin und hat Gemeinschaftsstände auf Fachmessen in Indien, Brasilien, Dubai "
            "und Singapur organisiert."
        ),
        "website": "https://www.saar-is.de",
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
        "description": (
            "Die Gesundheitswirtschaft Mitteldeutschland (GWMD) bündelt Unternehmen und "
            "Einrichtungen der Gesundheitswirtschaft in Sachsen, Sachsen-Anhalt und Thüringen "
            "über die Landesgrenzen hinweg.\n\n"
            "Der GWMD macht die Branche sichtbarer, wirbt bei der Wirtschaftspolitik der drei "
            "Länder für sie, fördert ein regionales Industrie-Matching und lädt jedes Jahr an "
            "wechselnden Orten zur Mitteldeutschen Gesundheitswirtschaftskonferenz ein."
        ),
        "website": "https://www.gesundheitswirtschaft-mitteldeutschland.de",
        "latitude": Decimal("51.30000"),
        "longitude": Decimal("12.00000"),
    },
]


# Every contact person the seed pages name for a region, with what they give of phone, fax and
# e-mail: healthcare.saarland's two (seed 004), GWMD's office (seed 003), and the LZG.NRW's
# health-economy department, named in the Transatlantic workshop's release (seed 002).
CONTACTS = {
    "nordrhein-westfalen": [
        {
            "name": "Robert Schwanitz",
            "role_de": "Fachbereich Gesundheitswirtschaft",
            "role_en": "Health-economy department",
            "organisation": "Landeszentrum Gesundheit Nordrhein-Westfalen (LZG.NRW), Bochum",
        },
    ],
    "saarland": [
        {
            "name": "Dr. Thomas Siemer",
            "role_de": "healthcare.saarland",
            "role_en": "healthcare.saarland",
            "organisation": "saar.is saarland.innovation&standort e. V.",
            "phone": "0681 9520-459",
            "fax": "0681 5846125",
            "email": "thomas.siemer@saar-is.de",
        },
        {
            "name": "Patrick Rosar",
            "role_de": "Innovationen",
            "role_en": "Innovation",
            "organisation": "saar.is saarland.innovation&standort e. V.",
            "phone": "0681 9520-451",
            "fax": "0681 5846125",
            "email": "patrick.rosar@saar-is.de",
        },
    ],
    "mitteldeutschland": [
        {
            "name": "Gesundheitswirtschaft Mitteldeutschland (GWMD)",
            "role_de": "Anfragen zum Aufbau des Netzwerks",
            "role_en": "Enquiries about building the network",
            "email": "info@gesundheitswirtschaft-mitteldeutschland.de",
        },
    ],
}

# The bodies behind the regions (seeds 001, 003, 004): (name, role de, role en, organisation
# name in the directory, website).
BODIES = {
    "nordrhein-westfalen": [
        (
            "Landeszentrum Gesundheit Nordrhein-Westfalen (LZG.NRW)",
            "Clustermanagement Gesundheitswirtschaft NRW, Fachbereich Gesundheitswirtschaft",
            "Runs the NRW health-economy cluster (health-economy department)",
            "LZG.NRW – Landeszentrum Gesundheit Nordrhein-Westfalen",
            "https://www.lzg.nrw.de",
        ),
    ],
    "saarland": [
        (
            "saar.is saarland.innovation&standort e. V.",
            "Leitung von healthcare.saarland",
            "Leads healthcare.saarland",
            "saar.is saarland.innovation&standort e. V.",
            "https://www.saar-is.de",
        ),
        (
            "Fraunhofer-Institut für Biomedizinische Technik (IBMT)",
            "Begleitet healthcare.saarland",
            "Accompanies healthcare.saarland",
            "Fraunhofer-Institut für Biomedizinische Technik (IBMT)",
            "https://www.ibmt.fraunhofer.de",
        ),
    ],
    "mitteldeutschland": [
        (
            "Gesundheitswirtschaft Mitteldeutschland (GWMD)",
            "Zusammenschluss der Gesundheitswirtschaft in Sachsen, Sachsen-Anhalt und Thüringen",
            "Alliance of the health economy in Saxony, Saxony-Anhalt and Thuringia",
            "Gesundheitswirtschaft Mitteldeutschland (GWMD)",
            "https://www.gesundheitswirtschaft-mitteldeutschland.de",
        ),
    ],
}


# (label, value, unit, qualifier, year, source); only what the seed pages state.
FIGURES = {
    "nordrhein-westfalen": [
        ("Anerkannte Gesundheitswirtschaftsregionen", "6", "", "", 2017, LZG_SOURCE),
        ("Medizintechnische Einfuhren aus den USA", "111", "Mio. Euro", "", 2015, LZG_SOURCE),
        (
            "Rang der USA unter den Zielländern medizintechnischer Exporte",
            "5",
            "",
            "",
            2017,
            LZG_SOURCE,
        ),
    ],
    "aachen": [
        (
            "Fachleute beim Workshop der Transatlantischen Clusterinitiative",
            "30",
            "",
            "over",
            2017,
            "LZG.NRW / Uniklinik RWTH Aachen, Pressemitteilung vom 16.10.2017",
        ),
    ],
    "saarland": [
        ("Unternehmen aus Industrie, Handel und Handwerk", "400", "", "about", 2017, SAAR_SOURCE),
        (
            "Arbeitsplätze in Medizintechnik, Medizinprodukten, Pharma und medizinischen "
            "Dienstleistungen",
            "8500",
            "",
            "over",
            2017,
            SAAR_SOURCE,
        ),
        ("Länder mit Gemeinschaftsständen auf Fachmessen", "4", "", "", 2017, SAAR_SOURCE),
    ],
    "mitteldeutschland": [
        ("Beteiligte Bundesländer", "3", "", "", 2017, GWMD_SOURCE),
        ("Zielgruppen des Netzwerks", "11", "", "", 2017, GWMD_SOURCE),
    ],
}


# English texts for the English pages: (short description, description) by slug.
ENGLISH = {
    "nordrhein-westfalen": (
        "The health-economy cluster of North Rhine-Westphalia with six recognised "
        "health-economy regions.",
        "At the heart of the NRW health-economy cluster is inpatient and outpatient care. "
        "Pharmacy, medical technology and research and development build on it, and further "
        "out healthy nutrition, sport and leisure.\n\n"
        "The cluster is managed by the health-economy department of the state health centre "
        "LZG.NRW in Bochum. It draws on the six recognised health-economy regions and works "
        "with NRW.International, NRW.INVEST, ZENIT GmbH and the Leitmarktagentur.NRW. With "
        "111 million euros in 2015, most of North Rhine-Westphalia's medical-technology imports "
        "came from the USA.",
    ),
    "aachen": (
        "Medical technology, with companies, research and science closely linked around the "
        "Uniklinik RWTH Aachen.",
        "Within North Rhine-Westphalia, Aachen stands above all for medical technology. The "
        "Uniklinik RWTH Aachen, RWTH Aachen University and the regional network MedLife e. V. "
        "work closely with companies here.\n\n"
        "In October 2017 the telemedicine centre of the Uniklinik hosted the workshop of the "
        "Transatlantic Cluster Initiative: more than 30 experts from Germany and the USA "
        "discussed medical technology, orthopaedic technology and telemedicine.",
    ),
    "koeln-bonn": (
        "Health-economy region in the Rhineland between Cologne and Bonn.",
        "The region between Cologne and Bonn is one of the six health-economy regions "
        "recognised by the state. For project and development enquiries the LZG.NRW cluster "
        "management draws on its networks and regional expertise.",
    ),
    "ostwestfalen-lippe": (
        "Health-economy region in the north-east of North Rhine-Westphalia.",
        "East Westphalia-Lippe is one of North Rhine-Westphalia's six recognised "
        "health-economy regions and brings its networks into state-wide projects of the NRW "
        "health-economy cluster.",
    ),
    "suedwestfalen": (
        "Health-economy region in the south of Westphalia.",
        "South Westphalia is one of the state's six recognised health-economy regions. Through "
        "the NRW health-economy cluster its companies, clinics and institutions reach partners "
        "across the state.",
    ),
    "muensterland": (
        "Health-economy region around Münster, close to the Dutch border.",
        "The Münsterland borders the Netherlands and keeps up exchange across the border: in "
        "September 2015 Münster hosted the German-Dutch Symposium, whose programme networks "
        "from the neighbouring country helped to shape.",
    ),
    "metropole-ruhr": (
        "Health-economy region in the Ruhr area with the health campus in Bochum.",
        "The NRW health-economy cluster management is based in the Ruhr metropolis: the "
        "health-economy department of LZG.NRW works in Bochum. The region is one of the "
        "state's six recognised health-economy regions.",
    ),
    "saarland": (
        "The healthcare.saarland network connects Saarland's companies, clinics and research "
        "institutes.",
        "Medical technology and medical products have grown strongly in importance in "
        "Saarland. About 400 companies in industry, trade and crafts provide more than 8,500 "
        "jobs in medical technology, medical products, pharma and medical services.\n\n"
        "healthcare.saarland is led by saar.is saarland.innovation&standort e. V. and "
        "accompanied by the Fraunhofer Institute for Biomedical Engineering (IBMT). The network "
        "builds contacts with clinics in the Greater Region and with research and sales "
        "partners at home and abroad, defines future topics such as ambient assisted living, "
        "in-vitro cultures and telemedicine, and has organised joint stands at trade fairs in "
        "India, Brazil, Dubai and Singapore.",
    ),
    "mitteldeutschland": (
        "Health economy across the borders of Saxony, Saxony-Anhalt and Thuringia.",
        "Gesundheitswirtschaft Mitteldeutschland (GWMD) brings together companies and "
        "institutions of the health economy in Saxony, Saxony-Anhalt and Thuringia across state "
        "borders.\n\n"
        "GWMD makes the sector more visible, speaks up for it with the economic policy of the "
        "three states, promotes regional industry matching and holds the annual Central German "
        "Health Economy Conference in changing places.",
    ),
}
FIGURE_LABELS_EN = {
    "Anerkannte Gesundheitswirtschaftsregionen": "Recognised health-economy regions",
    "Medizintechnische Einfuhren aus den USA": "Medical-technology imports from the USA",
    "Rang der USA unter den Zielländern medizintechnischer Exporte": (
        "Rank of the USA among the destinations of medical-technology exports"
    ),
    "Fachleute beim Workshop der Transatlantischen Clusterinitiative": (
        "Experts at the Transatlantic Cluster Initiative workshop"
    ),
    "Unternehmen aus Industrie, Handel und Handwerk": "Companies in industry, trade and crafts",
    "Arbeitsplätze in Medizintechnik, Medizinprodukten, Pharma und medizinischen "
    "Dienstleistungen": "Jobs in medical technology, medical products, pharma and medical services",
    "Länder mit Gemeinschaftsständen auf Fachmessen": "Countries with joint trade-fair stands",
    "Beteiligte Bundesländer": "Federal states involved",
    "Zielgruppen des Netzwerks": "Target groups of the network",
}


def load():
    by_slug = {}
    for data in REGIONS:
        data = dict(data)
        parent_slug = data.pop("parent", None)
        data["parent"] = by_slug.get(parent_slug)
        slug = data.pop("slug")
        # Both languages explicitly: the loader must not depend on the active language.
        data["summary_de"] = data.pop("summary", "")
        data["description_de"] = data.pop("description", "")
        data["summary_en"], data["description_en"] = ENGLISH[slug]
        by_slug[slug] = upsert(Region, slug=slug, defaults=data)
    for slug, figures in FIGURES.items():
        region = by_slug[slug]
        for position, (label, value, unit, qualifier, year, source) in enumerate(figures):
            upsert(
                KeyFigure,
                region=region,
                label_de=label,
                year=year,
                defaults={
                    "label_en": FIGURE_LABELS_EN.get(label, ""),
                    "value": Decimal(value),
                    "unit": unit,
                    "qualifier": qualifier,
                    "source": source,
                    "position": position,
                },
            )
    for slug, contacts in CONTACTS.items():
        for position, data in enumerate(contacts):
            data = {"phone": "", "fax": "", "email": "", "organisation": "", **data}
            upsert(
                RegionContact,
                region=by_slug[slug],
                name=data.pop("name"),
                defaults={**data, "is_public": True, "position": position},
            )
    return by_slug


def load_bodies():
    """After the members: the bodies link to the organisations' profiles."""
    from members.models import Organisation

    regions = {region.slug: region for region in Region.objects.all()}
    for slug, bodies in BODIES.items():
        for position, (name, role_de, role_en, organisation_name, website) in enumerate(bodies):
            upsert(
                RegionBody,
                region=regions[slug],
                name=name,
                defaults={
                    "role_de": role_de,
                    "role_en": role_en,
                    "organisation": Organisation.objects.filter(name=organisation_name).first(),
                    "website": website,
                    "position": position,
                },
            )


register("regions", load, position=10)
