"""Managers set slots and tables, run the scheduler and adjust the schedule in the admin."""

from b2b.models import Meeting, MeetingSeat
from b2b.scheduler import schedule_meetings
from tests.factories import make_accepted_meeting, make_participant, make_slots, make_tables


def change_url(meeting):
    return f"/admin/b2b/meeting/{meeting.pk}/change/"


def move(admin_client, meeting, slot, table):
    return admin_client.post(
        change_url(meeting),
        {
            "status": meeting.status,
            "message": meeting.message,
            "slot": slot.pk if slot else "",
            "table": table.pk if table else "",
        },
    )


def test_manager_runs_the_scheduler_and_sees_what_could_not_be_placed(admin_client, b2b_event):
    make_slots(b2b_event, 1)
    make_tables(b2b_event, 2)
    anna, ben, carla = (make_participant(b2b_event, n) for n in ["Anna", "Ben", "Carla"])
    make_accepted_meeting(anna, ben, minutes_ago=20)
    left_over = make_accepted_meeting(anna, carla, minutes_ago=10)
    response = admin_client.post(
        "/admin/b2b/b2bexchange/",
        {"action": "run_scheduler", "_selected_action": [b2b_event.pk]},
        follow=True,
    )
    page = response.content.decode()
    assert "1 Gespräche neu eingeplant" in page
    assert "Nicht eingeplant: Anna ↔ Carla" in page
    assert "keinen gemeinsamen freien Zeitpunkt" in page
    detail = admin_client.get(f"/admin/b2b/b2bexchange/{b2b_event.pk}/change/")
    assert detail.status_code == 200
    assert str(left_over) in detail.content.decode()


def test_manager_moves_a_meeting_to_a_free_slot_and_table(admin_client, b2b_event):
    first_slot, second_slot = make_slots(b2b_event, 2)
    table_1, table_2 = make_tables(b2b_event, 2)
    anna, ben = make_participant(b2b_event, "Anna"), make_participant(b2b_event, "Ben")
    meeting = make_accepted_meeting(anna, ben)
    response = move(admin_client, meeting, second_slot, table_2)
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert (meeting.slot, meeting.table) == (second_slot, table_2)
    assert set(MeetingSeat.objects.values_list("registration_id", "slot_id")) == {
        (anna.pk, second_slot.pk),
        (ben.pk, second_slot.pk),
    }


def test_moving_a_participant_into_a_busy_slot_is_refused_with_a_message(admin_client, b2b_event):
    (slot,) = make_slots(b2b_event, 1)
    table_1, table_2 = make_tables(b2b_event, 2)
    anna, ben, carla = (make_participant(b2b_event, n) for n in ["Anna", "Ben", "Carla"])
    make_accepted_meeting(anna, ben, minutes_ago=20)
    second = make_accepted_meeting(anna, carla, minutes_ago=10)
    schedule_meetings(event=b2b_event)
    response = move(admin_client, second, slot, table_2)
    assert response.status_code == 200
    assert "hat in diesem Zeitfenster schon ein Gespräch" in response.content.decode()
    second.refresh_from_db()
    assert second.slot is None


def test_putting_two_meetings_at_one_table_is_refused_with_a_message(admin_client, b2b_event):
    (slot,) = make_slots(b2b_event, 1)
    (table,) = make_tables(b2b_event, 1)
    a, b, c, d = (make_participant(b2b_event, n) for n in ["A", "B", "C", "D"])
    first = make_accepted_meeting(a, b)
    second = make_accepted_meeting(c, d)
    assert move(admin_client, first, slot, table).status_code == 302
    response = move(admin_client, second, slot, table)
    assert response.status_code == 200
    assert "schon mit einem anderen Gespräch belegt" in response.content.decode()
    assert Meeting.objects.filter(slot=slot).count() == 1


def test_admin_lists_of_the_b2b_back_office_open(admin_client, b2b_event):
    make_slots(b2b_event, 2)
    make_tables(b2b_event, 2)
    make_accepted_meeting(make_participant(b2b_event, "A"), make_participant(b2b_event, "B"))
    for path in [
        "/admin/b2b/b2bexchange/",
        "/admin/b2b/meeting/",
        "/admin/b2b/b2bprofile/",
    ]:
        assert admin_client.get(path).status_code == 200, path
