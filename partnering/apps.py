from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

# The members app's one-time access links serve posting on the board too.
PURPOSE_POST = "partnering-post"


class PartneringConfig(AppConfig):
    name = "partnering"
    verbose_name = _("Partnering board")

    def ready(self):
        from members.access import register_purpose

        register_purpose(
            PURPOSE_POST,
            url_name="partnering:post",
            subject=_(
                "Your link to publish an offer or request on the partnering board for "
                "%(organisation)s"
            ),
            asked_for=_(
                "you asked for a link to publish an offer or request on the partnering board "
                "for %(organisation)s."
            ),
        )
