"""Stand places have a price (billing.pricing.Priced): shown in the reader's language, typed by
managers as they write amounts, and carried over from the euro field by the migration."""

from decimal import Decimal

import pytest
from django.urls import reverse

from stands.models import JointStand
from tests import factories
from tests.factories import make_stand
from tests.migrating import leaf_nodes

db = pytest.mark.django_db


@db
def test_visitor_sees_the_price_of_a_place_with_vat_in_german(client):
    stand = make_stand()
    page = client.get(f"/veranstaltungen/{stand.event.slug}/").text
    assert "2.450,00\xa0€ zzgl. 19 % USt." in page


@db
def test_visitor_sees_the_price_of_a_place_with_vat_in_english(client):
    stand = make_stand()
    page = client.get(f"/en/events/{stand.event.slug}/").text
    assert "€2,450.00 plus 19 % VAT" in page


@db
def test_visitor_sees_the_members_price_where_the_stand_has_one(client):
    stand = make_stand(member_price_cents=195000)
    page = client.get(f"/veranstaltungen/{stand.event.slug}/").text
    assert "Mitglieder: 1.950,00\xa0€ zzgl. 19 % USt." in page


@db
def test_visitor_sees_no_price_for_a_stand_without_one(client):
    stand = make_stand(price_cents=None)
    page = client.get(f"/veranstaltungen/{stand.event.slug}/").text
    assert "Preis eines Platzes" not in page


@db
def test_manager_types_the_price_as_written_in_german(admin_client):
    stand = make_stand()
    url = reverse("admin:stands_jointstand_change", args=[stand.pk])
    form = admin_client.get(url).text
    assert 'value="2.450,00"' in form
    assert "Preise" in form


@db
def test_paid_stand_without_invoicing_body_is_refused_by_clean():
    stand = make_stand()
    stand.seller = None
    with pytest.raises(Exception) as refused:
        stand.full_clean()
    assert "seller" in refused.value.message_dict


def test_the_migration_keeps_the_price_of_a_place_in_cents(migrator):
    seller = factories.make_seller()
    paid = make_stand(price_cents=245000, seller=seller)
    odd = make_stand(price_cents=123456, seller=seller)
    free = make_stand(price_cents=None)

    old = migrator(
        [
            ("backoffice", "0012_history_of_delegation_visits_and_trip_costs"),
            ("stands", "0001_initial"),
        ]
    )
    OldStand = old.get_model("stands", "JointStand")
    assert OldStand.objects.get(pk=paid.pk).place_price == Decimal("2450.00")
    assert OldStand.objects.get(pk=odd.pk).place_price == Decimal("1234.56")
    assert OldStand.objects.get(pk=free.pk).place_price is None
    OldStand.objects.filter(pk=odd.pk).update(place_price=Decimal("99.99"))

    migrator(leaf_nodes())
    prices = dict(JointStand.objects.values_list("pk", "price_cents"))
    assert prices == {paid.pk: 245000, odd.pk: 9999, free.pk: None}
