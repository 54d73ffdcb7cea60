"""Persona expectations for the evaluation of the job suggestions (matching:evaluation), for the project's persona
meta-test (tests/test_personas.py). Only a coordinator sees it, over their own organisations; everyone else gets
"not found". An aggregate: it logs no read."""

from samspill.testing.persona_cases import Case, statuses

WEB_CASES = [
    Case("matching:evaluation", "get", lambda f: "/matching/evaluation/", statuses({"coordinator"}, 200)),
]
