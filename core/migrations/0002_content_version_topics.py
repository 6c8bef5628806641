from django.db import migrations, models


class Migration(migrations.Migration):
    """Content versions per topic instead of per app: an app label stays a topic, so the rows
    already there keep their meaning."""

    dependencies = [
        ("core", "0001_initial"),
    ]

    operations = [
        migrations.AlterModelOptions(
            name="contentversion",
            options={
                "ordering": ["topic"],
                "verbose_name": "content version",
                "verbose_name_plural": "content versions",
            },
        ),
        migrations.RenameField(
            model_name="contentversion",
            old_name="app_label",
            new_name="topic",
        ),
        migrations.AlterField(
            model_name="contentversion",
            name="topic",
            field=models.CharField(
                max_length=200, primary_key=True, serialize=False, verbose_name="topic"
            ),
        ),
    ]
