"""The joint stands moved to the app `stands` (stands/migrations/0001); their audit history stays
in this app, like every other history. The historical application's `stand` now names
`stands.JointStand`. Only the migration state changes: the column has no database constraint
(django-simple-history's `db_constraint=False`), and its values are the stands' unchanged ids."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("backoffice", "0010_region_contacts_moved"),
        ("stands", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="historicalcoexhibitorapplication",
                    name="stand",
                    field=models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="stands.jointstand",
                        verbose_name="joint stand",
                    ),
                ),
            ],
        ),
    ]
