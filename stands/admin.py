"""The joint stands in the back office: stands with their applications and the fair
catalogue, and the decisions on the applications (backoffice.decisions)."""

from django import forms
from django.contrib import admin
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy
from modeltranslation.admin import TranslationAdmin

from backoffice.decisions import Decision, DecisionAdminMixin
from backoffice.mixins import BackOfficeAdminMixin, ExportAdminMixin
from backoffice.resources import CoExhibitorApplicationResource
from billing.forms import BillingDetailsChecks, MoneyField
from core.exports import csv_response

from . import services
from .models import CoExhibitorApplication, CoExhibitorBilling, JointStand

# The price fields (cents in the database) and their labels as amounts in euros.
PRICE_FIELDS = {
    "price_cents": _("price of a place (net, EUR)"),
    "member_price_cents": _("members' price of a place (net, EUR)"),
    "early_bird_price_cents": _("early-bird price (net, EUR)"),
    "early_bird_member_price_cents": _("members' early-bird price (net, EUR)"),
}


class StandDateFilter(admin.SimpleListFilter):
    title = _("date")
    parameter_name = "when"

    def lookups(self, request, model_admin):
        return [("upcoming", _("Upcoming")), ("past", _("Past"))]

    def queryset(self, request, queryset):
        if self.value() == "upcoming":
            return queryset.filter(event__end__gte=timezone.now())
        if self.value() == "past":
            return queryset.filter(event__end__lt=timezone.now())
        return queryset


class CoExhibitorBillingForm(BillingDetailsChecks, forms.ModelForm):
    """Checked as the member's own form checks them (billing.forms.BillingDetailsForm)."""

    class Meta:
        model = CoExhibitorBilling
        fields = [
            "billing_organisation",
            "billing_department",
            "billing_street",
            "billing_postcode",
            "billing_city",
            "billing_country",
            "billing_vat_id",
            "billing_reference",
            "billing_email",
        ]


class CoExhibitorBillingInline(admin.StackedInline):
    """The billing details of an application for a paid stand (whom the invoice goes to)."""

    model = CoExhibitorBilling
    form = CoExhibitorBillingForm
    extra = 0
    max_num = 1
    can_delete = False


class CoExhibitorApplicationInline(admin.TabularInline):
    model = CoExhibitorApplication
    extra = 0
    fields = ["organisation", "places_needed", "status", "contact_name", "contact_email"]
    readonly_fields = fields
    show_change_link = True
    ordering = ["status", "created_at"]

    def has_add_permission(self, request, obj=None):
        # Applications come through the members' link, so that consent is always recorded.
        return False

    def has_delete_permission(self, request, obj=None):
        return False


CATALOGUE_HEADER = [
    _("Joint stand"),
    _("Organisation"),
    _("Street"),
    _("Postcode"),
    _("City"),
    _("Country"),
    _("Website"),
    _("E-mail"),
    _("Phone"),
    _("Contact person"),
    _("Contact e-mail"),
    _("Places"),
    _("Products and services"),
]


@admin.register(JointStand)
class JointStandAdmin(BackOfficeAdminMixin, TranslationAdmin):
    region_field = "event__region"
    list_display = [
        "title",
        "event",
        "hall",
        "stand_number",
        "places",
        "places_taken_display",
        "application_deadline",
        "manager",
        "is_published",
    ]
    list_filter = [StandDateFilter, "is_published", "manager"]
    list_select_related = ["event", "manager"]
    search_fields = ["title", "event__title", "event__city", "hall", "stand_number"]
    autocomplete_fields = ["event", "manager"]
    date_hierarchy = "event__start"
    inlines = [CoExhibitorApplicationInline]
    actions = ["catalogue_csv"]
    fieldsets = [
        (None, {"fields": ["event", "title", "is_published", "manager", "description"]}),
        (
            _("Stand"),
            {
                "fields": [
                    "hall",
                    "stand_number",
                    "total_area",
                    "places",
                    "place_size",
                    "services",
                    "application_deadline",
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
                ]
            },
        ),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).with_places_taken()

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name == "services":
            return forms.MultipleChoiceField(
                label=db_field.verbose_name,
                choices=JointStand.Service.choices,
                widget=forms.CheckboxSelectMultiple,
                required=False,
            )
        if db_field.name in PRICE_FIELDS:
            # Managers type amounts as they write them ("2.450,00"); stored in cents.
            return MoneyField(
                label=PRICE_FIELDS[db_field.name],
                help_text=_("Net amount in euros, e.g. 2.450,00. Empty: free of charge."),
                required=False,
            )
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    @admin.display(description=_("places taken"), ordering="places_taken")
    def places_taken_display(self, obj):
        return obj.places_taken

    @admin.action(description=_("Download accepted co-exhibitors for the fair catalogue (CSV)"))
    def catalogue_csv(self, request, queryset):
        accepted = (
            CoExhibitorApplication.objects.accepted()
            .filter(stand__in=queryset)
            .select_related("stand", "organisation")
            .order_by("stand__event__start", "organisation__name")
        )
        rows = (
            [
                application.stand.title,
                application.organisation.name,
                application.organisation.street,
                application.organisation.postcode,
                application.organisation.city,
                application.organisation.country,
                application.organisation.website,
                application.organisation.email,
                application.organisation.phone,
                application.contact_name,
                application.contact_email,
                application.places_needed,
                application.products,
            ]
            for application in accepted
        )
        return csv_response("co-exhibitors.csv", [str(cell) for cell in CATALOGUE_HEADER], rows)


def _organisation(application) -> str:
    return str(application.organisation)


def _waitlisted_instead(application) -> str | None:
    if application.status != application.Status.ACCEPTED:
        return _("not enough free places, put on the waiting list.")
    return None


def _stand_decision(**declaration) -> Decision:
    return Decision(
        argument="application",
        describe=_organisation,
        select_related=("organisation",),
        order_by=("created_at", "pk"),
        **declaration,
    )


STAND_DECISIONS = [
    _stand_decision(
        name="accept",
        service=services.stand_accept,
        label=_("Accept"),
        description=_("Accept selected applications (waiting list when full)"),
        done=ngettext_lazy(
            "%(count)d application accepted.", "%(count)d applications accepted.", "count"
        ),
        allowed=lambda application: application.status in services.ACCEPTABLE,
        falls_short=_waitlisted_instead,
    ),
    _stand_decision(
        name="waitlist",
        service=services.stand_waitlist,
        description=_("Put selected applications on the waiting list"),
        done=ngettext_lazy(
            "%(count)d application put on the waiting list.",
            "%(count)d applications put on the waiting list.",
            "count",
        ),
    ),
    _stand_decision(
        name="decline",
        service=services.stand_decline,
        takes_reason=True,
        label=_("Decline"),
        description=_("Decline selected applications"),
        done=ngettext_lazy(
            "%(count)d application declined.", "%(count)d applications declined.", "count"
        ),
        allowed=lambda application: application.is_active,
    ),
    _stand_decision(
        name="withdraw",
        service=services.stand_withdraw,
        description=_("Withdraw selected applications (at the organisation's request)"),
        done=ngettext_lazy(
            "%(count)d application withdrawn.", "%(count)d applications withdrawn.", "count"
        ),
    ),
]


@admin.register(CoExhibitorApplication)
class CoExhibitorApplicationAdmin(
    DecisionAdminMixin, ExportAdminMixin, BackOfficeAdminMixin, admin.ModelAdmin
):
    region_field = "stand__event__region"
    list_display = [
        "organisation",
        "stand",
        "places_needed",
        "status",
        "contact_name",
        "created_at",
        "decided_at",
    ]
    list_filter = ["status", StandDateFilter, "stand", "language"]
    list_select_related = ["organisation", "stand"]
    search_fields = ["organisation__name", "contact_name", "contact_email", "products"]
    autocomplete_fields = ["stand", "organisation"]
    date_hierarchy = "created_at"
    readonly_fields = [
        "stand",
        "organisation",
        "status",
        "contact_person",
        "decided_at",
        "decided_by",
        "privacy_notice",
        "consented_at",
        "created_at",
        "updated_at",
    ]
    fields = [
        "stand",
        "organisation",
        "status",
        "contact_person",
        "contact_name",
        "contact_email",
        "contact_phone",
        "products",
        "places_needed",
        "remarks",
        "language",
        *readonly_fields[4:],
    ]
    decisions = STAND_DECISIONS
    resource_classes = [CoExhibitorApplicationResource]
    inlines = [CoExhibitorBillingInline]

    def has_add_permission(self, request):
        return False

    def get_readonly_fields(self, request, obj=None):
        # The places count only changes through the decisions once a place is held.
        if obj is not None and obj.status == obj.Status.ACCEPTED:
            return [*self.readonly_fields, "places_needed"]
        return self.readonly_fields
