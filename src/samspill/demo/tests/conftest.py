from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import transaction
from django.utils import translation

HERE = Path(__file__).resolve().parent


@pytest.fixture(scope="package")
def demo_output(django_db_setup, django_db_blocker):
    """``samspill demo --no-serve`` with its defaults, run once in the test database for the content tests of this
    package (test_content.py and test_pathways_content.py) and rolled back after them."""
    with django_db_blocker.unblock(), transaction.atomic():
        output = StringIO()
        with translation.override("en"):
            call_command("demo", "--no-serve", stdout=output)
        yield output.getvalue()
        transaction.set_rollback(True)


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items):
    """The tests on the demo build run last in this package: while the build lives, the command tests (which need
    an empty database, and flush it) must be done. pytest's grouping by fixture would otherwise move them first."""
    users = [item for item in items if "demo_output" in getattr(item, "fixturenames", ())]
    if not users:
        return
    others = [item for item in items if "demo_output" not in getattr(item, "fixturenames", ())]
    ours = [index for index, item in enumerate(others) if Path(item.path).resolve().parent == HERE]
    at = ours[-1] + 1 if ours else len(others)
    items[:] = others[:at] + users + others[at:]
