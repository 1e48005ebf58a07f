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
from dataclasses import dataclass, field
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
    death_triggers: frozenset[str] = frozenset()
    natural_death_cues: tuple[str, ...] = ()
    plover_acled: dict[str, tuple[str, str] | None] = field(default_factory=dict)


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
        death_triggers=frozenset(raw.get("death_triggers", ())),
        natural_death_cues=tuple(raw.get("natural_death_cues", ())),
        plover_acled={
            k: (v[0], v[1]) if v else None
            for k, v in raw.get("plover_acled", {}).items()
            if not k.startswith("_")
        },
    )


def label_info(code: str) -> LabelInfo:
    return load_lexicon().labels[code]


def plover_acled(plover_type: str, mode: str | None = None) -> tuple[str | None, str | None]:
    """ACLED's (event type, sub-event type) for a PLOVER type and mode, by 'TYPE/mode' and then
    'TYPE'; (None, None) where ACLED codes no such event (talks, statements, aid, sanctions)."""
    table = load_lexicon().plover_acled
    pair = table.get(f"{plover_type}/{mode}") if mode else None
    if pair is None and (not mode or f"{plover_type}/{mode}" not in table):
        pair = table.get(plover_type)
    return pair if pair is not None else (None, None)


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


# --- parse-aware refinements (who captured, who turned violent) -----------------------------

TERRITORY_LABELS = ("GOV_REGAINS_TERIT", "NON_STATE_ACTOR_OVERTAKES_TER")
PROTEST_LABELS = ("PEACE_PROTEST", "PROTEST_WITH_INTER", "FORCE_AGAINST_PROTEST", "VIOL_DEMONSTR")
GAIN_VERBS = frozenset(
    {"capture", "seize", "retake", "recapture", "regain", "liberate", "overrun", "free", "wrest",
     "take", "gain", "control", "occupy", "reclaim", "recover", "storm", "enter"}
)  # fmt: skip
STATE_KINDS = frozenset({"military", "government", "police", "state"})
NON_STATE_WORDS = frozenset(
    {"rebel", "militant", "insurgent", "jihadist", "terrorist", "militia", "militiaman",
     "separatist", "opposition", "fighter", "guerrilla", "extremist", "taliban", "shabaab",
     "shabab", "isis", "isil", "daesh", "is", "al", "qaeda", "nusra", "gunman", "gunmen", "bandit"}
)  # fmt: skip
STATE_WORDS = frozenset(
    {"army", "military", "government", "troops", "troop", "soldier", "regime", "police",
     "security", "armed", "national", "defence", "defense", "marine", "navy"}
)  # fmt: skip
PROTESTER_WORDS = frozenset(
    {"protester", "protestor", "demonstrator", "rioter", "crowd", "marcher", "student",
     "activist", "supporter", "youth", "mob"}
)  # fmt: skip
RIOT_VERBS = frozenset(
    {"clash", "throw", "hurl", "attack", "storm", "burn", "torch", "pelt", "smash", "vandalise",
     "vandalize", "loot", "set", "break", "pull", "fight", "battle", "damage", "riot", "stone",
     "ransack", "block", "barricade", "assault", "injure", "beat"}
)  # fmt: skip


def side_of(phrase_lemmas: Iterable[str], kind: str | None = None) -> str | None:
    """'state' or 'non-state' for an actor phrase (lemmas), using its resolved kind when known."""
    words = {w.lower() for w in phrase_lemmas}
    if words & NON_STATE_WORDS:
        return "non-state"
    if kind in STATE_KINDS:
        return "state"
    if kind in ("rebel", "militia"):
        return "non-state"
    if words & STATE_WORDS or "force" in words:
        return "state"
    return None


def _actor_kind(text: str) -> str | None:
    try:
        from ceasewatch.resolve.actors import resolve_actor

        actor = resolve_actor(text)
    except Exception:  # the classifier must not fail on an actor lookup
        return None
    return actor.kind if actor is not None else None


def _subject(tok: Any) -> Any | None:
    """The grammatical actor of a verb: its subject, or the by-agent of a passive."""
    for c in tok.children:
        if c.dep_ == "nsubj":
            return c
        if c.dep_ == "agent":
            return next((g for g in c.children if g.dep_ == "pobj"), None)
    if tok.dep_ == "conj" and tok.head.pos_ in ("VERB", "AUX"):
        return _subject(tok.head)
    return None


def _head_phrase(tok: Any) -> list[Any]:
    """A noun with its modifiers, without attached phrases or conjuncts: 'Afghan security
    forces' of 'Afghan security forces in a crackdown on militants', 'army' of 'army and
    allied fighters' (the first conjunct names the side)."""
    keep = [tok]
    for c in tok.children:
        if c.dep_ in ("compound", "amod", "nmod", "poss", "det", "nummod"):
            keep.extend(c.subtree)
    return sorted(keep, key=lambda t: t.i)


def territory_side(doc: Any) -> str | None:
    """Who gained ground in a parsed text: the side of the first capture/seize/retake subject."""
    for tok in doc:
        if tok.pos_ != "VERB" or tok.lemma_.lower() not in GAIN_VERBS:
            continue
        if tok.lemma_.lower() in ("take", "gain") and not any(
            c.lemma_.lower() in ("control", "ground", "over", "territory") for c in tok.children
        ):
            continue
        subj = _subject(tok)
        if subj is None:
            continue
        phrase = _head_phrase(subj)
        side = side_of((t.lemma_ for t in phrase), _actor_kind(" ".join(t.text for t in phrase)))
        if side is not None:
            return side
    return None


def protest_violent(doc: Any) -> bool:
    """Protesters doing violence: a protester word as the subject of a riot verb, or clashes."""
    for tok in doc:
        lemma = tok.lemma_.lower()
        if lemma == "clash":
            return True
        if tok.pos_ == "VERB" and lemma in RIOT_VERBS:
            subj = _subject(tok)
            if subj is not None and subj.lemma_.lower() in PROTESTER_WORDS:
                return True
    return False


def classify_doc(doc: Any, *, minimum: float = 2.0) -> str | None:
    """Classify a parsed text (a spaCy ``Doc``): the lexicon label, then two parse rules.

    1. A territory gain goes to the side of whoever captured/seized/retook: a state force gives
       "Government regains territory", a non-state group "Non-state actor overtakes territory".
    2. A protest in which the protesters clash, throw, storm or burn is a violent demonstration
       (unless live fire on the protesters was already recognised).
    """
    label = classify_lemmas((t.lemma_ for t in doc), minimum=minimum)
    if label in TERRITORY_LABELS:
        side = territory_side(doc)
        if side == "state":
            label = "GOV_REGAINS_TERIT"
        elif side == "non-state":
            label = "NON_STATE_ACTOR_OVERTAKES_TER"
    elif label in ("PEACE_PROTEST", "PROTEST_WITH_INTER") and protest_violent(doc):
        label = "VIOL_DEMONSTR"
    return label
