"""Demo cooperations from the seed pages."""

import datetime as dt

from cluster_portal.demo import upsert

from .models import Cooperation

K = Cooperation.Kind
COOPERATIONS = [
    (
        "creative-health",
        "CREATIVE.HEALTH I und II mit CREATIVE.NRW",
        K.CO_ORGANISED_EVENT,
        dt.date(2014, 1, 1),
        dt.date(2015, 12, 31),
    ),
    (
        "landesgemeinschaftsstand-conhit",
        "Landesgemeinschaftsstand auf der conhIT mit dem ZTG",
        K.JOINT_STAND,
        dt.date(2015, 1, 1),
        None,
    ),
    (
        "transatlantische-clusterinitiative",
        "Transatlantische Clusterinitiative mit der AHK USA",
        K.FUNDED_PROGRAMME,
        dt.date(2017, 1, 1),
        dt.date(2017, 12, 31),
    ),
]


def load():
    for slug, title, kind, started, ended in COOPERATIONS:
        upsert(
            Cooperation,
            slug=slug,
            defaults={"title": title, "kind": kind, "started_on": started, "ended_on": ended},
        )
