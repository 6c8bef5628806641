"""The kernel knows no feature app: no module of `core` imports one, not even inside a function.

The check reads the source (ast), so that an import hidden in a function body, a conditional
or a `TYPE_CHECKING` block counts as much as one at the top, and so does a module named to
`importlib.import_module()` or `__import__()` as a literal, or a model named to
`apps.get_model()`. The feature apps are the portal's apps (settings.PORTAL_APPS) other than
core; the project package and the benchmark are no business of the kernel either.
"""

import ast
from pathlib import Path

import pytest
from django.conf import settings

import core

CORE = Path(core.__file__).resolve().parent
FORBIDDEN = {app for app in settings.PORTAL_APPS if app != "core"} | {
    "cluster_portal",
    "bench",
    "tests",
}
DYNAMIC_IMPORTS = {"import_module", "__import__"}


def _name(func) -> str:
    if isinstance(func, ast.Name):
        return func.id
    if isinstance(func, ast.Attribute):
        return func.attr
    return ""


def _literal(node) -> str | None:
    return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else None


def imports_of(source: str, package: str) -> list[tuple[int, str]]:
    """(line, module) of every import in `source`, a module of `package`, relative ones
    resolved; plus literal module names given to import_module()/__import__() and literal app
    labels given to get_model()."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                parts = package.split(".")
                if node.level > len(parts):
                    found.append((node.lineno, "." * node.level + (node.module or "")))
                    continue
                base = ".".join(parts[: len(parts) - node.level + 1])
                found.append((node.lineno, f"{base}.{node.module}" if node.module else base))
            else:
                found.append((node.lineno, node.module))
        elif isinstance(node, ast.Call) and node.args:
            name, first = _name(node.func), _literal(node.args[0])
            if first is None:
                continue
            if name in DYNAMIC_IMPORTS:
                found.append((node.lineno, first))
            elif name == "get_model":
                found.append((node.lineno, first.split(".")[0]))
    return found


def forbidden_imports(source: str, package: str) -> list[tuple[int, str]]:
    return [
        (line, module)
        for line, module in imports_of(source, package)
        if module.split(".")[0] in FORBIDDEN or module.startswith(".")
    ]


def kernel_modules():
    for path in sorted(CORE.rglob("*.py")):
        relative = path.relative_to(CORE.parent).with_suffix("")
        parts = relative.parts[:-1] if relative.name == "__init__" else relative.parts
        package = ".".join(relative.parts[:-1])
        yield ".".join(parts), package, path


def test_the_kernel_imports_no_feature_app():
    offences = [
        f"{path.relative_to(CORE.parent)}:{line} imports {module}"
        for _module, package, path in kernel_modules()
        for line, module in forbidden_imports(path.read_text("utf-8"), package)
    ]
    assert offences == []


def test_every_kernel_module_is_read():
    modules = {module for module, _package, _path in kernel_modules()}
    assert {"core.privacy", "core.search", "core.sitemaps", "core.demo"} <= modules
    assert "core.management.commands.load_demo" in modules
    assert "core.templatetags.seo" in modules
    assert any(module.startswith("core.migrations.") for module in modules)


@pytest.mark.parametrize(
    "source",
    [
        "from events.models import Event",
        "import members.models",
        "def build():\n    from partnering import services\n",
        "class A:\n    def f(self):\n        import legal.models as legal\n",
        "if True:\n    from backoffice.dashboard import Panel\n",
        "from importlib import import_module\nimport_module('news.feeds')\n",
        "__import__('regions')\n",
        "from django.apps import apps\napps.get_model('cooperations', 'Cooperation')\n",
        "from django.apps import apps\napps.get_model('events.Event')\n",
        "from cluster_portal import views\n",
        "from bench import scale\n",
        "from ... import events\n",
    ],
)
def test_the_check_finds_an_import_of_a_feature_app_anywhere(source):
    assert forbidden_imports(source, "core.templatetags")


@pytest.mark.parametrize(
    "source",
    [
        "from . import fragments",
        "from .models import SearchWord",
        "from .. import portal",
        "from django.db import models",
        "import core.lexicon",
        "from django.apps import apps\napps.get_model('contenttypes', 'ContentType')\n",
    ],
)
def test_the_check_lets_the_kernel_import_itself_and_django(source):
    assert forbidden_imports(source, "core.templatetags") == []
