# Moves "exact date not recorded" from the joint stand to its event: it says something about
# the event's date (its start and end only hold a placeholder), which the event list, the
# archive, the event page, the calendar file and the feed all show without the stand.

from django.db import migrations, models


def stand_to_event(apps, schema_editor):
    Event = apps.get_model("events", "Event")
    JointStand = apps.get_model("events", "JointStand")
    unknown = JointStand.objects.filter(date_unknown=True).values("event")
    Event.objects.filter(pk__in=unknown).update(date_unknown=True)


def event_to_stand(apps, schema_editor):
    Event = apps.get_model("events", "Event")
    JointStand = apps.get_model("events", "JointStand")
    unknown = Event.objects.filter(date_unknown=True).values("pk")
    JointStand.objects.filter(event__in=unknown).update(date_unknown=True)


class Migration(migrations.Migration):
    dependencies = [
        ("events", "0006_stands_translations_and_history"),
    ]

    operations = [
        migrations.AddField(
            model_name="event",
            name="date_unknown",
            field=models.BooleanField(
                default=False,
                help_text="For archive entries whose date is not known: start and end then "
                "only hold a placeholder, which the pages never show; the event gets no "
                "calendar file.",
                verbose_name="exact date not recorded",
            ),
        ),
        migrations.RunPython(stand_to_event, event_to_stand),
        migrations.RemoveField(
            model_name="jointstand",
            name="date_unknown",
        ),
    ]
