"""Score pressfacts against gold files, as docs/facts.md's scoring section says.

A user who keeps gold files for their own releases runs `pressfacts evaluate GOLD_DIR`:
for each `NAME.gold.json` beside `NAME.txt` (or `.html`), predicted and gold facts
are matched one to one per type; precision, recall and F1 are summed over all
articles (micro average), lenient (values only) and strict (right cohort too).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pressfacts.errors import InputError

CORE_TYPES = ("cohort_size", "response_rate", "safety_event", "quote")
ALL_TYPES = (*CORE_TYPES, "endpoint_change")
STOP_WORDS = {"of", "and", "the", "at", "for", "in", "a", "an", "&", "to", "on"}
GRADE_FORMS = {
    "≥3": ">=3",
    "3+": ">=3",
    "≥2": ">=2",
    "2+": ">=2",
    "1–2": "1-2",
    "1/2": "1-2",
    "1 or 2": "1-2",
}
ARTICLE_SUFFIXES = (".txt", ".html", ".htm", ".md")


@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, other: Counts) -> None:
        self.tp, self.fp, self.fn = self.tp + other.tp, self.fp + other.fp, self.fn + other.fn

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class Miss:
    article: str
    kind: str  # "miss" (gold not found) or "extra" (prediction with no gold partner)
    fact_type: str
    item: dict[str, Any]


@dataclass
class Evaluation:
    """Counts per mode ("lenient", "strict") and type, and every strict miss."""

    counts: dict[str, dict[str, Counts]] = field(
        default_factory=lambda: {mode: {t: Counts() for t in ALL_TYPES} for mode in ("lenient", "strict")}
    )
    misses: list[Miss] = field(default_factory=list)
    articles: int = 0
    failed: list[str] = field(default_factory=list)

    def total(self, mode: str, types: Iterable[str] = CORE_TYPES) -> Counts:
        total = Counts()
        for fact_type in types:
            total.add(self.counts[mode][fact_type])
        return total


def _number(value: Any) -> float | None:
    if isinstance(value, bool) or value is None:
        return None
    try:
        return float(str(value).strip().rstrip("%"))
    except ValueError:
        return None


def _close(a: Any, b: Any, tolerance: float = 0.05) -> bool:
    a, b = _number(a), _number(b)
    return a is not None and b is not None and abs(a - b) <= tolerance


def _grade(value: Any) -> str | None:
    if value is None:
        return None
    text = str(value).strip().lower().replace("grade", "").replace(" ", "")
    return GRADE_FORMS.get(text, text)


def _words(text: str | None) -> set[str]:
    return {w for w in re.findall(r"[a-z0-9]+", (text or "").casefold()) if w not in STOP_WORDS}


def _plain(text: str | None) -> str:
    return " ".join(re.sub(r"[\"“”‘’'«»]", "", text or "").split()).casefold()


def values_match(fact_type: str, pred: dict[str, Any], gold: dict[str, Any]) -> bool:
    """The lenient test of facts.md's scoring table."""
    if fact_type == "cohort_size":
        return _close(pred.get("value"), gold["value"], 0) and pred.get("population") == gold["population"]
    if fact_type == "response_rate":
        if gold.get("value") is not None and _close(pred.get("value"), gold["value"]):
            return True
        return (
            gold.get("count") is not None
            and gold.get("denominator") is not None
            and _close(pred.get("count"), gold["count"], 0)
            and _close(pred.get("denominator"), gold["denominator"], 0)
        )
    if fact_type == "safety_event":
        return (
            str(pred.get("event", "")).upper() == gold["event"]
            and _grade(pred.get("grade")) == gold["grade"]
            and bool(pred.get("negated", False)) == gold["negated"]
            and all(
                gold.get(k) is None or _close(pred.get(k), gold[k], 0 if k == "count" else 0.05)
                for k in ("count", "percent")
            )
        )
    if fact_type == "endpoint_change":
        return (
            _close(pred.get("value"), gold["value"])
            and pred.get("unit") == gold["unit"]
            and bool(_words(pred.get("measure")) & _words(gold["measure"]))
        )
    last_name = gold["speaker"].split()[-1].casefold().strip(".,")
    speaker_words = {w.strip(".,") for w in str(pred.get("speaker") or "").casefold().split()}
    return last_name in speaker_words and _plain(pred.get("text")).startswith(_plain(gold["starts_with"]))


def _cohort_matches(pred_cohort: Any, gold_cohort: str | None, aliases: dict[str, set[str]]) -> bool:
    if gold_cohort is None:
        return pred_cohort in (None, "")
    if not pred_cohort:
        return False
    pred = str(pred_cohort).casefold().strip()
    names = aliases.get(gold_cohort.casefold(), {gold_cohort.casefold()})
    return any(name and (pred == name or name in pred or pred in name) for name in names)


def strict_match(fact_type: str, pred: dict, gold: dict, aliases: dict[str, set[str]]) -> bool:
    """Values, and the right cohort (facts) or a shared word in title and organization (quotes)."""
    if not values_match(fact_type, pred, gold):
        return False
    if fact_type == "quote":
        return all(
            not gold.get(k) or _words(pred.get(k)) & _words(gold[k]) for k in ("title", "organization")
        )
    return _cohort_matches(pred.get("cohort"), gold.get("cohort"), aliases)


def max_matching(preds: list[dict], golds: list[dict], ok: Callable[[dict, dict], bool]) -> dict[int, int]:
    """The largest one-to-one matching (Kuhn's algorithm): {gold index: prediction index}."""
    candidates = [[j for j, p in enumerate(preds) if ok(p, g)] for g in golds]
    owner: dict[int, int] = {}

    def augment(i: int, seen: set[int]) -> bool:
        for j in candidates[i]:
            if j not in seen:
                seen.add(j)
                if j not in owner or augment(owner[j], seen):
                    owner[j] = i
                    return True
        return False

    for i in range(len(golds)):
        augment(i, set())
    return {i: j for j, i in owner.items()}


def score_article(name: str, gold: dict, predicted: dict, evaluation: Evaluation) -> None:
    """Add one article's matches to `evaluation`."""
    aliases: dict[str, set[str]] = {}
    for cohort in gold.get("cohorts", []):
        names = {cohort["name"].casefold(), *(a.casefold() for a in cohort.get("aliases", []))}
        for alias in names:
            aliases[alias] = names
    for fact_type in ALL_TYPES:
        if fact_type == "quote":
            golds, preds = gold.get("quotes", []), predicted.get("quotes", [])
        else:
            golds = [f for f in gold.get("facts", []) if f["type"] == fact_type]
            preds = [f for f in predicted.get("facts", []) if f.get("type") == fact_type]
        for mode in ("lenient", "strict"):
            if mode == "lenient":
                matched = max_matching(preds, golds, lambda p, g, t=fact_type: values_match(t, p, g))
            else:
                matched = max_matching(preds, golds, lambda p, g, t=fact_type: strict_match(t, p, g, aliases))
            counts = evaluation.counts[mode][fact_type]
            counts.tp += len(matched)
            counts.fn += len(golds) - len(matched)
            counts.fp += len(preds) - len(matched)
            if mode == "strict":
                hit = set(matched.values())
                evaluation.misses += [
                    Miss(name, "miss", fact_type, g) for i, g in enumerate(golds) if i not in matched
                ]
                evaluation.misses += [
                    Miss(name, "extra", fact_type, p) for j, p in enumerate(preds) if j not in hit
                ]


def gold_articles(gold_dir: Path) -> list[tuple[str, Path, Path]]:
    """(name, article path, gold path) for every gold file with an article beside it, sorted."""
    found = []
    for gold_path in sorted(Path(gold_dir).glob("*.gold.json")):
        name = gold_path.name[: -len(".gold.json")]
        article = next(
            (
                gold_path.with_name(name + s)
                for s in ARTICLE_SUFFIXES
                if gold_path.with_name(name + s).exists()
            ),
            None,
        )
        if article is not None:
            found.append((name, article, gold_path))
    return found


def evaluate(gold_dir: Path, predict: Callable[[Path], dict]) -> Evaluation:
    """Run `predict` (article path -> output JSON as a dict) on every gold article and score it."""
    evaluation = Evaluation()
    for name, article, gold_path in gold_articles(gold_dir):
        evaluation.articles += 1
        try:
            predicted = predict(article)
        except InputError as err:  # an unreadable article is scored as empty, and named
            evaluation.failed.append(str(err))
            predicted = {}
        score_article(name, json.loads(gold_path.read_text(encoding="utf-8")), predicted, evaluation)
    return evaluation
