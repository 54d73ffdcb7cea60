#!/usr/bin/env bash
# The whole test suite, as CI runs it: ruff, the import contracts, compiled translations, then pytest on SQLite
# and on PostgreSQL (side by side where there are two cores or more). Every step runs even when an earlier one fails; the exit status is non-zero when any
# step failed.
#
#   scripts/test.sh [pytest arguments...]    e.g. scripts/test.sh -x -k consent
#
# Environment:
#   PYTHON                 the interpreter of the virtualenv to use (default: .venv/bin/python)
#   DATABASE_URL_POSTGRES  the PostgreSQL server for the second run
#                          (default: postgres://postgres@127.0.0.1:5432/samspill; tests use the test_ database)
#   CI=true                a PostgreSQL server that does not answer is a failure instead of a skipped run
#   SAMSPILL_TEST_SERIAL=1 the SQLite and PostgreSQL runs one after the other, with live output
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

PYTHON="${PYTHON:-.venv/bin/python}"
if [[ ! -x "$PYTHON" ]]; then
    echo "error: no virtualenv at $PYTHON; run 'make test' (or set PYTHON=/path/to/venv/bin/python)" >&2
    exit 2
fi
PYTHON="$(cd "$(dirname "$PYTHON")" && pwd)/$(basename "$PYTHON")"
BIN="$(dirname "$PYTHON")"
POSTGRES_URL="${DATABASE_URL_POSTGRES:-postgres://postgres@127.0.0.1:5432/samspill}"
PYTEST_ARGS=(-p no:cacheprovider "$@")

results=()
failed=0
started=$SECONDS

if [[ -t 1 ]]; then bold=$'\033[1m' red=$'\033[1;31m' plain=$'\033[0m'; else bold="" red="" plain=""; fi
banner() { printf '\n%s==> %s%s\n' "$bold" "$*" "$plain"; }
record() {  # record NAME STATUS [NOTE]
    local name="$1" status="$2" note="${3:-}"
    if [[ "$status" == 0 ]]; then
        results+=("ok       $name${note:+ ($note)}")
    elif [[ "$status" == skip ]]; then
        results+=("SKIPPED  $name${note:+ ($note)}")
    else
        results+=("FAILED   $name (exit $status${note:+; $note})")
        failed=1
    fi
}

run_step() {  # run_step NAME COMMAND...
    local name="$1"
    shift
    banner "$name"
    local step_start=$SECONDS
    "$@"
    local status=$?
    record "$name" "$status" "$((SECONDS - step_start)) s"
}

run_pytest() {  # run_pytest NAME [env assignments...]
    local name="$1"
    shift
    banner "$name"
    local step_start=$SECONDS
    env "$@" "$PYTHON" -m pytest "${PYTEST_ARGS[@]}"
    local status=$?
    local note="$((SECONDS - step_start)) s"
    if [[ "$status" == 5 ]]; then
        note="$note; pytest collected no tests"
    fi
    record "$name" "$status" "$note"
}

run_step "ruff check" "$BIN/ruff" check .
run_step "ruff format --check" "$BIN/ruff" format --check .
# A wide console: rich would otherwise wrap contract names and import lines at 80 columns in CI logs.
run_step "import contracts (lint-imports)" env COLUMNS="${COLUMNS:-160}" "$BIN/lint-imports" --no-logo

# Compile the translations so that .po edits take effect in the tests (the .mo files are committed too).
# From src/: compilemessages walks the whole current folder looking for locale/ folders (.venv included).
compile_messages() { (cd src && "$BIN/samspill" compilemessages --verbosity 1); }
if find src -type d -name locale -print -quit | grep -q .; then
    run_step "compilemessages" compile_messages
else
    banner "compilemessages"
    echo "no locale folders under src/: nothing to compile"
    record "compilemessages" skip "no locale folders"
fi

# The two database runs are independent and each keeps about one core busy, so on a machine with two or more
# cores they run side by side (their outputs are printed one after the other when both are done).
# SAMSPILL_TEST_SERIAL=1 runs them one after the other, with live output.
banner "PostgreSQL server check"
postgres_answers=0
if "$PYTHON" - "$POSTGRES_URL" <<'PY'
import sys

import psycopg
from psycopg.conninfo import make_conninfo

# Connect to the server's maintenance database: the suite itself creates and drops test_<name>.
try:
    psycopg.connect(make_conninfo(sys.argv[1], dbname="postgres", connect_timeout=5)).close()
except Exception as error:  # noqa: BLE001 - any failure means "no server to test against"
    print(f"PostgreSQL does not answer: {error}".strip(), file=sys.stderr)
    sys.exit(1)
print("PostgreSQL answers")
PY
then
    postgres_answers=1
fi

POSTGRES_ARGS=()
postgres_name="pytest on PostgreSQL"
# tests/analysis and tests/matching exercise the pure-Python engines (and the sequences command line), which never
# touch a database: the SQLite run covers them, and running them twice would only cost time.
if (($# == 0)); then
    POSTGRES_ARGS=(--ignore=tests/analysis --ignore=tests/matching)
    postgres_name="pytest on PostgreSQL (without tests/analysis and tests/matching: no database there)"
fi

cores="$(nproc 2>/dev/null || echo 1)"
if ((postgres_answers)) && [[ "${SAMSPILL_TEST_SERIAL:-}" != 1 ]] && ((cores >= 2)); then
    logs="$(mktemp -d)"
    banner "pytest on SQLite and on PostgreSQL, side by side ($cores cores)"
    pass_start=$SECONDS
    env -u DATABASE_URL "$PYTHON" -m pytest "${PYTEST_ARGS[@]}" >"$logs/sqlite.log" 2>&1 &
    sqlite_pid=$!
    env DATABASE_URL="$POSTGRES_URL" "$PYTHON" -m pytest "${PYTEST_ARGS[@]}" "${POSTGRES_ARGS[@]}" \
        >"$logs/postgres.log" 2>&1 &
    postgres_pid=$!
    wait "$sqlite_pid"
    sqlite_status=$?
    sqlite_seconds=$((SECONDS - pass_start))
    wait "$postgres_pid"
    postgres_status=$?
    postgres_seconds=$((SECONDS - pass_start))
    banner "pytest on SQLite (output)"
    cat "$logs/sqlite.log"
    banner "$postgres_name (output)"
    cat "$logs/postgres.log"
    rm -rf "$logs"
    record "pytest on SQLite" "$sqlite_status" "$sqlite_seconds s"
    record "$postgres_name" "$postgres_status" "$postgres_seconds s"
else
    run_pytest "pytest on SQLite" -u DATABASE_URL
    if ((postgres_answers)); then
        PYTEST_ARGS+=("${POSTGRES_ARGS[@]}")
        run_pytest "$postgres_name" DATABASE_URL="$POSTGRES_URL"
    else
        safe_url="$(sed -E 's#//([^:@/]+):[^@/]*@#//\1:***@#' <<<"$POSTGRES_URL")"
        if [[ "${CI:-}" == "true" ]]; then
            echo "error: no PostgreSQL server at $safe_url; under CI=true the PostgreSQL run is required." >&2
            record "pytest on PostgreSQL" 1 "no server at $safe_url"
        else
            printf '\n%s%s\n%s\n%s%s\n' "$red" \
                "!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!" \
                "!!! WARNING: no PostgreSQL server at $safe_url: the PostgreSQL run is SKIPPED." \
                "!!! Start one or set DATABASE_URL_POSTGRES; CI fails here. !!!!!!!!!!!!!!!!!!!!!!" "$plain"
            record "pytest on PostgreSQL" skip "no server at $safe_url"
        fi
    fi
fi

banner "Summary ($((SECONDS - started)) s)"
printf '  %s\n' "${results[@]}"
if ((failed)); then
    echo "FAILED: at least one step failed." >&2
    exit 1
fi
echo "All steps passed."
