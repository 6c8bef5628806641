"""Data migrations of the events app, run forward on rows written in the schema before them."""

import datetime as dt

from django.utils import timezone

BEFORE = [
    ("events", "0006_stands_translations_and_history"),
    ("backoffice", "0005_stands_translations_and_history"),
]
AFTER = [("events", "0007_event_date_unknown"), ("backoffice", "0006_event_date_unknown")]


def test_unknown_date_moves_from_the_stand_to_its_event(migrator):
    old = migrator(BEFORE)
    Event, JointStand = old.get_model("events", "Event"), old.get_model("events", "JointStand")
    HistoricalEvent = old.get_model("backoffice", "HistoricalEvent")
    placeholder = timezone.make_aware(dt.datetime(2014, 1, 1, 9))

    def fair(slug, date_unknown):
        event = Event.objects.create(
            title=slug,
            title_de=slug,
            slug=slug,
            kind="trade_fair",
            start=placeholder,
            end=placeholder + dt.timedelta(hours=8),
            country="IN",
        )
        JointStand.objects.create(event=event, title=slug, places=6, date_unknown=date_unknown)
        HistoricalEvent.objects.create(
            id=event.pk,
            title=slug,
            slug=slug,
            kind="trade_fair",
            start=placeholder,
            end=event.end,
            country="IN",
            history_date=timezone.now(),
            history_type="+",
        )
        return event.pk

    abroad, known = fair("fachmesse-indien", True), fair("conhit-2016", False)
    workshop = Event.objects.create(
        title="Workshop",
        slug="workshop",
        kind="workshop",
        start=placeholder,
        end=placeholder + dt.timedelta(hours=2),
    ).pk

    new = migrator(AFTER)

    unknown = set(
        new.get_model("events", "Event")
        .objects.filter(date_unknown=True)
        .values_list("pk", flat=True)
    )
    assert unknown == {abroad}
    assert known != abroad and workshop not in unknown
    history = new.get_model("backoffice", "HistoricalEvent").objects
    assert set(history.filter(date_unknown=True).values_list("id", flat=True)) == {abroad}
    stand_fields = {field.name for field in new.get_model("events", "JointStand")._meta.fields}
    assert "date_unknown" not in stand_fields


FEE_BEFORE = [
    ("events", "0013_prices_and_bookings"),
    ("backoffice", "0016_history_of_registration_bookings"),
]
FEE_AFTER = [("events", "0015_price_constraints_remove_fee")]


def test_the_fee_in_euros_becomes_the_price_in_cents_with_the_invoicing_body(migrator):
    old = migrator(FEE_BEFORE)
    Event, Seller = old.get_model("events", "Event"), old.get_model("billing", "Seller")
    seller = Seller.objects.create(
        name="GWMD e. V.",
        street="Markt 8",
        postcode="04109",
        city="Leipzig",
        vat_id="DE136695976",
        email="rechnung@example.org",
        iban="DE02120300000000202051",
        invoice_prefix="GWMD",
    )
    start = timezone.now() + dt.timedelta(days=30)

    def event(slug, fee):
        return Event.objects.create(
            title=slug, slug=slug, kind="conference", start=start, end=start, fee=fee
        ).pk

    paid, free = event("konferenz", "95.00"), event("treffen", None)

    new = migrator(FEE_AFTER)

    events = new.get_model("events", "Event").objects
    assert (events.get(pk=paid).price_cents, events.get(pk=paid).seller_id) == (9500, seller.pk)
    assert (events.get(pk=free).price_cents, events.get(pk=free).seller_id) == (None, None)
