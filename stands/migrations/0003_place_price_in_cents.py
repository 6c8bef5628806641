"""The price of a place moves from `place_price` (EUR, a decimal) to `price_cents` (whole cents,
billing.pricing.Priced); taken back, the cents return to euros."""

from decimal import Decimal

from django.db import migrations


def to_cents(apps, schema_editor):
    JointStand = apps.get_model("stands", "JointStand")
    for stand in JointStand.objects.exclude(place_price=None).only("pk", "place_price"):
        JointStand.objects.filter(pk=stand.pk).update(price_cents=int(stand.place_price * 100))


def to_euros(apps, schema_editor):
    JointStand = apps.get_model("stands", "JointStand")
    for stand in JointStand.objects.exclude(price_cents=None).only("pk", "price_cents"):
        JointStand.objects.filter(pk=stand.pk).update(
            place_price=Decimal(stand.price_cents) / 100
        )


class Migration(migrations.Migration):
    dependencies = [("stands", "0002_jointstand_prices")]

    operations = [migrations.RunPython(to_cents, to_euros)]
