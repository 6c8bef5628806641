"""The privacy notice that these records point at is now `legal.LegalPage` (it moved
from the app `cluster_portal` with its table, see legal/migrations/0001). Only the migration
state changes: the column and its foreign key already point at the renamed table."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('legal', '0001_initial'),
        ('members', '0008_admin_search_indexes'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name='accesslink',
                    name='privacy_notice',
                    field=models.ForeignKey(blank=True, limit_choices_to={'kind': 'privacy'}, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='legal.legalpage', verbose_name='privacy notice agreed to'),
                ),
                migrations.AlterField(
                    model_name='membershipapplication',
                    name='privacy_notice',
                    field=models.ForeignKey(blank=True, limit_choices_to={'kind': 'privacy'}, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='legal.legalpage', verbose_name='privacy notice agreed to'),
                ),
                migrations.AlterField(
                    model_name='profilechangerequest',
                    name='privacy_notice',
                    field=models.ForeignKey(blank=True, limit_choices_to={'kind': 'privacy'}, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='legal.legalpage', verbose_name='privacy notice agreed to'),
                ),
            ],
        ),
    ]
