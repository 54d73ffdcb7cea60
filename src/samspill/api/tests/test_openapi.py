"""The OpenAPI schema lists every route; the docs page works under our CSP (no CDN, no inline script)."""

import re

import pytest

from samspill.api.tests.conftest import english_client

pytestmark = pytest.mark.django_db

_SCRIPT = re.compile(r"<script\b([^>]*)>(.*?)</script>", re.DOTALL | re.IGNORECASE)


@pytest.fixture(scope="module")
def schema(django_db_blocker):
    with django_db_blocker.unblock():
        response = english_client().get("/api/openapi.json")
    assert response.status_code == 200
    return response.json()


def test_schema_lists_every_route(schema):
    import importlib

    from tests.test_personas import PERSONA_CASE_MODULES

    routes = {
        f"{method.upper()} {path}"
        for path, operations in schema["paths"].items()
        for method in operations
        if method in {"get", "post", "put", "patch", "delete"}
    }
    expected = {}
    for name in PERSONA_CASE_MODULES:
        expected.update(getattr(importlib.import_module(name), "API_EXPECTED_STATUS", {}))
    # Every documented operation has a persona table, and every /api/v1 entry of a table is documented.
    assert routes == {key for key in expected if key.split(" ", 1)[1].startswith("/api/v1/")}
    assert (schema["info"]["title"], schema["info"]["version"]) == ("Samspill API", "1")
    assert set(schema["components"]["securitySchemes"]) == {"PersonalAccessToken", "BrowserSession"}


def test_every_operation_is_documented_for_integrators(schema):
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            where = f"{method.upper()} {path}"
            assert operation.get("summary") and operation.get("description"), where
            assert operation["operationId"], where
            assert {"PersonalAccessToken": []} in operation["security"], where
            assert "401" in operation["responses"], where
            assert "422" in operation["responses"] or (method == "get" and "{" in path), where
    patch = schema["paths"]["/api/v1/participants/{participant_id}"]["patch"]
    assert patch["responses"]["422"]["content"]["application/json"]["schema"]["$ref"].endswith("/ValidationErrors")
    fields = schema["components"]["schemas"]["ParticipantUpdate"]["properties"]
    assert all(field.get("description") for name, field in fields.items()), "every input field is described"
    language = schema["components"]["schemas"]["LanguageSkillIn"]["properties"]["listening"]
    assert language["enum"] == ["", "A1", "A2", "B1", "B2", "C1", "C2"]


def test_docs_page_has_no_inline_script_and_loads_nothing_from_elsewhere(world):
    response = english_client().get("/api/docs")
    assert response.status_code == 200
    html = response.content.decode()
    scripts = _SCRIPT.findall(html)
    assert len(scripts) == 2
    for attributes, content in scripts:
        assert 'src="/api/docs/assets/' in attributes
        assert content.strip() == ""
    assert not re.search(r"\son[a-z]+\s*=", html), "no inline event handlers"
    assert not re.search(r"(src|href)=\"(https?:)?//", html), "nothing from another site"
    assert 'data-openapi-url="/api/openapi.json"' in html
    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy
    # Without JavaScript the page still lists the operations.
    assert "PATCH /api/v1/participants/{participant_id}" in html


@pytest.mark.parametrize(
    ("name", "content_type"),
    [
        ("swagger-ui-bundle.js", "text/javascript"),
        ("swagger-ui.css", "text/css"),
        ("docs.js", "text/javascript"),
    ],
)
def test_docs_assets_are_served_here(name, content_type):
    response = english_client().get(f"/api/docs/assets/{name}")
    assert response.status_code == 200
    assert response["Content-Type"].startswith(content_type)
    assert b"".join(response.streaming_content)


def test_only_the_docs_assets_are_served():
    for name in ["swagger-ui.css.map", "..%2Fsettings.py", "redoc.standalone.js"]:
        response = english_client().get(f"/api/docs/assets/{name}")
        assert response.status_code == 404


def test_docs_assets_refuse_writes_in_json():
    response = english_client().post("/api/docs/assets/docs.js")
    assert response.status_code == 405
    assert response.json()["detail"].startswith("This method is not allowed here.")
