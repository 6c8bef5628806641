"""The demo press area comes from the seed pages; the demo pictures reach the pages."""

import pytest
from django.core.management import call_command

from events.models import Event
from news.models import NewsItem
from press.models import PressContact, PressKitFile, PressPhoto, SpecialistArticle
from regions.models import Region

pytestmark = pytest.mark.django_db


def test_demo_press_area_and_pictures(client, settings):
    call_command("load_demo", "--no-admin")
    siemer = PressContact.objects.get(name="Dr. Thomas Siemer")
    assert (siemer.phone, siemer.fax, siemer.email) == (
        "0681 9520-459",
        "0681 5846125",
        "thomas.siemer@saar-is.de",
    )
    photos = PressPhoto.objects.public()
    assert photos.count() >= 4
    assert all(photo.picture.credit == "Grafik: Clustermanagement" for photo in photos)
    assert all(photo.picture.alt_text_de and photo.picture.alt_text_en for photo in photos)
    assert {kit.kind for kit in PressKitFile.objects.all()} == {"fact_sheet", "logo"}
    fact_sheet = PressKitFile.objects.get(kind="fact_sheet")
    with fact_sheet.file.open("rb") as file:
        pdf = file.read()
    assert pdf.startswith(b"%PDF-") and b"healthcare.saarland" in pdf
    assert SpecialistArticle.objects.filter(journal__contains="fiktiv").count() == 3
    assert Region.objects.get(slug="saarland").picture is not None
    assert Event.objects.exclude(picture=None).exists()
    assert NewsItem.objects.exclude(picture=None).exists()

    html = client.get("/presse/").text
    assert "Dr. Mathias Brandstädter" in html  # the release's own press contact
    assert "Grafik: Clustermanagement" in html
