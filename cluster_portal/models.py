from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class LegalPageQuerySet(models.QuerySet):
    def published(self):
        return self.filter(published_at__isnull=False)

    def current(self, kind: str):
        """The newest published version of a page kind, or None."""
        return self.published().filter(kind=kind).order_by("-version").first()


class LegalPage(models.Model):
    """The statements the law requires, kept by managers and versioned.

    A consent points at the privacy notice version the person agreed to, so old versions are
    kept and a change is a new version.
    """

    class Kind(models.TextChoices):
        IMPRINT = "imprint", _("Imprint")
        PRIVACY = "privacy", _("Privacy notice")
        ACCESSIBILITY = "accessibility", _("Accessibility statement")
        EASY_LANGUAGE = "easy_language", _("Easy language")

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    version = models.PositiveIntegerField(_("version"), default=1)
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("text"))
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)

    objects = LegalPageQuerySet.as_manager()

    class Meta:
        ordering = ["kind", "-version"]
        verbose_name = _("legal page")
        verbose_name_plural = _("legal pages")
        constraints = [
            models.UniqueConstraint(fields=["kind", "version"], name="legalpage_unique_version"),
            models.CheckConstraint(condition=Q(version__gte=1), name="legalpage_version_positive"),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} v{self.version}"

    def get_absolute_url(self):
        return reverse(self.kind)


class ConsentRecord(models.Model):
    """Which privacy notice version a person agreed to, and when (GDPR art. 7(1))."""

    privacy_notice = models.ForeignKey(
        LegalPage,
        verbose_name=_("privacy notice agreed to"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        limit_choices_to={"kind": LegalPage.Kind.PRIVACY},
    )
    consented_at = models.DateTimeField(_("consent given at"), null=True, blank=True)

    class Meta:
        abstract = True
