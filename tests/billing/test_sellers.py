"""Invoicing bodies: the phone the XRechnung needs, the IBAN checked where it is entered."""

import pytest
from django.core.exceptions import ValidationError
from lxml import etree

from billing import demo
from billing.models import Seller
from tests.factories import make_buyer, make_invoice, make_seller

pytestmark = pytest.mark.django_db

LEITWEG_ID = "04011000-1234512345-06"
RAM = "urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100"
SELLER_PHONE = (
    "//ram:SellerTradeParty/ram:DefinedTradeContact"
    "/ram:TelephoneUniversalCommunication/ram:CompleteNumber"
)


def test_a_public_buyer_can_call_the_demo_seller_from_its_xrechnung():
    demo.load()
    saaris = demo.seller("SAARIS")
    assert saaris.phone == "0681 9520-459"  # the seeds' public number of healthcare.saarland
    invoice = make_invoice(saaris, buyer=make_buyer(reference=LEITWEG_ID))
    invoice.refresh_from_db()
    root = etree.fromstring(bytes(invoice.xml_document))
    assert root.xpath(SELLER_PHONE + "/text()", namespaces={"ram": RAM}) == ["0681 9520-459"]


def test_a_manager_must_give_the_invoicing_bodys_phone(admin_client):
    seller = make_seller(phone="0341 123456")
    url = f"/admin/billing/seller/{seller.pk}/change/"
    form = admin_client.get(url).context["adminform"].form
    data = {name: value for name, value in form.initial.items() if value is not None}
    response = admin_client.post(url, {**data, "phone": ""})
    assert response.status_code == 200
    assert "phone" in response.context["adminform"].form.errors
    seller.refresh_from_db()
    assert seller.phone == "0341 123456"


@pytest.mark.parametrize("typed", ["DE02 1203 0000 0000 2020 51", "de02120300000000202051"])
def test_a_manager_types_the_iban_as_printed_and_it_is_kept_compact(admin_client, typed):
    seller = make_seller()
    url = f"/admin/billing/seller/{seller.pk}/change/"
    data = {
        name: value
        for name, value in admin_client.get(url).context["adminform"].form.initial.items()
        if value is not None
    }
    response = admin_client.post(url, {**data, "iban": typed})
    assert response.status_code == 302, response.context["adminform"].form.errors
    seller.refresh_from_db()
    assert seller.iban == "DE02120300000000202051"


def test_a_mistyped_iban_is_refused_in_german(admin_client):
    seller = make_seller()
    url = f"/admin/billing/seller/{seller.pk}/change/"
    data = {
        name: value
        for name, value in admin_client.get(url).context["adminform"].form.initial.items()
        if value is not None
    }
    response = admin_client.post(url, {**data, "iban": "DE02120300000000202052"})
    assert response.status_code == 200
    assert "keine gültige IBAN" in response.text
    seller.refresh_from_db()
    assert seller.iban == "DE02120300000000202051"
    with pytest.raises(ValidationError):
        Seller(iban="DE00 0000").clean()


def test_the_central_office_is_told_which_invoicing_bodies_lack_the_phone(
    admin_client, admin_user, regional_manager
):
    from django.test import RequestFactory

    from backoffice import dashboard

    def keys(user):
        request = RequestFactory().get("/admin/")
        request.user = user
        return {panel.key: panel for panel in dashboard.panels(request)}

    make_seller(phone="0341 123456")
    assert "sellers-without-phone" not in keys(admin_user)
    silent = make_seller(name="Stille Stelle e. V.", phone="")
    panel = keys(admin_user)["sellers-without-phone"]
    assert panel.count == 1
    assert panel.items[0].url == f"/admin/billing/seller/{silent.pk}/change/"
    page = admin_client.get("/admin/").text
    assert "Rechnungssteller ohne Telefonnummer" in page and "Stille Stelle e. V." in page
    assert "sellers-without-phone" not in keys(regional_manager)  # sees no invoicing bodies
