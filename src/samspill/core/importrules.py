"""A custom import-linter contract: Django apps import each other only through their services and selectors.

Registered in ``pyproject.toml`` under ``[tool.importlinter] contract_types`` as ``app_boundaries``. For every
direct import from ``<root>.X.*`` to ``<root>.Y.*`` where X and Y are different *apps* (the subpackages of the root
package, except the ones named in ``non_apps``), the imported module must be ``<root>.Y.services`` or
``<root>.Y.selectors`` (or a module inside them). Exceptions:

- the apps named in ``model_importers`` (the access gate) may also import other apps' ``models``;
- test code (a module path with a part named ``tests`` or ``conftest``, or starting with ``test_``) is exempt;
- the non-apps themselves (``core``, ``config``, ``testing``) are not checked: ``config`` wires everything together
  and ``testing`` builds fixtures.

This module imports nothing from Django, so import-linter can load it without settings.
"""

from __future__ import annotations

import importlib.util

from importlinter import Contract, ContractCheck, fields, output
from importlinter.application import contract_utils


def _is_test_module(module: str) -> bool:
    return any(part in ("tests", "conftest") or part.startswith("test_") for part in module.split("."))


def _is_in(module: str, package: str) -> bool:
    return module == package or module.startswith(package + ".")


class AppBoundariesContract(Contract):
    """Apps import each other only through ``services`` and ``selectors``.

    Configuration options:
        - root_package:     the package whose subpackages are the apps (default: the session's only root package).
        - non_apps:         subpackages of the root package that are not apps (default: core, config, testing).
        - public_modules:   the modules of an app other apps may import (default: services, selectors).
        - model_importers:  apps that may also import other apps' ``models`` (default: access).
        - ignore_imports:   imports to ignore, in the usual ``importer -> imported`` form. (Optional.)
    """

    type_name = "app_boundaries"

    root_package = fields.StringField(required=False)
    non_apps = fields.ListField(subfield=fields.StringField(), required=False)
    public_modules = fields.ListField(subfield=fields.StringField(), required=False)
    model_importers = fields.ListField(subfield=fields.StringField(), required=False)
    ignore_imports = fields.SetField(subfield=fields.ImportExpressionField(), required=False)

    def _root(self) -> str:
        if self.root_package:
            return self.root_package
        roots = list(self.session_options.get("root_packages") or [])
        if not roots and self.session_options.get("root_package"):
            roots = [self.session_options["root_package"]]
        if len(roots) != 1:
            raise ValueError("app_boundaries: set root_package when linting several root packages.")
        return roots[0]

    @staticmethod
    def _is_package(graph, module: str) -> bool:
        if graph.find_children(module):
            return True
        try:  # A package holding only __init__.py has no children in the graph.
            spec = importlib.util.find_spec(module)
        except (ImportError, ValueError):
            return False
        return spec is not None and spec.submodule_search_locations is not None

    def apps(self, graph) -> set[str]:
        root = self._root()
        non_apps = set(self.non_apps if self.non_apps is not None else ["core", "config", "testing"])
        return {
            child
            for child in graph.find_children(root)
            if child.rpartition(".")[2] not in non_apps and self._is_package(graph, child)
        }

    def check(self, graph, verbose: bool) -> ContractCheck:
        warnings = contract_utils.remove_ignored_imports(
            graph=graph,
            ignore_imports=self.ignore_imports,
            unmatched_alerting=contract_utils.AlertLevel.ERROR,
        )
        public = list(self.public_modules if self.public_modules is not None else ["services", "selectors"])
        model_importers = set(self.model_importers if self.model_importers is not None else ["access"])

        apps = sorted(self.apps(graph))
        output.verbose_print(verbose, f"Apps: {', '.join(apps)}")

        def app_of(module: str) -> str | None:
            for app in apps:
                if _is_in(module, app):
                    return app
            return None

        violations = []
        for importer_app in apps:
            importer_short = importer_app.rpartition(".")[2]
            allowed_here = public + (["models"] if importer_short in model_importers else [])
            for importer in sorted({importer_app} | graph.find_descendants(importer_app)):
                if _is_test_module(importer):
                    continue
                for imported in sorted(graph.find_modules_directly_imported_by(importer)):
                    imported_app = app_of(imported)
                    if imported_app is None or imported_app == importer_app:
                        continue
                    if any(_is_in(imported, f"{imported_app}.{name}") for name in allowed_here):
                        continue
                    details = graph.get_import_details(importer=importer, imported=imported)
                    violations.append(
                        {
                            "importer": importer,
                            "imported": imported,
                            "line_numbers": tuple(d["line_number"] for d in details),
                        }
                    )

        return ContractCheck(
            kept=not violations,
            warnings=list(warnings),
            metadata={"violations": violations, "allowed": public, "model_importers": sorted(model_importers)},
        )

    def render_broken_contract(self, check: ContractCheck) -> None:
        allowed = " or ".join(check.metadata["allowed"])
        output.print_error(
            f"Apps may import another app only through its {allowed} "
            f"(apps {', '.join(check.metadata['model_importers']) or 'none'} may also import models):",
            bold=False,
        )
        output.new_line()
        for violation in check.metadata["violations"]:
            lines = ", ".join(map(str, violation["line_numbers"])) or "?"
            output.print_error(f"- {violation['importer']} -> {violation['imported']} (l.{lines})", bold=False)
        output.new_line()
