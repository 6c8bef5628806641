from django.apps import AppConfig


class ClusterPortalConfig(AppConfig):
    """The project package (settings, root URLs, the site-wide views) is an app for two things
    only: the migration history of the models it held until they moved to `core` and `legal`
    (migration 0007 leaves it none), and the benchmark's `build_scale_data` command."""

    name = "cluster_portal"
