"""Event type classification from cue lexicons (ACLED sub-event codes, PLOVER types).

The lexicon (``data/event_lexicon.json``) lists cue phrases in lemma form with weights per label.
Matching runs longest-first over a lemma sequence, so "grenade launcher" does not count as a
grenade; rules may require (or exclude) other cues anywhere in the same text, which is how
"protest" + "tear gas" becomes a protest with intervention and "capture" reads as a government
or a non-state gain depending on who is named.
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

LEXICON_FILE = "event_lexicon.json"
DATA_DIR = Path(__file__).resolve().parent.parent / "data"


@dataclass(frozen=True)
class LabelInfo:
    """What one label code means in the two ontologies we export."""

    code: str
    acled_event_type: str | None
    acled_sub_event_type: str | None
    plover_type: str | None
    plover_mode: str | None


@dataclass(frozen=True)
class _Rule:
    label: str
    cues: dict[tuple[str, ...], float]
    requires: tuple[str, ...]
    excludes: tuple[str, ...]
    inherits: str | None = None  # also count this label's score (protest sub-types)


@dataclass(frozen=True)
class Lexicon:
    labels: dict[str, LabelInfo]
    rules: tuple[_Rule, ...]
    cue_index: dict[str, tuple[tuple[str, ...], ...]]  # first word -> phrases, longest first
    violent: frozenset[str]
    weapon_labels: frozenset[str]
    triggers: frozenset[str]
    actor_passive_verbs: frozenset[str]
    report_verbs: frozenset[str]
    claim_verbs: frozenset[str]
    deny_verbs: frozenset[str]
    suppress_governors: frozenset[str]
    habitual_cues: tuple[str, ...]


def _phrase(text: str) -> tuple[str, ...]:
    return tuple(text.lower().replace("-", " ").split())


@functools.lru_cache(maxsize=1)
def load_lexicon() -> Lexicon:
    """The packaged event lexicon, parsed once per process."""
    raw: dict[str, Any] = json.loads((DATA_DIR / LEXICON_FILE).read_text("utf-8"))
    labels = {
        code: LabelInfo(code, v["acled"][0], v["acled"][1], v["plover"][0], v["plover"][1])
        for code, v in raw["labels"].items()
    }
    rules = tuple(
        _Rule(
            label=r["label"],
            cues={_phrase(k): float(w) for k, w in r["cues"].items()},
            requires=tuple(" ".join(_phrase(x)) for x in r.get("requires", ())),
            excludes=tuple(" ".join(_phrase(x)) for x in r.get("excludes", ())),
            inherits=r.get("inherits"),
        )
        for r in raw["rules"]
    )
    index: dict[str, set[tuple[str, ...]]] = {}
    for rule in rules:
        for phrase in rule.cues:
            index.setdefault(phrase[0], set()).add(phrase)
    cue_index = {k: tuple(sorted(v, key=len, reverse=True)) for k, v in index.items()}
    return Lexicon(
        labels=labels,
        rules=rules,
        cue_index=cue_index,
        violent=frozenset(raw["violent"]),
        weapon_labels=frozenset(raw["weapon_labels"]),
        triggers=frozenset(raw["triggers"]),
        actor_passive_verbs=frozenset(raw["actor_passive_verbs"]),
        report_verbs=frozenset(raw["report_verbs"]),
        claim_verbs=frozenset(raw["claim_verbs"]),
        deny_verbs=frozenset(raw["deny_verbs"]),
        suppress_governors=frozenset(raw["suppress_governors"]),
        habitual_cues=tuple(raw["habitual_cues"]),
    )


def label_info(code: str) -> LabelInfo:
    return load_lexicon().labels[code]


_WORD = re.compile(r"[a-z0-9]+")


def normalise_lemmas(lemmas: Iterable[str]) -> list[str]:
    """Lower-case lemma words, hyphenated tokens split, punctuation dropped."""
    out: list[str] = []
    for lemma in lemmas:
        out.extend(_WORD.findall(lemma.lower()))
    return out


def _contains(joined: str, phrase: str) -> bool:
    return f" {phrase} " in joined


def score_labels(lemmas: Sequence[str], *, position_weight: float = 0.0) -> dict[str, float]:
    """Sum of cue weights per label over ``lemmas`` (already normalised).

    With ``position_weight`` > 0 earlier cues count more (the first event of a note is its main
    event): a cue at the start gets ``1 + position_weight`` times its weight, at the end 1 times.
    """
    lex = load_lexicon()
    joined = " " + " ".join(lemmas) + " "
    active = [
        r
        for r in lex.rules
        if (not r.requires or any(_contains(joined, q) for q in r.requires))
        and not any(_contains(joined, q) for q in r.excludes)
    ]
    scores: dict[str, float] = {}
    n = max(len(lemmas), 1)
    i = 0
    while i < len(lemmas):
        match: tuple[str, ...] | None = None
        for phrase in lex.cue_index.get(lemmas[i], ()):
            if tuple(lemmas[i : i + len(phrase)]) == phrase:
                match = phrase
                break
        if match is None:
            i += 1
            continue
        factor = 1.0 + position_weight * (1.0 - i / n)
        for rule in active:
            weight = rule.cues.get(match)
            if weight:
                scores[rule.label] = scores.get(rule.label, 0.0) + weight * factor
        i += len(match)
    for rule in active:
        if rule.inherits and rule.label in scores:
            scores[rule.label] += scores.get(rule.inherits, 0.0) / 2
    return scores


def best_label(
    scores: dict[str, float], allowed: Iterable[str] | None = None, *, minimum: float = 1.0
) -> tuple[str | None, float]:
    """The highest-scoring label (restricted to ``allowed`` when given) and its score."""
    pool = set(allowed) if allowed is not None else None
    best: tuple[str | None, float] = (None, 0.0)
    for label, score in scores.items():
        if pool is not None and label not in pool:
            continue
        if score > best[1]:
            best = (label, score)
    if best[1] < minimum:
        return None, best[1]
    return best


def classify_lemmas(
    lemmas: Iterable[str], *, minimum: float = 2.0, position_weight: float = 0.5
) -> str | None:
    """The label of a whole text (a note, a snippet); None to abstain."""
    return best_label(
        score_labels(normalise_lemmas(lemmas), position_weight=position_weight), minimum=minimum
    )[0]


def classify_text(text: str, *, minimum: float = 2.0) -> str | None:
    """Classify a text with the spaCy lemmatiser: one label code, or None."""
    from ceasewatch.extract.nlp import load_nlp

    doc = load_nlp()(text)
    return classify_lemmas((t.lemma_ for t in doc), minimum=minimum)
