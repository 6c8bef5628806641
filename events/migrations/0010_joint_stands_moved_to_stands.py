"""The joint stands belong to the app `stands` now (stands/migrations/0001, with their renamed
tables, rows and content types). Here they leave this app's migration state only; the database
is not touched."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ("events", "0009_picture"),
        ("stands", "0001_initial"),
        # The stands' audit history points at stands.JointStand first.
        ("backoffice", "0011_history_of_stands_in_stands"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.DeleteModel(name="CoExhibitorApplication"),
                migrations.DeleteModel(name="JointStand"),
            ],
        ),
    ]
