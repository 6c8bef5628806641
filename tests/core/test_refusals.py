"""One error base for rules that refuse a change (core/refusals.py)."""

import ast
from pathlib import Path

import pytest
from django.utils import translation

from b2b import services as b2b_services
from core import refusals
from core.refusals import RuleRefused
from events import services as event_services
from members import services as member_services
from partnering import services as partnering_services
from stands import services as stand_services


@pytest.mark.parametrize(
    "error",
    [
        event_services.RegistrationError,
        event_services.NoPlaceLeft,
        stand_services.StandError,
        stand_services.StandFull,
        member_services.DecisionError,
        partnering_services.TransitionError,
        b2b_services.B2BError,
    ],
)
def test_every_refusal_of_the_services_is_a_rule_refused_with_a_message(error):
    assert issubclass(error, RuleRefused)
    with translation.override("de"):
        assert str(error().message)


def test_a_refusal_speaks_the_language_where_it_is_shown():
    refusal = event_services.NoPlaceLeft()
    with translation.override("de"):
        assert str(refusal) == "Für diese Veranstaltung ist kein Platz frei."
    with translation.override("en"):
        assert str(refusal) == "There is no free place for this event."
        assert str(refusal.message) == "There is no free place for this event."


def test_a_service_gives_its_own_message():
    refusal = member_services.DecisionError("Schon entschieden.")
    assert refusal.message == "Schon entschieden."
    assert str(refusal) == "Schon entschieden."


def test_the_refusals_module_imports_no_feature_app():
    tree = ast.parse(Path(refusals.__file__).read_text())
    imported = {
        alias.name if isinstance(node, ast.Import) else node.module
        for node in ast.walk(tree)
        if isinstance(node, ast.Import | ast.ImportFrom)
        for alias in node.names
    }
    assert all(name.split(".")[0] == "django" for name in imported), imported
