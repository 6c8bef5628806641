"""The search lexicon for spelling correction (cluster_portal.lexicon).

pg_trgm for the words' GIN trigram index (already created by members 0003; repeated here so
that this migration stands alone) and fuzzystrmatch for levenshtein(), which ranks the nearest
words. Both are trusted extensions: the database owner may create them without superuser
rights. The table is filled by `manage.py refresh_search_lexicon` (and the periodic job).
"""

import django.contrib.postgres.indexes
from django.contrib.postgres.operations import CreateExtension
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('cluster_portal', '0005_content_versions'),
    ]

    operations = [
        # Not TrigramExtension(): undoing this migration must not drop pg_trgm, which other
        # apps' indexes use.
        migrations.RunSQL('CREATE EXTENSION IF NOT EXISTS pg_trgm', migrations.RunSQL.noop),
        CreateExtension('fuzzystrmatch'),
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
                'verbose_name': 'search word',
                'verbose_name_plural': 'search words',
                'ordering': ['kind', 'word'],
                'indexes': [django.contrib.postgres.indexes.GinIndex(fields=['word'], name='searchword_word_trgm', opclasses=['gin_trgm_ops']), models.Index(fields=['stem', 'kind'], name='searchword_stem')],
                'constraints': [models.UniqueConstraint(fields=('kind', 'word'), name='searchword_kind_word')],
            },
        ),
    ]
