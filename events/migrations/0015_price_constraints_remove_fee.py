import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("events", "0014_fee_to_price_cents"),
    ]

    operations = [
        migrations.AddConstraint(
            model_name='event',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('vat_rate', '0.00'), models.Q(('vat_exemption', ''), _negated=True)), models.Q(models.Q(('vat_rate', '0.00'), _negated=True), ('vat_exemption', '')), _connector='OR'), name='event_vat_exemption_named_iff_exempt'),
        ),
        migrations.AddConstraint(
            model_name='event',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('price_cents__gt', 0), ('member_price_cents__gt', 0), _connector='OR', _negated=True), ('seller__isnull', False), _connector='OR'), name='event_paid_price_has_seller'),
        ),
        migrations.AddConstraint(
            model_name='event',
            constraint=models.CheckConstraint(condition=models.Q(('early_bird_until__isnull', False), models.Q(('early_bird_price_cents__isnull', True), ('early_bird_member_price_cents__isnull', True)), _connector='OR'), name='event_early_bird_price_has_date'),
        ),
        migrations.AddField(
            model_name='booking',
            name='event',
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='bookings', to='events.event', verbose_name='event'),
        ),
        migrations.AddField(
            model_name='registration',
            name='booking',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='registrations', to='events.booking', verbose_name='booking'),
        ),
        migrations.AddConstraint(
            model_name='booking',
            constraint=models.CheckConstraint(condition=models.Q(('billing_country__regex', '^[A-Z]{2}$')), name='booking_country_iso'),
        ),
        migrations.RemoveField(
            model_name='event',
            name='fee',
        ),
    ]
