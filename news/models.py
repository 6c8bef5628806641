from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from core import structured_data as schema
from core.textsearch import both, weighted_vector
from pictures.models import MAX_BYTES, MAX_SIDE, PictureField
from pictures.validation import validate_image

HEADLINE_LENGTH = 110  # what search engines show of an article's headline


def validate_image_format(file):
    """The former image field's check, named by its migrations; the library's check now."""
    validate_image(file, max_bytes=MAX_BYTES, max_side=MAX_SIDE)


class NewsItemQuerySet(models.QuerySet):
    def published(self):
        """Released items whose publication time has come; scheduled ones stay hidden."""
        return self.filter(is_draft=False, published_at__lte=timezone.now())

    def for_region(self, region):
        return self.published().filter(regions=region)

    def for_organisation(self, organisation):
        return self.published().filter(organisations=organisation)

    def for_event(self, event):
        return self.published().filter(events=event)


# The site search's vector of a news item (news/search.py), which `newsitem_site_search` indexes.
NEWS_SITE_SEARCH_FIELDS = [*both("title", "A"), *both("teaser", "B"), *both("body", "C")]


class NewsItem(models.Model):
    class Kind(models.TextChoices):
        NEWS = "news", pgettext_lazy("kind of news item", "News")
        PRESS_RELEASE = "press_release", _("Press release")
        TECHNICAL_ARTICLE = "article", _("Technical article")

    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.NEWS)
    teaser = models.CharField(
        _("teaser"),
        max_length=300,
        help_text=_("One or two sentences for lists, feeds and search engines."),
    )
    body = models.TextField(_("text"), help_text=_("Paragraphs are separated by a blank line."))
    picture = PictureField(
        _("picture"),
        help_text=_("A published picture of the library, with its alternative text and credit."),
    )
    published_at = models.DateTimeField(
        _("publication date"),
        default=timezone.now,
        help_text=_("A date in the future schedules the item: it stays hidden until then."),
    )
    is_draft = models.BooleanField(
        _("draft"), default=True, help_text=_("Drafts are never shown to the public.")
    )
    regions = models.ManyToManyField(
        "regions.Region", verbose_name=_("regions"), blank=True, related_name="news_items"
    )
    organisations = models.ManyToManyField(
        "members.Organisation",
        verbose_name=_("organisations"),
        blank=True,
        related_name="news_items",
    )
    events = models.ManyToManyField(
        "events.Event", verbose_name=_("events"), blank=True, related_name="news_items"
    )
    innovation_fields = models.ManyToManyField(
        "members.InnovationField",
        verbose_name=_("innovation fields"),
        blank=True,
        related_name="news_items",
    )
    press_contact_name = models.CharField(_("press contact name"), max_length=120, blank=True)
    press_contact_organisation = models.CharField(
        _("press contact organisation"), max_length=200, blank=True
    )
    press_contact_phone = models.CharField(_("press contact phone"), max_length=40, blank=True)
    press_contact_email = models.EmailField(_("press contact e-mail"), blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    # The site search's vector (core.search), computed by PostgreSQL whenever the row is
    # written: ranking many hits reads it instead of computing every hit's vector anew.
    site_search_vector = models.GeneratedField(
        expression=weighted_vector(NEWS_SITE_SEARCH_FIELDS),
        output_field=SearchVectorField(),
        db_persist=True,
        verbose_name=_("site search vector"),
    )

    objects = NewsItemQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "-pk"]
        verbose_name = _("news item")
        verbose_name_plural = _("news items")
        indexes = [
            models.Index(fields=["is_draft", "-published_at"], name="newsitem_public_idx"),
            models.Index(fields=["kind", "-published_at"], name="newsitem_kind_idx"),
            # The site search (core.search): its vector and its misspelt titles (`%>`).
            GinIndex(fields=["site_search_vector"], name="newsitem_site_search"),
            *(
                GinIndex(fields=[column], opclasses=["gin_trgm_ops"], name=f"news_{column}_trgm")
                for column in both("title")
            ),
        ]
        constraints = [
            # Drafts may wait for their press contact; nothing public goes without one.
            models.CheckConstraint(
                condition=Q(is_draft=True)
                | ~Q(kind="press_release")
                | (
                    ~Q(press_contact_name="")
                    & (~Q(press_contact_phone="") | ~Q(press_contact_email=""))
                ),
                name="newsitem_press_release_has_contact",
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("news:detail", kwargs={"slug": self.slug})

    @property
    def is_public(self) -> bool:
        return not self.is_draft and self.published_at <= timezone.now()

    @property
    def has_press_contact(self) -> bool:
        return bool(self.press_contact_name)

    def structured_data(self) -> dict:
        """schema.org NewsArticle for the item's page; the network publishes (and writes) it."""
        url = schema.page_url(self)
        publisher = schema.network_organization()
        image = schema.file_url(self.picture.original) if self.picture_id else ""
        return schema.compact(
            {
                "@context": schema.SCHEMA,
                "@type": "NewsArticle",
                "headline": Truncator(self.title).chars(HEADLINE_LENGTH),
                "description": self.teaser,
                "url": url,
                "mainEntityOfPage": {"@type": "WebPage", "@id": url},
                "datePublished": schema.iso(self.published_at),
                "dateModified": schema.iso(max(self.updated_at, self.published_at)),
                "image": [image] if image else [],
                "author": publisher,
                "publisher": publisher,
                "articleSection": self.get_kind_display(),
                "inLanguage": schema.language(),
                "about": [str(field) for field in self.innovation_fields.all()],
            }
        )

    def clean(self):
        errors = {}
        if self.kind == self.Kind.PRESS_RELEASE and not self.is_draft:
            if not self.press_contact_name.strip():
                errors["press_contact_name"] = _(
                    "A press release needs a press contact before it is published."
                )
            if not (self.press_contact_phone.strip() or self.press_contact_email.strip()):
                errors["press_contact_phone"] = _(
                    "Give the press contact's phone number or e-mail address."
                )
        if errors:
            raise ValidationError(errors)
