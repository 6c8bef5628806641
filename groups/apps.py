from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

# The links this app mails (see core.links).
# The organisations' one-time link to ask to join a working group (members.access).
JOIN_ACCESS_PURPOSE = "groups.join"
# A member organisation's own link to its group's minutes and documents: one per membership,
# valid for a year (the acceptance mail carries it; a manager can send it again).
DOCUMENTS_PURPOSE = "groups.documents"
DOCUMENTS_LINK_MAX_AGE = 365 * 24 * 3600


class GroupsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "groups"
    verbose_name = _("Working groups")

    def ready(self):
        from core.links import register_purpose
        from members.access import register_access_purpose

        register_access_purpose(
            JOIN_ACCESS_PURPOSE,
            url_name="groups:join",
            subject=_("Your link to join a working group for %(organisation)s"),
            asked_for=_("you asked for a link to join a working group for %(organisation)s."),
        )
        register_purpose(DOCUMENTS_PURPOSE, max_age=DOCUMENTS_LINK_MAX_AGE)
