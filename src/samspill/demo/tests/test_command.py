"""``samspill demo --no-serve`` as a user runs it: a subprocess with DATABASE_URL set. Two builds from scratch run
side by side into two fresh databases (SQLite files, or temporary PostgreSQL databases when the test session runs on
PostgreSQL) and must give identical tables; a second run on a built database adds nothing."""

import os
import shutil
import sqlite3
import subprocess
import sys
import uuid
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

import pytest
from django.db import connection

from samspill.demo.generator import DEMO_USERNAMES

SKIPPED_TABLES = {"django_migrations", "django_session"}
TIMEOUT = 600
# Smaller than the default, to keep the suite fast: the in-process build in test_content.py covers the default size,
# and these two runs exercise the same code paths.
PARTICIPANTS = 150


@dataclass
class Target:
    url: str
    vendor: str
    location: str  # the SQLite file or the PostgreSQL database name


def _command() -> list[str]:
    script = Path(sys.executable).with_name("samspill")
    command = [str(script)] if script.exists() else [sys.executable, "-m", "samspill"]
    return [*command, "demo", "--no-serve", "--participants", str(PARTICIPANTS)]


def _start(target: Target, workdir: Path, hash_seed: int) -> subprocess.Popen:
    # Different hash seeds, so that nothing may depend on the order of a set or dict of strings.
    env = dict(
        os.environ, DATABASE_URL=target.url, SAMSPILL_VAR_DIR=str(workdir / "var"), PYTHONHASHSEED=str(hash_seed)
    )
    return subprocess.Popen(
        _command(), cwd=workdir, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )


def _finish(process: subprocess.Popen) -> tuple[int, str]:
    output, _ = process.communicate(timeout=TIMEOUT)
    return process.returncode, output


def _skipped(table: str) -> bool:
    return table in SKIPPED_TABLES or table.startswith("axes_")


def _postgres_settings() -> dict:
    settings = connection.settings_dict
    return {
        "host": settings.get("HOST") or "localhost",
        "port": str(settings.get("PORT") or 5432),
        "user": settings.get("USER") or "postgres",
        "password": settings.get("PASSWORD") or "",
    }


def _postgres_admin():
    import psycopg

    params = _postgres_settings()
    return psycopg.connect(
        dbname="postgres",
        host=params["host"],
        port=params["port"],
        user=params["user"],
        password=params["password"] or None,
        autocommit=True,
    )


def _new_target(tmp_path: Path, vendor: str) -> Target:
    if vendor == "postgresql":
        name = f"samspill_demo_test_{uuid.uuid4().hex[:12]}"
        with _postgres_admin() as admin:
            admin.execute(f'CREATE DATABASE "{name}"')
        params = _postgres_settings()
        credentials = quote(params["user"]) + (f":{quote(params['password'])}" if params["password"] else "")
        return Target(f"postgres://{credentials}@{params['host']}:{params['port']}/{name}", vendor, name)
    path = tmp_path / f"demo-{uuid.uuid4().hex[:8]}.sqlite3"
    return Target(f"sqlite:///{path}", vendor, str(path))


def _drop(target: Target) -> None:
    if target.vendor == "postgresql":
        with _postgres_admin() as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{target.location}" WITH (FORCE)')


def dump(target: Target) -> dict[str, list[tuple]]:
    """Every table (all columns, rows sorted) except migrations, sessions and axes."""
    tables: dict[str, list[tuple]] = {}
    if target.vendor == "postgresql":
        import psycopg

        params = _postgres_settings()
        with psycopg.connect(
            dbname=target.location,
            host=params["host"],
            port=params["port"],
            user=params["user"],
            password=params["password"] or None,
        ) as db:
            names = [
                row[0]
                for row in db.execute(
                    "SELECT table_name FROM information_schema.tables "
                    "WHERE table_schema = 'public' AND table_type = 'BASE TABLE'"
                )
            ]
            for name in sorted(n for n in names if not _skipped(n)):
                tables[name] = sorted(db.execute(f'SELECT * FROM "{name}"').fetchall(), key=repr)
        return tables
    db = sqlite3.connect(target.location)
    try:
        names = [row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        for name in sorted(n for n in names if not _skipped(n) and not n.startswith("sqlite_")):
            tables[name] = sorted(db.execute(f'SELECT * FROM "{name}"').fetchall(), key=repr)
    finally:
        db.close()
    return tables


def _differences(first: dict, second: dict) -> list[str]:
    lines = []
    for table in sorted(set(first) | set(second)):
        a, b = first.get(table), second.get(table)
        if a != b:
            only_a = [row for row in (a or []) if row not in set(b or [])][:2]
            lines.append(f"{table}: {len(a or [])} vs {len(b or [])} rows; e.g. {only_a}")
    return lines


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """Two fresh databases built side by side, their dumps, and a second run on the first."""
    vendor = connection.vendor if connection.vendor == "postgresql" else "sqlite"
    workdir = tmp_path_factory.mktemp("demo")
    targets = [_new_target(workdir, vendor) for _ in range(2)]
    try:
        processes = [_start(target, workdir, hash_seed) for hash_seed, target in enumerate(targets, start=1)]
        results = [_finish(process) for process in processes]
        for returncode, output in results:
            assert returncode == 0, output
        dumps = [dump(target) for target in targets]
        rerun = _finish(_start(targets[0], workdir, 3))
        yield {
            "targets": targets,
            "results": results,
            "dumps": dumps,
            "rerun": rerun,
            "rerun_dump": dump(targets[0]),
        }
    finally:
        for target in targets:
            _drop(target)
        shutil.rmtree(workdir, ignore_errors=True)


def test_it_builds_the_database_that_database_url_names_without_serving(built):
    for returncode, output in built["results"]:
        assert returncode == 0
        assert "http://127.0.0.1:8000/" in output  # the URL is printed, but nothing is served
        for username in DEMO_USERNAMES:
            assert username in output
    tables = built["dumps"][0]
    assert len(tables["people_participant"]) == PARTICIPANTS
    assert {row for row in tables if row.startswith("people_")} >= {"people_participant", "people_languageskill"}


def test_two_builds_from_scratch_are_identical(built):
    first, second = built["dumps"]
    assert first.keys() == second.keys()
    assert not _differences(first, second)


def test_a_second_run_adds_nothing(built):
    returncode, output = built["rerun"]
    assert returncode == 0, output
    assert not _differences(built["dumps"][0], built["rerun_dump"])
    for username in DEMO_USERNAMES:
        assert username in output
