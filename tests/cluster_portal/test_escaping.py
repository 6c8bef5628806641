"""User-supplied text stays text: on pages, in e-mail headers, calendar files and CSV exports."""

import pytest
from django.urls import reverse
from django.utils import translation

from core.mail import send_mail_in_language
from events.calendar import calendar_bytes
from events.models import Registration
from members.models import Organisation
from tests import factories
from tests.factories import make_open_event, make_registration

pytestmark = pytest.mark.django_db

SCRIPT = '<script>alert("x")</script>'
ESCAPED = "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;"


@pytest.fixture(autouse=True)
def _german():
    with translation.override("de"):
        yield


def test_participant_organisation_with_html_is_escaped_on_the_event_page(client, region):
    event = make_open_event(region=region, capacity=10)
    make_registration(
        event,
        organisation_name=SCRIPT,
        show_organisation_publicly=True,
        status=Registration.Status.CONFIRMED,
    )

    response = client.get(event.get_absolute_url())

    assert ESCAPED in response.text
    assert SCRIPT not in response.text


def test_member_profile_escapes_description_and_contact_names(client, region):
    member = factories.make_organisation(
        name="Escape GmbH", slug="escape-gmbh", region=region, description=SCRIPT
    )
    member.contact_persons.create(name=SCRIPT, email="x@escape.example", is_public=True)

    response = client.get(member.get_absolute_url())

    assert response.status_code == 200
    assert ESCAPED in response.text
    assert SCRIPT not in response.text


def test_newlines_in_a_name_cannot_add_e_mail_headers(mailoutbox):
    hostile = "Evil GmbH\r\nBcc: victim@example.org\nX-Injected: yes"
    send_mail_in_language(
        template="members/email/application_received",
        to=["applicant@example.org"],
        language="de",
        context={"organisation": Organisation(name=hostile), "application": None},
    )

    message = mailoutbox[-1]
    assert "\n" not in message.subject and "\r" not in message.subject
    assert message.bcc == []
    raw = message.message()
    assert raw["Bcc"] is None and raw["X-Injected"] is None
    assert "Evil GmbH Bcc: victim@example.org" in message.subject


def test_calendar_file_escapes_newlines_commas_and_semicolons(region):
    event = make_open_event(region=region, title="Treffen\nBEGIN:VEVENT, mit; Trick")

    content = calendar_bytes([event]).decode()

    unfolded = content.replace("\r\n ", "")
    summary = next(line for line in unfolded.splitlines() if line.startswith("SUMMARY"))
    assert summary == "SUMMARY:Treffen\\nBEGIN:VEVENT\\, mit\\; Trick"
    assert unfolded.count("BEGIN:VEVENT") == 2  # the real one and the escaped text


@pytest.mark.parametrize("formula", ['=HYPERLINK("http://evil")', "+1+1", "-2+3", "@SUM(A1)"])
def test_participant_csv_neutralises_formulas(admin_client, region, formula):
    event = make_open_event(region=region, capacity=10)
    make_registration(event, name=formula, status=Registration.Status.CONFIRMED)

    response = admin_client.get(reverse("admin:events_event_participants_csv", args=[event.pk]))

    text = response.content.decode("utf-8-sig")
    assert f"'{formula}" in text.replace('""', '"')
    assert f";{formula}" not in text and not text.splitlines()[1].startswith(formula)


def test_member_csv_export_neutralises_formulas(admin_client, region):
    member = factories.make_organisation(name="=cmd|' /C calc'!A0", region=region, city="@city")
    export = reverse("admin:members_organisation_export")
    form = admin_client.get(export).context["form"]
    columns = {name: "on" for name, field in form.fields.items() if name.startswith("organ")}

    response = admin_client.post(export, {"format": "0", "resource": "0", **columns})

    text = response.content.decode("utf-8-sig")
    assert response["Content-Type"].startswith("text/csv")
    assert member.slug in text
    assert "'=cmd" in text and "'@city" in text
    assert ",=cmd" not in text and ",@city" not in text


def test_personal_data_csv_neutralises_formulas(client, region):
    from django.contrib.auth.models import Permission, User

    user = User.objects.create_user("dsb", password="x", is_staff=True)
    user.user_permissions.add(Permission.objects.get(codename="manage_personal_data"))
    client.force_login(user)
    make_registration(make_open_event(region=region), email="eva@example.org", name="=1+2")

    response = client.post(
        "/admin/core/erasurerecord/personal-data/",
        {"email": "eva@example.org", "action": "csv"},
    )

    assert ";'=1+2" in response.content.decode("utf-8-sig")
