"""Import and export of organisations (django-import-export).

Import: a row is matched by its slug, else by its name (case-insensitive); matched rows are
updated, the others created. The region is given by slug, sectors and innovation fields by
name (separated by ";"). Every row is validated like the admin form (full_clean); a file with
any wrong row writes nothing: the preview lists the errors and offers no confirmation.
"""

import re

from django.core.exceptions import ValidationError
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from import_export import fields, resources, widgets
from import_export.admin import ExportActionMixin, ImportExportMixin
from import_export.formats import base_formats

from cluster_portal.exports import neutralise_cell
from members.models import InnovationField, Organisation, Sector
from regions.models import Region

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
            "kind",
            "status",
            "is_partner",
            "partner_category",
            "region",
            "city",
            "country",
            "website",
            "joined_on",
            "description",
            "sectors",
            "innovation_fields",
        ]
        export_order = fields
        import_id_fields = ["slug"]
        clean_model_instances = True  # the model's validation per row, as in the admin form
        skip_unchanged = True
        report_skipped = True

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


def _neutralised(dataset):
    """Every cell of an export as a spreadsheet program cannot run it as a formula."""
    for _index in range(len(dataset)):
        row = dataset.lpop()
        dataset.append([neutralise_cell(cell) for cell in row])
    return dataset


class SafeCSV(base_formats.CSV):
    def export_data(self, dataset, **kwargs):
        return super().export_data(_neutralised(dataset), **kwargs)


class SafeXLSX(base_formats.XLSX):
    def export_data(self, dataset, **kwargs):
        return super().export_data(_neutralised(dataset), **kwargs)


class ExportAdminMixin(ExportActionMixin):
    """Export of the filtered list and of selected rows (CSV, Excel), no import.

    Without `resource_classes`, every field of the model is exported; exports follow
    get_queryset (and so the regional scope) and the changelist's filters and search.
    """

    export_formats = [SafeCSV, SafeXLSX]


class ImportExportAdminMixin(ImportExportMixin, ExportActionMixin):
    """Import with preview, export of the filtered list and of selected rows (CSV, Excel).

    Add to a ModelAdmin with `resource_classes = [SomeResource]`. Only staff who are not
    limited to regions may import; exports follow get_queryset (and so the regional scope).
    """

    import_formats = [base_formats.CSV, base_formats.XLSX]
    export_formats = [SafeCSV, SafeXLSX]

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
