"""The euro price leaves; a paid place needs its invoicing body.

Stands priced before the billing existed have no invoicing body yet. The check that a paid
price names one is therefore added NOT VALID: PostgreSQL enforces it for every row written
from now on, while those older rows keep their price until a manager edits the stand (the
admin then asks for the body, `Priced.clean_price`). Taken back, the check is dropped.
"""

from django.db import migrations, models

PAID_PRICE_HAS_SELLER = models.CheckConstraint(
    condition=models.Q(
        models.Q(
            ("price_cents__gt", 0),
            ("member_price_cents__gt", 0),
            _connector="OR",
            _negated=True,
        ),
        ("seller__isnull", False),
        _connector="OR",
    ),
    name="jointstand_paid_price_has_seller",
)


def add_not_valid(apps, schema_editor):
    model = apps.get_model("stands", "JointStand")
    sql = PAID_PRICE_HAS_SELLER.create_sql(model, schema_editor)
    schema_editor.execute(f"{sql} NOT VALID")


def drop(apps, schema_editor):
    model = apps.get_model("stands", "JointStand")
    schema_editor.execute(PAID_PRICE_HAS_SELLER.remove_sql(model, schema_editor))


class Migration(migrations.Migration):
    dependencies = [("stands", "0003_place_price_in_cents")]

    operations = [
        migrations.RemoveConstraint(
            model_name="jointstand",
            name="jointstand_price_not_negative",
        ),
        migrations.RemoveField(
            model_name="jointstand",
            name="place_price",
        ),
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AddConstraint(
                    model_name="jointstand", constraint=PAID_PRICE_HAS_SELLER
                )
            ],
            database_operations=[migrations.RunPython(add_not_valid, drop)],
        ),
    ]
