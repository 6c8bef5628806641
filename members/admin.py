from dataclasses import replace

from django.contrib import admin
from django.contrib.admin.views.main import ChangeList
from django.contrib.admin.widgets import AdminFileWidget
from django.db.models import Exists, OuterRef, Q
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy
from modeltranslation.admin import TranslationAdmin

from backoffice.decisions import Decision as DecisionDeclaration
from backoffice.decisions import DecisionAdminMixin, decision_action
from backoffice.mixins import (
    BackOfficeAdminMixin,
    OrganisationImportExportMixin,
    RegionScopedAdminMixin,
)
from core.search import with_similarity_threshold

from . import services
from .forms import ContactPersonBaseFormSet, logo_field
from .models import (
    AccessLink,
    ContactMessage,
    ContactPerson,
    Decision,
    InnovationField,
    MembershipApplication,
    Organisation,
    ProfileChangeRequest,
    Sector,
)
from .search import search_all


@admin.register(InnovationField)
class InnovationFieldAdmin(admin.ModelAdmin):
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Sector)
class SectorAdmin(admin.ModelAdmin):
    list_display = ["name", "position"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


class ContactPersonInline(admin.TabularInline):
    model = ContactPerson
    formset = ContactPersonBaseFormSet
    fields = ["name", "role", "email", "phone", "is_public", "position"]
    extra = 0


def _logo_img(field, size: int):
    if not field:
        return "–"
    return format_html(
        '<img src="{}" alt="" width="{}" height="{}" style="object-fit:contain">',
        field.url,
        size,
        size,
    )


def _pending_applications(organisations):
    """The organisations' list decides their membership applications that wait for it."""
    return MembershipApplication.objects.filter(
        organisation__in=organisations, decision=Decision.PENDING
    )


def _is_pending(record) -> bool:
    return record.decision == Decision.PENDING


APPROVE_APPLICATION = DecisionDeclaration(
    name="approve",
    service=services.application_approve,
    argument="application",
    label=_("Accept"),
    description=_("Approve the selected applications"),
    done=ngettext_lazy(
        "%(count)d application approved.", "%(count)d applications approved.", "count"
    ),
    allowed=_is_pending,
    select_related=("organisation", "contact"),
)
DECLINE_APPLICATION = DecisionDeclaration(
    name="decline",
    service=services.application_decline,
    argument="application",
    takes_reason=True,
    label=_("Decline"),
    description=_("Decline the selected applications"),
    done=ngettext_lazy(
        "%(count)d application declined.", "%(count)d applications declined.", "count"
    ),
    allowed=_is_pending,
    select_related=("organisation", "contact"),
)


class SemiJoinChangeList(ChangeList):
    """A changelist that drops duplicate rows with EXISTS instead of DISTINCT.

    Searching the contact persons' e-mail or filtering by sector or innovation field joins
    a to-many relation, and Django then de-duplicates with SELECT DISTINCT over every column
    of the list: a sort of the whole match set (on disk with 100,000 organisations) for the
    count and again for the page. EXISTS gives the same rows as a semi-join, so a page can
    walk the name index and stop after its hundred rows.
    """

    def get_queryset(self, request, exclude_parameters=None):
        queryset = super().get_queryset(request, exclude_parameters)
        if not queryset.query.distinct or queryset.query.distinct_fields:
            return queryset
        matching = queryset.order_by().filter(pk=OuterRef("pk"))
        deduplicated = self.root_queryset.filter(Exists(matching))
        return self.apply_select_related(deduplicated).order_by(*queryset.query.order_by)


@admin.register(Organisation)
class OrganisationAdmin(OrganisationImportExportMixin, BackOfficeAdminMixin, TranslationAdmin):
    list_display = ["logo_preview", "name", "kind", "status", "region", "city", "joined_on"]
    list_display_links = ["name"]
    list_filter = ["status", "kind", "is_partner", "region", "sectors", "innovation_fields"]
    list_select_related = ["region"]
    # Rendering the rows is what the changelist spends its time on (the queries take a few
    # milliseconds even at 100,000 organisations): half of Django's 100, and the search or a
    # filter finds an organisation sooner than paging does.
    list_per_page = 50
    # The primary key breaks ties between equal names (organisation_name_id index); Django
    # would otherwise add "-pk", an order no index serves.
    ordering = ["name", "pk"]
    # The count of all organisations beside the filtered count is a second COUNT(*) over the
    # whole table on every page of the list; "Show all" still links to the full list.
    show_full_result_count = False
    search_fields = [
        "name",
        "city",
        "description_de",
        "description_en",
        "contact_persons__email",
    ]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["region", "innovation_fields"]
    filter_horizontal = ["sectors"]
    readonly_fields = ["logo_preview_large", "confirmation_reminded_on", "created_at", "updated_at"]
    inlines = [ContactPersonInline]
    actions = [
        decision_action(
            replace(
                APPROVE_APPLICATION,
                name="approve_applications",
                description=_("Approve the membership applications of the selected"),
                allowed=None,
                targets=_pending_applications,
            )
        ),
        decision_action(
            replace(
                DECLINE_APPLICATION,
                name="decline_applications",
                description=_("Decline the membership applications of the selected"),
                allowed=None,
                targets=_pending_applications,
            )
        ),
    ]
    fieldsets = [
        (None, {"fields": ["name", "slug", "legal_form", "kind", "status", "joined_on"]}),
        (_("Partner"), {"fields": ["is_partner", "partner_category"]}),
        (
            _("Address"),
            {
                "fields": [
                    "region",
                    "street",
                    "postcode",
                    "city",
                    "country",
                    "latitude",
                    "longitude",
                ]
            },
        ),
        (_("Contact"), {"fields": ["website", "email", "phone"]}),
        (
            _("Profile"),
            {
                "fields": [
                    "description",
                    "employee_band",
                    "founded_year",
                    "sectors",
                    "innovation_fields",
                    "logo",
                    "logo_preview_large",
                ]
            },
        ),
        (
            _("Confirmation"),
            {
                "fields": [
                    "last_confirmed_on",
                    "confirmation_reminded_on",
                    "created_at",
                    "updated_at",
                ]
            },
        ),
    ]

    def get_changelist(self, request, **kwargs):
        return SemiJoinChangeList

    def get_search_results(self, request, queryset, search_term):
        """An e-mail address searches the organisations' and contact persons' addresses;
        anything else goes through the search of all organisations (name, descriptions and
        innovation fields on their indexes, misspelt names by trigrams, parts of names such as
        "saar.is" by a substring on the name's trigram index), and a dotted word also searches
        the addresses. `icontains` over the descriptions of every organisation was a scan of
        the whole table on each search."""
        term = search_term.strip()
        if not term:
            return queryset, False
        contacts = ContactPerson.objects.filter(organisation=OuterRef("pk"), email__icontains=term)
        by_email = Q(email__icontains=term) | Exists(contacts)
        if "@" in term:
            return queryset.filter(by_email), False
        matches = search_all(queryset, term)
        if "." in term and " " not in term:
            # A dotted word is a domain ("beispiel.example") or a name ("saar.is", "LZG.NRW").
            matches = with_similarity_threshold(
                queryset.filter(Q(pk__in=matches.values("pk")) | by_email)
            )
        return matches, False

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name == "logo":
            return logo_field(widget_class=AdminFileWidget)
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    @admin.display(description=_("logo"))
    def logo_preview(self, obj):
        return _logo_img(obj.logo_thumbnail, 40)

    @admin.display(description=_("logo preview"))
    def logo_preview_large(self, obj):
        return _logo_img(obj.logo_thumbnail_large, 160)


@admin.register(MembershipApplication)
class MembershipApplicationAdmin(DecisionAdminMixin, BackOfficeAdminMixin, admin.ModelAdmin):
    region_field = "organisation__region"
    list_display = ["organisation", "contact", "submitted_at", "decision", "decided_at"]
    list_filter = ["decision"]
    list_select_related = ["organisation", "contact"]
    search_fields = ["organisation__name", "contact__email", "contact__name"]
    readonly_fields = [
        "organisation",
        "contact",
        "message",
        "language",
        "submitted_at",
        "decision",
        "decided_at",
        "decided_by",
        "privacy_notice",
        "consented_at",
        "anonymised_at",
    ]
    decisions = [APPROVE_APPLICATION, DECLINE_APPLICATION]

    def has_add_permission(self, request):
        return False


@admin.register(ProfileChangeRequest)
class ProfileChangeRequestAdmin(RegionScopedAdminMixin, admin.ModelAdmin):
    region_field = "organisation__region"
    list_display = ["organisation", "submitted_by", "submitted_at", "decision", "decided_at"]
    list_filter = ["decision"]
    list_select_related = ["organisation"]
    search_fields = ["organisation__name", "submitted_by"]
    fields = [
        "organisation",
        "submitted_by",
        "submitted_at",
        "changes",
        "proposed_logo",
        "decision",
        "decided_at",
        "decided_by",
    ]
    readonly_fields = fields
    actions = [
        decision_action(
            DecisionDeclaration(
                name="approve",
                service=services.change_request_approve,
                argument="change_request",
                description=_("Approve and publish the selected changes"),
                done=ngettext_lazy(
                    "%(count)d change request approved and published.",
                    "%(count)d change requests approved and published.",
                    "count",
                ),
            )
        ),
        decision_action(
            DecisionDeclaration(
                name="decline",
                service=services.change_request_decline,
                argument="change_request",
                description=_("Decline the selected changes"),
                done=ngettext_lazy(
                    "%(count)d change request declined.",
                    "%(count)d change requests declined.",
                    "count",
                ),
            )
        ),
    ]

    def has_add_permission(self, request):
        return False

    @admin.display(description=_("changes (before → after)"))
    def changes(self, obj):
        rows = services.change_request_diff(obj)
        if not rows:
            return _("No changes.")
        return format_html(
            '<table><thead><tr><th scope="col">{}</th><th scope="col">{}</th>'
            '<th scope="col">{}</th></tr></thead><tbody>{}</tbody></table>',
            _("Field"),
            _("Before"),
            _("After"),
            format_html_join(
                "",
                '<tr><th scope="row">{}</th><td style="white-space:pre-line"><del>{}</del></td>'
                '<td style="white-space:pre-line"><ins>{}</ins></td></tr>',
                rows,
            ),
        )

    @admin.display(description=_("proposed logo"))
    def proposed_logo(self, obj):
        return _logo_img(obj.logo, 160)


@admin.register(AccessLink)
class AccessLinkAdmin(admin.ModelAdmin):
    list_display = ["organisation", "email", "purpose", "created_at", "used_at"]
    list_filter = ["purpose"]
    list_select_related = ["organisation"]
    search_fields = ["organisation__name", "email"]
    readonly_fields = [f.name for f in AccessLink._meta.fields]

    def has_add_permission(self, request):
        return False


@admin.register(ContactMessage)
class ContactMessageAdmin(RegionScopedAdminMixin, admin.ModelAdmin):
    """The messages visitors sent to members through the profiles, for the network's own
    follow-up: read-only but for the follow-up fields."""

    region_field = "organisation__region"
    list_display = [
        "sent_at",
        "organisation",
        "subject",
        "sender_name",
        "via_management",
        "handled",
    ]
    list_filter = ["handled", "via_management", "organisation__region"]
    list_select_related = ["organisation"]
    search_fields = ["organisation__name", "sender_name", "sender_email", "subject"]
    date_hierarchy = "sent_at"
    readonly_fields = [
        "organisation",
        "contact_person",
        "recipients",
        "via_management",
        "sender_name",
        "sender_email",
        "sender_organisation",
        "subject",
        "message",
        "language",
        "sent_at",
        "privacy_notice",
        "consented_at",
        "anonymised_at",
    ]
    fields = [*readonly_fields[:11], "handled", "note", *readonly_fields[11:]]

    def has_add_permission(self, request):
        return False
