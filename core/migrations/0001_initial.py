"""The kernel's tables move from the app `cluster_portal` (its migrations 0001-0006) to `core`
without copying a row.

1. The models enter core's migration state on their old tables (no database change).
2. The tables are renamed to core's names (`AlterModelTable`: cluster_portal_searchword ->
   core_searchword, ...); indexes and constraints keep their names, and PostgreSQL keeps every
   row, sequence and foreign key with the table.
3. Their content types move to the label `core`, so that permissions (among them
   "manage_personal_data", held by groups and users) and admin log entries stay theirs.
4. Tasks queued under the old module paths (an e-mail waiting for its worker:
   `cluster_portal.mail.deliver_email`; the periodic jobs of `cluster_portal.tasks`) follow the
   code to `core`, so that no queued mail is lost in a deployment.

cluster_portal/migrations/0007 then takes the models out of the old app's state.
"""

import django.contrib.postgres.indexes
import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models
from django.db.models import Value
from django.db.models.functions import Replace

MODELS = ["contentversion", "erasurerecord", "ratelimitcounter", "searchword"]
MODULES = ["mail", "tasks"]


def move_content_types(apps, schema_editor, old, new):
    ContentType = apps.get_model("contenttypes", "ContentType")
    content_types = ContentType.objects.using(schema_editor.connection.alias)
    for model in MODELS:
        # A content type of the new label exists only if something created it meanwhile (a
        # migrate stopped halfway); the old one, with the permissions granted, wins.
        if content_types.filter(app_label=old, model=model).exists():
            content_types.filter(app_label=new, model=model).delete()
            content_types.filter(app_label=old, model=model).update(app_label=new)


def content_types_to_core(apps, schema_editor):
    move_content_types(apps, schema_editor, "cluster_portal", "core")


def content_types_back(apps, schema_editor):
    move_content_types(apps, schema_editor, "core", "cluster_portal")


def move_task_paths(apps, schema_editor, old, new):
    DBTaskResult = apps.get_model("django_tasks_database", "DBTaskResult")
    results = DBTaskResult.objects.using(schema_editor.connection.alias)
    for module in MODULES:
        prefix, replacement = f"{old}.{module}.", f"{new}.{module}."
        results.filter(task_path__startswith=prefix).update(
            task_path=Replace("task_path", Value(prefix), Value(replacement))
        )


def task_paths_to_core(apps, schema_editor):
    move_task_paths(apps, schema_editor, "cluster_portal", "core")


def task_paths_back(apps, schema_editor):
    move_task_paths(apps, schema_editor, "core", "cluster_portal")


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ("cluster_portal", "0006_search_lexicon"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("django_tasks_database", "0021_conditional_partial_index_ordering"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='ContentVersion',
                    fields=[
                        ('app_label', models.CharField(max_length=100, primary_key=True, serialize=False, verbose_name='app')),
                        ('token', models.UUIDField(verbose_name='token')),
                        ('changed_at', models.DateTimeField(verbose_name='changed at')),
                    ],
                    options={
                        'db_table': 'cluster_portal_contentversion',
                        'verbose_name': 'content version',
                        'verbose_name_plural': 'content versions',
                        'ordering': ['app_label'],
                    },
                ),
                migrations.CreateModel(
                    name='ErasureRecord',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('email_hash', models.CharField(db_index=True, max_length=64, verbose_name='hashed e-mail address')),
                        ('erased_at', models.DateTimeField(default=django.utils.timezone.now, verbose_name='erased at')),
                        ('counts', models.JSONField(default=dict, verbose_name='records anonymised, by kind')),
                        ('erased_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='erased by')),
                    ],
                    options={
                        'db_table': 'cluster_portal_erasurerecord',
                        'verbose_name': 'erasure record',
                        'verbose_name_plural': 'erasure records',
                        'ordering': ['-erased_at'],
                        'permissions': [('manage_personal_data', 'Can export and erase personal data by e-mail address')],
                    },
                ),
                migrations.CreateModel(
                    name='RateLimitCounter',
                    fields=[
                        ('key', models.UUIDField(primary_key=True, serialize=False, verbose_name='hashed key')),
                        ('scope', models.CharField(max_length=50, verbose_name='form')),
                        ('hits', models.PositiveIntegerField(default=1, verbose_name='attempts in the window')),
                        ('window_ends', models.DateTimeField(db_index=True, verbose_name='window ends at')),
                    ],
                    options={
                        'db_table': 'cluster_portal_ratelimitcounter',
                        'verbose_name': 'rate-limit counter',
                        'verbose_name_plural': 'rate-limit counters',
                        'ordering': ['window_ends'],
                        'constraints': [models.CheckConstraint(condition=models.Q(('hits__gte', 1)), name='ratelimitcounter_hits_positive')],
                    },
                ),
                migrations.CreateModel(
                    name='SearchWord',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('kind', models.CharField(max_length=20, verbose_name='kind')),
                        ('word', models.CharField(max_length=40, verbose_name='word')),
                        ('stem', models.CharField(blank=True, max_length=40, verbose_name='stem')),
                        ('documents', models.PositiveIntegerField(default=1, verbose_name='documents')),
                    ],
                    options={
                        'db_table': 'cluster_portal_searchword',
                        'verbose_name': 'search word',
                        'verbose_name_plural': 'search words',
                        'ordering': ['kind', 'word'],
                        'indexes': [django.contrib.postgres.indexes.GinIndex(fields=['word'], name='searchword_word_trgm', opclasses=['gin_trgm_ops']), models.Index(fields=['stem', 'kind'], name='searchword_stem')],
                        'constraints': [models.UniqueConstraint(fields=('kind', 'word'), name='searchword_kind_word')],
                    },
                ),
            ],
        ),
        migrations.AlterModelTable(name="contentversion", table=None),
        migrations.AlterModelTable(name="erasurerecord", table=None),
        migrations.AlterModelTable(name="ratelimitcounter", table=None),
        migrations.AlterModelTable(name="searchword", table=None),
        migrations.RunPython(content_types_to_core, content_types_back),
        migrations.RunPython(task_paths_to_core, task_paths_back),
    ]
