"""Demo pictures, drawn by the portal itself (pictures/drawings.py): the network's map, its
logo and a few illustrations, each with alternative texts, caption, credit and licence.

Other apps' demo loaders find them by title (`demo_picture(...)`); the press demo puts them on
regions, events, news items and the press page.
"""

from django.core.files.base import ContentFile

from core.demo import register
from regions import map as region_map
from regions import projection
from regions.models import Region

from . import drawings
from .models import Picture

CREDIT = "Grafik: Clustermanagement"

# title: (file name, alt de, alt en, caption de, caption en, drawing)
PICTURES = {
    "Karte der Gesundheitswirtschaftsregionen": (
        "karte-gesundheitswirtschaftsregionen.png",
        "Karte Deutschlands mit den Regionen des Netzwerks: sechs Gesundheitswirtschaftsregionen "
        "in Nordrhein-Westfalen, das Saarland und Mitteldeutschland.",
        "Map of Germany with the network's regions: six health-economy regions in North "
        "Rhine-Westphalia, Saarland and Central Germany.",
        "Die Regionen des Netzwerks (eigene Darstellung).",
        "The network's regions (own illustration).",
        "map",
    ),
    "Zeichen des Netzwerks": (
        "zeichen-gesundheitswirtschaft-im-netzwerk.png",
        "Zeichen des Netzwerks: sechs verbundene Punkte um einen orangen Mittelpunkt, darunter "
        "der Schriftzug „Gesundheitswirtschaft im Netzwerk“.",
        "The network's mark: six linked dots around an orange centre, with the words "
        "“Gesundheitswirtschaft im Netzwerk” beneath.",
        "Das Zeichen des Netzwerks.",
        "The network's mark.",
        "logo",
    ),
    "Illustration Netzwerk": (
        "illustration-netzwerk.jpg",
        "Blaue und orange Punkte, durch Linien zu einem Netz verbunden.",
        "Blue and orange dots joined by lines into a web.",
        "Partner, die sich über Regionen hinweg verbinden.",
        "Partners connecting across regions.",
        "network",
    ),
    "Illustration Medizintechnik": (
        "illustration-medizintechnik.jpg",
        "Eine Herzschlagkurve wie auf einem Überwachungsmonitor, über einem hellen Raster.",
        "A heartbeat curve as on a patient monitor, over a light grid.",
        "Medizintechnik: ein Schwerpunkt der Regionen Aachen und Saarland.",
        "Medical technology: a focus of the Aachen and Saarland regions.",
        "heartbeat",
    ),
    "Illustration Gemeinschaftsstand": (
        "illustration-gemeinschaftsstand.jpg",
        "Drei Messestände nebeneinander in Blau und Orange, mit weißen Schautafeln.",
        "Three trade-fair stands side by side in blue and orange, with white display boards.",
        "Gemeinsam auf Fachmessen: der Landesgemeinschaftsstand.",
        "Together at trade fairs: the state's joint stand.",
        "fair",
    ),
    "Illustration In-vitro-Kulturen": (
        "illustration-in-vitro-kulturen.jpg",
        "Zwölf Petrischalen in drei Reihen, darin blaue und orange Zellhaufen.",
        "Twelve Petri dishes in three rows holding blue and orange clusters of cells.",
        "In-vitro-Kulturen, ein Zukunftsthema von healthcare.saarland.",
        "In-vitro cultures, a future topic of healthcare.saarland.",
        "lab",
    ),
}


def _drawing(kind: str) -> bytes:
    if kind == "map":
        points = []
        for region in Region.objects.on_map().exclude(
            kind=Region.Kind.STATE, children__isnull=False
        ):
            x, y = projection.project(region.latitude, region.longitude)
            points.append((x, y, region.name, region.kind))
        return drawings.network_map(
            region_map.outline()["path"],
            (projection.WIDTH, projection.HEIGHT),
            points,
            region_map.state_borders_path(),
        )
    if kind == "logo":
        return drawings.network_logo()
    return drawings.illustration(kind)


def demo_picture(title: str) -> Picture:
    """The demo picture of this title, drawn and stored the first time it is asked for."""
    picture = Picture.objects.filter(title=title).first()
    if picture is not None:
        return picture
    file_name, alt_de, alt_en, caption_de, caption_en, kind = PICTURES[title]
    picture = Picture(
        title=title,
        alt_text_de=alt_de,
        alt_text_en=alt_en,
        caption_de=caption_de,
        caption_en=caption_en,
        credit=CREDIT,
        licence=Picture.Licence.PRESS,
        is_published=True,
    )
    picture.original.save(file_name, ContentFile(_drawing(kind)), save=False)
    picture.full_clean()
    picture.save()
    return picture


def load():
    for title in PICTURES:
        demo_picture(title)


register("pictures", load, after=("regions",), position=15)
