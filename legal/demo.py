"""Example texts of the legal pages for the demo data (`manage.py load_demo`).

Each text lives in `demo_texts/<kind>.<language>.txt`: the title on the first line, a blank
line, then the body. Every text says at its start that it is an example.
"""

import datetime as dt
from pathlib import Path
from zoneinfo import ZoneInfo

from core.demo import register, upsert

from .models import LegalPage

TEXTS = Path(__file__).resolve().parent / "demo_texts"
# Fixed, so that a second run changes nothing.
PUBLISHED_AT = dt.datetime(2026, 11, 1, 9, 0, tzinfo=ZoneInfo("Europe/Berlin"))


def read_text(kind: str, language: str) -> tuple[str, str]:
    title, _blank, body = (TEXTS / f"{kind}.{language}.txt").read_text("utf-8").partition("\n\n")
    return title.strip(), body.strip()


def load() -> None:
    for kind in LegalPage.Kind.values:
        title_de, body_de = read_text(kind, "de")
        title_en, body_en = read_text(kind, "en")
        # Version 1 is the example; versions the managers wrote later are left alone.
        upsert(
            LegalPage,
            {
                "title_de": title_de,
                "body_de": body_de,
                "title_en": title_en,
                "body_en": body_en,
                "published_at": PUBLISHED_AT,
            },
            kind=kind,
            version=1,
        )


register("legal", load, position=50)
