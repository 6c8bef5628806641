"""The network's working groups ("Arbeitsgruppen"): their member organisations, their meetings
(events of the kind "working group meeting") and the minutes and documents for their members.

An organisation asks to join through its one-time access link (members.access), a manager
accepts or declines in the back office (backoffice.decisions), and each accepted membership
gets a signed link of its own to the group's documents (core.links, `DOCUMENTS_PURPOSE`).
"""

import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from events.models import Event
from legal.models import ConsentRecord
from pictures.models import PictureField

from .validation import validate_document


class WorkingGroupQuerySet(models.QuerySet):
    def published(self):
        return self.filter(is_published=True)

    def for_list(self):
        """What the list shows of each group, in one query plus one for the fields."""
        return (
            self.published()
            .select_related("region", "picture")
            .prefetch_related("innovation_fields")
            .order_by("name", "pk")
        )


class WorkingGroup(models.Model):
    """A working group of the network's members on one topic, in one region."""

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    topic = models.CharField(
        _("topic"), max_length=300, help_text=_("What the group works on, in one line.")
    )
    description = models.TextField(_("description"), blank=True)
    region = models.ForeignKey(
        "regions.Region",
        verbose_name=_("region"),
        on_delete=models.PROTECT,
        related_name="working_groups",
    )
    innovation_fields = models.ManyToManyField(
        "members.InnovationField",
        verbose_name=_("innovation fields"),
        blank=True,
        related_name="working_groups",
    )
    spokesperson = models.ForeignKey(
        "members.ContactPerson",
        verbose_name=_("spokesperson (contact person of a member)"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="working_groups_spoken_for",
        help_text=_("Either a contact person of a member organisation, or a name below."),
    )
    spokesperson_name = models.CharField(_("spokesperson's name"), max_length=120, blank=True)
    spokesperson_organisation = models.CharField(
        _("spokesperson's organisation"), max_length=200, blank=True
    )
    picture = PictureField(_("picture"))
    is_example = models.BooleanField(
        _("example"),
        default=False,
        help_text=_("Shown with the marker “Example”: a group described for illustration."),
    )
    is_published = models.BooleanField(_("published"), default=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = WorkingGroupQuerySet.as_manager()

    class Meta:
        ordering = ["name", "pk"]
        verbose_name = _("working group")
        verbose_name_plural = _("working groups")
        constraints = [
            # One spokesperson: a contact person or a name, never both.
            models.CheckConstraint(
                condition=Q(spokesperson__isnull=True) | Q(spokesperson_name=""),
                name="workinggroup_one_spokesperson",
            ),
            models.CheckConstraint(
                condition=Q(spokesperson_name="") | ~Q(spokesperson_organisation=""),
                name="workinggroup_spokesperson_has_organisation",
            ),
        ]
        indexes = [models.Index(fields=["is_published", "region"], name="workinggroup_published")]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("groups:detail", kwargs={"slug": self.slug})

    def clean(self):
        errors = {}
        if self.spokesperson_id and self.spokesperson_name.strip():
            errors["spokesperson_name"] = _("Choose a contact person or enter a name, not both.")
        if self.spokesperson_name.strip() and not self.spokesperson_organisation.strip():
            errors["spokesperson_organisation"] = _("Name the spokesperson's organisation.")
        if errors:
            raise ValidationError(errors)

    @property
    def spokesperson_display(self) -> tuple[str, str] | None:
        """(name, organisation) of the spokesperson, whichever way it is recorded."""
        if self.spokesperson_id:
            person = self.spokesperson
            return person.name, person.organisation.name
        if self.spokesperson_name:
            return self.spokesperson_name, self.spokesperson_organisation
        return None


class GroupMembershipQuerySet(models.QuerySet):
    def active(self):
        return self.filter(status__in=GroupMembership.ACTIVE)

    def current(self):
        """The organisations that are members of their group now."""
        return self.filter(status=GroupMembership.Status.MEMBER)


class GroupMembership(ConsentRecord):
    """An organisation's membership of a working group, from its request to its end."""

    class Status(models.TextChoices):
        REQUESTED = "requested", _("Requested")
        MEMBER = "member", _("Member")
        DECLINED = "declined", _("Declined")
        ENDED = "ended", _("Ended")

    # An organisation has at most one membership in these states per group.
    ACTIVE = [Status.REQUESTED, Status.MEMBER]

    group = models.ForeignKey(
        WorkingGroup,
        verbose_name=_("working group"),
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    organisation = models.ForeignKey(
        "members.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="group_memberships",
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.REQUESTED
    )
    contact_name = models.CharField(_("name of the contact person"), max_length=120)
    contact_email = models.EmailField(
        _("contact e-mail"), help_text=_("Receives the decision and the link to the documents.")
    )
    message = models.TextField(_("message"), blank=True)
    language = models.CharField(
        _("language"), max_length=5, choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE
    )
    created_at = models.DateTimeField(_("requested at"), default=timezone.now)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    ended_at = models.DateTimeField(_("ended at"), null=True, blank=True)

    objects = GroupMembershipQuerySet.as_manager()

    class Meta:
        ordering = ["group", "organisation__name", "pk"]
        verbose_name = _("working-group membership")
        verbose_name_plural = _("working-group memberships")
        constraints = [
            models.UniqueConstraint(
                fields=["group", "organisation"],
                condition=Q(status__in=["requested", "member"]),
                name="groupmembership_one_active_per_organisation",
                violation_error_message=_(
                    "This organisation is already a member of this working group or has "
                    "asked to join it."
                ),
            ),
            models.CheckConstraint(
                condition=Q(status__in=["requested", "member", "declined", "ended"]),
                name="groupmembership_status_valid",
            ),
            models.CheckConstraint(
                condition=~Q(contact_email=""), name="groupmembership_contact_email_given"
            ),
        ]
        indexes = [
            models.Index(fields=["group", "status"], name="groupmembership_group_status"),
            models.Index(fields=["status", "created_at"], name="groupmembership_waiting"),
        ]

    def __str__(self):
        return f"{self.organisation} – {self.group}"

    @property
    def is_active(self) -> bool:
        return self.status in self.ACTIVE

    @property
    def is_member(self) -> bool:
        return self.status == self.Status.MEMBER


class GroupMeetingQuerySet(models.QuerySet):
    def upcoming(self):
        return self.filter(event__is_published=True, event__end__gte=timezone.now()).order_by(
            "event__start"
        )


class GroupMeeting(models.Model):
    """A meeting of a working group: an event of the kind "working group meeting"."""

    group = models.ForeignKey(
        WorkingGroup,
        verbose_name=_("working group"),
        on_delete=models.CASCADE,
        related_name="meetings",
    )
    event = models.OneToOneField(
        Event,
        verbose_name=_("event"),
        on_delete=models.CASCADE,
        related_name="working_group_meeting",
        limit_choices_to={"kind": Event.Kind.WORKING_GROUP},
    )

    objects = GroupMeetingQuerySet.as_manager()

    class Meta:
        ordering = ["event__start"]
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")

    def __str__(self):
        return str(self.event)

    def clean(self):
        if self.event_id and self.event.kind != Event.Kind.WORKING_GROUP:
            raise ValidationError(
                {"event": _("A meeting is an event of the kind “Working group”.")}
            )


def document_path(instance, filename: str) -> str:
    """A path nobody can guess: the file is only handed out through a member's link."""
    return f"groups/documents/{uuid.uuid4().hex}/{filename}"


class GroupDocument(models.Model):
    """Minutes or another document of a working group, for its members only."""

    class Kind(models.TextChoices):
        MINUTES = "minutes", _("Minutes")
        DOCUMENT = "document", _("Document")

    group = models.ForeignKey(
        WorkingGroup,
        verbose_name=_("working group"),
        on_delete=models.CASCADE,
        related_name="documents",
    )
    title = models.CharField(_("title"), max_length=200)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.MINUTES)
    date = models.DateField(_("date"), help_text=_("Of the meeting, or of the document."))
    file = models.FileField(
        _("file"),
        upload_to=document_path,
        max_length=255,
        validators=[validate_document],
        help_text=_("PDF, Word, Excel, PowerPoint or OpenDocument, at most 4 MB."),
    )
    file_size = models.PositiveIntegerField(_("file size"), default=0, editable=False)
    created_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)

    class Meta:
        ordering = ["-date", "title", "pk"]
        verbose_name = _("document")
        verbose_name_plural = _("documents")

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        if self.file:
            self.file_size = self.file.size
        super().save(*args, **kwargs)

    @property
    def file_type(self) -> str:
        return self.file.name.rsplit(".", 1)[-1].upper() if self.file else ""

    @property
    def file_name(self) -> str:
        return self.file.name.rsplit("/", 1)[-1] if self.file else ""
