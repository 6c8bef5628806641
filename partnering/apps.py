from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

# The links this app mails (see core.links).
# The members' one-time access link serves posting on the board (AccessLink.purpose).
PURPOSE_POST = "partnering-post"
# Members-only posts reach members through signed links in their weekly digest; a link
# outlives the week until the next digest by a week.
MEMBER_VIEW_PURPOSE = "partnering-member-view"
MEMBER_VIEW_MAX_AGE = 14 * 24 * 3600
# The unsubscribe link in each weekly digest (and its List-Unsubscribe header): an older digest
# in the inbox still works for a quarter of a year.
DIGEST_UNSUBSCRIBE_PURPOSE = "partnering.digest-unsubscribe"
DIGEST_UNSUBSCRIBE_MAX_AGE = 90 * 24 * 3600


class PartneringConfig(AppConfig):
    name = "partnering"
    verbose_name = _("Partnering board")

    def ready(self):
        from core.links import register_purpose
        from members.access import register_access_purpose

        register_purpose(MEMBER_VIEW_PURPOSE, max_age=MEMBER_VIEW_MAX_AGE)
        register_purpose(DIGEST_UNSUBSCRIBE_PURPOSE, max_age=DIGEST_UNSUBSCRIBE_MAX_AGE)
        register_access_purpose(
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
