from django.db import migrations


def fee_to_price_cents(apps, schema_editor):
    """The fee in euros becomes the non-members' net price in cents (95.00 -> 9500)."""
    Event = apps.get_model("events", "Event")
    Seller = apps.get_model("billing", "Seller")
    paid = list(Event.objects.filter(fee__gt=0))
    if not paid:
        return
    # A price needs the body that invoices it (event_paid_price_has_seller). The fee had none:
    # with exactly one invoicing body, it is that one; otherwise someone must decide first.
    sellers = list(Seller.objects.all()[:2])
    if len(sellers) != 1:
        raise RuntimeError(
            "Events with a fee need an invoicing body (billing.Seller) before this migration: "
            "create exactly one, or give these events a seller by hand: "
            + ", ".join(event.slug for event in paid)
        )
    for event in paid:
        event.price_cents = int(event.fee * 100)
        event.seller = sellers[0]
        event.save(update_fields=["price_cents", "seller"])



class Migration(migrations.Migration):
    dependencies = [
        ("events", "0013_prices_and_bookings"),
        ("billing", "0002_issued_invoices_never_change"),
    ]

    operations = [
        migrations.RunPython(fee_to_price_cents, migrations.RunPython.noop),
    ]
