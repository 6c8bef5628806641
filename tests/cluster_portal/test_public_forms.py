import pytest
from django import forms
from django.core.exceptions import NON_FIELD_ERRORS
from django.utils import timezone

from legal.forms import HONEYPOT_FIELD, PublicFormMixin
from legal.models import LegalPage

pytestmark = pytest.mark.django_db


class ContactForm(PublicFormMixin, forms.Form):
    email = forms.EmailField()


@pytest.fixture
def privacy_notice():
    return LegalPage.objects.create(
        kind=LegalPage.Kind.PRIVACY,
        version=3,
        title="Datenschutz",
        body="…",
        published_at=timezone.now(),
    )


def test_public_form_requires_consent_to_the_privacy_notice(privacy_notice):
    form = ContactForm(data={"email": "a@example.org"})
    assert not form.is_valid()
    assert "privacy_consent" in form.errors


def test_consent_records_the_current_privacy_notice_version(privacy_notice):
    LegalPage.objects.create(kind=LegalPage.Kind.PRIVACY, version=4, title="Entwurf", body="…")
    form = ContactForm(data={"email": "a@example.org", "privacy_consent": "on"})
    assert form.is_valid(), form.errors
    values = form.consent_values()
    assert values["privacy_notice"] == privacy_notice  # the unpublished draft does not count
    assert values["consented_at"] is not None


def test_a_filled_honeypot_is_refused_with_a_neutral_message(privacy_notice):
    form = ContactForm(
        data={"email": "a@example.org", "privacy_consent": "on", HONEYPOT_FIELD: "http://spam"}
    )
    assert not form.is_valid()
    assert form.has_error(NON_FIELD_ERRORS, "honeypot")
    assert "konnte nicht angenommen werden" in str(form.non_field_errors())


def test_consent_label_links_the_privacy_notice(privacy_notice):
    html = str(ContactForm()["privacy_consent"].label_tag())
    assert 'href="/datenschutz/"' in html
