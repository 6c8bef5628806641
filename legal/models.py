from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

BODY_HELP_TEXT = _(
    "Plain text. A blank line starts a new paragraph, a single line break stays a line break. "
    "A line starting with “## ” is a heading, “### ” a subheading; lines starting with “- ” "
    "form a list. Web and e-mail addresses become links."
)


class LegalPageQuerySet(models.QuerySet):
    def published(self):
        """Versions in force now or before; a date in the future is a scheduled version."""
        return self.filter(published_at__isnull=False, published_at__lte=timezone.now())

    def current(self, kind: str):
        """The newest published version of a page kind, or None."""
        return self.published().filter(kind=kind).order_by("-version").first()


class LegalPage(models.Model):
    """The statements the law requires, kept by managers and versioned.

    A consent points at the privacy notice version the person agreed to, so a published
    version never changes: editing it creates the next version (see `services`).
    Title and text exist in German and English (`translation.py`).
    """

    class Kind(models.TextChoices):
        IMPRINT = "imprint", _("Imprint")
        PRIVACY = "privacy", _("Privacy notice")
        ACCESSIBILITY = "accessibility", _("Accessibility statement")
        EASY_LANGUAGE = "easy_language", _("Easy language")

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    version = models.PositiveIntegerField(_("version"), default=1)
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("text"), help_text=BODY_HELP_TEXT)
    published_at = models.DateTimeField(
        _("published at"),
        null=True,
        blank=True,
        help_text=_("Empty: a draft that nobody sees. A time in the future schedules the version."),
    )
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)

    objects = LegalPageQuerySet.as_manager()

    class Meta:
        ordering = ["kind", "-version"]
        verbose_name = _("legal page")
        verbose_name_plural = _("legal pages")
        constraints = [
            models.UniqueConstraint(fields=["kind", "version"], name="legalpage_unique_version"),
            models.CheckConstraint(condition=Q(version__gte=1), name="legalpage_version_positive"),
            models.CheckConstraint(
                condition=Q(kind__in=["imprint", "privacy", "accessibility", "easy_language"]),
                name="legalpage_kind_valid",
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} v{self.version}"

    def get_absolute_url(self):
        return reverse(f"legal:{self.kind}")

    def get_version_url(self):
        """The lasting address of exactly this text (kept for the privacy notice)."""
        return reverse("legal:privacy_version", kwargs={"version": self.version})

    @property
    def is_published(self) -> bool:
        return self.published_at is not None and self.published_at <= timezone.now()

    @property
    def is_scheduled(self) -> bool:
        return self.published_at is not None and self.published_at > timezone.now()


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


class BarrierReport(ConsentRecord):
    """A barrier someone met on the portal, sent through the accessibility statement."""

    class Status(models.TextChoices):
        NEW = "new", _("New")
        IN_PROGRESS = "in_progress", _("In progress")
        RESOLVED = "resolved", _("Resolved")
        CLOSED = "closed", _("Closed without change")

    page_url = models.CharField(_("page"), max_length=500)
    description = models.TextField(_("description of the barrier"))
    name = models.CharField(_("name"), max_length=200, blank=True)
    email = models.EmailField(_("e-mail address"), blank=True)
    language = models.CharField(
        _("language"), max_length=8, choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default="new")
    note = models.TextField(_("internal note"), blank=True)
    anonymised_at = models.DateTimeField(_("anonymised at"), null=True, blank=True)
    created_at = models.DateTimeField(_("received at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("barrier report")
        verbose_name_plural = _("barrier reports")
        indexes = [
            models.Index(fields=["status", "-created_at"], name="barrierreport_status_created"),
            models.Index(fields=["-created_at"], name="barrierreport_created"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=["new", "in_progress", "resolved", "closed"]),
                name="barrierreport_status_valid",
            ),
            # Contact data is personal data: it is only kept with a recorded consent.
            models.CheckConstraint(
                condition=(Q(name="") & Q(email="")) | Q(consented_at__isnull=False),
                name="barrierreport_contact_needs_consent",
            ),
            models.CheckConstraint(
                condition=~Q(description=""), name="barrierreport_description_given"
            ),
        ]

    def __str__(self):
        return _("Barrier report of %(date)s on %(page)s") % {
            "date": timezone.localtime(self.created_at).strftime("%d.%m.%Y %H:%M")
            if self.created_at
            else "–",
            "page": self.page_url,
        }

    @property
    def has_contact(self) -> bool:
        return bool(self.name or self.email)
