"""The back office's one export path (and the organisations' import): django-import-export.

Each admin that people export from has one resource and one way out: the "Export" button of its
list (what the filters and the search show) and the action "Export selected ...", both as CSV
or Excel, both through the admin's get_queryset and so within a regional manager's regions.
Every text cell that a spreadsheet program would run as a formula is neutralised.

Organisations: import and export with the same columns (field names, codes, slugs), so that an
exported file can be corrected and imported again. A row is matched by its slug, else by its
name (case-insensitive); matched rows are updated, the others created. The region is given by
slug, sectors and innovation fields by name (separated by ";"). Every row is validated like the
admin form (full_clean); a file with any wrong row writes nothing: the preview lists the errors
and offers no confirmation.

Registrations, co-exhibitor applications and partnering posts are exported only, for reading:
columns headed in the manager's language, choices by their labels (`ReadableExportResource`).
"""

import re

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.text import capfirst, slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from import_export import fields, resources, widgets
from import_export.admin import ExportActionMixin, ImportExportMixin
from import_export.formats import base_formats
from import_export.forms import SelectableFieldsExportForm

from core.exports import neutralise_cell
from events.models import Registration
from members.models import InnovationField, Organisation, Sector
from partnering.models import Post
from regions.models import Region
from stands.models import CoExhibitorApplication

from .scoping import is_region_scoped


class RegionBySlugWidget(widgets.ForeignKeyWidget):
    def clean(self, value, row=None, **kwargs):
        value = (value or "").strip() if isinstance(value, str) else value
        if not value:
            return None
        try:
            return self.model.objects.get(slug=value)
        except self.model.DoesNotExist:
            message = _("There is no region with the slug “%(slug)s”.") % {"slug": value}
            raise ValueError(message) from None

    def render(self, value, obj=None, **kwargs):
        return value.slug if value else ""


class ByNameWidget(widgets.ManyToManyWidget):
    """Names separated by ";"; an unknown name is an error rather than silently dropped."""

    def __init__(self, model, label):
        super().__init__(model, separator=";", field="name")
        self.label = label

    def clean(self, value, row=None, **kwargs):
        if not value:
            return self.model.objects.none()
        names = [name.strip() for name in str(value).split(self.separator) if name.strip()]
        pattern = r"^(" + "|".join(re.escape(name) for name in names) + r")$"
        found = {
            obj.name.casefold(): obj for obj in self.model.objects.filter(name__iregex=pattern)
        }
        unknown = [name for name in names if name.casefold() not in found]
        if unknown:
            raise ValueError(
                _("Unknown %(label)s: %(names)s")
                % {"label": self.label, "names": ", ".join(unknown)}
            )
        return [found[name.casefold()].pk for name in names]

    def render(self, value, obj=None, **kwargs):
        if value is None:
            return ""
        return "; ".join(item.name for item in value.all())


class OrganisationResource(resources.ModelResource):
    region = fields.Field(
        attribute="region", column_name="region", widget=RegionBySlugWidget(Region, "slug")
    )
    sectors = fields.Field(
        attribute="sectors",
        column_name="sectors",
        widget=ByNameWidget(Sector, gettext_lazy("sectors")),
    )
    innovation_fields = fields.Field(
        attribute="innovation_fields",
        column_name="innovation_fields",
        widget=ByNameWidget(InnovationField, gettext_lazy("innovation fields")),
    )

    class Meta:
        model = Organisation
        fields = [
            "slug",
            "name",
            "legal_form",
            "kind",
            "status",
            "is_partner",
            "partner_category",
            "region",
            "street",
            "postcode",
            "city",
            "country",
            "website",
            "email",
            "phone",
            "joined_on",
            "last_confirmed_on",
            "description",
            "sectors",
            "innovation_fields",
        ]
        export_order = fields
        import_id_fields = ["slug"]
        clean_model_instances = True  # the model's validation per row, as in the admin form
        skip_unchanged = True
        report_skipped = True

    def filter_export(self, queryset, **kwargs):
        # One query for the regions and one per many-to-many column, not one per row.
        return queryset.select_related("region").prefetch_related("sectors", "innovation_fields")

    def import_instance(self, instance, row, **kwargs):
        """Check the many-to-many columns together with the others, so that an unknown
        sector is a validation error of its row (import-export sets them only after saving)."""
        errors = {}
        try:
            super().import_instance(instance, row, **kwargs)
        except ValidationError as error:
            errors.update(error.error_dict)
        for field in self.get_import_fields():
            if isinstance(field.widget, widgets.ManyToManyWidget) and field.column_name in row:
                try:
                    field.clean(row, **kwargs)
                except ValueError as error:
                    errors[field.attribute] = [ValidationError(str(error), code="invalid")]
        if errors:
            raise ValidationError(errors)

    def before_import(self, dataset, **kwargs):
        if "slug" not in (dataset.headers or []):
            dataset.append_col([""] * len(dataset), header="slug")

    def before_import_row(self, row, **kwargs):
        """Match by name where the row has no slug; new organisations get one from the name."""
        if (row.get("slug") or "").strip():
            row["slug"] = row["slug"].strip()
            return
        name = (row.get("name") or "").strip()
        matches = list(
            Organisation.objects.filter(name__iexact=name).values_list("slug", flat=True)
        )
        if len(matches) > 1:
            raise ValueError(
                _("Several organisations are called “%(name)s”: give the slug.") % {"name": name}
            )
        row["slug"] = matches[0] if matches else slugify(name)[:200]


class YesNoWidget(widgets.Widget):
    def render(self, value, obj=None, **kwargs):
        if value is None:
            return ""
        return _("yes") if value else _("no")


class ReadableExportResource(resources.ModelResource):
    """An export for reading, not for importing again: each column is headed with the model
    field's name in the manager's language, and a choice field gives its label ("Bestätigt",
    not "confirmed"). Declare the columns in `Meta.fields` (paths such as "event__title" too);
    `labels` names the columns that are no field of the model."""

    labels: dict = {}

    @classmethod
    def field_from_django_field(cls, field_name, django_field, readonly):
        field = super().field_from_django_field(field_name, django_field, readonly)
        path = field_name.split("__")[:-1]
        if getattr(django_field, "choices", None):
            field.attribute = "__".join([*path, f"get_{django_field.name}_display"])
        elif django_field.get_internal_type() == "BooleanField":
            field.widget = YesNoWidget()
        return field

    def column_label(self, field_name: str) -> str:
        if field_name in self.labels:
            return str(self.labels[field_name])
        model = self._meta.model
        *path, last = field_name.split("__")
        for step in path:
            model = model._meta.get_field(step).related_model
        return capfirst(str(model._meta.get_field(last).verbose_name))

    def get_export_headers(self, selected_fields=None):
        return [
            self.column_label(self.get_field_name(field))
            for field in self.get_export_fields(selected_fields)
            if field
        ]


class RegistrationResource(ReadableExportResource):
    labels = {"event__title": gettext_lazy("Event"), "event__start": gettext_lazy("Start")}

    class Meta:
        model = Registration
        fields = [
            "event__title",
            "event__start",
            "name",
            "email",
            "organisation_name",
            "role",
            "status",
            "language",
            "show_organisation_publicly",
            "created_at",
            "confirmed_at",
            "waiting_since",
            "cancelled_at",
            "checked_in_at",
        ]
        export_order = fields

    def filter_export(self, queryset, **kwargs):
        return queryset.select_related("event")


class CoExhibitorApplicationResource(ReadableExportResource):
    labels = {
        "stand__title": gettext_lazy("Joint stand"),
        "stand__event__title": gettext_lazy("Event"),
        "organisation__name": gettext_lazy("Organisation"),
    }

    class Meta:
        model = CoExhibitorApplication
        fields = [
            "stand__title",
            "stand__event__title",
            "organisation__name",
            "contact_name",
            "contact_email",
            "contact_phone",
            "places_needed",
            "products",
            "status",
            "language",
            "created_at",
            "decided_at",
        ]
        export_order = fields

    def filter_export(self, queryset, **kwargs):
        return queryset.select_related("stand__event", "organisation")


class PostResource(ReadableExportResource):
    labels = {"organisation__name": gettext_lazy("Organisation")}

    class Meta:
        model = Post
        # The poster's address stays in the admin: it is never passed on (see the model).
        fields = [
            "title",
            "organisation__name",
            "kind",
            "status",
            "visibility",
            "target_countries",
            "valid_until",
            "created_at",
            "published_at",
        ]
        export_order = fields

    def filter_export(self, queryset, **kwargs):
        return queryset.select_related("organisation")


def _neutralised(dataset):
    """Every text cell of an export as a spreadsheet program cannot run it as a formula.

    Numbers and dates stay what they are, so that Excel can sort and count them."""
    for _index in range(len(dataset)):
        row = dataset.lpop()
        dataset.append([neutralise_cell(cell) if isinstance(cell, str) else cell for cell in row])
    return dataset


class SafeCSV(base_formats.CSV):
    def export_data(self, dataset, **kwargs):
        return super().export_data(_neutralised(dataset), **kwargs)


class SafeXLSX(base_formats.XLSX):
    def export_data(self, dataset, **kwargs):
        return super().export_data(_neutralised(dataset), **kwargs)


class SafeExportMixin:
    """The safe formats, the columns named as their headers, and Excel cells of their type.

    import-export gives native values (numbers, dates) only to its own binary format classes,
    compared by exact type, so its Excel export through SafeXLSX held every date as text."""

    export_formats = [SafeCSV, SafeXLSX]

    def get_export_data(self, file_format, request, queryset, **kwargs):
        if not self.has_export_permission(request):
            raise PermissionDenied
        data = self.get_data_for_export(
            request, queryset, force_native_type=file_format.is_binary(), **kwargs
        )
        export_data = file_format.export_data(data)
        encoding = kwargs.get("encoding")
        if not file_format.is_binary() and encoding:
            export_data = export_data.encode(encoding)
        return export_data

    def get_valid_export_item_pks(self, request):
        """The rows "Export selected" may name. import-export's deprecated default lists every
        key of the table; the export's queryset (get_queryset, and so the regional scope)
        decides anyway which of the named rows are exported."""
        return [pk for pk in request.POST.getlist("export_items") if str(pk).isdigit()]


class ExportFieldsForm(SelectableFieldsExportForm):
    """The export page's column choice, each column named as its header will read."""

    def _get_field_label(self, resource, field_name):
        instance = resource()
        if isinstance(instance, ReadableExportResource):
            return instance.column_label(field_name)
        return super()._get_field_label(resource, field_name)


class ExportAdminMixin(SafeExportMixin, ExportActionMixin):
    """Export of the filtered list and of selected rows (CSV, Excel), no import.

    Give the admin `resource_classes = [SomeResource]` (without, every field of the model is
    exported); exports follow get_queryset (and so the regional scope) and the changelist's
    filters and search.
    """

    export_form_class = ExportFieldsForm


class ImportExportAdminMixin(SafeExportMixin, ImportExportMixin, ExportActionMixin):
    """Import with preview, export of the filtered list and of selected rows (CSV, Excel).

    Add to a ModelAdmin with `resource_classes = [SomeResource]`. Only staff who are not
    limited to regions may import; exports follow get_queryset (and so the regional scope).
    """

    import_formats = [base_formats.CSV, base_formats.XLSX]
    export_form_class = ExportFieldsForm

    def has_import_permission(self, request):
        if is_region_scoped(request.user):
            return False
        return super().has_import_permission(request)

    def get_import_data_kwargs(self, **kwargs):
        data_kwargs = super().get_import_data_kwargs(**kwargs)
        # A file with a wrong row writes nothing, even when the confirmation is forced.
        data_kwargs["rollback_on_validation_errors"] = True
        return data_kwargs


class OrganisationImportExportMixin(ImportExportAdminMixin):
    """One line for OrganisationAdmin: import and export of organisations."""

    resource_classes = [OrganisationResource]
