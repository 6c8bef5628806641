"""The privacy notice that these historical records point at is now `legal.LegalPage` (it moved
from the app `cluster_portal` with its table, see legal/migrations/0001). Only the migration
state changes: the column and its foreign key already point at the renamed table."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('backoffice', '0007_history_of_partnering_posts'),
        ('legal', '0001_initial'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name='historicalcoexhibitorapplication',
                    name='privacy_notice',
                    field=models.ForeignKey(blank=True, db_constraint=False, limit_choices_to={'kind': 'privacy'}, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='legal.legalpage', verbose_name='privacy notice agreed to'),
                ),
                migrations.AlterField(
                    model_name='historicalmembershipapplication',
                    name='privacy_notice',
                    field=models.ForeignKey(blank=True, db_constraint=False, limit_choices_to={'kind': 'privacy'}, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='legal.legalpage', verbose_name='privacy notice agreed to'),
                ),
                migrations.AlterField(
                    model_name='historicalregistration',
                    name='privacy_notice',
                    field=models.ForeignKey(blank=True, db_constraint=False, limit_choices_to={'kind': 'privacy'}, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='legal.legalpage', verbose_name='privacy notice agreed to'),
                ),
            ],
        ),
    ]
