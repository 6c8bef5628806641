from django.db import migrations, models


class Migration(migrations.Migration):
    """Content versions per topic instead of per app: an app label stays a topic, so the rows
    already there keep their meaning."""

    dependencies = [
        ("core", "0001_initial"),
        # Its RunPython deletes a content version by `app_label`: it must run before the rename.
        ("cluster_portal", "0007_models_moved_to_core_and_legal"),
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
