"""Demo events: the seeds' events as archive and upcoming events relative to today."""

import datetime as dt
from zoneinfo import ZoneInfo

from django.utils import timezone
from django.utils.text import slugify

from cluster_portal.demo import upsert
from regions.models import Region

from .models import Event

BERLIN = ZoneInfo("Europe/Berlin")
K = Event.Kind


def at(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour, minute), tzinfo=BERLIN)


ARCHIVE = [
    # (title, kind, start day, end day, city, region slug, venue)
    (
        "Deutsch-Niederländisches Symposium",
        K.SYMPOSIUM,
        dt.date(2015, 9, 23),
        dt.date(2015, 9, 23),
        "Münster",
        "muensterland",
        "",
    ),
    (
        "Cross-Border Conference Healthcare Economy",
        K.CONFERENCE,
        dt.date(2016, 12, 7),
        dt.date(2016, 12, 7),
        "Mönchengladbach",
        "nordrhein-westfalen",
        "",
    ),
    (
        "Transatlantische Clusterinitiative: Gesundheitswirtschaft und Medizintechnik",
        K.WORKSHOP,
        dt.date(2017, 10, 16),
        dt.date(2017, 10, 16),
        "Aachen",
        "aachen",
        "Telemedizinzentrum der Uniklinik RWTH Aachen",
    ),
]


def upcoming():
    today = timezone.localdate()
    return [
        (
            "Netzwerktreffen Telemedizin",
            K.NETWORK_MEETING,
            today + dt.timedelta(days=21),
            today + dt.timedelta(days=21),
            "Bochum",
            "metropole-ruhr",
            "Gesundheitscampus NRW",
        ),
        (
            "Mitteldeutsche Gesundheitswirtschaftskonferenz",
            K.CONFERENCE,
            today + dt.timedelta(days=60),
            today + dt.timedelta(days=61),
            "Halle (Saale)",
            "mitteldeutschland",
            "",
        ),
        (
            "Workshop Ambient Assisted Living",
            K.WORKSHOP,
            today + dt.timedelta(days=35),
            today + dt.timedelta(days=35),
            "Saarbrücken",
            "saarland",
            "",
        ),
    ]


def load():
    regions = {region.slug: region for region in Region.objects.all()}
    today = timezone.localdate()
    for title, kind, start, end, city, region_slug, venue in ARCHIVE + upcoming():
        # Upcoming demo events keep one slug whatever today is, so reruns find them.
        slug = slugify(f"{title}-{start.year}") if start < today else slugify(title)
        defaults = {
            "title": title,
            "kind": kind,
            "start": at(start, 10),
            "end": at(end, 17),
            "city": city,
            "venue_name": venue,
            "region": regions.get(region_slug),
        }
        if start >= today:
            # Upcoming dates move with today; keep the first dates once created.
            Event.objects.get_or_create(slug=slug, defaults=defaults)
        else:
            upsert(Event, slug=slug, defaults=defaults)
