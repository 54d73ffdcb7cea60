"""``samspill demo`` serving, as a user runs it: the server answers, and the background worker it starts beside
the server runs a researcher's analysis; stopping the demo stops both."""

import os
import signal
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ENQUEUE = """
from samspill.accounts.models import User
from samspill.research.models import ResearchProject
from samspill.research.services import analysis_run_request
forsker = User.objects.get(username="forsker")
project = ResearchProject.objects.get(members=forsker)
run = analysis_run_request(actor=forsker, project=project, cohort=project.cohorts.order_by("name").first(),
                           parameters={"clusters": 2})
print(run.pk.hex)
"""


def _command() -> list[str]:
    script = Path(sys.executable).with_name("samspill")
    return [str(script)] if script.exists() else [sys.executable, "-m", "samspill"]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait(condition, timeout: float, what: str):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        result = condition()
        if result:
            return result
        time.sleep(0.5)
    raise AssertionError(f"timed out waiting for {what}")


def _answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return response.status == 200
    except OSError:
        return False


def _status(database: Path, run_id: str) -> str | None:
    with sqlite3.connect(database) as db:
        row = db.execute("SELECT status FROM research_analysisrun WHERE id = ?", (run_id,)).fetchone()
    return row[0] if row and row[0] not in ("queued", "running") else None


@pytest.mark.skipif(not hasattr(os, "killpg"), reason="needs POSIX process groups")
def test_the_demo_serves_and_its_worker_runs_analyses(tmp_path):
    database = tmp_path / "demo.sqlite3"
    env = dict(os.environ, DATABASE_URL=f"sqlite:///{database}", SAMSPILL_VAR_DIR=str(tmp_path / "var"))
    port = _free_port()
    demo = subprocess.Popen(
        [*_command(), "demo", "--participants", "60", "--addr", f"127.0.0.1:{port}"],
        cwd=tmp_path,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        _wait(lambda: _answers(f"http://127.0.0.1:{port}/accounts/login/"), 300, "the demo server")
        queued = subprocess.run(
            [*_command(), "shell", "-c", ENQUEUE], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120
        )
        assert queued.returncode == 0, queued.stderr
        run_id = queued.stdout.strip().splitlines()[-1]
        # The run is decided (done, or refused for a small cohort) by the worker, not by the shell that queued it.
        assert _wait(lambda: _status(database, run_id), 120, "the worker to run the analysis") in ("done", "failed")
    finally:
        os.killpg(demo.pid, signal.SIGINT)
        output, _ = demo.communicate(timeout=30)
    assert demo.returncode is not None, output
    leftover = subprocess.run(["pgrep", "-f", "db_worker"], capture_output=True, text=True).stdout.split()
    mine = [
        pid for pid in leftover if str(database) in Path(f"/proc/{pid}/environ").read_bytes().decode(errors="ignore")
    ]
    assert not mine, "the worker outlived the demo"
