"""The tests' factories have one home, tests/factories/, and each name means one thing."""

import ast
from collections import Counter
from pathlib import Path

from tests import factories

TESTS = Path(__file__).parent
HOME = TESTS / "factories"
# make_* functions elsewhere that build no rows, with the reason.
NOT_FACTORIES = {"make_root": "a folder for a throw-away PostgreSQL cluster (test_localdb.py)"}


def functions(path: Path) -> list[str]:
    tree = ast.parse(path.read_text())
    return [
        node.name
        for node in ast.walk(tree)
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
    ]


def test_every_make_function_lives_in_the_factories_package():
    elsewhere = {
        f"{path.relative_to(TESTS)}: {name}"
        for path in TESTS.rglob("*.py")
        if HOME not in path.parents
        for name in functions(path)
        if name.startswith("make_") and name not in NOT_FACTORIES
    }
    assert not elsewhere


def test_no_two_factories_share_a_name():
    names = Counter(
        name
        for path in HOME.glob("*.py")
        for name in functions(path)
        if not name.startswith("_") and path.name != "autofill.py"
    )
    assert [name for name, count in names.items() if count > 1] == []


def test_every_factory_is_reachable_from_the_package():
    public = {
        name
        for path in HOME.glob("*.py")
        if path.name not in {"__init__.py", "autofill.py"}
        for name in functions(path)
        if not name.startswith("_")
    }
    assert public <= set(factories.__all__)
