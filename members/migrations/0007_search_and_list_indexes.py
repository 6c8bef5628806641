"""Indexes for the directory search, its region filter and city choices, and the back office's
list.

The two search indexes become partial (members only): every search is a search of members,
so PostgreSQL no longer intersects them with a status index. Built and dropped concurrently
so that a live directory keeps answering while a large table is indexed.
"""

import django.contrib.postgres.indexes
from django.contrib.postgres.operations import AddIndexConcurrently, RemoveIndexConcurrently
from django.db import migrations, models


class Migration(migrations.Migration):
    atomic = False

    dependencies = [
        ("members", "0006_merge_20261123_0313"),
    ]

    operations = [
        AddIndexConcurrently(
            model_name="organisation",
            index=django.contrib.postgres.indexes.GinIndex(
                condition=models.Q(("status", "member")),
                fields=["search_vector"],
                name="organisation_member_search",
            ),
        ),
        AddIndexConcurrently(
            model_name="organisation",
            index=django.contrib.postgres.indexes.GinIndex(
                condition=models.Q(("status", "member")),
                fields=["name"],
                name="organisation_member_name_trgm",
                opclasses=["gin_trgm_ops"],
            ),
        ),
        AddIndexConcurrently(
            model_name="organisation",
            index=models.Index(fields=["status", "city"], name="organisation_status_city"),
        ),
        AddIndexConcurrently(
            model_name="organisation",
            index=models.Index(fields=["name", "id"], name="organisation_name_id"),
        ),
        AddIndexConcurrently(
            model_name="organisation",
            index=models.Index(
                fields=["status", "region"], include=["id"], name="organisation_status_region"
            ),
        ),
        RemoveIndexConcurrently(model_name="organisation", name="organisation_search"),
        RemoveIndexConcurrently(model_name="organisation", name="organisation_name_trgm"),
    ]
