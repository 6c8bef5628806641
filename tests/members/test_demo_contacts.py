"""The demo's real members can be reached: public contact from the seeds and their websites, and
the profile's contact form for every one of them."""

import pytest
from django.core import mail

from members import demo
from members.models import ContactMessage, Organisation
from regions import demo as region_demo
from tests import factories

pytestmark = pytest.mark.django_db

SEED_MEMBERS = [
    "Fraunhofer-Institut für Biomedizinische Technik (IBMT)",
    "saar.is saarland.innovation&standort e. V.",
    "Gesundheitswirtschaft Mitteldeutschland (GWMD)",
    "LZG.NRW – Landeszentrum Gesundheit Nordrhein-Westfalen",
    "MedLife e. V.",
    "ZTG Zentrum für Telematik und Telemedizin GmbH",
    "NRW.INVEST GmbH",
]


@pytest.fixture
def demo_members(db):
    factories.make_privacy_notice()
    region_demo.load()
    demo.load()


def test_every_real_member_has_a_website_and_a_contact_form(client, demo_members):
    for number, name in enumerate(SEED_MEMBERS):
        organisation = Organisation.objects.get(name=name)
        assert organisation.website.startswith("https://"), name
        html = client.get(organisation.get_absolute_url()).text
        assert f"{organisation.get_absolute_url()}kontakt/" in html, name
        response = client.post(
            f"{organisation.get_absolute_url()}kontakt/",
            {
                "recipient": "organisation",
                "name": "Erika Anfrage",
                "email": f"erika{number}@anfrage.example",
                "subject": "Anfrage",
                "message": "Guten Tag",
                "privacy_consent": "on",
            },
        )
        assert response.status_code == 302, name
    assert ContactMessage.objects.count() == len(SEED_MEMBERS)
    assert len(mail.outbox) == 2 * len(SEED_MEMBERS)


def test_the_seed_contacts_are_on_the_profiles(client, demo_members):
    saar_is = Organisation.objects.get(name__startswith="saar.is")
    html = client.get(saar_is.get_absolute_url()).text
    assert "Dr. Thomas Siemer" in html and "Patrick Rosar" in html
    assert "0681 9520-451" in html and "Franz-Josef-Röder-Straße 9" in html
    gwmd = Organisation.objects.get(name__contains="GWMD")
    assert (
        "info@gesundheitswirtschaft-mitteldeutschland.de"
        in client.get(gwmd.get_absolute_url()).text
    )
