"""The page a visitor gets while the database is out of reach."""

import pytest
from django.db import OperationalError
from django.test import RequestFactory
from django.utils import translation

from cluster_portal import views


def answer_while_raising(error):
    request = RequestFactory().get("/mitglieder/")
    try:
        raise error
    except Exception:
        return views.server_error(request)


@pytest.mark.django_db
def test_unreachable_database_gives_a_translated_503_without_touching_it(
    django_assert_num_queries,
):
    with translation.override("de"), django_assert_num_queries(0):
        response = answer_while_raising(OperationalError("connection refused"))

    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert "Vorübergehend nicht erreichbar" in response.content.decode()


def test_other_errors_stay_a_500():
    assert answer_while_raising(ValueError("bug")).status_code == 500
