"""Demo news: items from the seed pages, plus fictitious current ones (marked as examples)."""

import datetime as dt
from zoneinfo import ZoneInfo

from django.utils import timezone

from core.demo import register, upsert
from events.models import Event
from members.models import InnovationField, Organisation
from regions.models import Region

from .models import NewsItem

BERLIN = ZoneInfo("Europe/Berlin")
K = NewsItem.Kind
EXAMPLE_NOTE = "Fiktive Beispielmeldung für die Demo des Portals."


def at(day: dt.date, hour: int = 10) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour), tzinfo=BERLIN)


ARCHIVE = [
    {
        "slug": "transatlantischer-austausch-gesundheitswirtschaft-medizintechnik",
        "title": "Transatlantischer Austausch in Gesundheitswirtschaft und Medizintechnik",
        "kind": K.PRESS_RELEASE,
        "published_at": at(dt.date(2017, 10, 17)),
        "teaser": (
            "Über 30 Fachleute aus deutschen und amerikanischen Clustern trafen sich am "
            "16. Oktober 2017 im Telemedizinzentrum der Uniklinik RWTH Aachen."
        ),
        "body": (
            "Zum Workshop „Transatlantische Clusterinitiative. Gesundheitswirtschaft und "
            "Medizintechnik“ hatte das Landeszentrum Gesundheit Nordrhein-Westfalen (LZG.NRW) "
            "nach Aachen eingeladen. Clusterorganisationen, Unternehmen und Institutionen aus "
            "Deutschland und den USA kamen dort ins Gespräch.\n\n"
            "Auf der Tagesordnung standen Best Practices im Clustermanagement, die "
            "Internationalisierung, die Gewinnung von Fachkräften sowie Technologieentwicklung "
            "und -transfer, außerdem Digitalisierung und Big Data. Die USA sind für die "
            "Medizintechnik aus NRW ein wichtiger Handelspartner: 2015 bezog NRW medizintechnische "
            "Waren im Wert von 111 Millionen Euro aus den Vereinigten Staaten.\n\n"
            "Die Region Aachen steht mit der Uniklinik RWTH Aachen, der RWTH Aachen University und "
            "dem Netzwerk MedLife e. V. für die enge Verbindung von Unternehmen, Forschung und "
            "Wissenschaft. Im Mittelpunkt der möglichen Kooperationen standen Medizintechnik, "
            "Orthopädietechnik und Telemedizin.\n\n"
            "Das Programm organisiert die AHK USA – Chicago; gefördert wird es durch das "
            "Transatlantik-Programm der Bundesregierung aus Mitteln des ERP."
        ),
        "press_contact_name": "Dr. Mathias Brandstädter",
        "press_contact_organisation": (
            "Uniklinik RWTH Aachen\nStabsstelle Unternehmenskommunikation"
        ),
        "press_contact_phone": "0241 80-89893",
        "press_contact_email": "kommunikation@ukaachen.de",
        "regions": ["aachen", "nordrhein-westfalen"],
        "organisations": [
            "uniklinik-rwth-aachen",
            "rwth-aachen-university",
            "medlife-e-v",
            "lzgnrw-landeszentrum-gesundheit-nordrhein-westfalen",
        ],
        "events": [
            "transatlantische-clusterinitiative-gesundheitswirtschaft-und-medizintechnik-2017"
        ],
        "innovation_fields": ["telemedizin", "orthopadietechnik", "digitalisierung-und-big-data"],
    },
    {
        "slug": "deutsch-niederlaendisches-symposium-muenster",
        "title": "Deutsch-Niederländisches Symposium in Münster",
        "kind": K.NEWS,
        "published_at": at(dt.date(2015, 9, 24)),
        "teaser": (
            "Am 23. September 2015 brachte das Symposium in Münster Netzwerke und Unternehmen "
            "beiderseits der Grenze zusammen."
        ),
        "body": (
            "Netzwerke aus den Niederlanden haben das Programm des Symposiums mit ihrer Expertise "
            "mitgestaltet. Im Mittelpunkt standen Themen, die sich nur grenzüberschreitend gut "
            "bearbeiten lassen.\n\n"
            "Das Treffen diente der Kontaktanbahnung von Unternehmen aus Nordrhein-Westfalen auf "
            "internationaler Ebene und der gemeinsamen Entwicklung von Produkten und "
            "Dienstleistungen für den Leitmarkt Gesundheit."
        ),
        "regions": ["muensterland"],
        "events": ["deutsch-niederlandisches-symposium-2015"],
    },
    {
        "slug": "landesgemeinschaftsstand-conhit",
        "title": "Landesgemeinschaftsstand auf der conhIT in Berlin",
        "kind": K.NEWS,
        "published_at": at(dt.date(2015, 4, 14)),
        "teaser": (
            "Gemeinsam mit dem ZTG präsentieren sich Unternehmen aus NRW auf der "
            "Gesundheits-IT-Fachmesse conhIT."
        ),
        "body": (
            "Seit 2015 organisiert das Clustermanagement Gesundheitswirtschaft NRW zusammen mit "
            "dem ZTG Zentrum für Telematik und Telemedizin einen Landesgemeinschaftsstand auf der "
            "conhIT in Berlin. Mitaussteller nutzen die gemeinsame Fläche, um ihre Lösungen für "
            "Gesundheits-IT und Telemedizin einem Fachpublikum zu zeigen."
        ),
        "regions": ["nordrhein-westfalen"],
        "organisations": ["ztg-zentrum-fur-telematik-und-telemedizin-gmbh"],
        "innovation_fields": ["telemedizin", "digitalisierung-und-big-data"],
    },
    {
        "slug": "gemeinschaftsstand-medtec-europe-2014",
        "title": "Gemeinschaftsstand auf der MedTec Europe in Stuttgart",
        "kind": K.NEWS,
        "published_at": at(dt.date(2014, 3, 20)),
        "teaser": (
            "Mit dem Cluster Medizintechnik.NRW zeigt sich die Gesundheitswirtschaft aus NRW auf "
            "der Fachmesse für Entwicklung und Fertigung in der Medizintechnik."
        ),
        "body": (
            "2014 organisierte das Clustermanagement zusammen mit dem Cluster Medizintechnik.NRW "
            "einen Gemeinschaftsstand auf der MedTec Europe in Stuttgart. Die Messe richtet sich "
            "an Fachleute aus Entwicklung und Fertigung in der Medizintechnik."
        ),
        "regions": ["nordrhein-westfalen"],
    },
]


def current():
    """Fictitious items around today; their dates are fixed when first created."""
    now = timezone.now()
    return [
        {
            "slug": "beispiel-telemedizin-netzwerktreffen-anmeldung",
            "title": "Anmeldung zum Netzwerktreffen Telemedizin geöffnet (Beispielmeldung)",
            "kind": K.NEWS,
            "published_at": now - dt.timedelta(days=3),
            "teaser": (
                "Das nächste Netzwerktreffen Telemedizin in Bochum nimmt Anmeldungen entgegen."
            ),
            "body": (
                f"{EXAMPLE_NOTE}\n\n"
                "Beim Netzwerktreffen auf dem Gesundheitscampus NRW stellen Mitglieder aktuelle "
                "Projekte aus der Telemedizin vor und tauschen sich über Kooperationen aus."
            ),
            "regions": ["metropole-ruhr"],
            "organisations": ["ztg-zentrum-fur-telematik-und-telemedizin-gmbh"],
            "events": ["netzwerktreffen-telemedizin"],
            "innovation_fields": ["telemedizin"],
        },
        {
            "slug": "beispiel-fachbeitrag-in-vitro-kulturen-saarland",
            "title": "Fachbeitrag: In-vitro-Kulturen aus dem Saarland (Beispielmeldung)",
            "kind": K.TECHNICAL_ARTICLE,
            "published_at": now - dt.timedelta(days=12),
            "teaser": (
                "Wie Forschung und Unternehmen im Saarland an Zellkulturen für die Medizin "
                "arbeiten."
            ),
            "body": (
                f"{EXAMPLE_NOTE}\n\n"
                "Das Fraunhofer-Institut für Biomedizinische Technik in Sulzbach forscht an "
                "In-vitro-Kulturen. Der Beitrag zeigt, wie Ergebnisse aus dem Labor ihren Weg in "
                "Produkte saarländischer Unternehmen finden."
            ),
            "regions": ["saarland"],
            "organisations": ["fraunhofer-institut-fur-biomedizinische-technik-ibmt"],
            "innovation_fields": ["in-vitro-kulturen"],
        },
        {
            "slug": "beispiel-konferenz-mitteldeutschland-programm",
            "title": (
                "Programm der Mitteldeutschen Gesundheitswirtschaftskonferenz (Beispielmeldung)"
            ),
            "kind": K.NEWS,
            "published_at": now + dt.timedelta(days=14),
            "teaser": "Das Programm der Konferenz in Halle (Saale) steht fest.",
            "body": (
                f"{EXAMPLE_NOTE} Sie ist geplant und erscheint erst zu ihrem Datum.\n\n"
                "Vorträge und Foren widmen sich der Fachkräftesicherung in der "
                "Gesundheitswirtschaft."
            ),
            "regions": ["mitteldeutschland"],
            "organisations": ["gesundheitswirtschaft-mitteldeutschland-gwmd"],
            "events": ["mitteldeutsche-gesundheitswirtschaftskonferenz"],
            "innovation_fields": ["fachkraftesicherung"],
        },
    ]


RELATIONS = {
    "regions": Region,
    "organisations": Organisation,
    "events": Event,
    "innovation_fields": InnovationField,
}


def _link(item: NewsItem, relations: dict) -> None:
    for name, model in RELATIONS.items():
        wanted = set(
            model.objects.filter(slug__in=relations.get(name, [])).values_list("pk", flat=True)
        )
        manager = getattr(item, name)
        if set(manager.values_list("pk", flat=True)) != wanted:
            manager.set(wanted)


def load():
    for data in ARCHIVE:
        values = dict(data, is_draft=False)
        relations = {name: values.pop(name, []) for name in RELATIONS}
        slug = values.pop("slug")
        _link(upsert(NewsItem, slug=slug, defaults=values), relations)
    for data in current():
        values = dict(data, is_draft=False)
        relations = {name: values.pop(name, []) for name in RELATIONS}
        slug = values.pop("slug")
        # Created once: their dates are relative to the first run, so reruns keep them.
        item, _created = NewsItem.objects.get_or_create(slug=slug, defaults=values)
        _link(item, relations)


register("news", load, after=("regions", "members", "events"), position=60)
