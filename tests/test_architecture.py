"""The import rules of pyproject.toml hold for the code, and the custom contract really catches what it forbids."""

import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import grimp
import pytest

from samspill.core.importrules import AppBoundariesContract

ROOT = Path(__file__).resolve().parent.parent


def _lint_imports_command() -> list[str]:
    # Prefer the console script next to this interpreter (the project's venv), then PATH.
    candidate = Path(sys.executable).with_name("lint-imports")
    if candidate.exists():
        return [str(candidate)]
    found = shutil.which("lint-imports")
    if found:
        return [found]
    code = "import sys; from importlinter.cli import lint_imports_command; sys.exit(lint_imports_command())"
    return [sys.executable, "-c", code]


def _env(**extra: str) -> dict[str, str]:
    # A wide console, so that rich does not wrap contract names and import lines.
    return {**os.environ, "COLUMNS": "200", **extra}


def test_the_project_keeps_its_import_contracts():
    result = subprocess.run(
        [*_lint_imports_command(), "--no-logo", "--no-cache"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        env=_env(),
    )
    assert result.returncode == 0, f"lint-imports found broken contracts:\n{result.stdout}\n{result.stderr}"
    assert "broken" in result.stdout and " 0 broken" in result.stdout
    # The three contracts are all there: a config edit must not silently drop one.
    assert "The analysis engine never imports Django KEPT" in result.stdout
    assert "The matching engine never imports Django KEPT" in result.stdout
    assert "Apps import each other only through services and selectors" in result.stdout


def _write(root: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")


# A throwaway project with the same shape as samspill: apps with models/services/selectors, a core, a config,
# a testing package and an access gate. Every line marked BAD breaks the rule; everything else is allowed.
FAKE_PROJECT = {
    "fakeproj/__init__.py": "",
    "fakeproj/core/__init__.py": "",
    "fakeproj/core/models.py": "import fakeproj.people.models\n",  # core is not an app: not checked
    "fakeproj/config/__init__.py": "",
    "fakeproj/config/urls.py": "import fakeproj.people.views\nimport fakeproj.people.models\n",
    "fakeproj/testing/__init__.py": "",
    "fakeproj/testing/personas.py": "from fakeproj.people.models import Person\n",
    "fakeproj/people/__init__.py": "",
    "fakeproj/people/models.py": "import fakeproj.core.models\nPerson = object\n",
    "fakeproj/people/services.py": "from fakeproj.people.models import Person\n",
    "fakeproj/people/selectors.py": "from fakeproj.people.models import Person\n",
    "fakeproj/people/views.py": "from fakeproj.people import selectors\n",
    "fakeproj/people/reports/__init__.py": "",
    "fakeproj/people/reports/tables.py": "x = 1\n",
    "fakeproj/people/tests/__init__.py": "",
    "fakeproj/people/tests/test_people.py": "import fakeproj.consent.models\n",  # tests are exempt
    "fakeproj/people/conftest.py": "import fakeproj.consent.models\n",  # exempt
    "fakeproj/consent/__init__.py": "",
    "fakeproj/consent/models.py": "x = 1\n",
    "fakeproj/consent/selectors.py": "import fakeproj.people.selectors\n",
    "fakeproj/consent/services.py": (
        "from fakeproj.people.services import Person\nfrom fakeproj.people.models import Person as P  # BAD\n"
    ),
    "fakeproj/consent/views.py": "import fakeproj.people.reports.tables  # BAD\n",
    "fakeproj/consent/test_helpers.py": "import fakeproj.people.models\n",  # test_* is exempt
    "fakeproj/access/__init__.py": "",
    "fakeproj/access/selectors.py": "from fakeproj.people.models import Person\nimport fakeproj.consent.selectors\n",
    "fakeproj/access/views.py": "import fakeproj.people.views  # BAD even for access\n",
    "fakeproj/emptyapp/__init__.py": "import fakeproj.people.models  # BAD: a package with only __init__ is an app\n",
    "fakeproj/cli.py": "import fakeproj.people.models\n",  # a module, not an app: not checked
}

EXPECTED_VIOLATIONS = {
    ("fakeproj.consent.services", "fakeproj.people.models"),
    ("fakeproj.consent.views", "fakeproj.people.reports.tables"),
    ("fakeproj.access.views", "fakeproj.people.views"),
    ("fakeproj.emptyapp", "fakeproj.people.models"),
}


@pytest.fixture
def fake_project(tmp_path, monkeypatch):
    _write(tmp_path, FAKE_PROJECT)
    monkeypatch.syspath_prepend(str(tmp_path))
    yield tmp_path
    for name in [m for m in sys.modules if m == "fakeproj" or m.startswith("fakeproj.")]:
        del sys.modules[name]


def _contract(**options) -> AppBoundariesContract:
    return AppBoundariesContract(
        name="app boundaries",
        session_options={"root_packages": ["fakeproj"]},
        contract_options={"model_importers": ["access"], **options},
    )


def test_custom_contract_reports_every_forbidden_import_and_nothing_else(fake_project):
    graph = grimp.build_graph("fakeproj", cache_dir=None)
    contract = _contract()
    assert contract.apps(graph) == {"fakeproj.people", "fakeproj.consent", "fakeproj.access", "fakeproj.emptyapp"}

    check = contract.check(graph, verbose=False)

    assert not check.kept
    found = {(v["importer"], v["imported"]) for v in check.metadata["violations"]}
    assert found == EXPECTED_VIOLATIONS
    assert all(v["line_numbers"] for v in check.metadata["violations"])


def test_custom_contract_is_kept_when_the_forbidden_imports_are_ignored(fake_project):
    graph = grimp.build_graph("fakeproj", cache_dir=None)
    ignored = [f"{importer} -> {imported}" for importer, imported in sorted(EXPECTED_VIOLATIONS)]
    check = _contract(ignore_imports=ignored).check(graph, verbose=False)
    assert check.kept, check.metadata["violations"]


def test_without_the_access_exception_access_may_not_import_models(fake_project):
    graph = grimp.build_graph("fakeproj", cache_dir=None)
    check = _contract(model_importers=[]).check(graph, verbose=False)
    found = {(v["importer"], v["imported"]) for v in check.metadata["violations"]}
    assert ("fakeproj.access.selectors", "fakeproj.people.models") in found


def test_lint_imports_fails_through_the_registered_contract_type(fake_project):
    """End to end: the same registration as pyproject.toml, run by the lint-imports command, exits non-zero."""
    (fake_project / ".importlinter").write_text(
        textwrap.dedent(
            """\
            [importlinter]
            root_package = fakeproj
            include_external_packages = True
            contract_types =
                app_boundaries: samspill.core.importrules.AppBoundariesContract

            [importlinter:contract:apps]
            name = Apps import each other only through services and selectors
            type = app_boundaries
            model_importers = access

            [importlinter:contract:engine]
            name = The engine never imports Django
            type = forbidden
            source_modules = fakeproj.people.reports
            forbidden_modules = django
            allow_indirect_imports = True
            """
        ),
        encoding="utf-8",
    )
    (fake_project / "fakeproj/people/reports/orm.py").write_text("import django.db\n", encoding="utf-8")
    result = subprocess.run(
        [*_lint_imports_command(), "--no-logo", "--no-cache", "--config", ".importlinter"],
        cwd=fake_project,
        capture_output=True,
        text=True,
        timeout=300,
        env=_env(PYTHONPATH=str(fake_project)),
    )
    out = result.stdout + result.stderr
    assert result.returncode != 0, out
    assert "Contracts: 0 kept, 2 broken." in out
    for importer, imported in EXPECTED_VIOLATIONS:
        assert f"{importer} -> {imported}" in out
    assert "fakeproj.people.reports.orm -> django" in out
