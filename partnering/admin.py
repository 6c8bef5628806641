from django import forms
from django.contrib import admin, messages
from django.db.models import Count, Q
from django.utils.timezone import localtime
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from backoffice.decisions import Decision, DecisionAdminMixin
from backoffice.mixins import BackOfficeAdminMixin, ExportAdminMixin
from backoffice.resources import PostResource
from cluster_portal.exports import csv_response

from . import services
from .models import (
    B2BExchange,
    B2BProfile,
    DigestEntry,
    ExpressionOfInterest,
    Meeting,
    MeetingSlot,
    MeetingTable,
    Post,
)
from .scheduler import schedule_meetings


class ReadOnlyAdminMixin:
    """Records of what visitors sent or the portal mailed: kept as they were, never edited."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class ExpressionOfInterestInline(ReadOnlyAdminMixin, admin.TabularInline):
    model = ExpressionOfInterest
    extra = 0
    fields = ["created_at", "sender_name", "sender_organisation", "email", "phone", "message"]
    readonly_fields = fields
    show_change_link = True


POST_DECISIONS = [
    Decision(
        name="approve",
        service=services.post_publish,
        argument="post",
        label=_("Approve and publish"),
        description=_("Approve and publish the selected posts"),
        done=ngettext_lazy("%(count)d post published.", "%(count)d posts published.", "count"),
        allowed=lambda post: post.status in services.PUBLISHABLE,
    ),
    Decision(
        name="withdraw",
        service=services.post_withdraw,
        argument="post",
        description=_("Withdraw the selected posts from the board"),
        done=ngettext_lazy("%(count)d post withdrawn.", "%(count)d posts withdrawn.", "count"),
    ),
    Decision(
        name="reject",
        service=services.post_reject,
        argument="post",
        takes_reason=True,
        label=_("Reject"),
        description=_("Reject the selected posts"),
        done=ngettext_lazy("%(count)d post rejected.", "%(count)d posts rejected.", "count"),
        allowed=lambda post: post.status in services.REJECTABLE,
    ),
]


@admin.register(Post)
class PostAdmin(DecisionAdminMixin, ExportAdminMixin, BackOfficeAdminMixin, admin.ModelAdmin):
    region_field = "organisation__region"
    list_display = [
        "title",
        "organisation",
        "kind",
        "status",
        "visibility",
        "valid_until",
        "published_at",
        "interest_count",
    ]
    list_filter = ["status", "kind", "visibility", "innovation_fields"]
    list_select_related = ["organisation"]
    search_fields = ["title", "description", "organisation__name"]
    autocomplete_fields = ["organisation", "innovation_fields", "target_regions"]
    filter_horizontal = ["sectors"]
    readonly_fields = ["published_at", "reviewed_by", "created_at", "updated_at"]
    date_hierarchy = "created_at"
    inlines = [ExpressionOfInterestInline]
    decisions = POST_DECISIONS
    resource_classes = [PostResource]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(interest_total=Count("interests"))

    def get_readonly_fields(self, request, obj=None):
        # Once submitted, the status changes through the decisions, which tell the poster.
        if obj is not None:
            return [*self.readonly_fields, "status"]
        return self.readonly_fields

    @admin.display(description=_("expressions of interest"), ordering="interest_total")
    def interest_count(self, post):
        return post.interest_total


@admin.register(ExpressionOfInterest)
class ExpressionOfInterestAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["created_at", "post", "sender_organisation", "sender_name", "email"]
    list_select_related = ["post__organisation"]
    list_filter = ["post__kind", "language"]
    search_fields = ["sender_name", "sender_organisation", "email", "post__title", "message"]
    date_hierarchy = "created_at"
    actions = ["export_csv"]

    @admin.action(description=_("Export the selected expressions of interest (CSV)"))
    def export_csv(self, request, queryset):
        header = [
            _("sent at"),
            _("post"),
            _("organisation"),
            _("name"),
            _("organisation"),
            _("e-mail"),
            _("phone"),
            _("message"),
        ]
        rows = (
            [
                localtime(interest.created_at).strftime("%Y-%m-%d %H:%M"),
                interest.post.title,
                interest.post.organisation.name,
                interest.sender_name,
                interest.sender_organisation,
                interest.email,
                interest.phone,
                interest.message,
            ]
            for interest in queryset.select_related("post__organisation")
        )
        return csv_response("expressions-of-interest.csv", header, rows)


@admin.register(DigestEntry)
class DigestEntryAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["sent_at", "post", "matched_post", "matched_organisation", "score"]
    list_select_related = ["post", "matched_post", "matched_organisation"]
    search_fields = ["post__title"]


# B2B meetings at events ---------------------------------------------------------------------


class MeetingSlotInline(admin.TabularInline):
    model = MeetingSlot
    extra = 0
    fields = ["start", "end"]


class MeetingTableInline(admin.TabularInline):
    model = MeetingTable
    extra = 0
    fields = ["name", "position"]


class UnplacedMeetingInline(admin.TabularInline):
    """Accepted meetings the scheduler could not place, with the reason."""

    model = Meeting
    fk_name = "event"
    verbose_name = _("accepted meeting without a place")
    verbose_name_plural = _("accepted meetings without a place")
    extra = 0
    fields = ["requester", "recipient", "unplaced_reason", "created_at"]
    readonly_fields = fields
    show_change_link = True
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .filter(status=Meeting.Status.ACCEPTED, slot__isnull=True)
            .select_related("requester", "recipient")
        )


@admin.register(B2BExchange)
class B2BExchangeAdmin(admin.ModelAdmin):
    """Slots, tables and the scheduler of a B2B exchange; the event itself is edited in events."""

    list_display = ["title", "start", "slot_count", "table_count", "accepted", "unplaced"]
    search_fields = ["title"]
    fields = ["title", "start", "end"]
    readonly_fields = fields
    inlines = [MeetingSlotInline, MeetingTableInline, UnplacedMeetingInline]
    actions = ["run_scheduler"]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_queryset(self, request):
        accepted = Q(meetings__status=Meeting.Status.ACCEPTED)
        return (
            super()
            .get_queryset(request)
            .annotate(
                slot_total=Count("meeting_slots", distinct=True),
                table_total=Count("meeting_tables", distinct=True),
                accepted_total=Count("meetings", filter=accepted, distinct=True),
                unplaced_total=Count(
                    "meetings", filter=accepted & Q(meetings__slot__isnull=True), distinct=True
                ),
            )
        )

    @admin.display(description=_("slots"), ordering="slot_total")
    def slot_count(self, event):
        return event.slot_total

    @admin.display(description=_("tables"), ordering="table_total")
    def table_count(self, event):
        return event.table_total

    @admin.display(description=_("accepted meetings"), ordering="accepted_total")
    def accepted(self, event):
        return event.accepted_total

    @admin.display(description=_("without a place"), ordering="unplaced_total")
    def unplaced(self, event):
        return event.unplaced_total

    @admin.action(description=_("Schedule the accepted meetings of the selected events"))
    def run_scheduler(self, request, queryset):
        for event in queryset:
            result = schedule_meetings(event=event)
            self.message_user(
                request,
                _("%(event)s: %(placed)d meetings newly placed, %(kept)d kept in place.")
                % {"event": event.title, "placed": len(result.placed), "kept": len(result.kept)},
                messages.SUCCESS,
            )
            for meeting in result.unplaced:
                self.message_user(
                    request,
                    _("Not placed: %(meeting)s. %(reason)s")
                    % {"meeting": meeting, "reason": meeting.get_unplaced_reason_display()},
                    messages.WARNING,
                )


class MeetingAdminForm(forms.ModelForm):
    class Meta:
        model = Meeting
        fields = ["status", "slot", "table", "message"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            event = self.instance.event_id
            self.fields["slot"].queryset = MeetingSlot.objects.filter(event_id=event)
            self.fields["table"].queryset = MeetingTable.objects.filter(event_id=event)


@admin.register(Meeting)
class MeetingAdmin(admin.ModelAdmin):
    """Managers move a meeting to another slot or table; clean() refuses double bookings."""

    form = MeetingAdminForm
    list_display = ["__str__", "event", "status", "slot", "table", "unplaced_reason"]
    list_filter = ["event", "status", ("slot", admin.EmptyFieldListFilter)]
    list_select_related = ["event", "requester", "recipient", "slot", "table"]
    search_fields = ["requester__name", "recipient__name", "event__title"]
    readonly_fields = ["event", "requester", "recipient", "unplaced_reason", "created_at"]
    fields = readonly_fields[:3] + ["message", "status", "slot", "table", "unplaced_reason"]

    def has_add_permission(self, request):
        return False

    def save_model(self, request, obj, form, change):
        if {"slot", "table"} & set(form.changed_data):
            slot, table = obj.slot, obj.table
            obj.save(update_fields=["status", "message"])
            services.meeting_place(meeting=obj, slot=slot, table=table)
        else:
            obj.save()


@admin.register(B2BProfile)
class B2BProfileAdmin(admin.ModelAdmin):
    list_display = ["__str__", "event", "organisation", "is_published", "updated_at"]
    list_filter = ["registration__event", "is_published"]
    list_select_related = ["registration__event", "organisation"]
    search_fields = ["registration__name", "registration__organisation_name", "offer", "seek"]
    raw_id_fields = ["registration"]
    autocomplete_fields = ["organisation", "innovation_fields"]

    @admin.display(description=_("event"), ordering="registration__event__start")
    def event(self, profile):
        return profile.registration.event
