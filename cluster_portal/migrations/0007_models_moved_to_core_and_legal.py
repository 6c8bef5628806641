"""The app `cluster_portal` keeps no model: the legal pages and barrier reports now belong to
`legal` (legal/migrations/0001), the kernel's tables to `core` (core/migrations/0001), each
with its renamed table, its rows and its content type. Here they leave this app's migration
state only; the database is not touched, except that the fragment cache's content version of
the label `cluster_portal`, which no model carries any more, is deleted (the legal pages'
fragments are now keyed by the content version of `legal`).

The app stays installed for its migration history, on which earlier migrations of other apps
depend.
"""

from django.db import migrations


def forget_the_content_version(apps, schema_editor):
    ContentVersion = apps.get_model("core", "ContentVersion")
    ContentVersion.objects.using(schema_editor.connection.alias).filter(
        app_label="cluster_portal"
    ).delete()


class Migration(migrations.Migration):

    dependencies = [
        ("cluster_portal", "0006_search_lexicon"),
        ("core", "0001_initial"),
        ("legal", "0001_initial"),
        # Their foreign keys to the privacy notice point at legal.LegalPage first.
        ("backoffice", "0008_privacy_notice_in_legal"),
        ("events", "0008_privacy_notice_in_legal"),
        ("members", "0009_privacy_notice_in_legal"),
        ("partnering", "0004_privacy_notice_in_legal"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.DeleteModel(name="BarrierReport"),
                migrations.DeleteModel(name="LegalPage"),
                migrations.DeleteModel(name="ContentVersion"),
                migrations.DeleteModel(name="ErasureRecord"),
                migrations.DeleteModel(name="RateLimitCounter"),
                migrations.DeleteModel(name="SearchWord"),
            ],
        ),
        migrations.RunPython(forget_the_content_version, migrations.RunPython.noop),
    ]
