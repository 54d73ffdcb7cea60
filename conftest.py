import os
from pathlib import Path

import pytest

SHARED_DATA = Path(__file__).resolve().parent.parent / "shared" / "data"


@pytest.fixture
def world(db):
    from samspill.testing.personas import build_world

    return build_world()


@pytest.fixture
def shared_data() -> Path:
    """The real reference data in ../shared/data. Outside CI a missing folder skips; under CI it fails."""
    folder = Path(os.environ.get("SAMSPILL_SHARED_DATA", SHARED_DATA))
    if not folder.is_dir():
        message = f"reference data folder {folder} is missing (set SAMSPILL_SHARED_DATA)"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    return folder


@pytest.fixture(autouse=True)
def _english_messages():
    """Service and form messages in English, so assertions read the source text. Requests still choose their
    language from Accept-Language and the language cookie, as in production."""
    from django.utils import translation

    with translation.override("en"):
        yield
