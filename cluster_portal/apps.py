from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ClusterPortalConfig(AppConfig):
    name = "cluster_portal"
    verbose_name = _("Portal")
