"""The kernel's own tables: erasure records, content versions, rate-limit counters and the
search lexicon. None of them belongs to a feature app."""

from django.conf import settings
from django.contrib.postgres.indexes import GinIndex
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


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
    """A token per topic that changes whenever what the topic shows changes (see `fragments`).

    Cached page fragments carry the tokens of the topics they show in their cache key, so a
    change makes them render afresh. One row per topic that has ever changed (an app label,
    "members:profile:12", ...), replaced by one statement.
    """

    topic = models.CharField(_("topic"), max_length=200, primary_key=True)
    token = models.UUIDField(_("token"))
    changed_at = models.DateTimeField(_("changed at"))

    class Meta:
        ordering = ["topic"]
        verbose_name = _("content version")
        verbose_name_plural = _("content versions")

    def __str__(self):
        return f"{self.topic}: {self.token}"


class RateLimitCounter(models.Model):
    """Attempts at one public form from one client or e-mail address in a fixed window.

    Written only by `core.ratelimit` with one atomic upsert per check. The key is a
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

    The search lexicon (see `core.lexicon`): a query word that is not in it is
    replaced by the closest word that is, among the trigram-similar words (the GIN index's
    `word % query`) by edit distance. `stem` is the word's German stem, as the full-text
    search sees it: a query word whose stem is here needs no correction.
    Written only by `core.lexicon`, in bulk SQL.
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
