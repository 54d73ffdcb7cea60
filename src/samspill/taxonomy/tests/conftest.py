import hashlib
import os
import time
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from django.db import transaction
from django.db.models import Max
from django.utils import translation

from samspill.audit.models import ChangeLog
from samspill.taxonomy import models, services

HERE = Path(__file__).resolve().parent
ROOT_SHARED_DATA = Path(__file__).resolve().parents[5] / "shared" / "data"

TABLES = (
    models.EscoOccupation,
    models.EscoSkill,
    models.OccupationSkillRelation,
    models.IscoGroup,
    models.StyrkItem,
    models.Sn2007Item,
    models.GazetteerTitle,
    models.Municipality,
    models.ExposureMatrix,
    models.ExposureValue,
    models.TaxonomyLoad,
)


@dataclass
class Loaded:
    data: Path
    results: dict = field(default_factory=dict)
    seconds: dict = field(default_factory=dict)

    @property
    def esco(self) -> dict:
        return {
            "classification_zip": self.data / "esco" / "esco-v1.1.1-classification-en-csv.zip",
            "relations_zip": self.data / "esco" / "esco-v1.1.1-relations-csv.zip",
            "language": "en",
        }

    def files(self) -> dict:
        """Every loader with the real file, in an order that needs none before another."""
        classifications, jem = self.data / "classifications", self.data / "jem"
        return {
            "esco": lambda: services.taxonomy_load_esco(actor=None, **self.esco),
            "styrk": lambda: services.taxonomy_load_styrk(actor=None, path=classifications / "styrk-08.json"),
            "sn2007": lambda: services.taxonomy_load_sn2007(actor=None, path=classifications / "sn2007.json"),
            "gazetteer": lambda: services.taxonomy_load_gazetteer(
                actor=None, path=classifications / "nav-arbeidssokere-yrke-2002-2017.csv"
            ),
            "jem": lambda: services.taxonomy_load_jem(
                actor=None, path=jem / "jrc-eurofound-tasks-isco2d-nace2d-eu15.tsv"
            ),
            "municipalities": lambda: services.taxonomy_load_municipalities(
                actor=None, path=self.data / "geo" / "no-kommuner-2024.geojson"
            ),
        }


def _reference_data() -> Path:
    """The root conftest's ``shared_data`` rule, for a package-scoped fixture (which cannot use that function-scoped
    one): SAMSPILL_SHARED_DATA or ../shared/data; missing skips, except under CI, where it fails."""
    folder = Path(os.environ.get("SAMSPILL_SHARED_DATA", ROOT_SHARED_DATA))
    if not folder.is_dir():
        message = f"reference data folder {folder} is missing (set SAMSPILL_SHARED_DATA)"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    return folder


@pytest.fixture(scope="package")
def loaded(django_db_setup, django_db_blocker):
    """Every real file loaded once into the test database for this package's tests, rolled back after them."""
    state = Loaded(data=_reference_data())
    with django_db_blocker.unblock(), transaction.atomic(), translation.override("en"):
        for kind, load in state.files().items():
            started = time.perf_counter()
            state.results[kind] = load()
            state.seconds[kind] = time.perf_counter() - started
        yield state
        transaction.set_rollback(True)


def table_state() -> dict:
    """Rows and the highest id of every taxonomy table, and the change log: what any write would move."""
    state = {}
    for model in TABLES:
        if model._meta.pk.get_internal_type() == "UUIDField":  # few rows, and PostgreSQL has no max(uuid)
            state[model.__name__] = sorted(map(str, model.objects.values_list("pk", flat=True)))
        else:
            state[model.__name__] = (model.objects.count(), model.objects.aggregate(m=Max("pk"))["m"])
    state["ChangeLog"] = ChangeLog.objects.count()
    return state


def table_digest(*tables) -> str:
    """A digest of the full content of the tables (all of them by default)."""
    digest = hashlib.sha256()
    for model in tables or TABLES:
        names = [f.attname for f in model._meta.concrete_fields if f.attname not in ("created_at", "updated_at")]
        for row in model.objects.order_by("pk").values_list(*names).iterator(chunk_size=10000):
            digest.update(repr(row).encode())
    return digest.hexdigest()


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items):
    """Tests on an empty taxonomy (the demo catalogue fallback) run before the ones on the loaded files: the loaded
    state lives from the first test that asks for it to the end of the package."""
    mine = [item for item in items if Path(item.path).resolve().parent == HERE]
    if not mine:
        return
    users = [item for item in mine if "loaded" in getattr(item, "fixturenames", ())]
    others = [item for item in items if item not in users]
    last_mine = max((i for i, item in enumerate(others) if Path(item.path).resolve().parent == HERE), default=-1)
    items[:] = others[: last_mine + 1] + users + others[last_mine + 1 :]
