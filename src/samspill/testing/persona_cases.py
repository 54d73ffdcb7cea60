"""The shared shape of the apps' persona tables (``<app>/tests/persona_cases.py``) and the runner that plays one
the way the project's persona meta-test does: every persona's request in a savepoint that is rolled back; a
refusal changes nothing and logs no read; a success on a route that shows a person logs exactly one read."""

from dataclasses import dataclass, field

from samspill.testing.personas import PERSONA_NAMES

DENIED = frozenset({401, 403, 404})


def statuses(allowed: set, ok: int, *, denied: int = 404, anonymous: int = 302) -> dict[str, int]:
    table = {persona: (ok if persona in allowed else denied) for persona in PERSONA_NAMES}
    table["anonymous"] = anonymous
    return table


@dataclass
class Case:
    route: str  # "namespace:name" as Django resolves it
    method: str
    url: object  # callable(fixture) -> str
    expected: dict[str, int]
    data: object = field(default_factory=dict)  # a dict, or callable(fixture) -> dict for per-object field names
    json: bool = False


class Fixture:
    """What a case's callables receive: the world."""

    def __init__(self, world):
        self.world = world


class _Rollback(Exception):
    pass


def run_web_cases(world, cases, *, logging_routes=frozenset()) -> None:
    """Plays every case for every persona and asserts the statuses, that refusals change nothing and log no read,
    and that a successful GET of a route in ``logging_routes`` logs exactly one."""
    from django.db import transaction
    from django.test import Client

    from samspill.audit.models import AccessLog
    from samspill.testing.database import fingerprint

    fixture = Fixture(world)
    for case in cases:
        assert set(case.expected) == set(PERSONA_NAMES), f"{case.route}: every persona needs an expectation"
        actual = {}
        for persona in PERSONA_NAMES:
            try:
                with transaction.atomic():
                    client = Client(HTTP_ACCEPT_LANGUAGE="en")
                    if persona != "anonymous":
                        client.force_login(world.user(persona))
                    before = fingerprint(include_access_log=False)
                    reads = AccessLog.objects.count()
                    data = case.data(fixture) if callable(case.data) else case.data
                    response = getattr(client, case.method)(case.url(fixture), data)
                    actual[persona] = response.status_code
                    logged = AccessLog.objects.count() - reads
                    if response.status_code in DENIED or persona == "anonymous":
                        assert logged == 0, f"{case.route} {persona}: a refusal logged a read"
                        assert fingerprint(include_access_log=False) == before, f"{case.route} {persona}: changed"
                    elif case.route in logging_routes and case.method == "get":
                        assert logged == 1, f"{case.route} {persona}: showing a person logs one read, got {logged}"
                    elif case.method == "get":
                        assert logged == 0, f"{case.route} {persona}: this page shows no person, yet logged a read"
                    raise _Rollback
            except _Rollback:
                pass
        assert actual == case.expected, case.route


@dataclass
class ApiCase:
    """An API route for every persona: ``route`` is the Django URL name, ``key`` "METHOD /path"."""

    route: str
    method: str
    url: object  # callable(fixture with .world) -> str
    expected: dict[str, int]
    data: object = field(default_factory=dict)  # a dict, or callable(fixture) -> dict
    json: bool = True
    key: str = ""


def run_api_case(world, case: ApiCase, *, logged_routes=frozenset()) -> None:
    """Plays one API case for every persona, each request rolled back: a refusal answers JSON with a ``detail``,
    changes nothing and logs no read; a success on a route in ``logged_routes`` logs exactly one read, any other
    success none."""
    import json

    from django.db import transaction
    from django.test import Client

    from samspill.audit.models import AccessLog
    from samspill.testing.database import fingerprint

    fixture = Fixture(world)
    actual = {}
    for persona in PERSONA_NAMES:
        try:
            with transaction.atomic():  # each persona's request is rolled back: nobody sees another's writes
                client = Client(HTTP_ACCEPT_LANGUAGE="en")
                if persona != "anonymous":
                    client.force_login(world.user(persona))
                address = case.url(fixture)
                data = case.data(fixture) if callable(case.data) else case.data
                payload = json.dumps(data) if case.method in ("post", "patch", "put") else ""
                reads = AccessLog.objects.count()
                before = fingerprint(include_access_log=False)
                response = client.generic(case.method.upper(), address, data=payload, content_type="application/json")
                actual[persona] = status = response.status_code
                logged = AccessLog.objects.count() - reads
                if status >= 400:
                    assert response["Content-Type"].startswith("application/json"), (persona, response.content)
                    assert "detail" in response.json(), persona
                    assert logged == 0, f"{case.key} {persona}: a refused request logged a read"
                    assert fingerprint(include_access_log=False) == before, f"{case.key} {persona}: changed data"
                elif case.route in logged_routes:
                    assert logged == 1, f"{case.key} {persona}: one read of the person, one access-log row"
                else:
                    assert logged == 0, f"{case.key} {persona}: lists and documents log no read"
                raise _Rollback
        except _Rollback:
            pass
    assert actual == case.expected, case.key
