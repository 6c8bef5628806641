from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations


class Migration(migrations.Migration):
    """pg_trgm for the site-wide search's typo tolerance (IF NOT EXISTS: safe to repeat)."""

    dependencies = [("cluster_portal", "0001_legal_pages")]

    operations = [TrigramExtension()]
