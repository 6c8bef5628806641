# The audit trail follows events.0007: "exact date not recorded" now belongs to the event.

from django.db import migrations, models


def mark_event_history(apps, schema_editor):
    """The flag held for the event all along: its history rows say so too, so that the next
    change does not show it as a change."""
    Event = apps.get_model("events", "Event")
    HistoricalEvent = apps.get_model("backoffice", "HistoricalEvent")
    unknown = Event.objects.filter(date_unknown=True).values("pk")
    HistoricalEvent.objects.filter(id__in=unknown).update(date_unknown=True)


class Migration(migrations.Migration):
    dependencies = [
        ("backoffice", "0005_stands_translations_and_history"),
        ("events", "0007_event_date_unknown"),
    ]

    operations = [
        migrations.RemoveField(
            model_name="historicaljointstand",
            name="date_unknown",
        ),
        migrations.AddField(
            model_name="historicalevent",
            name="date_unknown",
            field=models.BooleanField(
                default=False,
                help_text="For archive entries whose date is not known: start and end then "
                "only hold a placeholder, which the pages never show; the event gets no "
                "calendar file.",
                verbose_name="exact date not recorded",
            ),
        ),
        migrations.RunPython(mark_event_history, migrations.RunPython.noop),
    ]
