"""The meeting scheduler: nobody double-booked, every accepted meeting placed where slots allow."""

from collections import Counter

import pytest
from django.db import IntegrityError, transaction

from b2b.models import Meeting, MeetingSeat
from b2b.scheduler import schedule_meetings
from events.models import Registration
from tests.factories import make_accepted_meeting, make_participant, make_slots, make_tables


def assert_no_double_booking(event):
    placed = list(Meeting.objects.filter(event=event, slot__isnull=False))
    tables = Counter((m.slot_id, m.table_id) for m in placed)
    people = Counter(
        (m.slot_id, person) for m in placed for person in (m.requester_id, m.recipient_id)
    )
    assert max(tables.values(), default=1) == 1
    assert max(people.values(), default=1) == 1
    # The seats mirror the schedule, one per person and meeting.
    assert MeetingSeat.objects.filter(meeting__event=event).count() == 2 * len(placed)


def test_every_accepted_meeting_is_placed_when_slots_allow(b2b_event):
    make_slots(b2b_event, 4)
    make_tables(b2b_event, 2)
    people = [make_participant(b2b_event, f"Person {n}") for n in range(6)]
    pairs = [(0, 1), (0, 2), (0, 3), (1, 2), (3, 4), (4, 5), (2, 5), (1, 3)]
    meetings = [
        make_accepted_meeting(people[a], people[b], minutes_ago=100 - n)
        for n, (a, b) in enumerate(pairs)
    ]
    result = schedule_meetings(event=b2b_event)
    assert result.unplaced == []
    assert len(result.placed) == len(meetings)
    assert not Meeting.objects.filter(event=b2b_event, slot__isnull=True).exists()
    assert_no_double_booking(b2b_event)


def test_first_requested_meeting_gets_the_first_slot(b2b_event):
    first_slot, second_slot = make_slots(b2b_event, 2)
    make_tables(b2b_event, 1)
    anna, ben, carla = (make_participant(b2b_event, n) for n in ["Anna", "Ben", "Carla"])
    later = make_accepted_meeting(anna, carla, minutes_ago=5)
    earlier = make_accepted_meeting(anna, ben, minutes_ago=50)
    schedule_meetings(event=b2b_event)
    earlier.refresh_from_db()
    later.refresh_from_db()
    assert earlier.slot == first_slot
    assert later.slot == second_slot


def test_more_meetings_for_one_person_than_slots_leaves_a_clear_message(b2b_event):
    make_slots(b2b_event, 2)
    make_tables(b2b_event, 3)
    busy = make_participant(b2b_event, "Viel Gefragt")
    others = [make_participant(b2b_event, f"Gast {n}") for n in range(3)]
    meetings = [
        make_accepted_meeting(other, busy, minutes_ago=30 - n) for n, other in enumerate(others)
    ]
    result = schedule_meetings(event=b2b_event)
    assert len(result.placed) == 2
    assert result.unplaced == [meetings[2]]
    last = Meeting.objects.get(pk=meetings[2].pk)
    assert last.slot is None
    assert last.unplaced_reason == Meeting.Unplaced.NO_COMMON_SLOT
    assert "keinen gemeinsamen freien" in str(last.get_unplaced_reason_display())
    assert_no_double_booking(b2b_event)


def test_too_few_tables_says_no_table_is_free(b2b_event):
    make_slots(b2b_event, 1)
    make_tables(b2b_event, 1)
    a, b, c, d = (make_participant(b2b_event, n) for n in ["A", "B", "C", "D"])
    make_accepted_meeting(a, b, minutes_ago=10)
    second = make_accepted_meeting(c, d, minutes_ago=5)
    result = schedule_meetings(event=b2b_event)
    assert result.unplaced == [second]
    second.refresh_from_db()
    assert second.unplaced_reason == Meeting.Unplaced.NO_TABLE


def test_an_event_without_slots_says_so(b2b_event):
    meeting = make_accepted_meeting(
        make_participant(b2b_event, "A"), make_participant(b2b_event, "B")
    )
    schedule_meetings(event=b2b_event)
    meeting.refresh_from_db()
    assert meeting.unplaced_reason == Meeting.Unplaced.NO_SLOTS


def test_scheduler_moves_an_earlier_meeting_to_make_room(b2b_event):
    # Greedy alone would put A–B into slot 1 and leave A–C without a place: C is only free
    # in slot 1, because C already meets D in slot 2 (placed by a manager).
    slot_1, slot_2 = make_slots(b2b_event, 2)
    table_1, table_2 = make_tables(b2b_event, 2)
    a, b, c, d = (make_participant(b2b_event, n) for n in ["A", "B", "C", "D"])
    pinned = make_accepted_meeting(c, d, minutes_ago=90)
    pinned.slot, pinned.table = slot_2, table_1
    pinned.save()
    MeetingSeat.objects.bulk_create(
        MeetingSeat(meeting=pinned, registration=p, slot=slot_2) for p in (c, d)
    )
    first = make_accepted_meeting(a, b, minutes_ago=60)
    second = make_accepted_meeting(a, c, minutes_ago=30)
    result = schedule_meetings(event=b2b_event)
    assert result.unplaced == []
    for meeting in (pinned, first, second):
        meeting.refresh_from_db()
    assert pinned.slot == slot_2  # a manager's placement stays
    assert second.slot == slot_1
    assert first.slot == slot_2
    assert_no_double_booking(b2b_event)


def test_scheduling_is_deterministic_and_a_rerun_changes_nothing(b2b_event):
    make_slots(b2b_event, 3)
    make_tables(b2b_event, 2)
    people = [make_participant(b2b_event, f"P{n}") for n in range(5)]
    for n, (a, b) in enumerate([(0, 1), (2, 3), (0, 4), (1, 2), (3, 4), (0, 2)]):
        make_accepted_meeting(people[a], people[b], minutes_ago=60 - n)
    schedule_meetings(event=b2b_event)
    before = list(Meeting.objects.values_list("pk", "slot_id", "table_id"))
    seats = list(MeetingSeat.objects.values_list("pk", flat=True))
    result = schedule_meetings(event=b2b_event)
    assert result.placed == []
    assert list(Meeting.objects.values_list("pk", "slot_id", "table_id")) == before
    assert list(MeetingSeat.objects.values_list("pk", flat=True)) == seats


def test_only_accepted_meetings_of_confirmed_participants_are_placed(b2b_event):
    make_slots(b2b_event, 2)
    make_tables(b2b_event, 2)
    a, b, c = (make_participant(b2b_event, n) for n in ["A", "B", "C"])
    requested = Meeting.objects.create(event=b2b_event, requester=a, recipient=b)
    cancelled_partner = make_accepted_meeting(a, c)
    c.status = Registration.Status.CANCELLED
    c.save()
    result = schedule_meetings(event=b2b_event)
    assert result.placed == []
    requested.refresh_from_db()
    cancelled_partner.refresh_from_db()
    assert requested.slot is None
    assert cancelled_partner.unplaced_reason == Meeting.Unplaced.NOT_CONFIRMED


def test_database_refuses_a_person_in_two_meetings_in_one_slot(b2b_event):
    (slot,) = make_slots(b2b_event, 1)
    make_tables(b2b_event, 2)
    a, b, c = (make_participant(b2b_event, n) for n in ["A", "B", "C"])
    first, second = make_accepted_meeting(a, b), make_accepted_meeting(a, c)
    MeetingSeat.objects.create(meeting=first, registration=a, slot=slot)
    with pytest.raises(IntegrityError), transaction.atomic():
        MeetingSeat.objects.create(meeting=second, registration=a, slot=slot)


def test_database_refuses_two_meetings_at_one_table_in_one_slot(b2b_event):
    (slot,) = make_slots(b2b_event, 1)
    (table,) = make_tables(b2b_event, 1)
    a, b, c, d = (make_participant(b2b_event, n) for n in ["A", "B", "C", "D"])
    first, second = make_accepted_meeting(a, b), make_accepted_meeting(c, d)
    Meeting.objects.filter(pk=first.pk).update(slot=slot, table=table)
    with pytest.raises(IntegrityError), transaction.atomic():
        Meeting.objects.filter(pk=second.pk).update(slot=slot, table=table)
