"""The back office mechanisms as ModelAdmin mixins: one line per admin to apply them.

class EventAdmin(BackOfficeAdminMixin, admin.ModelAdmin): ...
class RegistrationAdmin(BackOfficeAdminMixin, admin.ModelAdmin):
    region_field = "event__region"
class OrganisationAdmin(OrganisationImportExportMixin, BackOfficeAdminMixin, admin.ModelAdmin)
"""

from .audit import AuditedAdminMixin
from .resources import ExportAdminMixin, ImportExportAdminMixin, OrganisationImportExportMixin
from .scoping import RegionScopedAdminMixin


class BackOfficeAdminMixin(RegionScopedAdminMixin, AuditedAdminMixin):
    """Regional scope and audit history together (the model must be registered for history)."""


__all__ = [
    "AuditedAdminMixin",
    "BackOfficeAdminMixin",
    "ExportAdminMixin",
    "ImportExportAdminMixin",
    "OrganisationImportExportMixin",
    "RegionScopedAdminMixin",
]
