import datetime as dt

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.db.models import Case, When
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.translation import get_language, ngettext_lazy
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin, TranslationTabularInline

from backoffice.decisions import Decision, DecisionAdminMixin
from backoffice.mixins import BackOfficeAdminMixin, ExportAdminMixin
from backoffice.resources import RegistrationResource
from backoffice.search import IndexedSearchAdminMixin
from billing.forms import MoneyField
from core.exports import csv_response

from . import services
from .models import (
    EVENT_SEARCH_COLUMNS,
    REGISTRATION_SEARCH_COLUMNS,
    Event,
    EventSeries,
    Registration,
    RegistrationAnswer,
    RegistrationQuestion,
    Session,
    Speaker,
)


class SessionInline(TranslationTabularInline):
    model = Session
    extra = 0
    autocomplete_fields = ["speakers"]


class RegistrationQuestionInline(admin.TabularInline):
    model = RegistrationQuestion
    extra = 0


class UpcomingFilter(admin.SimpleListFilter):
    title = _("date")
    parameter_name = "when"

    def lookups(self, request, model_admin):
        return [("upcoming", _("Upcoming")), ("past", _("Past"))]

    def queryset(self, request, queryset):
        if self.value() == "upcoming":
            return queryset.filter(end__gte=timezone.now())
        if self.value() == "past":
            return queryset.filter(end__lt=timezone.now())
        return queryset


class RecentEventFilter(admin.SimpleListFilter):
    """The registrations' event filter: events that are running, coming or ended lately.

    A choice of every event ever held grew with each year (2,000 in the benchmark); a
    regional manager sees only their regions' events. Older events stay reachable through
    their own page's link to the registrations (the same parameter), and the selected event
    is always listed.
    """

    title = _("event")
    parameter_name = "event__id__exact"
    recent_days = 30
    limit = 50

    def lookups(self, request, model_admin):
        events = Event.objects.filter(
            end__gte=timezone.now() - dt.timedelta(days=self.recent_days)
        ).order_by("start", "pk")
        region_ids = model_admin.scoped_region_ids(request)
        if region_ids is not None:
            events = events.filter(region__in=region_ids)
        choices = [(str(event.pk), str(event)) for event in events[: self.limit]]
        selected = self.value()
        if selected and selected.isdigit() and selected not in {pk for pk, label in choices}:
            chosen = Event.objects.filter(pk=selected)
            if region_ids is not None:
                chosen = chosen.filter(region__in=region_ids)
            choices += [(str(event.pk), str(event)) for event in chosen]
        return choices

    def queryset(self, request, queryset):
        value = self.value()
        if not value:
            return queryset
        if not value.isdigit():
            return queryset.none()
        return queryset.filter(event_id=int(value))


class RegistrationOpenFilter(admin.SimpleListFilter):
    title = _("registration")
    parameter_name = "registration"

    def lookups(self, request, model_admin):
        return [("open", _("Open now")), ("not_open", _("Not open"))]

    def queryset(self, request, queryset):
        open_ids = Event.objects.registration_open().values("pk")
        if self.value() == "open":
            return queryset.filter(pk__in=open_ids)
        if self.value() == "not_open":
            return queryset.exclude(pk__in=open_ids)
        return queryset


@admin.register(EventSeries)
class EventSeriesAdmin(admin.ModelAdmin):
    list_display = ["name"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Speaker)
class SpeakerAdmin(admin.ModelAdmin):
    list_display = ["name", "position", "organisation", "organisation_name"]
    list_select_related = ["organisation"]
    search_fields = ["name", "organisation__name", "organisation_name"]
    autocomplete_fields = ["organisation"]


PARTICIPANT_HEADER = [
    _("Name"),
    _("E-mail"),
    _("Organisation"),
    _("Role"),
    _("Status"),
    _("Language"),
    _("Registered at"),
    _("Checked in at"),
    _("Cancelled at"),
]

# The participant list reads from the top: who comes, who may still come, who will not.
STATUS_ORDER = [
    Registration.Status.CONFIRMED,
    Registration.Status.OFFERED,
    Registration.Status.AWAITING_APPROVAL,
    Registration.Status.PENDING,
    Registration.Status.WAITING_LIST,
    Registration.Status.CANCELLED,
    Registration.Status.DECLINED,
    Registration.Status.LAPSED,
]


def _local(moment) -> str:
    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M") if moment else ""


@admin.register(Event)
class EventAdmin(IndexedSearchAdminMixin, BackOfficeAdminMixin, TranslationAdmin):
    list_display = [
        "title",
        "kind",
        "start",
        "city",
        "region",
        "capacity",
        "confirmed",
        "waiting",
        "cancelled",
        "pending",
    ]
    list_filter = ["kind", "region", UpcomingFilter, RegistrationOpenFilter, "series"]
    list_select_related = ["region"]
    search_fields = ["title_de", "title_en", "city", "venue_name"]
    search_text_columns = EVENT_SEARCH_COLUMNS  # on the index event_search_trgm
    date_hierarchy = "start"
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["region", "innovation_fields", "organiser", "co_organisers", "picture"]
    inlines = [SessionInline, RegistrationQuestionInline]
    readonly_fields = ["participant_tools"]
    fieldsets = [
        (None, {"fields": ["title", "slug", "kind", "series", "is_published", "summary"]}),
        (
            _("Date and place"),
            {
                "fields": [
                    "start",
                    "end",
                    "date_unknown",
                    "venue_name",
                    "venue_address",
                    "city",
                    "country",
                    "region",
                    "is_online",
                    "online_link",
                ]
            },
        ),
        (
            _("Content"),
            {
                "fields": [
                    "description",
                    "picture",
                    "languages",
                    "organiser",
                    "co_organisers",
                    "innovation_fields",
                ]
            },
        ),
        (
            _("Prices"),
            {
                "fields": [
                    "price_cents",
                    "member_price_cents",
                    "early_bird_until",
                    "early_bird_price_cents",
                    "early_bird_member_price_cents",
                    "free_places_per_member",
                    "vat_rate",
                    "vat_exemption",
                    "seller",
                    "fee_includes",
                ]
            },
        ),
        (
            _("Registration"),
            {
                "fields": [
                    "registration_enabled",
                    "registration_opens",
                    "registration_closes",
                    "capacity",
                    "requires_approval",
                    "offer_hold_hours",
                    "pending_lapse_hours",
                    "participant_tools",
                ]
            },
        ),
    ]

    # Managers type amounts in euros ("95,00"); the model keeps cents.
    money_fields = {
        "price_cents": _("Price (net, EUR)"),
        "member_price_cents": _("Members' price (net, EUR)"),
        "early_bird_price_cents": _("Early-bird price (net, EUR)"),
        "early_bird_member_price_cents": _("Members' early-bird price (net, EUR)"),
    }

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name in self.money_fields:
            return MoneyField(
                label=self.money_fields[db_field.name],
                required=False,
                help_text=_("In euros, e.g. 95,00."),
            )
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    def get_queryset(self, request):
        return super().get_queryset(request).with_registration_counts()

    @admin.display(description=_("confirmed"), ordering="confirmed_count")
    def confirmed(self, obj):
        return obj.confirmed_count

    @admin.display(description=_("waiting"), ordering="waiting_count")
    def waiting(self, obj):
        return obj.waiting_count

    @admin.display(description=_("cancelled"), ordering="cancelled_count")
    def cancelled(self, obj):
        return obj.cancelled_count

    @admin.display(description=_("pending"), ordering="pending_count")
    def pending(self, obj):
        return obj.pending_count

    @admin.display(description=_("participants"))
    def participant_tools(self, obj):
        if not obj.pk:
            return "–"
        registrations = (
            reverse("admin:events_registration_changelist") + f"?event__id__exact={obj.pk}"
        )
        return format_html(
            '<a href="{}">{}</a> · <a href="{}">{}</a> · <a href="{}">{}</a> · <a href="{}">{}</a>'
            ' · <a href="{}">{}</a>',
            registrations,
            _("Registrations"),
            reverse("admin:events_event_participants_csv", args=[obj.pk]),
            _("Participant list (CSV)"),
            reverse("admin:events_event_check_in_list", args=[obj.pk]),
            _("Check-in list to sign (PDF)"),
            reverse("admin:events_event_badges", args=[obj.pk]),
            _("Name badges (PDF)"),
            reverse("events:check_in", kwargs={"slug": obj.slug}),
            _("Check-in page"),
        )

    def get_urls(self):
        own = [
            path(
                "<int:pk>/participants.csv",
                self.admin_site.admin_view(self.participants_csv),
                name="events_event_participants_csv",
            ),
            path(
                "<int:pk>/check-in-list.pdf",
                self.admin_site.admin_view(self.check_in_list),
                name="events_event_check_in_list",
            ),
            path(
                "<int:pk>/badges.pdf",
                self.admin_site.admin_view(self.badges),
                name="events_event_badges",
            ),
        ]
        return own + super().get_urls()

    def _participants(self, request, pk):
        if not self.has_view_permission(request):
            raise PermissionDenied
        # Through the admin's queryset: another region's event answers 404.
        event = get_object_or_404(self.get_queryset(request), pk=pk)
        registrations = event.registrations.filter(
            status__in=[Registration.Status.CONFIRMED, Registration.Status.OFFERED]
        ).order_by("name")
        return event, registrations

    def participants_csv(self, request, pk):
        """Every registration with its state, and one column per registration question."""
        event, _registrations = self._participants(request, pk)
        questions = list(event.questions.order_by("position", "pk"))
        registrations = (
            event.registrations.annotate(
                status_rank=Case(
                    *(When(status=status, then=rank) for rank, status in enumerate(STATUS_ORDER)),
                    default=len(STATUS_ORDER),
                )
            )
            .order_by("status_rank", "waiting_since", "name", "pk")
            .prefetch_related("answers__question")
        )

        def row(r):
            answers = {answer.question_id: answer.display_value for answer in r.answers.all()}
            return [
                r.name,
                r.email,
                r.organisation_name,
                r.role,
                r.get_status_display(),
                r.get_language_display(),
                _local(r.created_at),
                _local(r.checked_in_at),
                _local(r.cancelled_at),
                *(answers.get(question.pk, "") for question in questions),
            ]

        header = [str(cell) for cell in PARTICIPANT_HEADER] + [q.text for q in questions]
        return csv_response(
            f"{event.slug}-participants.csv", header, (row(r) for r in registrations)
        )

    def check_in_list(self, request, pk):
        """The confirmed participants by name with a column to sign, as a PDF to print."""
        from . import printing  # fpdf2: only for the workers that print

        event, _registrations = self._participants(request, pk)
        return pdf_response(
            printing.check_in_list_pdf(event, get_language()), f"{event.slug}-check-in-list.pdf"
        )

    def badges(self, request, pk):
        """Name badges of the confirmed participants, eight to an A4 sheet, as a PDF."""
        from . import printing  # fpdf2: only for the workers that print

        event, _registrations = self._participants(request, pk)
        return pdf_response(printing.badges_pdf(event, get_language()), f"{event.slug}-badges.pdf")


def pdf_response(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


class RegistrationAnswerInline(admin.TabularInline):
    model = RegistrationAnswer
    extra = 0
    readonly_fields = ["question", "value"]
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


def _person(registration) -> str:
    return registration.name


REGISTRATION_DECISIONS = [
    Decision(
        name="confirm_registrations",
        service=services.manager_confirm,
        argument="registration",
        passes_user=False,
        label=_("Confirm or approve"),
        description=_("Confirm (or approve) selected registrations"),
        done=ngettext_lazy(
            "%(count)d registration confirmed or approved.",
            "%(count)d registrations confirmed or approved.",
            "count",
        ),
        allowed=lambda registration: registration.status in services.CONFIRMABLE,
        describe=_person,
        select_related=("event",),
    ),
    Decision(
        name="cancel_registrations",
        service=services.cancel,
        argument="registration",
        passes_user=False,
        description=_("Cancel selected registrations"),
        done=ngettext_lazy(
            "%(count)d registration cancelled.", "%(count)d registrations cancelled.", "count"
        ),
        describe=_person,
        select_related=("event",),
    ),
    Decision(
        name="promote_registrations",
        service=services.promote,
        argument="registration",
        passes_user=False,
        label=_("Promote from the waiting list"),
        description=_("Promote selected registrations from the waiting list"),
        done=ngettext_lazy(
            "%(count)d registration promoted from the waiting list.",
            "%(count)d registrations promoted from the waiting list.",
            "count",
        ),
        allowed=lambda registration: registration.status in services.PROMOTABLE,
        describe=_person,
        select_related=("event",),
        # The longest waiting first, while places last.
        order_by=("waiting_since", "pk"),
    ),
    Decision(
        name="decline_registrations",
        service=services.decline,
        argument="registration",
        passes_user=False,
        takes_reason=True,
        label=_("Decline"),
        description=_("Decline selected registrations"),
        done=ngettext_lazy(
            "%(count)d registration declined.", "%(count)d registrations declined.", "count"
        ),
        allowed=lambda registration: registration.status in services.DECLINABLE,
        describe=_person,
        select_related=("event",),
    ),
]


@admin.register(Registration)
class RegistrationAdmin(
    IndexedSearchAdminMixin,
    DecisionAdminMixin,
    ExportAdminMixin,
    BackOfficeAdminMixin,
    admin.ModelAdmin,
):
    region_field = "event__region"
    list_display = [
        "name",
        "email",
        "organisation_name",
        "event",
        "status",
        "waiting_since",
        "created_at",
        "checked_in_at",
    ]
    list_filter = ["status", RecentEventFilter, "language", "show_organisation_publicly"]
    list_select_related = ["event"]
    search_fields = ["name", "email", "organisation_name", "ticket_code"]
    # On the index registration_search_trgm, and the ticket code whole on its unique index.
    search_text_columns = REGISTRATION_SEARCH_COLUMNS
    search_exact_fields = ("ticket_code",)
    date_hierarchy = "created_at"
    readonly_fields = [
        "event",
        "status",
        "ticket_code",
        "waiting_since",
        "offer_expires_at",
        "confirmed_at",
        "cancelled_at",
        "checked_in_at",
        "reminded_at",
        "privacy_notice",
        "consented_at",
        "created_at",
        "updated_at",
        "booking",
        "group",
        "invoice",
    ]
    fields = [
        "event",
        "status",
        "name",
        "email",
        "organisation_name",
        "role",
        "language",
        "show_organisation_publicly",
        *readonly_fields[2:],
    ]
    inlines = [RegistrationAnswerInline]
    decisions = REGISTRATION_DECISIONS
    resource_classes = [RegistrationResource]

    def has_add_permission(self, request):
        # Registrations come through the public form, so that consent is always recorded.
        return False

    @admin.display(description=_("group booking"))
    def group(self, obj):
        """The booking's other participants (a group booking), each linked, with its status."""
        if obj.booking_id is None:
            return "–"
        others = obj.booking.registrations.exclude(pk=obj.pk).order_by("pk")
        return (
            format_html_join(
                ", ",
                '<a href="{}">{}</a> ({})',
                (
                    (
                        reverse("admin:events_registration_change", args=[other.pk]),
                        other.name,
                        other.get_status_display(),
                    )
                    for other in others
                ),
            )
            or "–"
        )
