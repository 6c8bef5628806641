"""The back office mechanisms as ModelAdmin mixins: one line per admin to apply them.

class EventAdmin(BackOfficeAdminMixin, admin.ModelAdmin): ...
class RegistrationAdmin(BackOfficeAdminMixin, admin.ModelAdmin):
    region_field = "event__region"
class OrganisationAdmin(OrganisationImportExportMixin, BackOfficeAdminMixin, admin.ModelAdmin)
"""

from .audit import AuditedAdminMixin
from .changelist import ChangeListRowsMixin
from .resources import ExportAdminMixin, ImportExportAdminMixin, OrganisationImportExportMixin
from .scoping import RegionScopedAdminMixin


class BackOfficeAdminMixin(ChangeListRowsMixin, RegionScopedAdminMixin, AuditedAdminMixin):
    """Regional scope and audit history together (the model must be registered for history),
    and lists whose rows are quick to render."""


__all__ = [
    "AuditedAdminMixin",
    "BackOfficeAdminMixin",
    "ChangeListRowsMixin",
    "ExportAdminMixin",
    "ImportExportAdminMixin",
    "OrganisationImportExportMixin",
    "RegionScopedAdminMixin",
]
