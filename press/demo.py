"""Demo press area from the seed pages, and the demo pictures put on pages.

Press contacts: healthcare.saarland names Dr. Thomas Siemer for its press and public relations
(seed 004), GWMD its office address (seed 003); the press release of the Transatlantic Cluster
Initiative names its own contact (news demo). The seeds name no concrete specialist article:
healthcare.saarland's aim of placing them in trade journals is shown with invented examples,
marked as such.
"""

import datetime as dt

from django.core.files.base import ContentFile

from core.demo import register, upsert
from events.models import Event
from news.models import NewsItem
from pictures import drawings
from pictures.demo import demo_picture
from regions.models import KeyFigure, Region

from .factsheet import fact_sheet_pdf
from .models import PressContact, PressKitFile, PressPhoto, SpecialistArticle

CONTACTS = [
    {
        "name": "Dr. Thomas Siemer",
        "role_de": "Presse- und Öffentlichkeitsarbeit healthcare.saarland",
        "role_en": "Press and public relations, healthcare.saarland",
        "organisation": "saar.is saarland.innovation&standort e. V.",
        "phone": "0681 9520-459",
        "fax": "0681 5846125",
        "email": "thomas.siemer@saar-is.de",
    },
    {
        "name": "Gesundheitswirtschaft Mitteldeutschland (GWMD)",
        "role_de": "Anfragen zum Netzwerk in Mitteldeutschland",
        "role_en": "Enquiries about the network in Central Germany",
        "organisation": "",
        "phone": "",
        "fax": "",
        "email": "info@gesundheitswirtschaft-mitteldeutschland.de",
    },
]

PHOTOS = [
    "Karte der Gesundheitswirtschaftsregionen",
    "Illustration Netzwerk",
    "Illustration Medizintechnik",
    "Illustration Gemeinschaftsstand",
    "Illustration In-vitro-Kulturen",
]

# Where the demo pictures appear: region slug, event slug, news slug -> picture title.
ON_PAGES = {
    Region: {
        "nordrhein-westfalen": "Karte der Gesundheitswirtschaftsregionen",
        "saarland": "Illustration In-vitro-Kulturen",
        "mitteldeutschland": "Illustration Netzwerk",
        "aachen": "Illustration Medizintechnik",
    },
    Event: {
        "conhit-2018-landesgemeinschaftsstand-nrw": "Illustration Gemeinschaftsstand",
        "dmea-2027-landesgemeinschaftsstand-nrw": "Illustration Gemeinschaftsstand",
        "workshop-ambient-assisted-living": "Illustration Netzwerk",
    },
    NewsItem: {
        "transatlantischer-austausch-gesundheitswirtschaft-medizintechnik": (
            "Illustration Medizintechnik"
        ),
        "beispiel-fachbeitrag-in-vitro-kulturen-saarland": "Illustration In-vitro-Kulturen",
        "landesgemeinschaftsstand-conhit": "Illustration Gemeinschaftsstand",
    },
}

ARTICLES = [
    {
        "title": "Beispiel: Saarländische In-vitro-Kulturen auf dem Weg in die Klinik",
        "journal": "Beispiel-Fachzeitschrift Medizintechnik (fiktiv)",
        "issue": "4/2026",
        "published_on": dt.date(2026, 4, 15),
        "authors": "healthcare.saarland",
        "summary_de": "Erfundenes Beispiel: Wie Unternehmen und Forschung im Saarland an "
        "Zellkulturen für Diagnostik und Therapie arbeiten.",
        "summary_en": "Invented example: how companies and research in Saarland work on cell "
        "cultures for diagnostics and therapy.",
        "regions": ["saarland"],
    },
    {
        "title": "Beispiel: Telemedizin zwischen Klinik und Zuhause",
        "journal": "Beispiel-Journal Gesundheits-IT (fiktiv)",
        "issue": "11",
        "published_on": dt.date(2025, 11, 3),
        "authors": "healthcare.saarland",
        "summary_de": "Erfundenes Beispiel: Erfahrungen saarländischer Einrichtungen mit "
        "telemedizinischer Versorgung.",
        "summary_en": "Invented example: what Saarland institutions learnt from telemedical care.",
        "regions": ["saarland"],
    },
    {
        "title": "Beispiel: Ambient Assisted Living im Alltag",
        "journal": "Beispiel-Magazin Pflege und Technik (fiktiv)",
        "issue": "2/2025",
        "published_on": dt.date(2025, 2, 20),
        "authors": "healthcare.saarland",
        "summary_de": "Erfundenes Beispiel: Assistenzsysteme für ein selbstbestimmtes Leben im "
        "Alter, vorgestellt von Mitgliedern des Netzwerks.",
        "summary_en": "Invented example: assistive systems for an independent life in old age, "
        "presented by members of the network.",
        "regions": ["saarland"],
    },
]


def _fact_sheet() -> bytes:
    blocks = [
        (
            "text",
            "Das Netzwerk verbindet die Gesundheitswirtschaft in Nordrhein-Westfalen, im Saarland "
            "und in Mitteldeutschland: Unternehmen, Kliniken, Forschung und Verbände.",
        )
    ]
    for region in Region.objects.filter(figures__isnull=False).distinct().order_by("name"):
        blocks.append(("heading", region.name))
        if region.managing_body:
            blocks.append(("text", f"Getragen von: {region.managing_body}"))
        for figure in KeyFigure.objects.filter(region=region).order_by("position"):
            qualifier = f"{figure.get_qualifier_display()} " if figure.qualifier else ""
            value = f"{figure.value:,.0f}".replace(",", ".")
            unit = f" {figure.unit}" if figure.unit else ""
            blocks.append(
                (
                    "text",
                    f"{figure.label_de}: {qualifier}{value}{unit} ({figure.year}, "
                    f"Quelle: {figure.source})",
                )
            )
    blocks.append(("heading", "Pressekontakt"))
    blocks.append(
        (
            "text",
            "Dr. Thomas Siemer, healthcare.saarland, Tel. 0681 9520-459, thomas.siemer@saar-is.de",
        )
    )
    return fact_sheet_pdf("Gesundheitswirtschaft im Netzwerk – Zahlen und Fakten", blocks)


KIT = [
    # (slug of the stored file, title de, title en, description de, description en, kind, maker)
    (
        "faktenblatt-gesundheitswirtschaft-im-netzwerk.pdf",
        "Faktenblatt: Zahlen und Fakten",
        "Fact sheet: facts and figures",
        "Die Regionen, ihre Träger und Kennzahlen auf einer Seite (PDF, deutsch).",
        "The regions, the bodies behind them and key figures on one page (PDF, German).",
        PressKitFile.Kind.FACT_SHEET,
        _fact_sheet,
    ),
    (
        "zeichen-gesundheitswirtschaft-im-netzwerk.png",
        "Zeichen des Netzwerks (PNG, transparenter Hintergrund)",
        "The network's mark (PNG, transparent background)",
        "Für Berichte über das Netzwerk, 1200 Pixel breit.",
        "For reporting on the network, 1200 pixels wide.",
        PressKitFile.Kind.LOGO,
        drawings.network_logo,
    ),
]


def load():
    for position, data in enumerate(CONTACTS):
        data = dict(data)
        upsert(PressContact, name=data.pop("name"), defaults={**data, "position": position})
    for position, title in enumerate(PHOTOS):
        upsert(PressPhoto, picture=demo_picture(title), defaults={"position": position})
    for model, pages in ON_PAGES.items():
        for slug, title in pages.items():
            page = model.objects.filter(slug=slug).first()
            if page is not None and page.picture_id is None:
                model.objects.filter(pk=page.pk).update(picture=demo_picture(title))
    for position, (name, title_de, title_en, text_de, text_en, kind, make) in enumerate(KIT):
        if PressKitFile.objects.filter(title_de=title_de).exists():
            continue
        kit_file = PressKitFile(
            title_de=title_de,
            title_en=title_en,
            description_de=text_de,
            description_en=text_en,
            kind=kind,
            position=position,
        )
        kit_file.file.save(name, ContentFile(make()), save=False)
        kit_file.full_clean()
        kit_file.save()
    regions = {region.slug: region for region in Region.objects.all()}
    for data in ARTICLES:
        data = dict(data)
        slugs = data.pop("regions")
        article = upsert(SpecialistArticle, title=data.pop("title"), defaults=data)
        wanted = {regions[slug].pk for slug in slugs if slug in regions}
        if set(article.regions.values_list("pk", flat=True)) != wanted:
            article.regions.set(wanted)


register("press", load, after=("regions", "pictures", "events", "news"), position=80)
