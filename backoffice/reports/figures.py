"""The figures of the annual report: what a cluster management reports to its funders (EFRE
programmes, the state) and what cluster-excellence labels (ECEI) ask for.

`build_report(year, region_ids)` counts everything for one calendar year, within the given
regions (None: the whole network). Each figure is a `Figure`: a title, a sentence on what was
counted, its columns and rows; the page draws it as a chart with its table, the Excel export
writes one sheet per figure.
"""

import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass, field

from django.db.models import Count, Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from cooperations.models import Cooperation, Country
from events.models import Event, Registration
from members.models import Organisation
from regions.models import Region

SME_BANDS = [
    Organisation.EmployeeBand.MICRO,
    Organisation.EmployeeBand.SMALL,
    Organisation.EmployeeBand.MEDIUM,
]
LARGE_BANDS = [Organisation.EmployeeBand.LARGE, Organisation.EmployeeBand.VERY_LARGE]
# Registrations earlier than this many weeks before the event are counted together.
WEEKS_BEFORE = 12
NOT_A_MEMBER = "not_a_member"


@dataclass
class Figure:
    key: str
    title: str
    description: str
    columns: list[str]
    rows: list[list]
    # Which column the chart draws (by index), and whether its bars stand (months, weeks).
    chart_column: int = 1
    vertical: bool = False
    notes: list[str] = field(default_factory=list)
    # Short labels under standing bars ("Jan", "13+"); the table keeps the full ones.
    chart_labels: list[str] | None = None

    @property
    def total(self) -> int:
        return sum(row[self.chart_column] for row in self.rows)


@dataclass
class Report:
    year: int
    region: Region | None
    figures: list[Figure]

    def figure(self, key: str) -> Figure:
        return next(figure for figure in self.figures if figure.key == key)


def year_bounds(year: int) -> tuple[dt.datetime, dt.datetime]:
    zone = timezone.get_current_timezone()
    start = dt.datetime(year, 1, 1, tzinfo=zone)
    return start, dt.datetime(year + 1, 1, 1, tzinfo=zone)


def name_key(name: str) -> str:
    """An organisation's name as registrations spell it in many ways: case, spaces and
    punctuation ignored ("LZG.NRW" = "lzg nrw", "Beispiel GmbH" = "Beispiel  GmbH")."""
    return re.sub(r"[\W_]+", "", (name or "").casefold())


def in_regions(queryset, path: str, region_ids):
    return queryset if region_ids is None else queryset.filter(**{f"{path}__in": region_ids})


def members_at_year_end(year: int, region_ids):
    """Organisations that are members and joined by 31 December of `year`."""
    members = Organisation.objects.members().filter(joined_on__lte=dt.date(year, 12, 31))
    return in_regions(members, "region", region_ids)


def members_by_kind(year, region_ids) -> Figure:
    counts = Counter(members_at_year_end(year, region_ids).values_list("kind", flat=True))
    return Figure(
        key="members-by-kind",
        title=_("Members by kind"),
        description=_(
            "Member organisations on 31 December %(year)s (members today who had joined by "
            "then), by kind of organisation."
        )
        % {"year": year},
        columns=[_("Kind"), _("Members")],
        rows=[[label, counts[value]] for value, label in Organisation.Kind.choices],
    )


def members_by_region(year, region_ids) -> Figure:
    counts = dict(
        members_at_year_end(year, region_ids)
        .order_by()
        .values_list("region__name")
        .annotate(count=Count("pk"))
    )
    rows = [[name, count] for name, count in sorted(counts.items(), key=_by_name) if name]
    if counts.get(None):
        rows.append([_("No region"), counts[None]])
    return Figure(
        key="members-by-region",
        title=_("Members by region"),
        description=_("Member organisations on 31 December %(year)s, by the region they belong to.")
        % {"year": year},
        columns=[_("Region"), _("Members")],
        rows=rows,
    )


def _by_name(pair):
    return (pair[0] or "").casefold()


def new_members(year, region_ids) -> Figure:
    joined = in_regions(
        Organisation.objects.members().filter(joined_on__year=year), "region", region_ids
    )
    months = Counter(joined.values_list("joined_on__month", flat=True))
    return Figure(
        key="new-members",
        title=_("New members"),
        description=_(
            "Organisations that joined the network in %(year)s, by month (%(count)d in all)."
        )
        % {"year": year, "count": sum(months.values())},
        columns=[_("Month"), _("New members")],
        rows=[[date_format(dt.date(year, month, 1), "F"), months[month]] for month in range(1, 13)],
        vertical=True,
    )


def year_events(year, region_ids):
    start, end = year_bounds(year)
    events = Event.objects.filter(
        is_published=True, date_unknown=False, start__gte=start, start__lt=end
    )
    return in_regions(events, "region", region_ids)


def participants_by_kind(year, region_ids) -> Figure:
    """Confirmed participants of the year's events, by the kind of their organisation.

    A registration names its organisation in free text; it is matched to a member by its
    name with case, spaces and punctuation ignored, else counted as "not a member".
    """
    members = {
        name_key(name): kind
        for name, kind in Organisation.objects.members().values_list("name", "kind")
    }
    registrations = Registration.objects.filter(
        event__in=year_events(year, region_ids), status=Registration.Status.CONFIRMED
    ).values_list("event_id", "organisation_name")
    participants: Counter = Counter()
    events: dict[str, set] = {}
    for event_id, organisation_name in registrations:
        kind = members.get(name_key(organisation_name), NOT_A_MEMBER)
        participants[kind] += 1
        events.setdefault(kind, set()).add(event_id)
    choices = [*Organisation.Kind.choices, (NOT_A_MEMBER, _("Not a member"))]
    event_count = year_events(year, region_ids).count()
    return Figure(
        key="participants-by-kind",
        title=_("Events and participants by kind of organisation"),
        description=_(
            "Confirmed participants of the %(events)d events of %(year)s, by the kind of their "
            "organisation; the organisation a participant names is matched to a member by its "
            "name, else counted as not a member. The events column counts the events with at "
            "least one participant of that kind."
        )
        % {"events": event_count, "year": year},
        columns=[_("Kind"), _("Participants"), _("Events")],
        rows=[[label, participants[value], len(events.get(value, ()))] for value, label in choices],
    )


def sme_share(year, region_ids) -> Figure:
    bands = Counter(members_at_year_end(year, region_ids).values_list("employee_band", flat=True))
    sme = sum(bands[band] for band in SME_BANDS)
    large = sum(bands[band] for band in LARGE_BANDS)
    known = sme + large
    share = round(100 * sme / known) if known else None
    rows = [[label, bands[value]] for value, label in Organisation.EmployeeBand.choices]
    rows.append([_("Not stated"), bands[""]])
    return Figure(
        key="sme-share",
        title=_("Share of SMEs"),
        description=(
            _(
                "Members on 31 December %(year)s by employees. SMEs (fewer than 250 employees, "
                "as the EU defines them by staff) make up %(share)d %% of the %(known)d members "
                "that stated their size."
            )
            % {"year": year, "share": share, "known": known}
            if share is not None
            else _("Members on 31 December %(year)s by employees; none stated its size.")
            % {"year": year}
        ),
        columns=[_("Employees"), _("Members")],
        rows=rows,
        notes=[
            _("SMEs: %(sme)d, large organisations: %(large)d, not stated: %(unknown)d.")
            % {"sme": sme, "large": large, "unknown": bands[""]}
        ],
    )


def registrations_per_week(year, region_ids) -> tuple[Figure, Figure]:
    """How early people register: for all the year's events, and for each event."""
    events = list(
        year_events(year, region_ids)
        .annotate(registered=Count("registrations"))
        .filter(registered__gt=0)
        .order_by("start", "pk")
    )
    starts = {event.pk: event.start for event in events}
    per_event: dict[int, Counter] = {event.pk: Counter() for event in events}
    for event_id, created_at in Registration.objects.filter(event__in=events).values_list(
        "event_id", "created_at"
    ):
        days = (starts[event_id] - created_at).days
        per_event[event_id][min(max(days, 0) // 7, WEEKS_BEFORE)] += 1
    weeks = list(range(WEEKS_BEFORE, -1, -1))
    total = Counter()
    for counts in per_event.values():
        total.update(counts)

    def week_label(week: int) -> str:
        # Days 0–6 before the start are its last week, days 7–13 the second week before …
        if week == WEEKS_BEFORE:
            return _("week %(week)d or earlier") % {"week": week + 1}
        if week == 0:
            return _("last week")
        return _("week %(week)d before") % {"week": week + 1}

    summary = Figure(
        key="registrations-per-week",
        title=_("Registrations per week before the event"),
        description=_(
            "When people registered for the %(count)d events of %(year)s that had "
            "registrations: all registrations, whatever became of them, by the week before the "
            "event's start in which they came in."
        )
        % {"count": len(events), "year": year},
        columns=[_("Week before the event"), _("Registrations")],
        rows=[[week_label(week), total[week]] for week in weeks],
        vertical=True,
        chart_labels=[f"{week + 1}+" if week == WEEKS_BEFORE else str(week + 1) for week in weeks],
    )
    table = Figure(
        key="registrations-per-week-by-event",
        title=_("Registrations per week before each event"),
        description=_("The same, one row per event; the last column is the total."),
        columns=[
            _("Event"),
            *(week_label(week) for week in weeks),
            pgettext("sum", "Total"),
        ],
        rows=[
            [
                f"{event.title} ({_short_date(event.start)})",
                *(per_event[event.pk][week] for week in weeks),
                sum(per_event[event.pk].values()),
            ]
            for event in events
        ],
        chart_column=len(weeks) + 1,
    )
    return summary, table


def _short_date(moment) -> str:
    return date_format(timezone.localtime(moment), "SHORT_DATE_FORMAT")


def cooperations_by_country(year, region_ids) -> Figure:
    """Cooperations running in the year, by the countries involved (one may count for several)."""
    first, last = dt.date(year, 1, 1), dt.date(year, 12, 31)
    running = Cooperation.objects.filter(
        Q(started_on__isnull=True) | Q(started_on__lte=last),
        Q(ended_on__isnull=True) | Q(ended_on__gte=first),
    ).exclude(started_on__isnull=True, ended_on__isnull=True)
    if region_ids is not None:
        running = running.filter(partners__region__in=region_ids).distinct()
    counts = Counter(
        code for countries in running.values_list("countries", flat=True) for code in countries
    )
    names = dict(Country.choices)
    rows = sorted(
        ([str(names.get(code, code)), count] for code, count in counts.items()),
        key=lambda row: (-row[1], row[0]),
    )
    return Figure(
        key="cooperations-by-country",
        title=_("Cooperations by country"),
        description=_(
            "The %(count)d cooperations running in %(year)s (started by its end, not ended "
            "before it began), by the countries involved; a cooperation with several "
            "countries counts for each."
        )
        % {"count": running.count(), "year": year},
        columns=[_("Country"), _("Cooperations")],
        rows=rows,
    )


def build_report(year: int, region: Region | None, region_ids) -> Report:
    """Every figure for `year` within `region_ids` (None: everything)."""
    if region_ids is not None:
        region_ids = set(region_ids)
    weekly, weekly_by_event = registrations_per_week(year, region_ids)
    return Report(
        year=year,
        region=region,
        figures=[
            members_by_kind(year, region_ids),
            members_by_region(year, region_ids),
            new_members(year, region_ids),
            participants_by_kind(year, region_ids),
            sme_share(year, region_ids),
            weekly,
            weekly_by_event,
            cooperations_by_country(year, region_ids),
        ],
    )
