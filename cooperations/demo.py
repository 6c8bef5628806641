"""Demo cooperations, their partners and funding programmes from the seed pages.

Loaded after the members and events demos: partners that are members are looked up by
their directory slug, events by slug (skipped while the events demo does not have them).
"""

import datetime as dt

from core.demo import register, upsert
from events.models import Event
from members.models import InnovationField, Organisation

from .models import Cooperation, CooperationPartner, FundingProgramme

Category = Organisation.PartnerCategory
OrgKind = Organisation.Kind
K = Cooperation.Kind
R = CooperationPartner.Role

LZG = "lzgnrw-landeszentrum-gesundheit-nordrhein-westfalen"

# Members of the network that are also partners (slugs as in members/demo.py).
MEMBER_PARTNERS = {
    LZG: Category.STATE_AGENCY,
    "nrwinternational-gmbh": Category.STATE_AGENCY,
    "nrwinvest-gmbh": Category.STATE_AGENCY,
    "ztg-zentrum-fur-telematik-und-telemedizin-gmbh": Category.STATE_AGENCY,
    "zenit-gmbh": Category.STATE_AGENCY,
}

# Partners that are not members: (slug, name, category, kind, city, country, website, text)
OTHER_PARTNERS = [
    (
        "creative-nrw",
        "CREATIVE.NRW",
        Category.CLUSTER,
        OrgKind.ASSOCIATION,
        "Düsseldorf",
        "DE",
        "",
        "Landescluster der Kultur- und Kreativwirtschaft in Nordrhein-Westfalen.",
    ),
    (
        "medizintechnik-nrw",
        "Medizintechnik.NRW",
        Category.CLUSTER,
        OrgKind.ASSOCIATION,
        "",
        "DE",
        "",
        "Landescluster der Medizintechnik in Nordrhein-Westfalen.",
    ),
    (
        "leitmarktagentur-nrw",
        "Leitmarktagentur.NRW",
        Category.STATE_AGENCY,
        OrgKind.POLITICS,
        "Jülich",
        "DE",
        "",
        "Betreut die Leitmarktwettbewerbe des Landes im EFRE-Programm 2014–2020.",
    ),
    (
        "bvitg",
        "bvitg e. V. – Bundesverband Gesundheits-IT",
        Category.ASSOCIATION,
        OrgKind.ASSOCIATION,
        "Berlin",
        "DE",
        "",
        "Bundesverband der Anbieter von IT-Lösungen im Gesundheitswesen.",
    ),
    (
        "fachvereinigung-krankenhaustechnik",
        "Fachvereinigung Krankenhaustechnik e. V.",
        Category.ASSOCIATION,
        OrgKind.ASSOCIATION,
        "",
        "DE",
        "",
        "Fachverband der Technikverantwortlichen in Krankenhäusern.",
    ),
    (
        "vdi-nationale-informationsplattform-medizintechnik",
        "VDI – Nationale Informationsplattform Medizintechnik",
        Category.ASSOCIATION,
        OrgKind.ASSOCIATION,
        "Düsseldorf",
        "DE",
        "",
        "Informationsplattform des VDI im Auftrag des Bundesministeriums für Bildung "
        "und Forschung.",
    ),
    (
        "forum-medtech-pharma",
        "Forum MedTech Pharma e. V.",
        Category.ASSOCIATION,
        OrgKind.ASSOCIATION,
        "Nürnberg",
        "DE",
        "",
        "Netzwerk der Medizintechnik und Pharmaindustrie.",
    ),
    (
        "enterprise-europe-network-nrw-europa",
        "Enterprise Europe Network (NRW.Europa)",
        Category.NETWORK,
        OrgKind.ASSOCIATION,
        "",
        "DE",
        "",
        "Das europäische Netzwerk zur Förderung internationaler Kooperationen kleiner und "
        "mittlerer Unternehmen; in Nordrhein-Westfalen als NRW.Europa.",
    ),
    (
        "ahk-usa-chicago",
        "AHK USA – Chicago",
        Category.ABROAD,
        OrgKind.ASSOCIATION,
        "Chicago",
        "US",
        "",
        "Deutsch-Amerikanische Handelskammer in Chicago; organisiert die transatlantische "
        "Clusterinitiative.",
    ),
    (
        "demo-niederlaendisches-partnernetzwerk",
        "Zorgnetwerk Grensregio (fiktiver Demo-Partner)",
        Category.ABROAD,
        OrgKind.ASSOCIATION,
        "Enschede",
        "NL",
        "",
        "Fiktiver Eintrag für die Demo: steht für die niederländischen Netzwerke, die das "
        "Deutsch-Niederländische Symposium und die Cross-Border Conference mitgestaltet haben.",
    ),
]

FUNDING_PROGRAMMES = {
    "efre": (
        "Leitmarktwettbewerbe NRW (EFRE 2014–2020)",
        "Land Nordrhein-Westfalen und Europäische Union (EFRE)",
        "",
    ),
    "erp": (
        "Transatlantik-Programm (ERP)",
        "Bundesministerium für Wirtschaft und Energie (BMWi)",
        "",
    ),
}

# English titles and summaries of some cooperations; the others fall back to German.
ENGLISH = {
    "creative-health": (
        "CREATIVE.HEALTH I and II with CREATIVE.NRW",
        "Two congresses where the health economy meets the creative industries.",
    ),
    "enterprise-europe-network": (
        "Enterprise Europe Network with ZENIT",
        "The cluster management is a stakeholder in the Enterprise Europe Network.",
    ),
}

COOPERATIONS = [
    {
        "slug": "creative-health",
        "title": "CREATIVE.HEALTH I und II mit CREATIVE.NRW",
        "kind": K.CO_ORGANISED_EVENT,
        "started_on": dt.date(2014, 1, 1),
        "ended_on": dt.date(2015, 12, 31),
        "countries": ["DE"],
        "summary": "Zwei Kongresse an der Schnittstelle von Gesundheits- und Kreativwirtschaft.",
        "goals": "Gesundheitswirtschaft und Kreativwirtschaft zusammenbringen und "
        "branchenübergreifende Projekte anstoßen.",
        "outcomes": "Zwei Kongresse, CREATIVE.HEALTH I (2014) und II (2015).",
        "partners": [("creative-nrw", R.CO_ORGANISER), (LZG, R.CO_ORGANISER)],
        "fields": [],
        "events": ["creativehealth-i-2014", "creativehealth-ii-2015"],
    },
    {
        "slug": "landesgemeinschaftsstand-conhit",
        "title": "Landesgemeinschaftsstand auf der conhIT mit dem ZTG",
        "kind": K.JOINT_STAND,
        "started_on": dt.date(2015, 1, 1),
        "ended_on": None,
        "countries": ["DE"],
        "summary": "Gemeinsamer Stand des Landes auf der Gesundheits-IT-Fachmesse in Berlin.",
        "goals": "Anbietern der Gesundheits-IT aus Nordrhein-Westfalen einen sichtbaren "
        "gemeinsamen Auftritt auf der Leitmesse ihrer Branche geben.",
        "outcomes": "Seit 2015 jedes Jahr ein Landesgemeinschaftsstand in Berlin.",
        "partners": [("ztg-zentrum-fur-telematik-und-telemedizin-gmbh", R.OPERATOR)],
        "fields": ["telemedizin", "digitalisierung-und-big-data"],
        "events": [f"conhit-{year}-landesgemeinschaftsstand-nrw" for year in range(2015, 2019)],
    },
    {
        "slug": "gemeinschaftsstand-medtec-europe-2014",
        "title": "Gemeinschaftsstand auf der MedTec Europe 2014 mit Medizintechnik.NRW",
        "kind": K.JOINT_STAND,
        "started_on": dt.date(2014, 1, 1),
        "ended_on": dt.date(2014, 12, 31),
        "countries": ["DE"],
        "summary": "Gemeinschaftsstand auf der Fachmesse für Entwicklung und Fertigung in der "
        "Medizintechnik in Stuttgart.",
        "goals": "Zulieferer und Hersteller der Medizintechnik aus Nordrhein-Westfalen "
        "gemeinsam präsentieren.",
        "outcomes": "Ein Gemeinschaftsstand in Stuttgart 2014.",
        "partners": [("medizintechnik-nrw", R.CO_ORGANISER)],
        "fields": [],
        "events": ["medtec-europe-2014-gemeinschaftsstand"],
    },
    {
        "slug": "markterschliessungsreisen-nrw-international",
        "title": "Unternehmens- und Markterschließungsreisen mit NRW.International",
        "kind": K.TRIP,
        "started_on": None,
        "ended_on": None,
        "countries": ["DE", "NL", "BE", "DK"],
        "summary": "Reisen für Unternehmen in die Niederlande, nach Belgien und Dänemark.",
        "goals": "Unternehmen der Gesundheitswirtschaft den Weg in die Märkte der "
        "europäischen Nachbarländer ebnen.",
        "outcomes": "",
        "partners": [("nrwinternational-gmbh", R.OPERATOR)],
        "fields": [],
        "events": [
            "delegationsreise-gesundheitswirtschaft-niederlande",
            "markterkundungsreise-gesundheitswirtschaft-belgien",
            "unternehmerreise-gesundheitswirtschaft-danemark",
        ],
    },
    {
        "slug": "auslaendische-delegationen-nrw-invest",
        "title": "Empfang ausländischer Delegationen mit NRW.INVEST",
        "kind": K.DELEGATION_RECEPTION,
        "started_on": None,
        "ended_on": None,
        "countries": [],
        "summary": "Delegationen aus dem Ausland lernen das Clustermanagement, den Leitmarkt "
        "Gesundheit und die Leitmarktwettbewerbe kennen.",
        "goals": "Nordrhein-Westfalen als Standort der Gesundheitswirtschaft für "
        "Investitionen aus dem Ausland bekannt machen.",
        "outcomes": "",
        "partners": [("nrwinvest-gmbh", R.CO_ORGANISER)],
        "fields": [],
        "events": [],
    },
    {
        "slug": "enterprise-europe-network",
        "title": "Enterprise Europe Network mit ZENIT",
        "kind": K.PARTNERSHIP,
        "started_on": None,
        "ended_on": None,
        "countries": [],
        "summary": "Das Clustermanagement ist Stakeholder im Enterprise Europe Network von "
        "NRW.Europa.",
        "goals": "Internationale Kooperationen von Unternehmen der Gesundheitswirtschaft anbahnen.",
        "outcomes": "",
        "partners": [
            ("zenit-gmbh", R.OPERATOR),
            ("enterprise-europe-network-nrw-europa", R.HOST),
        ],
        "fields": [],
        "events": [],
    },
    {
        "slug": "leitmarktwettbewerbe-efre",
        "title": "Leitmarktwettbewerbe Gesundheit (EFRE 2014–2020)",
        "kind": K.FUNDED_PROGRAMME,
        "started_on": dt.date(2014, 1, 1),
        "ended_on": dt.date(2020, 12, 31),
        "countries": ["DE"],
        "summary": "Wettbewerbe des Landes um Fördermittel für Projekte im Leitmarkt Gesundheit.",
        "goals": "Innovative Projekte im Leitmarkt Gesundheit mit Mitteln aus dem EFRE anstoßen.",
        "outcomes": "",
        "partners": [("leitmarktagentur-nrw", R.OPERATOR)],
        "fields": [],
        "funding": "efre",
        "events": [],
    },
    {
        "slug": "deutsch-niederlaendisches-symposium-2015",
        "title": "Deutsch-Niederländisches Symposium 2015",
        "kind": K.CROSS_BORDER,
        "started_on": dt.date(2015, 9, 23),
        "ended_on": dt.date(2015, 9, 23),
        "countries": ["DE", "NL"],
        "summary": "Grenzüberschreitendes Symposium in Münster, mitgestaltet von "
        "niederländischen Netzwerken.",
        "goals": "Kontakte zwischen Unternehmen beiderseits der Grenze anbahnen.",
        "outcomes": "Ein Symposium in Münster am 23. September 2015.",
        "partners": [("demo-niederlaendisches-partnernetzwerk", R.CO_ORGANISER)],
        "fields": [],
        "events": ["deutsch-niederlandisches-symposium-2015"],
    },
    {
        "slug": "cross-border-conference-2016",
        "title": "Cross-Border Conference Healthcare Economy 2016",
        "kind": K.CROSS_BORDER,
        "started_on": dt.date(2016, 12, 7),
        "ended_on": dt.date(2016, 12, 7),
        "countries": ["DE", "NL"],
        "summary": "Konferenz in Mönchengladbach, deren Programm Netzwerke aus den "
        "Nachbarländern mitgestaltet haben.",
        "goals": "Synergien bei der grenzüberschreitenden Entwicklung von Produkten und "
        "Dienstleistungen für den Leitmarkt Gesundheit nutzen.",
        "outcomes": "Eine Konferenz in Mönchengladbach am 7. Dezember 2016.",
        "partners": [("demo-niederlaendisches-partnernetzwerk", R.CO_ORGANISER)],
        "fields": [],
        "events": ["cross-border-conference-healthcare-economy-2016"],
    },
    {
        "slug": "transatlantische-clusterinitiative",
        "title": "Transatlantische Clusterinitiative mit der AHK USA",
        "kind": K.FUNDED_PROGRAMME,
        "started_on": dt.date(2017, 1, 1),
        "ended_on": dt.date(2017, 12, 31),
        "countries": ["DE", "US"],
        "summary": "Austausch zwischen deutschen und amerikanischen Clustern der "
        "Gesundheitswirtschaft und Medizintechnik.",
        "goals": "Best Practices zu Clustermanagement, Internationalisierung, Cluster Policy, "
        "Fachkräftegewinnung sowie Technologieentwicklung und -transfer austauschen.",
        "outcomes": "Ein Workshop am 16. Oktober 2017 im Telemedizinzentrum der Uniklinik RWTH "
        "Aachen mit mehr als 30 Fachleuten.",
        "partners": [
            ("ahk-usa-chicago", R.OPERATOR),
            (LZG, R.CO_ORGANISER),
            ("uniklinik-rwth-aachen", R.HOST),
            ("rwth-aachen-university", R.MEMBER),
            ("medlife-e-v", R.MEMBER),
        ],
        "fields": [
            "telemedizin",
            "orthopadietechnik",
            "digitalisierung-und-big-data",
            "fachkraftesicherung",
        ],
        "funding": "erp",
        "events": [
            "transatlantische-clusterinitiative-gesundheitswirtschaft-und-medizintechnik-2017"
        ],
    },
    {
        "slug": "austausch-fachverbaende",
        "title": "Austausch mit Fachverbänden der Gesundheitswirtschaft",
        "kind": K.PARTNERSHIP,
        "started_on": None,
        "ended_on": None,
        "countries": ["DE"],
        "summary": "Kontinuierlicher Austausch mit dem bvitg und der Fachvereinigung "
        "Krankenhaustechnik.",
        "goals": "Die Arbeit des Clusters über die Landesgrenzen hinaus mit den Fachverbänden "
        "abstimmen.",
        "outcomes": "",
        "partners": [
            ("bvitg", R.MEMBER),
            ("fachvereinigung-krankenhaustechnik", R.MEMBER),
        ],
        "fields": [],
        "events": [],
    },
    {
        "slug": "nationale-informationsplattform-medizintechnik",
        "title": "Nationale Informationsplattform Medizintechnik des VDI",
        "kind": K.PARTNERSHIP,
        "started_on": None,
        "ended_on": None,
        "countries": ["DE"],
        "summary": "Austausch mit der Plattform, die der VDI im Auftrag des BMBF gemeinsam mit "
        "dem Forum MedTech Pharma betreibt.",
        "goals": "Informationen zur Medizintechnik bundesweit bündeln und teilen.",
        "outcomes": "",
        "partners": [
            ("vdi-nationale-informationsplattform-medizintechnik", R.OPERATOR),
            ("forum-medtech-pharma", R.CO_ORGANISER),
        ],
        "fields": [],
        "events": [],
    },
]


def load_partners():
    for slug, category in MEMBER_PARTNERS.items():
        organisation = Organisation.objects.filter(slug=slug).first()
        if organisation is not None:
            upsert(
                Organisation,
                slug=slug,
                defaults={"is_partner": True, "partner_category": category},
            )
    for slug, name, category, kind, city, country, website, text in OTHER_PARTNERS:
        defaults = {
            "name": name,
            "kind": kind,
            "is_partner": True,
            "partner_category": category,
            "city": city,
            "country": country,
            "website": website,
            "description": text,
        }
        if not Organisation.objects.filter(slug=slug).exists():
            # Only a new row is a non-member; a row another demo made keeps its status.
            defaults["status"] = Organisation.Status.NON_MEMBER
        upsert(Organisation, slug=slug, defaults=defaults)


def load():
    load_partners()
    programmes = {
        key: upsert(FundingProgramme, name=name, defaults={"funder": funder, "url": url})
        for key, (name, funder, url) in FUNDING_PROGRAMMES.items()
    }
    organisations = {org.slug: org for org in Organisation.objects.all()}
    fields = {field.slug: field for field in InnovationField.objects.all()}
    for data in COOPERATIONS:
        data = dict(data)
        partners = data.pop("partners")
        field_slugs = data.pop("fields")
        event_slugs = data.pop("events")
        funding = data.pop("funding", None)
        slug = data.pop("slug")
        data["funding_programme"] = programmes[funding] if funding else None
        data["title_en"], data["summary_en"] = ENGLISH.get(slug, ("", ""))
        cooperation = upsert(Cooperation, slug=slug, defaults=data)
        for position, (org_slug, role) in enumerate(partners):
            if org_slug in organisations:
                upsert(
                    CooperationPartner,
                    cooperation=cooperation,
                    organisation=organisations[org_slug],
                    role=role,
                    defaults={"position": position},
                )
        cooperation.innovation_fields.set([fields[s] for s in field_slugs if s in fields])
        cooperation.events.set(Event.objects.filter(slug__in=event_slugs))


register("cooperations", load, after=("members", "events"), position=40)
