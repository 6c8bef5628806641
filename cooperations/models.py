from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class Cooperation(models.Model):
    class Kind(models.TextChoices):
        CO_ORGANISED_EVENT = "co_organised", _("Co-organised congress or conference")
        JOINT_STAND = "joint_stand", _("Joint trade-fair stand")
        TRIP = "trip", _("Delegation or market-exploration trip")
        DELEGATION_RECEPTION = "reception", _("Reception of foreign delegations")
        CROSS_BORDER = "cross_border", _("Cross-border exchange")
        PARTNERSHIP = "partnership", _("Association or network partnership")
        FUNDED_PROGRAMME = "funded", _("Funded programme")

    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    summary = models.CharField(_("summary"), max_length=300, blank=True)
    description = models.TextField(_("description"), blank=True)
    started_on = models.DateField(_("start"), null=True, blank=True)
    ended_on = models.DateField(_("end"), null=True, blank=True)

    class Meta:
        ordering = ["-started_on", "title"]
        verbose_name = _("cooperation")
        verbose_name_plural = _("cooperations")

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("cooperations:detail", kwargs={"slug": self.slug})
