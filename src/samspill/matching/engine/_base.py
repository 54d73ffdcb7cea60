"""What the mentor and service matchers share: a fitted list of targets, reference rules per pair
(``_checks``/``_factors``), a vector of scores per participant, and the suggestion / top-k / exclusion API built on
them."""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping, Sequence
from typing import Any

import numpy as np

from samspill.matching.engine.common import Check, Exclusion, Suggestion, TopK, make_suggestion
from samspill.matching.engine.config import Weights, weights_for
from samspill.matching.engine.features import ParticipantFeatures


class BaseMatcher:
    matcher: str = ""
    target_type: type = object

    def __init__(self, *, weights: Weights | Mapping[str, float] | None = None) -> None:
        self.weights = weights_for(self.matcher, weights)
        self._w = np.array(list(self.weights.values()), dtype=np.float64)

    # subclasses: the reference rules for one pair (``explain=False``: only the verdicts and values are read, so a
    # matcher may leave the texts out, see ``common.no_text``) ...
    def _checks(self, p: ParticipantFeatures, target: Any, *, explain: bool = True) -> list[Check]:
        raise NotImplementedError

    def _factors(self, p: ParticipantFeatures, target: Any, *, explain: bool = True) -> dict[str, tuple[float, str]]:
        raise NotImplementedError

    # ... and, optionally, a vectorised form over all fitted targets: (eligible mask, scores)
    def _vector(self, p: ParticipantFeatures) -> tuple[np.ndarray, np.ndarray]:
        ok = np.zeros(len(self.targets_), dtype=np.bool_)
        score = np.full(len(self.targets_), -np.inf)
        for i, t in enumerate(self.targets_):
            if all(c.passed for c in self._checks(p, t, explain=False)):
                ok[i] = True
                score[i] = self._score(self._factors(p, t, explain=False))
        return ok, score

    def _score(self, factors: Mapping[str, tuple[float, str]]) -> float:
        total = 0.0
        for name, weight in self.weights.items():
            total += weight * factors[name][0]
        return total

    def _fit_targets(self, targets: Sequence[Any]) -> None:
        targets = list(targets)
        ids = [t.id for t in targets]
        if len(set(ids)) != len(ids):
            raise ValueError("ids must be unique")
        self.targets_ = targets
        self.ids_ = ids
        self._by_id = {t.id: t for t in targets}

    def _target(self, target: Any) -> Any:
        if not hasattr(self, "_by_id"):
            raise RuntimeError("call fit(...) first")
        return target if isinstance(target, self.target_type) else self._by_id[target]

    def explain(self, p: ParticipantFeatures, target: Any) -> Suggestion | Exclusion:
        """The verdict on one pair: the suggestion with its explanation, or the constraints it failed."""
        t = self._target(target)
        checks = self._checks(p, t)
        failed = tuple(c.text for c in checks if not c.passed)
        if failed:
            return Exclusion(t.id, failed)
        return make_suggestion(t.id, self.weights, self._factors(p, t), checks)

    def suggest(self, p: ParticipantFeatures, top: int | None = 10) -> list[Suggestion]:
        """The best eligible targets, best first, each explained; ``top=None`` for all of them."""
        ok, score = self._vector(p)
        eligible = np.flatnonzero(ok)
        # Best score first, then catalogue position, as the batch paths order them.
        order = eligible[np.lexsort((eligible, -score[eligible]))]
        if top is not None:
            order = order[:top]
        out = []
        for i in order:
            s = self.explain(p, self.targets_[i])
            assert isinstance(s, Suggestion)
            out.append(s)
        # In the vector's order, the same as top_k's; the explained sums agree with it to rounding (1e-12: numpy's
        # arccos may differ from math.acos in the last bit).
        return out

    def excluded(self, p: ParticipantFeatures, targets: Iterable[Hashable] | None = None) -> list[Exclusion]:
        """Targets that are not suggested, each with the constraints it failed."""
        chosen = self.targets_ if targets is None else [self._target(t) for t in targets]
        out = []
        for t in chosen:
            failed = tuple(c.text for c in self._checks(p, t) if not c.passed)
            if failed:
                out.append(Exclusion(t.id, failed))
        return out

    def top_k(self, participants: Iterable[ParticipantFeatures], k: int = 10) -> TopK:
        """Each participant's k best eligible targets, scores only (the input of a global assignment)."""
        if k < 1:
            raise ValueError("k must be >= 1")
        participants = list(participants)
        n = len(self.targets_)
        index = np.full((len(participants), k), -1, dtype=np.int64)
        scores = np.full((len(participants), k), -np.inf)
        positions = np.arange(n)
        for row, p in enumerate(participants):
            ok, score = self._vector(p)
            eligible = positions[ok]
            if len(eligible) > k:
                # argpartition finds the k best; ties at the boundary are settled by position below
                s = score[eligible]
                kth = np.partition(-s, k - 1)[k - 1]
                eligible = eligible[-s <= kth]
            order = eligible[np.lexsort((eligible, -score[eligible]))][:k]
            index[row, : len(order)] = order
            scores[row, : len(order)] = score[order]
        return TopK([p.id for p in participants], self.ids_, index, scores)
