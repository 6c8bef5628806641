"""The B2B meetings belong to the app `b2b` now (b2b/migrations/0001, with their renamed
tables, rows and content types). Here they leave this app's migration state only; the database
is not touched."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ("partnering", "0004_privacy_notice_in_legal"),
        ("b2b", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.DeleteModel(name="MeetingSeat"),
                migrations.DeleteModel(name="Meeting"),
                migrations.DeleteModel(name="MeetingSlot"),
                migrations.DeleteModel(name="MeetingTable"),
                migrations.DeleteModel(name="B2BProfile"),
                migrations.DeleteModel(name="B2BExchange"),
            ],
        ),
    ]
