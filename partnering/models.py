import datetime as dt
import re

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector, SearchVectorField
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.links import make_token
from legal.models import ConsentRecord

from .apps import DIGEST_UNSUBSCRIBE_PURPOSE, MEMBER_VIEW_PURPOSE

COUNTRY_CODE = re.compile(r"^[A-Z]{2}$")


class PostQuerySet(models.QuerySet):
    def on_board(self):
        """Published and still valid: an expired post leaves the board on its own."""
        return self.filter(status=Post.Status.PUBLISHED, valid_until__gte=timezone.localdate())

    def public(self):
        return self.filter(visibility=Post.Visibility.PUBLIC)

    def members_only(self):
        return self.filter(visibility=Post.Visibility.MEMBERS)

    def new_since(self, days: int = 30):
        return self.filter(published_at__gte=timezone.now() - dt.timedelta(days=days))

    def for_cards(self):
        return self.select_related("organisation__region").prefetch_related("innovation_fields")


class Post(models.Model):
    """An offer or request a member organisation publishes on the partnering board."""

    class Kind(models.TextChoices):
        TECHNOLOGY_OFFER = "technology_offer", _("Technology offer")
        TECHNOLOGY_REQUEST = "technology_request", _("Technology request")
        BUSINESS_OFFER = "business_offer", _("Business / supply offer")
        BUSINESS_REQUEST = "business_request", _("Business / supply request")
        RESEARCH_PARTNER = "research_partner", _("Research or project partner search")
        SKILLED_STAFF = "skilled_staff", _("Skilled-staff cooperation")

    class Visibility(models.TextChoices):
        PUBLIC = "public", _("Public")
        MEMBERS = "members", _("Members only")

    class Status(models.TextChoices):
        SUBMITTED = "submitted", _("Submitted, awaiting approval")
        PUBLISHED = "published", _("Published")
        WITHDRAWN = "withdrawn", _("Withdrawn")
        REJECTED = "rejected", _("Rejected")

    organisation = models.ForeignKey(
        "members.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="partnering_posts",
    )
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"))
    innovation_fields = models.ManyToManyField(
        "members.InnovationField",
        verbose_name=_("innovation fields"),
        blank=True,
        related_name="partnering_posts",
    )
    sectors = models.ManyToManyField(
        "members.Sector", verbose_name=_("sectors"), blank=True, related_name="partnering_posts"
    )
    target_regions = models.ManyToManyField(
        "regions.Region",
        verbose_name=_("target regions"),
        blank=True,
        related_name="partnering_posts",
    )
    target_countries = ArrayField(
        models.CharField(max_length=2),
        verbose_name=_("target countries"),
        default=list,
        blank=True,
        help_text=_("ISO 3166 country codes, for example DE, NL, FR."),
    )
    valid_until = models.DateField(_("valid until"))
    visibility = models.CharField(
        _("visibility"), max_length=10, choices=Visibility.choices, default=Visibility.PUBLIC
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.SUBMITTED
    )
    submitted_by_email = models.EmailField(
        _("submitted by (e-mail)"),
        help_text=_("Receives expressions of interest; never shown on the portal."),
    )
    language = models.CharField(
        _("language"), max_length=10, choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE
    )
    access_link_id = models.CharField(
        _("access link"),
        max_length=40,
        null=True,
        blank=True,
        editable=False,
        help_text=_("The one-time link the post was submitted with; a link serves one post."),
    )
    digest_unsubscribed_at = models.DateTimeField(
        _("weekly matches e-mail unsubscribed at"),
        null=True,
        blank=True,
        help_text=_(
            "Set when the poster unsubscribed from the weekly e-mail of new matches; "
            "empty: the e-mail is sent."
        ),
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reviewed by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    search_vector = SearchVectorField(_("search vector"), null=True, editable=False)

    objects = PostQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "-created_at"]
        verbose_name = _("partnering post")
        verbose_name_plural = _("partnering posts")
        indexes = [
            models.Index(fields=["status", "valid_until"], name="post_board_idx"),
            models.Index(fields=["-published_at"], name="post_published_idx"),
            models.Index(fields=["kind"], name="post_kind_idx"),
            GinIndex(fields=["search_vector"], name="post_search_idx"),
            GinIndex(fields=["title"], name="post_title_trgm_idx", opclasses=["gin_trgm_ops"]),
        ]
        constraints = [
            models.UniqueConstraint(fields=["access_link_id"], name="post_one_post_per_link"),
            models.CheckConstraint(
                condition=~Q(status="published") | Q(published_at__isnull=False),
                name="post_published_has_date",
            ),
            models.CheckConstraint(condition=~Q(title=""), name="post_has_title"),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        # Kept in the row (not computed per search) so that the GIN index serves the board.
        Post.objects.filter(pk=self.pk).update(
            search_vector=SearchVector("title", weight="A", config="german")
            + SearchVector("description", weight="B", config="german")
        )

    def get_absolute_url(self):
        return reverse("partnering:detail", kwargs={"pk": self.pk})

    def digest_unsubscribe_url(self) -> str:
        """The signed link that unsubscribes this post's poster from the weekly digest."""
        token = make_token(purpose=DIGEST_UNSUBSCRIBE_PURPOSE, pk=self.pk)
        return reverse("partnering:digest_unsubscribe", kwargs={"token": token})

    def member_view_url(self, *, organisation) -> str:
        """A link to this post for a member organisation, also when it is members-only."""
        token = make_token(purpose=MEMBER_VIEW_PURPOSE, pk=self.pk, state=str(organisation.pk))
        return reverse("partnering:member_view", kwargs={"token": token})

    def clean(self):
        invalid = [code for code in self.target_countries if not COUNTRY_CODE.match(code)]
        if invalid:
            raise ValidationError(
                {
                    "target_countries": _(
                        "Use two-letter country codes in capitals (for example DE, NL): %(codes)s"
                    )
                    % {"codes": ", ".join(invalid)}
                }
            )

    @property
    def is_on_board(self) -> bool:
        return self.status == self.Status.PUBLISHED and self.valid_until >= timezone.localdate()


OPPOSITE_KINDS = {
    Post.Kind.TECHNOLOGY_OFFER: Post.Kind.TECHNOLOGY_REQUEST,
    Post.Kind.TECHNOLOGY_REQUEST: Post.Kind.TECHNOLOGY_OFFER,
    Post.Kind.BUSINESS_OFFER: Post.Kind.BUSINESS_REQUEST,
    Post.Kind.BUSINESS_REQUEST: Post.Kind.BUSINESS_OFFER,
    Post.Kind.RESEARCH_PARTNER: Post.Kind.RESEARCH_PARTNER,
    Post.Kind.SKILLED_STAFF: Post.Kind.SKILLED_STAFF,
}


class ExpressionOfInterest(ConsentRecord):
    """A company's answer to a post, passed on to the poster by e-mail (brokered contact)."""

    post = models.ForeignKey(
        Post, verbose_name=_("post"), on_delete=models.CASCADE, related_name="interests"
    )
    sender_name = models.CharField(_("name"), max_length=120)
    sender_organisation = models.CharField(_("organisation"), max_length=200)
    email = models.EmailField(_("e-mail"))
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    message = models.TextField(_("message"))
    language = models.CharField(
        _("language"), max_length=10, choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE
    )
    created_at = models.DateTimeField(_("sent at"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("expression of interest")
        verbose_name_plural = _("expressions of interest")
        indexes = [models.Index(fields=["-created_at"], name="interest_created_idx")]

    def __str__(self):
        return f"{self.sender_organisation} → {self.post}"


class DigestEntry(models.Model):
    """A match already reported to the poster, so that the weekly digest only tells news."""

    post = models.ForeignKey(
        Post, verbose_name=_("post"), on_delete=models.CASCADE, related_name="digest_entries"
    )
    matched_post = models.ForeignKey(
        Post,
        verbose_name=_("matched post"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
    )
    matched_organisation = models.ForeignKey(
        "members.Organisation",
        verbose_name=_("matched organisation"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
    )
    score = models.PositiveIntegerField(_("score"), default=0)
    sent_at = models.DateTimeField(_("sent at"), default=timezone.now)

    class Meta:
        ordering = ["-sent_at"]
        verbose_name = _("digest entry")
        verbose_name_plural = _("digest entries")
        constraints = [
            models.CheckConstraint(
                condition=Q(matched_post__isnull=True, matched_organisation__isnull=False)
                | Q(matched_post__isnull=False, matched_organisation__isnull=True),
                name="digestentry_one_match",
            ),
            models.UniqueConstraint(
                fields=["post", "matched_post"],
                condition=Q(matched_post__isnull=False),
                name="digestentry_unique_post",
            ),
            models.UniqueConstraint(
                fields=["post", "matched_organisation"],
                condition=Q(matched_organisation__isnull=False),
                name="digestentry_unique_organisation",
            ),
        ]

    def __str__(self):
        return f"{self.post} ↔ {self.matched_post or self.matched_organisation}"
