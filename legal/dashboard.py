"""The legal app's panel on the back office's dashboard (see `core.dashboard`): barrier reports
that nobody has resolved or closed yet."""

from django.utils.translation import gettext_lazy as _

from backoffice.dashboard import (
    Item,
    Panel,
    change_url,
    changelist_url,
    items_and_count,
    may_view,
    scoped,
)
from core.dashboard import panel

from .models import BarrierReport

OPEN = [BarrierReport.Status.NEW, BarrierReport.Status.IN_PROGRESS]


@panel(position=28)
def barrier_reports(request) -> Panel | None:
    """Barriers reported through the accessibility statement, new or in progress."""
    if not may_view(request, BarrierReport):
        return None
    # Reports belong to no region: `scoped` shows them to the central network management only.
    queryset = scoped(request, BarrierReport.objects.filter(status__in=OPEN)).order_by(
        "created_at", "pk"
    )
    reports, count = items_and_count(queryset)
    return Panel(
        key="barrier-reports",
        title=_("Barrier reports to handle"),
        count=count,
        url=changelist_url(request, BarrierReport, "status__in=new,in_progress"),
        items=[
            Item(report.page_url, change_url(BarrierReport, report.pk), report.get_status_display())
            for report in reports
        ],
        empty_text=_("No barrier report is open."),
    )
