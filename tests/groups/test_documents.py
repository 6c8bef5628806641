"""Minutes and documents: only through a member's own link, for its own group, while it is a
member; uploads are checked by type and size."""

import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from core import links
from groups import services
from groups.apps import DOCUMENTS_PURPOSE
from groups.models import GroupMembership
from groups.validation import validate_document
from tests.factories import make_group, make_group_document, make_group_membership
from tests.factories.groups import PDF_BYTES

pytestmark = pytest.mark.django_db
Status = GroupMembership.Status


@pytest.fixture
def group():
    return make_group(name="Arbeitsgruppe Telemedizin", slug="ag-telemedizin")


@pytest.fixture
def membership(group):
    return make_group_membership(group)


def documents_path(membership, language="de"):
    token = services.documents_token(membership)
    if language == "en":
        return f"/en/working-groups/{membership.group.slug}/documents/{token}/"
    return f"/arbeitsgruppen/{membership.group.slug}/unterlagen/{token}/"


def test_a_member_opens_the_documents_with_its_own_link_and_downloads_one(
    client, group, membership
):
    document = make_group_document(group, title="Protokoll März")
    make_group_document(make_group(), title="Protokoll einer anderen Gruppe")

    response = client.get(documents_path(membership))

    assert response.status_code == 200
    assert "Protokoll März" in response.text
    assert "Protokoll einer anderen Gruppe" not in response.text
    assert response["Cache-Control"] == "private, no-store"
    assert response["Referrer-Policy"] == "no-referrer"
    assert 'name="robots" content="noindex, nofollow"' in response.text
    download = client.get(f"{documents_path(membership)}{document.pk}/")
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == PDF_BYTES
    assert "attachment" in download["Content-Disposition"]
    assert download["Cache-Control"] == "private, no-store"


def test_the_documents_page_in_english(client, group, membership):
    make_group_document(group, title_en="Minutes of March")
    page = client.get(documents_path(membership, "en")).text
    assert '<html lang="en"' in page and "Minutes of March" in page


def test_without_a_link_there_are_no_documents(client, group, membership):
    document = make_group_document(group)
    assert client.get(f"/arbeitsgruppen/{group.slug}/unterlagen/").status_code == 404
    page = client.get(group.get_absolute_url()).text
    assert document.file.url not in page and document.title not in page


def test_a_link_of_another_group_opens_nothing_here(client, group):
    other_membership = make_group_membership(make_group(slug="andere-gruppe"))
    make_group_document(group)
    token = services.documents_token(other_membership)
    response = client.get(f"/arbeitsgruppen/{group.slug}/unterlagen/{token}/")
    assert response.status_code == 404
    english = client.get(f"/en/working-groups/{group.slug}/documents/{token}/")
    assert english.status_code == 404 and '<html lang="en"' in english.text


def test_another_groups_document_cannot_be_fetched_with_this_link(client, membership):
    foreign = make_group_document(make_group())
    assert client.get(f"{documents_path(membership)}{foreign.pk}/").status_code == 404


def test_an_ended_membership_gets_a_clear_403_in_its_language(client, group, membership):
    document = make_group_document(group)
    services.end_membership(membership=membership, reason="Austritt aus dem Netzwerk")

    response = client.get(documents_path(membership))
    english = client.get(documents_path(membership, "en"))
    download = client.get(f"{documents_path(membership)}{document.pk}/")

    assert response.status_code == 403
    assert "nicht mehr Mitglied dieser Arbeitsgruppe" in response.text
    assert english.status_code == 403
    assert "no longer a member of this working group" in english.text
    assert download.status_code == 403


def test_a_request_not_yet_accepted_has_no_documents(client, group):
    requested = make_group_membership(group, status=Status.REQUESTED)
    assert client.get(documents_path(requested)).status_code == 403


def test_a_tampered_link_says_so(client, membership):
    path = documents_path(membership)
    token = path.rstrip("/").rsplit("/", 1)[1]
    tampered = path.replace(token, token[:-3] + ("aaa" if token[-3:] != "aaa" else "bbb"))
    response = client.get(tampered)
    assert response.status_code == 400
    assert "Dieser Link ist ungültig" in response.text


def test_a_link_older_than_a_year_has_expired(client, membership, monkeypatch):
    path = documents_path(membership)
    monkeypatch.setattr(
        "core.links.PURPOSES",
        {**links.PURPOSES, DOCUMENTS_PURPOSE: links.LinkPurpose(DOCUMENTS_PURPOSE, max_age=-1)},
    )
    response = client.get(path)
    assert response.status_code == 410
    assert "abgelaufen" in response.text


def test_the_link_is_the_memberships_own(group):
    first, second = make_group_membership(group), make_group_membership(group)
    assert services.documents_token(first) != services.documents_token(second)


def test_a_member_can_be_sent_its_link_again(group, membership, mailoutbox):
    services.send_documents_link(membership=membership)
    [mail] = mailoutbox
    assert mail.to == [membership.contact_email]
    assert f"/arbeitsgruppen/{group.slug}/unterlagen/" in mail.body


# Uploads -------------------------------------------------------------------------------------


def upload(name, content):
    return SimpleUploadedFile(name, content)


def office_bytes(member="[Content_Types].xml"):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(member, "<Types/>")
    return buffer.getvalue()


def test_pdf_and_office_documents_are_accepted():
    validate_document(upload("protokoll.pdf", PDF_BYTES))
    validate_document(upload("liste.xlsx", office_bytes()))
    validate_document(upload("bericht.odt", office_bytes("mimetype")))


@pytest.mark.parametrize(
    ("name", "content", "code"),
    [
        ("protokoll.pdf", b"<html><script>alert(1)</script></html>", "invalid_pdf"),
        ("bericht.docx", PDF_BYTES, "invalid_document"),
        ("programm.exe", b"MZ\x90\x00", "invalid_extension"),
        ("bild.svg", b"<svg/>", "invalid_extension"),
        ("gross.pdf", b"%PDF-" + b"0" * (4 * 1024 * 1024 + 1), "file_too_large"),
    ],
)
def test_disguised_and_oversized_files_are_refused(name, content, code):
    with pytest.raises(ValidationError) as error:
        validate_document(upload(name, content))
    assert error.value.code == code


def test_the_admin_refuses_a_disguised_document_and_stores_nothing(admin_client, group):
    response = admin_client.post(
        f"/admin/groups/workinggroup/{group.pk}/change/",
        {
            "name_de": group.name,
            "slug": group.slug,
            "topic_de": group.topic,
            "region": group.region_id,
            "spokesperson_name": group.spokesperson_name,
            "spokesperson_organisation": group.spokesperson_organisation,
            "is_published": "on",
            "meetings-TOTAL_FORMS": "0",
            "meetings-INITIAL_FORMS": "0",
            "documents-TOTAL_FORMS": "1",
            "documents-INITIAL_FORMS": "0",
            "documents-0-date": "2026-11-30",
            "documents-0-kind": "minutes",
            "documents-0-title_de": "Protokoll",
            "documents-0-file": upload("protokoll.pdf", b"not a pdf at all"),
            "memberships-TOTAL_FORMS": "0",
            "memberships-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 200
    assert "Diese Datei ist kein PDF-Dokument." in response.text
    assert not group.documents.exists()
