from django.conf import settings
from django.contrib.postgres.indexes import GinIndex
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
        return reverse(self.kind)

    def get_version_url(self):
        """The lasting address of exactly this text (kept for the privacy notice)."""
        return reverse("privacy_version", kwargs={"version": self.version})

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


class ErasureRecord(models.Model):
    """Proof that a person's data was erased on request, without keeping their address.

    The address is stored as a keyed hash, so a later request about the same address can be
    matched to this record, but the address cannot be read back from it.
    """

    email_hash = models.CharField(_("hashed e-mail address"), max_length=64, db_index=True)
    erased_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("erased by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    erased_at = models.DateTimeField(_("erased at"), default=timezone.now)
    counts = models.JSONField(_("records anonymised, by kind"), default=dict)

    class Meta:
        ordering = ["-erased_at"]
        verbose_name = _("erasure record")
        verbose_name_plural = _("erasure records")
        permissions = [
            ("manage_personal_data", _("Can export and erase personal data by e-mail address")),
        ]

    def __str__(self):
        return _("Erasure of %(when)s") % {"when": self.erased_at.strftime("%Y-%m-%d %H:%M")}


class ContentVersion(models.Model):
    """A token per app that changes whenever the app's data changes (see `fragments`).

    Cached page fragments carry the tokens of the apps they show in their cache key, so a
    change makes them render afresh. One row per app, replaced by one statement.
    """

    app_label = models.CharField(_("app"), max_length=100, primary_key=True)
    token = models.UUIDField(_("token"))
    changed_at = models.DateTimeField(_("changed at"))

    class Meta:
        ordering = ["app_label"]
        verbose_name = _("content version")
        verbose_name_plural = _("content versions")

    def __str__(self):
        return f"{self.app_label}: {self.token}"


class RateLimitCounter(models.Model):
    """Attempts at one public form from one client or e-mail address in a fixed window.

    Written only by `cluster_portal.ratelimit` with one atomic upsert per check. The key is a
    keyed hash of form, kind and address, so no address is stored in clear; rows whose
    window has ended are deleted by `manage.py purge_personal_data`.
    """

    # 128 bits of the hash, in PostgreSQL's compact uuid type (no text-pattern index).
    key = models.UUIDField(_("hashed key"), primary_key=True)
    scope = models.CharField(_("form"), max_length=50)
    hits = models.PositiveIntegerField(_("attempts in the window"), default=1)
    window_ends = models.DateTimeField(_("window ends at"), db_index=True)

    class Meta:
        ordering = ["window_ends"]
        verbose_name = _("rate-limit counter")
        verbose_name_plural = _("rate-limit counters")
        constraints = [
            models.CheckConstraint(condition=Q(hits__gte=1), name="ratelimitcounter_hits_positive"),
        ]

    def __str__(self):
        return f"{self.scope}: {self.hits}"


class SearchWord(models.Model):
    """A word that occurs in the searchable texts of one kind of published content.

    The search lexicon (see `cluster_portal.lexicon`): a query word that is not in it is
    replaced by the closest word that is, among the trigram-similar words (the GIN index's
    `word % query`) by edit distance. `stem` is the word's German stem, as the full-text
    search sees it: a query word whose stem is here needs no correction.
    Written only by `cluster_portal.lexicon`, in bulk SQL.
    """

    kind = models.CharField(_("kind"), max_length=20)
    word = models.CharField(_("word"), max_length=40)
    stem = models.CharField(_("stem"), max_length=40, blank=True)
    documents = models.PositiveIntegerField(_("documents"), default=1)

    class Meta:
        ordering = ["kind", "word"]
        verbose_name = _("search word")
        verbose_name_plural = _("search words")
        constraints = [
            models.UniqueConstraint(fields=["kind", "word"], name="searchword_kind_word"),
        ]
        indexes = [
            GinIndex(fields=["word"], opclasses=["gin_trgm_ops"], name="searchword_word_trgm"),
            models.Index(fields=["stem", "kind"], name="searchword_stem"),
        ]

    def __str__(self):
        return f"{self.kind}: {self.word}"
