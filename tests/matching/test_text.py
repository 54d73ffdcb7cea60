"""The engine's explanations are translatable without Django: ``Text`` is the English ``str`` everything reads, and
carries the template (a ``gettext_noop`` literal that makemessages extracts) and its params for the platform."""

from __future__ import annotations

import ast
import copy
import json
import pickle
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import samspill.matching.engine as engine
from samspill.matching.engine import (
    ALL_FULL,
    BELOW_MIN,
    NO_ELIGIBLE,
    Exclusion,
    JobMatcher,
    MentorMatcher,
    ServiceMatcher,
    Suggestion,
    Text,
    assign,
    gettext_noop,
)

from .strategies import TAXONOMY, catalogue, mentors, opportunities, participants, programmes

SETTINGS = settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
ENGINE = Path(engine.__file__).parent


def _marked_literals() -> set[str]:
    """Every template marked in the engine's source, read as makemessages reads it: the one string literal
    argument of a ``gettext_noop`` call."""
    found = set()
    for path in ENGINE.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "gettext_noop":
                assert len(node.args) == 1 and not node.keywords, f"{path.name}:{node.lineno}"
                arg = node.args[0]
                assert isinstance(arg, ast.Constant) and isinstance(arg.value, str), (
                    f"{path.name}:{node.lineno}: gettext_noop takes one string literal, or nothing is extracted"
                )
                found.add(arg.value)
    return found


MARKED = _marked_literals()
NORWEGIAN = {
    "%(level)s +1 (course)": "%(level)s +1 (kurs)",
    "norwegian: %(have)s ≥ %(required)s": "norsk: %(have)s ≥ %(required)s",
    "none": "ingen",
}


def _assert_translatable(text: object) -> None:
    """A ``Text`` whose template, and the template of every ``Text`` among its params, is a marked literal, and
    whose English comes back unchanged through an identity catalogue."""
    assert isinstance(text, Text), repr(text)
    assert text.template in MARKED, text.template
    for value in text.params.values():
        if isinstance(value, Text):
            _assert_translatable(value)
        else:
            assert isinstance(value, str | int | float), repr(value)
    assert text.translated(lambda message: message) == str(text)


def _assert_explained(result: Suggestion | Exclusion) -> None:
    if isinstance(result, Suggestion):
        assert result.notes and result.constraints
        for text in (*result.notes.values(), *result.constraints):
            _assert_translatable(text)
    else:
        assert result.failed
        for text in result.failed:
            _assert_translatable(text)


def test_text_is_the_english_str():
    text = Text(gettext_noop("distance: %(km).1f km ≤ %(radius)s km"), km=12.345, radius="30")
    assert text == "distance: 12.3 km ≤ 30 km"
    assert isinstance(text, str)
    assert hash(text) == hash("distance: 12.3 km ≤ 30 km")
    assert {"distance: 12.3 km ≤ 30 km": 1}[text] == 1
    assert repr(text) == repr("distance: 12.3 km ≤ 30 km")
    assert type(str(text)) is str and str(text) == text
    assert f"{text}!" == "distance: 12.3 km ≤ 30 km!"
    assert "; ".join([text, "x"]) == "distance: 12.3 km ≤ 30 km; x"
    assert json.dumps({"note": text}) == json.dumps({"note": "distance: 12.3 km ≤ 30 km"})
    assert text.template == "distance: %(km).1f km ≤ %(radius)s km"
    assert dict(text.params) == {"km": 12.345, "radius": "30"}
    # Without params the template is the text as it stands: a "%" needs no escaping.
    assert Text("100% of seats") == "100% of seats"
    assert Text("100% of seats").translated(lambda message: message) == "100% of seats"
    assert gettext_noop("anything") == "anything"


def test_text_pickles_and_copies_with_its_template_and_params():
    inner = Text(gettext_noop("%(level)s +1 (course)"), level="A2")
    text = Text(gettext_noop("norwegian: %(have)s ≥ %(required)s"), have=inner, required="B1")
    for protocol in range(pickle.HIGHEST_PROTOCOL + 1):
        back = pickle.loads(pickle.dumps(text, protocol))
        assert type(back) is Text and back == text == "norwegian: A2 +1 (course) ≥ B1"
        assert back.template == text.template and dict(back.params) == dict(text.params)
        assert type(back.params["have"]) is Text and back.params["have"].template == inner.template
    for clone in (copy.copy(text), copy.deepcopy(text)):
        assert type(clone) is Text and clone == text and clone.template == text.template
        assert clone.translated(NORWEGIAN.get) == "norsk: A2 +1 (kurs) ≥ B1"
    exclusion = pickle.loads(pickle.dumps(Exclusion("t", (text,))))
    assert exclusion.failed[0].translated(NORWEGIAN.get) == "norsk: A2 +1 (kurs) ≥ B1"


def test_translated_translates_params_that_are_text_and_leaves_the_rest():
    catalogue = {
        "norwegian: %(have)s ≥ %(required)s": "norsk: %(have)s ≥ %(required)s",
        "%(level)s +1 (course)": "%(level)s +1 (kurs)",
        "none": "ingen",
        "%(km).1f km": "%(km).1f km unna",
    }

    def gettext(message: str) -> str:
        return catalogue.get(message, message)

    text = Text(
        gettext_noop("norwegian: %(have)s ≥ %(required)s"),
        have=Text(gettext_noop("%(level)s +1 (course)"), level=Text(gettext_noop("none"))),
        required="A1",
    )
    assert text == "norwegian: none +1 (course) ≥ A1"
    assert text.translated(gettext) == "norsk: ingen +1 (kurs) ≥ A1"
    # Number formats stay in the template, so a translation keeps them.
    assert Text(gettext_noop("%(km).1f km"), km=3.14159).translated(gettext) == "3.1 km unna"
    # Without a translation the English comes back.
    assert Text(gettext_noop("not assessed")).translated(gettext) == "not assessed"
    assert type(text.translated(gettext)) is str


def test_codes_among_the_params_are_named_by_the_labels_given():
    preferred = Text(gettext_noop("%(kind)s preferred"), kind="work_trial")
    outer = Text(gettext_noop("%(occupation)s; %(kind)s"), occupation="7512", kind=preferred)
    labels = {"work_trial": "arbeidstrening", "7512x": "never used"}
    assert outer.translated(lambda m: m, labels) == "7512; arbeidstrening preferred"
    assert outer.translated(lambda m: m) == str(outer) == "7512; work_trial preferred"


@SETTINGS
@given(st.lists(participants(), min_size=1, max_size=3), catalogue(opportunities, max_size=12))
def test_every_job_explanation_is_translatable(ps, os):
    matcher = JobMatcher(taxonomy=TAXONOMY).fit(os)
    for p in ps:
        for o in os:
            _assert_explained(matcher.explain(p, o))
        for s in matcher.suggest(p, top=5):
            _assert_explained(s)
        for e in matcher.excluded(p):
            _assert_explained(e)


@SETTINGS
@given(st.lists(participants(), min_size=1, max_size=3), catalogue(mentors, max_size=12))
def test_every_mentor_explanation_is_translatable(ps, ms):
    matcher = MentorMatcher(taxonomy=TAXONOMY).fit(ms)
    for p in ps:
        for m in ms:
            _assert_explained(matcher.explain(p, m))
        for s in matcher.suggest(p, top=5):
            _assert_explained(s)


@SETTINGS
@given(st.lists(participants(), min_size=1, max_size=3), catalogue(programmes, max_size=12))
def test_every_service_explanation_is_translatable_and_the_batch_path_builds_none(ps, gs):
    matcher = ServiceMatcher().fit(gs)
    for p in ps:
        for g in gs:
            _assert_explained(matcher.explain(p, g))
            # The batch path reads verdicts and values only, and gets the same ones without texts.
            explained, quiet = matcher._checks(p, g), matcher._checks(p, g, explain=False)
            assert [(c.name, c.passed) for c in quiet] == [(c.name, c.passed) for c in explained]
            assert all(c.text == "" for c in quiet)
            values = {name: value for name, (value, _) in matcher._factors(p, g).items()}
            assert values == {name: value for name, (value, _) in matcher._factors(p, g, explain=False).items()}
        for s in matcher.suggest(p, top=None):
            _assert_explained(s)


def test_unassigned_reasons_are_translatable_and_still_equal_their_english():
    result = assign([1, 2, 3], ["a", "b"], {(1, "a"): 0.9, (2, "a"): 0.1, (3, "a"): 0.8}, [1, 0], min_score=0.5)
    assert result.unassigned == {2: "below the minimum score", 3: "all eligible resources are full"}
    assert assign([1], ["a"], {}, [1]).unassigned == {1: "no eligible resource"}
    for reason in (NO_ELIGIBLE, BELOW_MIN, ALL_FULL):
        _assert_translatable(reason)
