import datetime as dt

from press.models import PressContact, PressPhoto, SpecialistArticle

from .base import unique
from .pictures import make_picture


def make_press_contact(**overrides) -> PressContact:
    values = {
        "name": "Petra Presse",
        "role_de": "Pressesprecherin",
        "role_en": "Press officer",
        "organisation": "Clustermanagement",
        "phone": "0211 000-100",
        "email": f"{unique('presse')}@example.org",
    }
    values.update(overrides)
    return PressContact.objects.create(**values)


def make_press_photo(**overrides) -> PressPhoto:
    picture = overrides.pop("picture", None) or make_picture(size=(2400, 1600))
    return PressPhoto.objects.create(picture=picture, **overrides)


def make_article(**overrides) -> SpecialistArticle:
    values = {
        "title": unique("Fachbeitrag"),
        "journal": "Medizintechnik heute",
        "issue": "3/2026",
        "published_on": dt.date(2026, 3, 1),
        "summary_de": "Worum es geht.",
        "summary_en": "What it is about.",
    }
    values.update(overrides)
    return SpecialistArticle.objects.create(**values)
