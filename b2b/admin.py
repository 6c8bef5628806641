"""The B2B meetings in the back office: each exchange's slots, tables and scheduler, the
meetings (moved by hand through services.meeting_place) and the participants' profiles."""

from django import forms
from django.contrib import admin, messages
from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _

from . import services
from .models import B2BExchange, B2BProfile, Meeting, MeetingSlot, MeetingTable
from .scheduler import schedule_meetings


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
