"""Assigns accepted B2B meetings to time slots and tables.

The schedule must never double-book: a participant sits in at most one meeting per slot
(MeetingSeat's unique (slot, registration)) and a table hosts at most one meeting per slot
(Meeting's unique (slot, table)). The database enforces both; the scheduler plans so that
they always hold.

Placement is greedy in the order the meetings were requested (first asked, first served),
searching every slot from the earliest: a meeting goes to the first slot in which both
participants are free and a table is free. When no such slot exists, the scheduler tries to
make room by moving one meeting placed in the same run to another slot where it fits.
Meetings placed before (by an earlier run or by a manager in the admin) keep their places, so
that a rerun after new acceptances does not shuffle schedules participants have printed.
The same data always yield the same schedule.
"""

from collections import defaultdict
from dataclasses import dataclass, field

from django.db import transaction

from core.allocation import lock_for_allocation
from events.models import Event, Registration

from .models import Meeting, MeetingSeat, MeetingSlot, MeetingTable


@dataclass
class ScheduleResult:
    placed: list[Meeting] = field(default_factory=list)
    kept: list[Meeting] = field(default_factory=list)
    unplaced: list[Meeting] = field(default_factory=list)


class _Plan:
    """Who sits where in which slot, while planning (in memory)."""

    def __init__(self, slots, tables):
        self.slots = slots
        self.tables = tables
        self.people = defaultdict(set)  # slot pk -> registration pks busy
        self.tables_taken = defaultdict(set)  # slot pk -> table pks taken
        self.at = {}  # (slot pk, registration pk) -> meeting

    def people_free(self, slot, meeting) -> bool:
        busy = self.people[slot.pk]
        return meeting.requester_id not in busy and meeting.recipient_id not in busy

    def free_table(self, slot):
        return next((t for t in self.tables if t.pk not in self.tables_taken[slot.pk]), None)

    def put(self, meeting, slot, table):
        meeting.slot, meeting.table = slot, table
        self.people[slot.pk] |= {meeting.requester_id, meeting.recipient_id}
        self.tables_taken[slot.pk].add(table.pk)
        for person in (meeting.requester_id, meeting.recipient_id):
            self.at[(slot.pk, person)] = meeting

    def take(self, meeting):
        slot = meeting.slot
        self.people[slot.pk] -= {meeting.requester_id, meeting.recipient_id}
        self.tables_taken[slot.pk].discard(meeting.table_id)
        for person in (meeting.requester_id, meeting.recipient_id):
            self.at.pop((slot.pk, person), None)
        meeting.slot, meeting.table = None, None

    def first_fit(self, meeting, *, avoid=None):
        """The earliest (slot, table) where the meeting fits, or None."""
        for slot in self.slots:
            if slot is avoid or not self.people_free(slot, meeting):
                continue
            table = self.free_table(slot)
            if table is not None:
                return slot, table
        return None

    def place_with_move(self, meeting) -> bool:
        """Make room by moving one blocking meeting elsewhere; True if the meeting got placed."""
        for slot in self.slots:
            blockers = {
                self.at[(slot.pk, person)]
                for person in (meeting.requester_id, meeting.recipient_id)
                if (slot.pk, person) in self.at
            }
            if len(blockers) > 1:
                continue
            if not blockers:
                # Both are free but every table is taken: move any meeting of the slot away.
                candidates = sorted(
                    {m for (s, _p), m in self.at.items() if s == slot.pk},
                    key=lambda m: (m.created_at, m.pk),
                    reverse=True,
                )
            else:
                candidates = list(blockers)
            for blocker in candidates:
                if getattr(blocker, "_pinned", False):
                    continue
                old_slot, old_table = blocker.slot, blocker.table
                self.take(blocker)
                elsewhere = self.first_fit(blocker, avoid=slot)
                if elsewhere is not None:
                    self.put(blocker, *elsewhere)
                    here = self.first_fit(meeting)
                    if here is not None:
                        self.put(meeting, *here)
                        return True
                    self.take(blocker)
                self.put(blocker, old_slot, old_table)
        return False

    def reason(self, meeting) -> str:
        if not self.slots or not self.tables:
            return Meeting.Unplaced.NO_SLOTS
        if any(self.people_free(slot, meeting) for slot in self.slots):
            return Meeting.Unplaced.NO_TABLE
        return Meeting.Unplaced.NO_COMMON_SLOT


@transaction.atomic
def schedule_meetings(*, event: Event) -> ScheduleResult:
    """Place every accepted, not yet placed meeting of the event; explain the ones that fail."""
    event = lock_for_allocation(Event, event.pk)
    slots = list(MeetingSlot.objects.filter(event=event).order_by("start", "pk"))
    tables = list(MeetingTable.objects.filter(event=event).order_by("position", "name", "pk"))
    meetings = list(
        Meeting.objects.filter(event=event)
        .select_related("requester", "recipient", "slot", "table")
        .order_by("created_at", "pk")
    )
    before = {m.pk: (m.slot_id, m.table_id, m.unplaced_reason) for m in meetings}
    confirmed = Registration.Status.CONFIRMED
    result = ScheduleResult()
    plan = _Plan(slots, tables)
    waiting = []
    for meeting in meetings:
        if meeting.status != Meeting.Status.ACCEPTED:
            meeting.slot = meeting.table = None
            meeting.unplaced_reason = ""
            continue
        if meeting.requester.status != confirmed or meeting.recipient.status != confirmed:
            meeting.slot = meeting.table = None
            meeting.unplaced_reason = Meeting.Unplaced.NOT_CONFIRMED
            result.unplaced.append(meeting)
            continue
        if meeting.slot_id:
            # A manager may have placed it by hand: it stays where it is.
            meeting._pinned = True
            plan.put(meeting, meeting.slot, meeting.table)
            result.kept.append(meeting)
        else:
            waiting.append(meeting)
    for meeting in waiting:
        spot = plan.first_fit(meeting)
        if spot is not None:
            plan.put(meeting, *spot)
        elif not plan.place_with_move(meeting):
            meeting.unplaced_reason = plan.reason(meeting)
            result.unplaced.append(meeting)
            continue
        meeting.unplaced_reason = ""
        result.placed.append(meeting)
    _store(meetings, before)
    return result


def _store(meetings, before):
    """Write what changed: empty those places first, so no unique constraint sees a half-move.

    Unchanged meetings (and their seats) are left alone, so a rerun changes nothing.
    """
    changed = [m for m in meetings if before[m.pk] != (m.slot_id, m.table_id, m.unplaced_reason)]
    if not changed:
        return
    Meeting.objects.filter(pk__in=[m.pk for m in changed]).update(slot=None, table=None)
    MeetingSeat.objects.filter(meeting__in=changed).delete()
    seats = []
    for meeting in changed:
        Meeting.objects.filter(pk=meeting.pk).update(
            slot=meeting.slot, table=meeting.table, unplaced_reason=meeting.unplaced_reason
        )
        if meeting.slot is not None:
            seats += [
                MeetingSeat(meeting=meeting, registration_id=person, slot=meeting.slot)
                for person in (meeting.requester_id, meeting.recipient_id)
            ]
    MeetingSeat.objects.bulk_create(seats)
