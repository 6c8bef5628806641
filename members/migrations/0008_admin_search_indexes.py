"""Search indexes of all organisations for the back office, whose list shows applicants and
former members as well: the directory's members-only indexes cannot serve its search. Built
concurrently so that a live portal keeps answering while a large table is indexed.
"""

import django.contrib.postgres.indexes
from django.contrib.postgres.operations import AddIndexConcurrently
from django.db import migrations


class Migration(migrations.Migration):
    atomic = False

    dependencies = [
        ("members", "0007_search_and_list_indexes"),
    ]

    operations = [
        AddIndexConcurrently(
            model_name="organisation",
            index=django.contrib.postgres.indexes.GinIndex(
                fields=["search_vector"], name="organisation_search"
            ),
        ),
        AddIndexConcurrently(
            model_name="organisation",
            index=django.contrib.postgres.indexes.GinIndex(
                fields=["name"], name="organisation_name_trgm", opclasses=["gin_trgm_ops"]
            ),
        ),
    ]
