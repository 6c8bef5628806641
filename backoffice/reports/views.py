"""The report page of the back office: figures of one year and region, as charts with their
tables, and the same figures as an Excel workbook."""

from django import forms
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from regions.models import Region

from ..scoping import is_region_scoped, region_ids_for
from . import charts
from .figures import build_report

FIRST_YEAR = 2010
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def may_see_reports(user) -> bool:
    return user.is_active and user.is_staff and user.has_perm("members.view_organisation")


class ReportForm(forms.Form):
    year = forms.TypedChoiceField(label=gettext_lazy("Year"), coerce=int)
    region = forms.ModelChoiceField(
        label=gettext_lazy("Region"), queryset=Region.objects.none(), required=False
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        this_year = timezone.localdate().year
        self.fields["year"].choices = [
            (year, str(year)) for year in range(this_year + 1, FIRST_YEAR - 1, -1)
        ]
        self.fields["year"].initial = this_year
        regions = Region.objects.order_by("name")
        if is_region_scoped(user):
            regions = regions.filter(pk__in=region_ids_for(user))
            self.fields["region"].empty_label = gettext_lazy("All my regions")
        else:
            self.fields["region"].empty_label = gettext_lazy("The whole network")
        self.fields["region"].queryset = regions


def report_view(site):
    def view(request):
        if not may_see_reports(request.user):
            raise PermissionDenied
        data = request.GET if "year" in request.GET else None
        form = ReportForm(data, user=request.user)
        year, region = timezone.localdate().year, None
        if data is not None:
            # What is valid counts: a year with a region not theirs still shows that year.
            form.is_valid()
            year = form.cleaned_data.get("year", year)
            region = form.cleaned_data.get("region")
        if region is not None:
            region_ids = set(Region.objects.descendant_ids(region))
        elif is_region_scoped(request.user):
            region_ids = region_ids_for(request.user)
        else:
            region_ids = None
        if region is not None and is_region_scoped(request.user):
            region_ids &= region_ids_for(request.user)
        report = build_report(year, region, region_ids)
        scope = (
            region.name
            if region
            else _("all my regions")
            if is_region_scoped(request.user)
            else _("the whole network")
        )
        if request.GET.get("format") == "xlsx":
            from . import excel  # openpyxl: only for the workers that export

            response = HttpResponse(excel.report_workbook(report, scope), content_type=XLSX)
            slug = region.slug if region else "netzwerk"
            response["Content-Disposition"] = f'attachment; filename="bericht-{year}-{slug}.xlsx"'
            return response
        context = {
            **site.each_context(request),
            "title": _("Report %(year)s: %(scope)s") % {"year": year, "scope": scope},
            "form": form,
            "report": report,
            "figures": [(figure, charts.chart(figure)) for figure in report.figures],
            "excel_query": _excel_query(year, region),
        }
        request.current_app = site.name
        return TemplateResponse(request, "admin/backoffice/report.html", context)

    return view


def _excel_query(year, region) -> str:
    query = f"year={year}&format=xlsx"
    return query + (f"&region={region.pk}" if region else "")
