"""The little the matchers need from the occupation and skill classifications.

The platform's ``taxonomy`` app holds ESCO and ISCO-08/STYRK-08; it hands the engine an object that satisfies
``Taxonomy``. ``InMemoryTaxonomy`` is that object built from plain dicts (tests, benchmarks, researchers).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Protocol, runtime_checkable

EMPTY: frozenset[str] = frozenset()


@runtime_checkable
class Taxonomy(Protocol):
    def occupation_similarity(self, a: str, b: str) -> float:
        """0..1; 1 for the same occupation. Must be symmetric for the explanations to read naturally."""
        ...

    def skills(self, occupation: str) -> tuple[frozenset[str], frozenset[str]]:
        """(essential, optional) skills of a 4-digit occupation (ESCO occupation-skill relations)."""
        ...


def isco_similarity(a: str, b: str) -> float:
    """Similarity in the ISCO-08 tree: the depth of the deepest shared group over 4 levels.

    Same unit group (4 digits) 1, same minor group (3) 0.75, same sub-major group (2) 0.5, same major group (1) 0.25,
    else 0. A shorter code names a whole group: "51" against "5120" is 1, the unit group lies inside it (a preference
    for "personal service workers" is fully met by cooks).
    """
    depth = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        depth += 1
    if depth == min(len(a), len(b)):
        return 1.0
    return depth / 4.0


def field_similarity(a: str, b: str) -> float:
    """Similarity of two fields of education. ISCED-F 2013 codes ("0913" nursing) share broad (2 digits), narrow
    (3) and detailed (4) levels: 1/3 per shared level, 1 where one contains the other. Anything else (free-text
    fields) counts only when equal, ignoring case."""
    if a.isdigit() and b.isdigit() and len(a) >= 2 and len(b) >= 2:
        depth = 0
        for x, y in zip(a, b, strict=False):
            if x != y:
                break
            depth += 1
        if depth == min(len(a), len(b)):
            return 1.0
        return max(0, depth - 1) / 3.0
    return 1.0 if a.strip().casefold() == b.strip().casefold() else 0.0


# ISCO-08 defines four skill levels per major group and maps them to ISCED; these are the typical ISCED levels used
# when an opportunity states no required education (major group -> ISCED 2011 level).
# 1 managers, 2 professionals: skill level 4 (bachelor, 6); 3 technicians and associate professionals: skill level 3
# (short-cycle tertiary, 5); 4-8 clerks, service and sales, agriculture, crafts, operators: skill level 2 (upper
# secondary, 3); 9 elementary occupations: skill level 1 (primary, 1); 0 armed forces: mixed, taken as 3.
_TYPICAL_ISCED = {"0": 3, "1": 6, "2": 6, "3": 5, "4": 3, "5": 3, "6": 3, "7": 3, "8": 3, "9": 1}


def typical_education_level(occupation: str) -> int:
    return _TYPICAL_ISCED.get(occupation[:1], 3)


class InMemoryTaxonomy:
    """ISCO tree similarity and an occupation -> (essential, optional) skills dict.

    ``similarity`` may be replaced by any symmetric function (an embedding similarity, a crosswalk of observed
    transitions); the batch paths call it once per distinct pair of codes and cache the result.
    """

    def __init__(
        self,
        occupation_skills: Mapping[str, tuple[Iterable[str], Iterable[str]]] | None = None,
        *,
        similarity=isco_similarity,
    ) -> None:
        self._skills = {
            code: (frozenset(essential), frozenset(optional) - frozenset(essential))
            for code, (essential, optional) in (occupation_skills or {}).items()
        }
        self._similarity = similarity

    def occupation_similarity(self, a: str, b: str) -> float:
        return float(self._similarity(a, b))

    def skills(self, occupation: str) -> tuple[frozenset[str], frozenset[str]]:
        return self._skills.get(occupation, (EMPTY, EMPTY))
