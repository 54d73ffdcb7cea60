"""Loading the official files. Each load reads and checks the whole file first (loaders.py), then writes it in one
transaction: the tables end up mirroring the file, row by row keyed by the publisher's code or URI, so re-running
a load with the same file changes nothing, and a newer release creates, updates and removes only what differs.

A load that changed something is recorded as a ``TaxonomyLoad`` with one change-log row; a load that found
nothing to change writes nothing at all.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction
from django.utils.translation import gettext as _

from samspill.access.selectors import actor_roles
from samspill.audit.services import change_record
from samspill.core import clock
from samspill.core.errors import ApplicationError, PermissionDenied
from samspill.core.roles import Role
from samspill.taxonomy import loaders
from samspill.taxonomy.models import (
    EscoOccupation,
    EscoSkill,
    ExposureMatrix,
    ExposureValue,
    GazetteerTitle,
    IscoGroup,
    LoadKind,
    Municipality,
    OccupationSkillRelation,
    Sn2007Item,
    StyrkItem,
    TaxonomyLoad,
)
from samspill.taxonomy.selectors import invalidate_caches

# Re-exported for the command and other apps.
FileRejected = loaders.FileRejected

CREATE_BATCH = 2000
UPDATE_BATCH = 500
DELETE_BATCH = 900  # under SQLite's oldest limit on query parameters


@dataclass
class TableCounts:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    deleted: int = 0

    @property
    def changed(self) -> bool:
        return bool(self.created or self.updated or self.deleted)

    @property
    def total(self) -> int:
        return self.created + self.updated + self.unchanged


@dataclass
class LoadResult:
    kind: str
    file_name: str
    tables: dict[str, TableCounts]
    warnings: list[str] = field(default_factory=list)
    load: TaxonomyLoad | None = None

    @property
    def changed(self) -> bool:
        return any(counts.changed for counts in self.tables.values())


def _may_load(actor) -> None:
    """``actor=None`` is the command line, run by whoever operates the server; in the application only
    administrators keep the taxonomies."""
    if actor is not None and Role.ADMINISTRATOR not in actor_roles(actor):
        raise PermissionDenied(_("Only administrators can load taxonomies."))


def _sha256(*paths: Path | None) -> str:
    digest = hashlib.sha256()
    for path in paths:
        if path is None:
            continue
        with open(path, "rb") as stream:
            for block in iter(lambda: stream.read(1 << 20), b""):
                digest.update(block)
    return digest.hexdigest()


def _sync(model, rows: list[dict], *, key: tuple[str, ...], fields: tuple[str, ...], scope: dict | None = None):
    """Makes the rows of ``model`` within ``scope`` equal to ``rows``: creates the new keys, updates the rows whose
    fields differ, deletes the keys that are gone. Compares in memory, so the database sees only the changes."""
    scope = scope or {}
    counts = TableCounts()
    existing: dict[tuple, tuple] = {}
    width = len(key)
    for values in model.objects.filter(**scope).values_list("pk", *key, *fields).iterator(chunk_size=5000):
        existing[values[1 : 1 + width]] = (values[0], values[1 + width :])
    to_create, to_update, seen = [], [], set()
    for row in rows:
        row_key = tuple(row[name] for name in key)
        seen.add(row_key)
        found = existing.get(row_key)
        if found is None:
            to_create.append(model(**scope, **row))
        elif found[1] != tuple(row[name] for name in fields):
            to_update.append(model(pk=found[0], **scope, **row))
        else:
            counts.unchanged += 1
    gone = [pk for row_key, (pk, _values) in existing.items() if row_key not in seen]
    if to_create:
        model.objects.bulk_create(to_create, batch_size=CREATE_BATCH)
    if to_update:
        model.objects.bulk_update(to_update, list(fields), batch_size=UPDATE_BATCH)
    for start in range(0, len(gone), DELETE_BATCH):
        model.objects.filter(pk__in=gone[start : start + DELETE_BATCH]).delete()
    counts.created, counts.updated, counts.deleted = len(to_create), len(to_update), len(gone)
    return counts


def _record(*, actor, result: LoadResult, sha256: str, language: str = "") -> None:
    if not result.changed:
        return
    counts = {table: vars(c) for table, c in result.tables.items()}
    load = TaxonomyLoad.objects.create(
        kind=result.kind,
        file_name=result.file_name,
        sha256=sha256,
        language=language,
        counts=counts,
        loaded_by=actor,
    )
    change_record(
        actor=actor,
        instance=load,
        action="create",
        after={"kind": result.kind, "file": result.file_name, "sha256": sha256, "language": language, **counts},
    )
    result.load = load
    transaction.on_commit(invalidate_caches)


def _language(language: str) -> str:
    language = (language or "").strip().lower()
    if not re.fullmatch(r"[a-z]{2,3}", language):
        raise ApplicationError.for_fields(
            {"language": [_("Give the language of the download as its ESCO code, such as en or no.")]}
        )
    return language


def taxonomy_load_esco(*, actor, classification_zip, relations_zip=None, language: str = "en") -> LoadResult:
    """ESCO's CSV download for one language and its relations archive (``relations_zip`` may be left out when the
    classification archive holds ``occupationSkillRelations.csv``). Other languages' rows are left alone; the
    relations, which have no language, mirror the file."""
    _may_load(actor)
    language = _language(language)
    classification_zip = Path(classification_zip)
    relations_zip = Path(relations_zip) if relations_zip else None
    data = loaders.read_esco(classification_zip, relations_zip, language)
    names = classification_zip.name + (f" + {relations_zip.name}" if relations_zip else "")
    scope = {"language": language}
    with transaction.atomic():
        result = LoadResult(
            kind=LoadKind.ESCO,
            file_name=names,
            warnings=data.warnings,
            tables={
                "isco_groups": _sync(
                    IscoGroup, data.isco_groups, key=("code",), fields=("parent_code", "label"), scope=scope
                ),
                "occupations": _sync(
                    EscoOccupation,
                    data.occupations,
                    key=("uri",),
                    fields=("code", "isco_code", "preferred_label", "alt_labels", "description"),
                    scope=scope,
                ),
                "skills": _sync(
                    EscoSkill,
                    data.skills,
                    key=("uri",),
                    fields=("preferred_label", "alt_labels", "skill_type", "reuse_level", "description"),
                    scope=scope,
                ),
                "relations": _sync(
                    OccupationSkillRelation,
                    data.relations,
                    key=("occupation_uri", "skill_uri"),
                    fields=("relation_type", "skill_type"),
                ),
            },
        )
        _record(actor=actor, result=result, sha256=_sha256(classification_zip, relations_zip), language=language)
    return result


def _load_klass(*, actor, path, scheme: str, model, kind: str) -> LoadResult:
    _may_load(actor)
    path = Path(path)
    data = loaders.read_klass(path, scheme)
    with transaction.atomic():
        result = LoadResult(
            kind=kind,
            file_name=path.name,
            tables={"items": _sync(model, data.items, key=("code",), fields=("parent_code", "level", "name"))},
        )
        _record(actor=actor, result=result, sha256=_sha256(path))
    return result


def taxonomy_load_styrk(*, actor, path) -> LoadResult:
    """STYRK-08 as Statistics Norway's KLASS gives it (JSON with ``items``)."""
    return _load_klass(actor=actor, path=path, scheme="styrk", model=StyrkItem, kind=LoadKind.STYRK)


def taxonomy_load_sn2007(*, actor, path) -> LoadResult:
    """SN2007 (NACE Rev. 2) as Statistics Norway's KLASS gives it."""
    return _load_klass(actor=actor, path=path, scheme="sn2007", model=Sn2007Item, kind=LoadKind.SN2007)


def taxonomy_load_gazetteer(*, actor, path) -> LoadResult:
    """NAV's job seekers by occupation: the job titles of its STYRK-08 rows."""
    _may_load(actor)
    path = Path(path)
    titles = loaders.read_nav_gazetteer(path)
    with transaction.atomic():
        result = LoadResult(
            kind=LoadKind.GAZETTEER,
            file_name=path.name,
            tables={
                "titles": _sync(
                    GazetteerTitle,
                    [{"styrk_code": t["styrk_code"], "title": t["title"]} for t in titles],
                    key=("styrk_code", "title"),
                    fields=(),
                    scope={"source": loaders.NAV_GAZETTEER_SOURCE},
                )
            },
        )
        _record(actor=actor, result=result, sha256=_sha256(path))
    return result


def taxonomy_load_jem(*, actor, path, readme=None) -> LoadResult:
    """The JRC–Eurofound European Tasks Database (ISCO-08 2-digit × NACE 2-digit, tab-separated). The citation comes
    from the JRC's README beside the file (or ``readme``) when it has one."""
    _may_load(actor)
    path = Path(path)
    data = loaders.read_jrc_tasks(path, readme=Path(readme) if readme else None)
    described = {
        "title": data.title,
        "source": data.source,
        "version": data.version,
        "keys": data.keys,
        "indicators": data.indicators,
    }
    with transaction.atomic():
        matrix = ExposureMatrix.objects.select_for_update().filter(name=data.name).first()
        matrices = TableCounts()
        if matrix is None:
            matrix = ExposureMatrix.objects.create(name=data.name, **described)
            matrices.created = 1
        elif any(getattr(matrix, name) != value for name, value in described.items()):
            for name, value in described.items():
                setattr(matrix, name, value)
            matrix.updated_at = clock.now()
            matrix.save()
            matrices.updated = 1
        else:
            matrices.unchanged = 1
        result = LoadResult(
            kind=LoadKind.JEM,
            file_name=path.name,
            tables={
                "matrices": matrices,
                "values": _sync(
                    ExposureValue,
                    data.values,
                    key=("occupation_key", "industry_key", "indicator"),
                    fields=("value", "weight"),
                    scope={"matrix_id": matrix.pk},
                ),
            },
        )
        _record(actor=actor, result=result, sha256=_sha256(path))
    return result


def taxonomy_load_municipalities(*, actor, path) -> LoadResult:
    """Municipalities from GeoJSON (Kartverket's, as published): number, name and area-weighted centroid."""
    _may_load(actor)
    path = Path(path)
    rows = loaders.read_municipalities(path)
    with transaction.atomic():
        result = LoadResult(
            kind=LoadKind.MUNICIPALITIES,
            file_name=path.name,
            tables={
                "municipalities": _sync(Municipality, rows, key=("number",), fields=("name", "latitude", "longitude"))
            },
        )
        _record(actor=actor, result=result, sha256=_sha256(path))
    return result
