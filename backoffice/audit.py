"""Who changed what and when, per object in the admin (django-simple-history)."""

from simple_history.admin import SimpleHistoryAdmin


class AuditedAdminMixin(SimpleHistoryAdmin):
    """The admin's "History" page lists every version with user, time and changed fields.

    Use on the ModelAdmin of a model registered with `simple_history.register(...)` in
    backoffice/models.py: `class EventAdmin(AuditedAdminMixin, admin.ModelAdmin)`.
    SimpleHistoryAdmin's history view shows, per version, each changed field with its old
    and new value; the user comes from HistoryRequestMiddleware.
    """

    history_list_per_page = 50
