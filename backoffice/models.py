import simple_history
from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from cooperations.models import Cooperation, CooperationPartner
from events.models import Event, Registration
from members.models import MembershipApplication, Organisation
from regions.models import Region


class StaffRegion(models.Model):
    """A region a regional manager looks after; they see its sub-regions too."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="staff_regions",
    )
    region = models.ForeignKey(
        Region, verbose_name=_("region"), on_delete=models.CASCADE, related_name="staff"
    )

    class Meta:
        ordering = ["user", "region"]
        verbose_name = _("region of a staff member")
        verbose_name_plural = _("regions of the staff member")
        constraints = [
            models.UniqueConstraint(fields=["user", "region"], name="staffregion_unique"),
        ]

    def __str__(self):
        return f"{self.user} – {self.region}"


# Audit trail: the historical tables live in this app, so the apps' models stay untouched.
# One line per model; see the README ("Back office") for adding more.
simple_history.register(
    Organisation,
    app="backoffice",
    m2m_fields=["sectors", "innovation_fields"],
    excluded_fields=["search_vector"],
)
simple_history.register(Event, app="backoffice", m2m_fields=["innovation_fields"])
simple_history.register(Cooperation, app="backoffice", m2m_fields=["innovation_fields", "events"])
simple_history.register(CooperationPartner, app="backoffice")
simple_history.register(Region, app="backoffice")
# Who changed a registration or application and how, but not the person's own details: the
# history must not keep what the retention purge and erasure remove from the rows.
simple_history.register(
    Registration, app="backoffice", excluded_fields=["name", "email", "organisation_name", "role"]
)
simple_history.register(MembershipApplication, app="backoffice", excluded_fields=["message"])
