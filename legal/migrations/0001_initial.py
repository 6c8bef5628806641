"""The legal pages and barrier reports move from the app `cluster_portal` (its migrations
0001-0003) to `legal` without copying a row.

1. The models enter legal's migration state on their old tables (no database change). Their
   translated columns (title_de, body_en, ...: django-modeltranslation) are plain fields here,
   as in the migrations they came from; neither model has a historical table.
2. The tables are renamed (`AlterModelTable`: cluster_portal_legalpage -> legal_legalpage,
   cluster_portal_barrierreport -> legal_barrierreport). PostgreSQL keeps rows, sequences,
   indexes, constraints and the foreign keys pointing at the table (the consents of
   registrations, applications, access links, ...).
3. Their content types move to the label `legal`, so that permissions and admin log entries
   stay theirs.

Then the apps whose records point at the privacy notice switch their state to
`legal.LegalPage` (members 0009, events 0008, partnering 0004, backoffice 0008), and
cluster_portal/migrations/0007 takes the models out of the old app's state. This migration
comes after every migration that refers to the old tables.
"""

import django.db.models.deletion
from django.db import migrations, models

MODELS = ["legalpage", "barrierreport"]


def move_content_types(apps, schema_editor, old, new):
    ContentType = apps.get_model("contenttypes", "ContentType")
    content_types = ContentType.objects.using(schema_editor.connection.alias)
    for model in MODELS:
        # A content type of the new label exists only if something created it meanwhile (a
        # migrate stopped halfway); the old one, with the permissions granted, wins.
        if content_types.filter(app_label=old, model=model).exists():
            content_types.filter(app_label=new, model=model).delete()
            content_types.filter(app_label=old, model=model).update(app_label=new)


def content_types_to_legal(apps, schema_editor):
    move_content_types(apps, schema_editor, "cluster_portal", "legal")


def content_types_back(apps, schema_editor):
    move_content_types(apps, schema_editor, "legal", "cluster_portal")


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ("cluster_portal", "0006_search_lexicon"),
        ("contenttypes", "0002_remove_content_type_name"),
        # Every migration that refers to the old tables runs before they are renamed.
        ("backoffice", "0006_event_date_unknown"),
        ("events", "0007_event_date_unknown"),
        ("members", "0008_admin_search_indexes"),
        ("partnering", "0003_post_digest_unsubscribed_at"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='LegalPage',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('kind', models.CharField(choices=[('imprint', 'Imprint'), ('privacy', 'Privacy notice'), ('accessibility', 'Accessibility statement'), ('easy_language', 'Easy language')], max_length=20, verbose_name='kind')),
                        ('version', models.PositiveIntegerField(default=1, verbose_name='version')),
                        ('title', models.CharField(max_length=200, verbose_name='title')),
                        ('title_de', models.CharField(max_length=200, null=True, verbose_name='title')),
                        ('title_en', models.CharField(max_length=200, null=True, verbose_name='title')),
                        ('body', models.TextField(help_text='Plain text. A blank line starts a new paragraph, a single line break stays a line break. A line starting with “## ” is a heading, “### ” a subheading; lines starting with “- ” form a list. Web and e-mail addresses become links.', verbose_name='text')),
                        ('body_de', models.TextField(help_text='Plain text. A blank line starts a new paragraph, a single line break stays a line break. A line starting with “## ” is a heading, “### ” a subheading; lines starting with “- ” form a list. Web and e-mail addresses become links.', null=True, verbose_name='text')),
                        ('body_en', models.TextField(help_text='Plain text. A blank line starts a new paragraph, a single line break stays a line break. A line starting with “## ” is a heading, “### ” a subheading; lines starting with “- ” form a list. Web and e-mail addresses become links.', null=True, verbose_name='text')),
                        ('published_at', models.DateTimeField(blank=True, help_text='Empty: a draft that nobody sees. A time in the future schedules the version.', null=True, verbose_name='published at')),
                        ('updated_at', models.DateTimeField(auto_now=True, verbose_name='last changed')),
                    ],
                    options={
                        'db_table': 'cluster_portal_legalpage',
                        'verbose_name': 'legal page',
                        'verbose_name_plural': 'legal pages',
                        'ordering': ['kind', '-version'],
                        'constraints': [models.UniqueConstraint(fields=('kind', 'version'), name='legalpage_unique_version'), models.CheckConstraint(condition=models.Q(('version__gte', 1)), name='legalpage_version_positive'), models.CheckConstraint(condition=models.Q(('kind__in', ['imprint', 'privacy', 'accessibility', 'easy_language'])), name='legalpage_kind_valid')],
                    },
                ),
                migrations.CreateModel(
                    name='BarrierReport',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('consented_at', models.DateTimeField(blank=True, null=True, verbose_name='consent given at')),
                        ('page_url', models.CharField(max_length=500, verbose_name='page')),
                        ('description', models.TextField(verbose_name='description of the barrier')),
                        ('name', models.CharField(blank=True, max_length=200, verbose_name='name')),
                        ('email', models.EmailField(blank=True, max_length=254, verbose_name='e-mail address')),
                        ('language', models.CharField(choices=[('de', 'German'), ('en', 'English')], default='de', max_length=8, verbose_name='language')),
                        ('status', models.CharField(choices=[('new', 'New'), ('in_progress', 'In progress'), ('resolved', 'Resolved'), ('closed', 'Closed without change')], default='new', max_length=20, verbose_name='status')),
                        ('note', models.TextField(blank=True, verbose_name='internal note')),
                        ('anonymised_at', models.DateTimeField(blank=True, null=True, verbose_name='anonymised at')),
                        ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='received at')),
                        ('updated_at', models.DateTimeField(auto_now=True, verbose_name='last changed')),
                        ('privacy_notice', models.ForeignKey(blank=True, limit_choices_to={'kind': 'privacy'}, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='legal.legalpage', verbose_name='privacy notice agreed to')),
                    ],
                    options={
                        'db_table': 'cluster_portal_barrierreport',
                        'verbose_name': 'barrier report',
                        'verbose_name_plural': 'barrier reports',
                        'ordering': ['-created_at'],
                        'indexes': [models.Index(fields=['status', '-created_at'], name='barrierreport_status_created'), models.Index(fields=['-created_at'], name='barrierreport_created')],
                        'constraints': [models.CheckConstraint(condition=models.Q(('status__in', ['new', 'in_progress', 'resolved', 'closed'])), name='barrierreport_status_valid'), models.CheckConstraint(condition=models.Q(models.Q(('name', ''), ('email', '')), ('consented_at__isnull', False), _connector='OR'), name='barrierreport_contact_needs_consent'), models.CheckConstraint(condition=models.Q(('description', ''), _negated=True), name='barrierreport_description_given')],
                    },
                ),
            ],
        ),
        migrations.AlterModelTable(name="legalpage", table=None),
        migrations.AlterModelTable(name="barrierreport", table=None),
        migrations.RunPython(content_types_to_legal, content_types_back),
    ]
