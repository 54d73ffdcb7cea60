"""Production mode refuses to start with insecure settings, and a good configuration starts hardened.

Each case runs ``django.setup()`` in a fresh interpreter, because settings are read once per process.
"""

import json
import os
import secrets
import subprocess
import sys

import pytest

SETUP = "import django; django.setup()"
SHOW = (
    SETUP + "; import json; from django.conf import settings as s; print(json.dumps({"
    "'SESSION_COOKIE_SECURE': s.SESSION_COOKIE_SECURE, 'CSRF_COOKIE_SECURE': s.CSRF_COOKIE_SECURE, "
    "'SECURE_HSTS_SECONDS': s.SECURE_HSTS_SECONDS, 'DEBUG': s.DEBUG, 'ALLOWED_HOSTS': s.ALLOWED_HOSTS, "
    "'SECRET_KEY_LENGTH': len(s.SECRET_KEY)}))"
)
GOOD_KEY = secrets.token_urlsafe(64)
# Everything that could leak a value into the child process from the developer's or CI's environment.
SETTINGS_VARIABLES = ("SECRET_KEY", "SECRET_KEY_FILE", "DEBUG", "ALLOWED_HOSTS", "SAMSPILL_PRODUCTION")


def run_django(tmp_path, code: str = SETUP, **variables: str) -> subprocess.CompletedProcess:
    env = {key: value for key, value in os.environ.items() if key not in SETTINGS_VARIABLES}
    env.update(
        DJANGO_SETTINGS_MODULE="samspill.config.settings",
        SAMSPILL_VAR_DIR=str(tmp_path / "var"),
        SAMSPILL_PRODUCTION="true",
        **variables,
    )
    return subprocess.run(
        [sys.executable, "-c", code], env=env, cwd=tmp_path, capture_output=True, text=True, timeout=120
    )


@pytest.mark.parametrize(
    ("variables", "expected"),
    [
        pytest.param({"ALLOWED_HOSTS": "samspill.example.org"}, "SECRET_KEY", id="no-secret-key"),
        pytest.param({"SECRET_KEY": "too-short", "ALLOWED_HOSTS": "samspill.example.org"}, "SECRET_KEY", id="short"),
        pytest.param(
            {"SECRET_KEY": "a" * 80, "ALLOWED_HOSTS": "samspill.example.org"}, "SECRET_KEY", id="long-but-not-random"
        ),
        pytest.param(
            {"SECRET_KEY": GOOD_KEY, "ALLOWED_HOSTS": "samspill.example.org", "DEBUG": "true"}, "DEBUG", id="debug"
        ),
        pytest.param({"SECRET_KEY": GOOD_KEY, "ALLOWED_HOSTS": "*"}, "ALLOWED_HOSTS", id="wildcard-host"),
        pytest.param({"SECRET_KEY": GOOD_KEY}, "ALLOWED_HOSTS", id="no-hosts"),
    ],
)
def test_production_refuses_insecure_settings(tmp_path, variables, expected):
    result = run_django(tmp_path, **variables)

    assert result.returncode != 0, f"started with insecure settings {variables}:\n{result.stdout}"
    assert "ImproperlyConfigured" in result.stderr, result.stderr
    assert "refuses to start in production mode" in result.stderr, result.stderr
    last_line = result.stderr.strip().splitlines()[-1]
    assert expected in last_line, f"the message does not name {expected}: {last_line}"


def test_production_starts_hardened_with_good_settings(tmp_path):
    key_file = tmp_path / "secret_key"
    key_file.write_text(GOOD_KEY + "\n", encoding="utf-8")

    result = run_django(tmp_path, SHOW, SECRET_KEY_FILE=str(key_file), ALLOWED_HOSTS="samspill.example.org")

    assert result.returncode == 0, result.stderr
    values = json.loads(result.stdout.strip().splitlines()[-1])
    assert values["SECRET_KEY_LENGTH"] == len(GOOD_KEY)
    assert values["DEBUG"] is False
    assert values["ALLOWED_HOSTS"] == ["samspill.example.org"]
    assert values["SESSION_COOKIE_SECURE"] is True
    assert values["CSRF_COOKIE_SECURE"] is True
    assert values["SECURE_HSTS_SECONDS"] > 0
