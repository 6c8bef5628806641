from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

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
