"""pg_trgm's similarity functions declared at their real cost, so that PostgreSQL searches
through the trigram indexes (core.textsearch.declare_trigram_costs, run after migrate)."""

import logging

import pytest
from django.db import connection

from core.textsearch import TRIGRAM_FUNCTION_COST, TRIGRAM_FUNCTIONS, declare_trigram_costs

pytestmark = pytest.mark.django_db


def costs() -> dict[str, float]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT proname, procost FROM pg_proc WHERE proname = ANY(%s)",
            [list(TRIGRAM_FUNCTIONS)],
        )
        return dict(cursor.fetchall())


def test_migrate_declares_the_trigram_similarity_functions_at_their_real_cost():
    assert costs() == dict.fromkeys(TRIGRAM_FUNCTIONS, TRIGRAM_FUNCTION_COST)


def test_a_role_that_may_not_alter_the_functions_gets_a_warning_and_working_searches(caplog):
    # As on a managed database, where the extension belongs to the provider's administrator.
    with connection.cursor() as cursor:
        cursor.execute("ALTER FUNCTION word_similarity_commutator_op(text, text) COST 1")
        cursor.execute("CREATE ROLE portal_without_extension_rights")
        cursor.execute("SET LOCAL ROLE portal_without_extension_rights")

    with caplog.at_level(logging.WARNING, logger="core.textsearch"):
        declared = declare_trigram_costs()

    with connection.cursor() as cursor:
        cursor.execute("RESET ROLE")
    assert declared is False
    assert "ALTER FUNCTION word_similarity_commutator_op" in caplog.text
    assert costs()["word_similarity_commutator_op"] == 1


def test_declaring_again_changes_nothing_already_declared():
    with connection.cursor() as cursor:
        cursor.execute("ALTER FUNCTION word_similarity_op(text, text) COST 1")

    assert declare_trigram_costs() is True
    assert costs() == dict.fromkeys(TRIGRAM_FUNCTIONS, TRIGRAM_FUNCTION_COST)
