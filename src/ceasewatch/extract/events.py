"""Event detection: one Event per strike, clash, interception, arrest, agreement... in a document.

The detector works sentence by sentence over the spaCy parse:

1. Cheap filter: only sentences holding a trigger lemma (``triggers`` in the event lexicon) go
   further. Triggers that are negated, hypothetical (would/could), habitual ("for years"),
   running totals ("have been killed since 2014", "the war has killed ...") or governed by a
   halt/suspend/pledge word ("a halt on strikes") are dropped.
2. Triggers are grouped by clause (the nearest verb heading a ROOT/conj/advcl/ccomp/relcl
   clause); a clause's text is its subtree minus the clauses of other groups.
3. Each clause gets a label from the cue lexicon, restricted to the trigger's family (an "agree"
   trigger gives AGREEMENT, an "intercept" trigger DISR_WEAP...); a violent clause without any
   weapon cue borrows the weapon label of the event just before ("two civilians were injured"
   after a drone attack).
4. Roles come from the parse: subject = actor, passive subject or object / "on X" = target,
   "by X" = actor; a weapon subject ("Ukrainian drones") gives its demonym as the actor; the
   subject of face/suffer/sustain is the target. "X said/claimed (that) ..." gives reported_by X
   and the status (claim verbs -> claimed, deny verbs -> denied); a pronoun subject inside the
   reported clause is the reporter.
5. Places come from :func:`ceasewatch.resolve.places.find_places` (the most specific place in the
   clause, else in the sentence, a settlement of the sentence rather than a country of the
   clause; "nearby"/"around" without a place of its own -> the last place, precision near;
   "the capital" -> the last capital mentioned; a sentence with no place borrows the nearest
   place of its paragraph, precision near and half the score; a capital or country that labels
   a party ("Kiev troops", "Moscow-backed", "the Armed Forces of Ukraine") or closes a headline
   as its source ("...: Kiev"), and for violent events the venue of talks or a statement ("ahead
   of the Minsk summit", "told reporters in Moscow"), are not places), counts from
   ``find_counts`` on the clause (a death toll that no clause of the sentence holds goes to its
   first violent event), the date from ``resolve_event_date`` on the sentence.
6. Merging: clauses of one sentence with compatible labels merge unless they name different
   places or say "separate"/"another"; an event in the next sentence with the same label and
   place (or both without place) merges into the previous one. An event without an actor takes
   the actor of the last event that hit the same country.
7. Diplomatic and strategic acts come from :func:`ceasewatch.extract.plover.code_sentence`, one
   per sentence at most, after the events above. Kept only when the coded type is one the cue
   lexicon leaves alone (``CODER_TYPES``), the source resolves to a named actor, the predicate
   is not a reporting verb, and no event above has the same trigger or type in that sentence.
"""

from __future__ import annotations

import bisect
import dataclasses
import datetime as dt
import functools
import itertools
import logging
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from ceasewatch.extract import plover as plover_mod
from ceasewatch.extract.event_types import (
    TERRITORY_LABELS,
    Lexicon,
    best_label,
    label_info,
    load_lexicon,
    normalise_lemmas,
    plover_acled,
    score_labels,
    side_of,
)
from ceasewatch.model import (
    Actor,
    Counts,
    DateRange,
    Document,
    Event,
    Place,
    Span,
    Target,
    content_id,
)
from ceasewatch.resolve import actors as actors_mod
from ceasewatch.resolve import dates as dates_mod
from ceasewatch.resolve import numbers as numbers_mod
from ceasewatch.resolve import places as places_mod

log = logging.getLogger(__name__)

CLAUSE_DEPS = frozenset({"ROOT", "conj", "advcl", "ccomp", "relcl", "parataxis", "acl"})
MODAL_AUX = frozenset({"would", "could", "might", "may", "will", "should", "shall", "'d", "must"})
PRONOUNS = frozenset({"it", "they", "he", "she", "we", "i", "you", "them", "this", "that", "who"})
DISTINCT_MARKERS = frozenset({"separate", "another", "second", "other", "nearby", "neighbouring"})
NEAR_MARKERS = frozenset({"near", "nearby", "around", "outskirts", "vicinity", "area", "areas"})
WEAPON_WORDS = frozenset(
    {
        "drone", "uav", "missile", "rocket", "shell", "artillery", "bomb", "mortar", "shahed",
        "aircraft", "jet", "warplane", "helicopter", "munition", "projectile", "grenade", "mine",
    }
)  # fmt: skip
CAPITAL_WORDS = ("the capital", "the country's capital", "the ukrainian capital")
BACKGROUND_PREPS = frozenset({"during", "after", "before", "since", "amid", "despite", "following"})
PRECISION_RANK = {"settlement": 0, "near": 0, "admin2": 2, "admin1": 3, "country": 4}

# Which labels a trigger may produce. Triggers not listed may produce any violent label.
_TERRITORY = ("GOV_REGAINS_TERIT", "NON_STATE_ACTOR_OVERTAKES_TER", "NON_VIOL_TERRIT_TRANSFER")
_PROTEST = ("PEACE_PROTEST", "PROTEST_WITH_INTER", "FORCE_AGAINST_PROTEST", "VIOL_DEMONSTR")
TRIGGER_FAMILIES: dict[str, tuple[str, ...]] = {
    "agree": ("AGREEMENT",),
    "agreement": ("AGREEMENT",),
    "sign": ("AGREEMENT",),
    "exchange": ("AGREEMENT",),
    "swap": ("AGREEMENT",),
    "negotiate": ("DIPLO",),
    "negotiation": ("DIPLO",),
    "talk": ("DIPLO",),
    "arrest": ("ARREST", "PROTEST_WITH_INTER"),
    "detain": ("ARREST", "ABDUCT_DISSAP", "PROTEST_WITH_INTER"),
    "abduct": ("ABDUCT_DISSAP",),
    "kidnap": ("ABDUCT_DISSAP",),
    "hostage": ("ABDUCT_DISSAP",),
    "rape": ("SEX_VIOL",),
    "loot": ("PROPERTY_DISTRUCT",),
    "deploy": ("CHANGE_TO_GROUP_ACT",),
    "mobilize": ("CHANGE_TO_GROUP_ACT",),
    "mobilise": ("CHANGE_TO_GROUP_ACT",),
    "intercept": ("DISR_WEAP",),
    "down": ("DISR_WEAP",),
    "defuse": ("DISR_WEAP",),
    "neutralize": ("DISR_WEAP", "ARMED_CLASH"),
    "neutralise": ("DISR_WEAP", "ARMED_CLASH"),
    "retreat": _TERRITORY,
    "withdraw": _TERRITORY,
    "surrender": _TERRITORY,
    "capture": _TERRITORY + ("ARMED_CLASH",),
    "seize": _TERRITORY + ("DISR_WEAP", "ARMED_CLASH"),
    "liberate": ("GOV_REGAINS_TERIT",),
    "recapture": ("GOV_REGAINS_TERIT",),
    "retake": ("GOV_REGAINS_TERIT",),
    "regain": ("GOV_REGAINS_TERIT",),
    "occupy": _TERRITORY,
    "overrun": ("NON_STATE_ACTOR_OVERTAKES_TER", "GOV_REGAINS_TERIT"),
    "protest": _PROTEST,
    "rally": _PROTEST,
    "demonstration": _PROTEST,
    "riot": ("VIOL_DEMONSTR", "MOB_VIOL"),
}
DEFAULT_LABEL: dict[str, str] = {
    "retreat": "NON_VIOL_TERRIT_TRANSFER",
    "withdraw": "NON_VIOL_TERRIT_TRANSFER",
    "surrender": "NON_VIOL_TERRIT_TRANSFER",
    "capture": "GOV_REGAINS_TERIT",
    "seize": "GOV_REGAINS_TERIT",
    "occupy": "NON_STATE_ACTOR_OVERTAKES_TER",
    "clash": "ARMED_CLASH",
    "fight": "ARMED_CLASH",
    "fighting": "ARMED_CLASH",
    "battle": "ARMED_CLASH",
    "skirmish": "ARMED_CLASH",
    "firefight": "ARMED_CLASH",
    "gunfight": "ARMED_CLASH",
    "offensive": "ARMED_CLASH",
    "repel": "ARMED_CLASH",
    "repulse": "ARMED_CLASH",
    "ambush": "ARMED_CLASH",
    "counterattack": "ARMED_CLASH",
    "shell": "ART_MISS_ATTACK",
    "shelling": "ART_MISS_ATTACK",
    "explode": "REM_EXPLOS",
    "explosion": "REM_EXPLOS",
    "blast": "REM_EXPLOS",
    "detonate": "REM_EXPLOS",
    "airstrike": "AIR_STRIKE",
    "bomb": "AIR_STRIKE",
    "bombard": "ART_MISS_ATTACK",
    "bombing": "AIR_STRIKE",
    "shoot": "ATTACK",
    "protest": "PEACE_PROTEST",
    "rally": "PEACE_PROTEST",
    "demonstration": "PEACE_PROTEST",
    "riot": "VIOL_DEMONSTR",
}
# A verb trigger heading a clause of its own (with its own subject) under these links is not
# governed by a halt/pledge word above it ("vowed a new offensive as rockets killed 30").
OWN_CLAUSE_DEPS = frozenset({"advcl", "conj", "relcl", "parataxis"})
# Triggers that only count with a particular part of speech.
VERB_ONLY = frozenset({"target", "launch", "hit", "down", "sign", "fire", "advance", "engage"})


@dataclass(eq=False)
class _Candidate:
    """An event being assembled from one clause (mutable while merging)."""

    sent_index: int
    sent: SpacySpan
    head: Token
    triggers: list[Token]
    tokens: list[Token]
    label: str
    score: float
    weapon_cue: bool
    actor_text: str | None = None
    actor: Actor | None = None
    target_text: str | None = None
    target: Target | None = None
    place: Place | None = None
    place_key: str | None = None
    place_borrowed: bool = False  # from another sentence of the paragraph (_paragraph_place)
    counts: Counts = field(default_factory=Counts)
    reported_by: str | None = None
    status: str = "reported"
    distinct: bool = False
    own_subject: bool = True
    described: bool = False  # actor is the noun a participle describes ("rebels fighting X")
    in_quote: bool = False
    sentences: list[SpacySpan] = field(default_factory=list)
    last_sent_index: int = 0
    # lookups for _absorb (spaCy compares tokens by offset and sentences by their char span)
    token_offsets: set[int] = field(default_factory=set)
    sentence_spans: set[tuple[int, int]] = field(default_factory=set)


@dataclass(frozen=True)
class _DocIndex:
    """Per-document lookups built once, so the work for one clause stays local to its sentence.

    ``Doc.text`` rebuilds the whole text on each access and ``Span.ents`` walks all entities of
    the document, so both are read once here; places, entities and quotes are found by bisecting
    their sorted start offsets.
    """

    text: str  # doc.text
    places: list[Place]  # sorted by start
    place_starts: list[int]
    capitals: list[int]  # indexes into places of capitals (PPLC), ascending
    ents: list[SpacySpan]
    ent_starts: list[int]  # token index of each entity's start
    quotes: list[tuple[int, int]]  # disjoint, ascending
    quote_starts: list[int]

    @classmethod
    def build(cls, doc: Doc, places: list[Place], quotes: list[tuple[int, int]]) -> _DocIndex:
        ents = list(doc.ents)
        return cls(
            text=doc.text,
            places=places,
            place_starts=[p.start or 0 for p in places],
            capitals=[i for i, p in enumerate(places) if p.feature == "PPLC"],
            ents=ents,
            ent_starts=[e.start for e in ents],
            quotes=quotes,
            quote_starts=[a for a, _ in quotes],
        )

    def places_between(self, lo: int, hi: int) -> list[Place]:
        """Places whose start lies in [lo, hi), in document order."""
        i = bisect.bisect_left(self.place_starts, lo)
        j = bisect.bisect_left(self.place_starts, hi)
        return self.places[i:j]

    def count_before(self, pos: int) -> int:
        """How many places start before ``pos``."""
        return bisect.bisect_left(self.place_starts, pos)

    def sent_ents(self, sent: SpacySpan) -> list[SpacySpan]:
        """``sent.ents`` without walking every entity of the document."""
        out = []
        for ent in self.ents[bisect.bisect_left(self.ent_starts, sent.start) :]:
            if ent.end > sent.end:
                break
            out.append(ent)
        return out

    def in_quote(self, pos: int) -> bool:
        i = bisect.bisect_right(self.quote_starts, pos) - 1
        return i >= 0 and self.quotes[i][0] <= pos < self.quotes[i][1]


def extract_events(
    doc: Doc, document: Document, anchor: dt.date | None, *, coder: bool = True
) -> list[Event]:
    """One Event per strike, clash, interception, agreement... reported in the document.

    With ``coder`` (the default), the diplomatic and strategic acts the cue lexicon does not
    code (talks, demands, rejections, threats, sanctions, aid...) are added after the others
    from the PLOVER sentence coder (step 7).
    """
    lex = load_lexicon()
    text = document.text
    places = _refine_places(text, _find_places(text, doc), doc)
    index = _DocIndex.build(doc, places, _quote_ranges(text))
    candidates: list[_Candidate] = []
    for si, sent in enumerate(doc.sents):
        if not any(
            t.lemma_.lower() in lex.triggers or t.lemma_.lower() in lex.death_triggers for t in sent
        ):
            continue
        sent_cands = _sentence_candidates(si, sent, lex, index)
        for i, cand in enumerate(sent_cands):
            nearest_first = itertools.chain(reversed(sent_cands[:i]), reversed(candidates))
            _carry_weapon(cand, nearest_first, lex)
        sent_cands = _merge_within_sentence(sent_cands)
        _sentence_toll(sent_cands, sent, lex)
        for cand in sent_cands:
            _inherit_from_context(cand, candidates, index)
        candidates.extend(sent_cands)
    candidates = _merge_adjacent(candidates)
    events: list[Event] = []
    date_cache: dict[int, DateRange | None] = {}
    last_actor: dict[str, str] = {}
    for cand in candidates:
        _prefer_clash(cand)
        _fill_actor_fallback(cand, last_actor)
        events.append(_to_event(cand, document, anchor, date_cache))
    if coder:
        events += _coded_events(doc, document, anchor, candidates, index, date_cache)
    return events


# --- step 1-2: triggers and clauses -------------------------------------------------------


def _is_trigger(tok: Token, lex: Lexicon) -> bool:
    lemma = tok.lemma_.lower()
    if lemma in lex.death_triggers:  # "five dead", "eliminated 40 fighters"
        if tok.pos_ not in ("VERB", "ADJ", "NOUN"):
            return False
        return numbers_mod.find_counts(tok.sent.text).killed is not None
    if lemma not in lex.triggers:
        return False
    if lemma == "die" and _natural_death(_death_clause(tok), lex):
        return False
    if lemma in VERB_ONLY and tok.pos_ != "VERB":
        return False
    if tok.pos_ not in ("VERB", "NOUN", "PROPN", "ADJ") or tok.dep_ in ("amod", "compound"):
        return False
    if tok.dep_ == "nmod" and tok.pos_ == "VERB" and tok.head.pos_ in ("NOUN", "PROPN"):
        return False  # a verb modifying a noun: "hit-and-run tactics", "shoot-to-kill policy"
    if lemma == "fire" and _dismissal(tok):
        return False
    if tok.dep_ == "pobj" and tok.head.lower_ in BACKGROUND_PREPS:
        return False
    if lemma == "claim":  # only "claimed a life / lives"
        return any(c.dep_ == "dobj" and c.lemma_.lower() in ("life", "live") for c in tok.children)
    if lemma in ("exchange", "swap"):
        return any(t.lemma_.lower() in ("prisoner", "body", "pow", "captive") for t in tok.sent)
    return not (lemma == "talk" and tok.pos_ == "VERB")


OFFICE_WORDS = frozenset(
    {
        "minister", "secretary", "director", "chief", "head", "adviser", "advisor", "aide",
        "official", "ambassador", "envoy", "governor", "commander", "general", "spokesman",
        "spokeswoman", "spokesperson", "deputy", "staff", "employee", "cabinet", "prosecutor",
        "judge", "editor", "coach", "manager", "president", "premier", "mayor",
    }
)  # fmt: skip
JOB_WORDS = frozenset({"job", "post", "position", "office", "cabinet", "government", "role"})


def _dismissal(tok: Token) -> bool:
    """'fired the defence minister', 'fired Jim Smith', 'was fired from his post': a dismissal
    from office, not gunfire. Shots at people take 'at'/'on'/'upon' ('officials were fired at',
    'fired upon by gunmen'), and so does an agent that holds no office ('by snipers')."""
    if any(_shot_at(c) for c in tok.children):
        return False
    for c in tok.children:
        if c.dep_ in ("dobj", "nsubjpass") and _office_holder(c):
            return True
        if (
            c.dep_ == "prep"
            and c.lower_ == "from"
            and any(g.dep_ == "pobj" and g.lemma_.lower() in JOB_WORDS for g in c.children)
        ):
            return True
    return False


def _office_holder(tok: Token) -> bool:
    return tok.ent_type_ == "PERSON" or tok.lemma_.lower() in OFFICE_WORDS


def _shot_at(child: Token) -> bool:
    """'fire' with 'at'/'on'/'upon', or a passive agent that is no person or office holder
    ('by gunmen', not 'by the president'): gunfire."""
    if child.dep_ in ("prep", "prt") and child.lower_ in ("at", "on", "upon"):
        # 'fired on Monday', 'fired at dawn' date a dismissal
        return not any(g.ent_type_ in ("DATE", "TIME") for g in child.children)
    if child.dep_ != "agent":
        return False
    return not any(
        g.dep_ == "pobj" and (_office_holder(g) or g.ent_type_ in ("ORG", "NORP", "GPE"))
        for g in child.children
    )


_HISTORIC_DEATH = re.compile(r"\b(?:died|death)\s+(?:in|on)\s+(?:[\w,]+\s+){0,2}1\d{3}\b")


def _death_clause(tok: Token) -> str:
    """The words of a "died" trigger's own clause: a clause with a subject of its own that hangs
    on it is left out ("four soldiers died in the shelling, and two refugees died of the
    cold": the cold is the second death's cause only)."""
    nested = [
        c
        for c in tok.children
        if c.dep_ in OWN_CLAUSE_DEPS | {"ccomp"}
        and any(g.dep_ in ("nsubj", "nsubjpass") for g in c.children)
    ]
    return _clause_text([t for t in tok.subtree if not any(_is_ancestor(n, t) for n in nested)])


def _natural_death(sentence: str, lex: Lexicon) -> bool:
    """'died after a long illness', 'died of a heart attack', 'died of hypothermia', 'died in
    1861': not a violent event."""
    low = sentence.lower()
    if _HISTORIC_DEATH.search(low):
        return True
    return any(re.search(rf"\b{re.escape(cue)}", low) for cue in lex.natural_death_cues)


def _suppressed(tok: Token, lex: Lexicon) -> bool:
    """Negated, hypothetical, habitual or governed by a halt/pledge word."""
    if any(c.dep_ == "neg" for c in tok.children):
        return True
    node: Token = tok
    for _ in range(4):
        if any(
            c.dep_ in ("aux", "auxpass") and c.lower_ in MODAL_AUX for c in node.children
        ) or any(c.dep_ == "neg" for c in node.children):
            return True
        if node.i != tok.i and node.lemma_.lower() in lex.suppress_governors:
            return True
        if any(c.dep_ == "mark" and c.lower_ == "if" for c in node.children):
            return True
        if node.i != tok.i and any(c.dep_ == "det" and c.lower_ == "no" for c in node.children):
            return True
        if node.head.i == node.i:
            break
        if node.pos_ == "VERB" and node.dep_ in CLAUSE_DEPS and node.i != tok.i:
            break
        if (
            node.i == tok.i
            and tok.pos_ == "VERB"
            and tok.dep_ in OWN_CLAUSE_DEPS
            and any(c.dep_ in ("nsubj", "nsubjpass") for c in tok.children)
        ):
            break
        node = node.head
    if _cumulative(tok):
        return True
    # habitual cues in the trigger's own clause
    head = _clause_head(tok)
    clause = " ".join(t.lower_ for t in head.subtree)
    if any(cue in clause for cue in lex.habitual_cues):
        return True
    return bool(tok.pos_ == "NOUN" and _anaphoric(tok))


WAR_WORDS = frozenset({"war", "conflict", "invasion", "hostilities", "aggression", "occupation"})
_IN_THE_WAR = re.compile(
    r"\s*(?:in|during|throughout)\s+the\s+(?:\w+\s+)?(?:war|conflict|invasion)(?![\w-])"
)


def _cumulative(tok: Token) -> bool:
    """A running total, not an event: 'have been killed since 2014', 'the war has killed tens of
    thousands', 'were killed in the war'. Needs the cumulative frame of ``find_counts`` around
    the trigger and a perfect tense, a war as the subject or 'in the war' right after it; a verb
    without a subject of its own hanging on such a total ('the war has claimed 14,000 lives,
    injured 30,000 ...') goes with it."""
    sent = tok.sent
    start = tok.idx - sent.start_char
    if numbers_mod.cumulative_at(sent.text, start, start + len(tok.text)):
        verb = tok if tok.pos_ in ("VERB", "AUX") else tok.head
        if any(c.dep_ in ("aux", "auxpass") and c.lemma_.lower() == "have" for c in verb.children):
            return True
        if any(c.dep_ == "nsubj" and c.lemma_.lower() in WAR_WORDS for c in verb.children):
            return True
        if _IN_THE_WAR.match(sent.text, start + len(tok.text)):
            return True
    if tok.dep_ not in ("conj", "acl", "advcl") or any(
        c.dep_ in ("nsubj", "nsubjpass") for c in tok.children
    ):
        return False
    node = tok.head
    for _ in range(4):
        if node.pos_ == "VERB":
            return _cumulative(node)
        if node.head.i == node.i:
            break
        node = node.head
    return False


def _anaphoric(tok: Token) -> bool:
    """'the (new) agreement' with nothing of its own: a reference back, not a new event."""
    if tok.dep_ in ("nsubj", "nsubjpass"):
        return False
    if not any(
        c.dep_ == "det" and c.lower_ in ("the", "these", "those", "such", "this", "that")
        for c in tok.children
    ):
        return False
    return not any(c.dep_ in ("prep", "nummod", "acl") for c in tok.children)


def _clause_head(tok: Token) -> Token:
    node = tok
    while True:
        if node.pos_ in ("VERB", "AUX") and node.dep_ in CLAUSE_DEPS and node.dep_ != "acl":
            return node
        if node.head.i == node.i:
            return node
        node = node.head


def _sentence_candidates(
    si: int,
    sent: SpacySpan,
    lex: Lexicon,
    index: _DocIndex,
) -> list[_Candidate]:
    groups: dict[int, list[Token]] = {}
    for tok in sent:
        if _is_trigger(tok, lex) and not _suppressed(tok, lex):
            groups.setdefault(_clause_head(tok).i, []).append(tok)
    if not groups:
        return []
    groups = _split_at_separators(groups, sent)
    heads = {i: sent.doc[i] for i in groups}
    cands: list[_Candidate] = []
    for hi, trigs in sorted(groups.items()):
        head = heads[hi]
        other = [h for j, h in heads.items() if j != hi and _is_ancestor(head, h)]
        other += [
            t
            for t in head.subtree
            if t.i != hi
            and t.dep_ in CLAUSE_DEPS
            and t.pos_ in ("VERB", "AUX")
            and t.i not in heads
            and not any(_is_ancestor(t, g) for g in trigs)
        ]
        tokens = [t for t in head.subtree if not any(_is_ancestor(o, t) for o in other)]
        cand = _build_candidate(si, sent, head, trigs, tokens, lex, index)
        if cand is not None:
            cands.append(cand)
    return cands


SEPARATORS = frozenset({"while", "whereas", ";"})


def _split_at_separators(groups: dict[int, list[Token]], sent: SpacySpan) -> dict[int, list[Token]]:
    """A parse that hangs 'X ..., while a separate Y ...' under one verb: split by position.

    The part before the separator is headed by its first trigger, the part after keeps the verb.
    """
    seps = [t.i for t in sent if t.lower_ in SEPARATORS]
    if not seps:
        return groups
    out: dict[int, list[Token]] = {}
    for head_i, trigs in groups.items():
        trigs = sorted(trigs, key=lambda t: t.i)
        cut = next((s for s in seps if trigs[0].i < s < trigs[-1].i), None)
        if cut is None:
            out.setdefault(head_i, []).extend(trigs)
            continue
        before = [t for t in trigs if t.i < cut]
        after = [t for t in trigs if t.i > cut]
        if head_i > cut:
            out.setdefault(before[0].i, []).extend(before)
            out.setdefault(head_i, []).extend(after)
        else:
            out.setdefault(head_i, []).extend(before)
            out.setdefault(after[0].i, []).extend(after)
    return out


def _is_ancestor(a: Token, b: Token) -> bool:
    """True when ``a`` is ``b`` or dominates it."""
    return a.i == b.i or a.is_ancestor(b)


# --- step 3-5: one clause -> candidate -----------------------------------------------------


def _build_candidate(
    si: int,
    sent: SpacySpan,
    head: Token,
    trigs: list[Token],
    tokens: list[Token],
    lex: Lexicon,
    index: _DocIndex,
) -> _Candidate | None:
    lemmas = normalise_lemmas(t.lemma_ for t in tokens)
    scores = score_labels(lemmas)
    allowed: set[str] = set()
    for t in trigs:
        allowed.update(TRIGGER_FAMILIES.get(t.lemma_.lower(), lex.violent))
    label, score = best_label(scores, allowed)
    weapon_cue = any(scores.get(w, 0) >= 2 for w in lex.weapon_labels)
    if label is None:
        defaults = [
            DEFAULT_LABEL[t.lemma_.lower()] for t in trigs if t.lemma_.lower() in DEFAULT_LABEL
        ]
        if defaults:
            label = defaults[0]
        else:
            families = [TRIGGER_FAMILIES.get(t.lemma_.lower()) for t in trigs]
            fam = next((f for f in families if f), None)
            label = fam[0] if fam else "ATTACK"
    start = tokens[0].idx
    cand = _Candidate(
        sent_index=si,
        sent=sent,
        head=head,
        triggers=trigs,
        tokens=tokens,
        label=label,
        score=score,
        weapon_cue=weapon_cue,
        sentences=[sent],
        last_sent_index=si,
        in_quote=index.in_quote(start),
        token_offsets={t.idx for t in tokens},
        sentence_spans={(sent.start_char, sent.end_char)},
    )
    cand.distinct = any(t.lower_ in DISTINCT_MARKERS for t in tokens)
    _assign_roles(cand, lex)
    _assign_reporter(cand, lex)
    if cand.label in TERRITORY_LABELS and cand.actor_text:
        actor = _make_actor(cand.actor_text)
        side = side_of(cand.actor_text.split(), actor.kind if actor else None)
        if side is not None:
            cand.label = "GOV_REGAINS_TERIT" if side == "state" else "NON_STATE_ACTOR_OVERTAKES_TER"
    _assign_place(cand, index)
    cand.counts = numbers_mod.find_counts(_clause_text(tokens))
    return cand


def _clause_text(tokens: list[Token]) -> str:
    """The clause's words in order; runs separated by a space where tokens were cut out."""
    parts: list[str] = []
    prev: Token | None = None
    for t in sorted(tokens, key=lambda x: x.i):
        if prev is not None and t.i != prev.i + 1:
            parts.append(" ")
        parts.append(t.text_with_ws)
        prev = t
    return "".join(parts).strip()


def _phrase_text(tok: Token, limit: int = 12) -> str:
    """A noun phrase without its relative clauses and appositions, at most ``limit`` tokens."""
    skip = [c for c in tok.children if c.dep_ in ("relcl", "acl", "appos", "punct", "advcl")]
    kept = {t.i for t in tok.subtree if not any(_is_ancestor(s, t) for s in skip)}
    lo = hi = tok.i
    while lo - 1 in kept and tok.i - (lo - 1) <= limit:
        lo -= 1
    while hi + 1 in kept and (hi + 1) - tok.i <= limit:
        hi += 1
    return tok.doc[lo : hi + 1].text.strip(" ,")


def _assign_roles(cand: _Candidate, lex: Lexicon) -> None:
    head = cand.head
    actor_tok: Token | None = None
    target_tok: Token | None = None
    for c in head.children:
        if c.dep_ == "nsubj":
            actor_tok = c
        elif c.dep_ == "nsubjpass":
            target_tok = c
        elif c.dep_ == "agent":
            actor_tok = next((g for g in c.children if g.dep_ == "pobj"), actor_tok)
        elif c.dep_ == "dobj" and target_tok is None:
            target_tok = c
    if head.lemma_.lower() in lex.actor_passive_verbs and actor_tok is not None:
        target_tok, actor_tok = actor_tok, None
    head_lemma = head.lemma_.lower()
    if head_lemma in lex.report_verbs or head_lemma in lex.claim_verbs:
        actor_tok = None
        target_tok = None
    # a trigger noun inside the subject ("a drone strike on X forced ...") or object
    for trig in cand.triggers:
        for c in trig.children:
            if c.dep_ == "prep" and c.lower_ in ("by", "from") and trig.pos_ == "NOUN":
                pobj = next((g for g in c.children if g.dep_ == "pobj"), None)
                if pobj is not None:
                    actor_tok = pobj
            elif c.dep_ == "prep" and c.lower_ in ("on", "against", "at", "targeting"):
                pobj = next((g for g in c.children if g.dep_ == "pobj"), None)
                if (
                    pobj is not None
                    and pobj.ent_type_ not in ("DATE", "TIME")
                    and (trig.pos_ == "NOUN" or target_tok is None)
                ):
                    target_tok = pobj
        if trig.i != head.i and actor_tok is not None and _is_ancestor(actor_tok, trig):
            # the subject is the attack itself: look for a demonym or a party on it ("a Russian
            # drone strike", "an army air strike", "a rebel attack")
            actor_tok = _party_on(trig)
    if actor_tok is None:
        actor_tok = _party_on_trigger(cand)  # "nine people were killed in an Israeli strike"
    own = _participle_roles(cand)
    if own is not None:
        doer, target_tok, described = own
        keep_subject = (
            described
            and actor_tok is not None
            and actor_tok.dep_ == "nsubj"
            and _country(_phrase_text(doer)) is None
        )
        if not keep_subject:
            actor_tok = doer
            cand.described = described
    if target_tok is not None and _is_ancestor(target_tok, cand.triggers[0]):
        target_tok = None
    cand.own_subject = any(c.dep_ in ("nsubj", "nsubjpass") for c in head.children)
    if actor_tok is not None:
        cand.actor_text = _phrase_text(actor_tok)
        if actor_tok.lemma_.lower() in WEAPON_WORDS:
            demonym = next(
                (
                    c
                    for c in actor_tok.children
                    if c.dep_ in ("amod", "compound") and _country(c.text)
                ),
                None,
            )
            cand.actor_text = demonym.text if demonym is not None else None
        elif actor_tok.lower_ in PRONOUNS:
            cand.actor_text = actor_tok.lower_  # resolved against the reporter later
    if target_tok is not None and target_tok.lower_ not in PRONOUNS:
        cand.target_text = _phrase_text(target_tok)


def _party_on_trigger(cand: _Candidate) -> Token | None:
    """A demonym or party noun on an attack noun of the clause ("in an Israeli strike", "a
    rebel drone attack"), when nothing else names who struck."""
    for trig in cand.triggers:
        found = _party_on(trig) if trig.pos_ == "NOUN" else None
        if found is not None:
            return found
    return None


def _party_on(trig: Token) -> Token | None:
    """The modifier of the attack noun, or of its modifier ("a rebel drone strike"), that names
    who attacked (:func:`_party_modifier`)."""
    mods = [c for c in trig.children if c.dep_ in ("amod", "compound") and c.i < trig.i]
    mods += [t for m in mods for t in m.children if t.dep_ in ("amod", "compound") and t.i < m.i]
    return next((m for m in mods if _party_modifier(m)), None)


def _party_modifier(tok: Token) -> bool:
    """A modifier of an attack noun that names who attacked: a demonym ("Russian"), a country
    ("a US drone strike"), a party noun ("army", "rebel") or a group's name ("Hamas"); not a
    town or territory ("a Gaza airstrike" hit Gaza)."""
    if tok.pos_ in ("NOUN", "ADJ") and _actor_noun(tok):
        return True
    if tok.pos_ == "PROPN" and places_mod.is_local_place(tok.text):
        actor = actors_mod.resolve_actor(tok.text)
        return actor is not None and actor.kind in ("rebel", "militia")
    return _country(tok.text) is not None


SIDE_PREPS = frozenset({"with", "alongside", "for", "among", "beside"})


def _participle_roles(cand: _Candidate) -> tuple[Token, Token | None, bool] | None:
    """Roles of a participle trigger that modifies a noun of another clause ("the deployment,
    targeting Kurdish fighters, is opposed by Damascus"): the noun does an '-ing' act and
    undergoes an '-ed' one, whose doer is its own 'by X'. The other clause's agent plays no part
    (its subject stays the actor when the noun names no country: "Argentina apologised for one of
    its gunboats intercepting a ship"). Gives (doer, target, whether the doer is the described
    noun); None when no trigger is such a participle, or when the clause has a trigger of its own
    outside it ("a soldier fighting Isis died in an explosion")."""
    trig = next(
        (
            t
            for t in cand.triggers
            if t.i != cand.head.i
            and t.dep_ == "acl"
            and t.tag_ in ("VBG", "VBN")
            and t.head.pos_ in ("NOUN", "PROPN")
        ),
        None,
    )
    if trig is None or not all(_is_ancestor(trig, t) for t in cand.triggers):
        return None
    noun = trig.head
    lex = load_lexicon()
    if any(
        t.lemma_.lower() in lex.triggers or t.lemma_.lower() in WEAPON_WORDS
        for t in noun.subtree
        if t.i < trig.i
    ):
        return None  # "a wave of artillery fire targeting X": the clause's own roles hold
    if trig.tag_ == "VBG":
        if any(c.dep_ == "prep" and c.lower_ in SIDE_PREPS for c in trig.children):
            return None  # "women fighting with the YPJ": whose side, not an attack
        return noun, next((c for c in trig.children if c.dep_ == "dobj"), None), True
    agent = next((c for c in trig.children if c.dep_ == "agent"), None)
    doer = next((g for g in agent.children if g.dep_ == "pobj"), None) if agent else None
    return (doer, noun, False) if doer is not None else None


def _denied_by_head(cand: _Candidate, lex: Lexicon) -> bool:
    """The clause head is a denial verb and every trigger lies in what it denies (its object or
    complement, not its subject)."""
    head = cand.head
    if head.lemma_.lower() not in lex.deny_verbs:
        return False
    denied = [c for c in head.children if c.dep_ in ("xcomp", "ccomp", "dobj", "pcomp", "prep")]
    return bool(cand.triggers) and all(
        any(_is_ancestor(d, t) or d.i == t.i for d in denied) for t in cand.triggers
    )


def _assign_reporter(cand: _Candidate, lex: Lexicon) -> None:
    """'X said/claimed (that) ...' above the clause; 'according to X' in the sentence."""
    node = cand.head
    status = "reported"
    reporter: Token | None = None
    if _denied_by_head(cand, lex):
        # "the army denied carrying out any air strikes": the head itself denies the act
        status = "denied"
        reporter = next((c for c in node.children if c.dep_ == "nsubj"), None)
    for _ in range(0 if reporter is not None else 3):
        gov = node.head
        if gov.i == node.i:
            break
        lemma = gov.lemma_.lower()
        if node.dep_ in ("ccomp", "dobj", "parataxis", "xcomp", "conj") and (
            lemma in lex.report_verbs or lemma in lex.claim_verbs or lemma in lex.deny_verbs
        ):
            reporter = next((c for c in gov.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            if lemma in lex.claim_verbs:
                status = "claimed"
            elif lemma in lex.deny_verbs:
                status = "denied"
            break
        node = gov
    # a reporting verb governing a trigger noun directly: "officials reported overnight strikes"
    if reporter is None:
        for trig in cand.triggers:
            gov = trig.head
            if trig.dep_ == "dobj" and gov.lemma_.lower() in lex.report_verbs | lex.claim_verbs:
                reporter = next((c for c in gov.children if c.dep_ == "nsubj"), None)
                if gov.lemma_.lower() in lex.claim_verbs:
                    status = "claimed"
    if reporter is None:
        for tok in cand.sent:
            if tok.lower_ == "according" and tok.i + 1 < len(tok.doc) and tok.nbor().lower_ == "to":
                pobj = next((c for c in tok.nbor().children if c.dep_ == "pobj"), None)
                if pobj is not None:
                    cand.reported_by = _phrase_text(pobj)
                break
    else:
        cand.reported_by = _phrase_text(reporter)
        if cand.actor_text in PRONOUNS and reporter.lower_ not in PRONOUNS:
            cand.actor_text = cand.reported_by
    if cand.actor_text in PRONOUNS:
        cand.actor_text = None
    cand.status = status


GENERIC_TRIGGERS = frozenset(
    {"attack", "strike", "hit", "kill", "injure", "wound", "damage", "destroy", "die", "target",
     "claim", "launch", "pound", "assault", "raid"}
)  # fmt: skip


def _carry_weapon(cand: _Candidate, earlier: Iterable[_Candidate], lex: Lexicon) -> None:
    """'two civilians were injured' after a drone attack: the same kind of attack.

    ``earlier``: the candidates before this one, nearest first.
    """
    if cand.weapon_cue or cand.label not in lex.violent:
        return
    if not all(t.lemma_.lower() in GENERIC_TRIGGERS for t in cand.triggers):
        return
    for prev in earlier:
        if cand.sent_index - prev.last_sent_index > 2:
            return
        if prev.weapon_cue and prev.label in lex.violent:
            cand.label = prev.label
            return


# --- places ---------------------------------------------------------------------------------


def _find_places(text: str, doc: Doc) -> list[Place]:
    try:
        found = places_mod.find_places(text, doc=doc)
    except Exception:  # a resolver failure must not lose the events
        log.exception("find_places failed")
        return []
    return sorted((p for p in found if p.start is not None), key=lambda p: p.start or 0)


def _specificity(p: Place) -> int:
    return PRECISION_RANK.get(p.precision or "", 2)


def _is_role_word(tok: Token) -> bool:
    """'Ukraine continued...', "Moscow's pledge", 'Russian forces': a party, not a location."""
    if tok.dep_ in ("nsubj", "nsubjpass", "poss", "case"):
        return True
    return tok.dep_ in ("compound", "amod") and tok.head.dep_ in ("nsubj", "nsubjpass", "poss")


LOCATIVE_PREPS = frozenset({"in", "at", "near", "outside", "around", "inside", "into", "across"})


def _party_word(tok: Token) -> bool:
    """``_is_role_word``, except a name inside a locative phrase: the "Luhansk" of "died in the
    Luhansk People's Republic" is where, though the parse makes it a possessor."""
    if not _is_role_word(tok):
        return False
    if tok.dep_ == "poss":  # "near Ukraine's Donetsk": a qualifier of the place named after it
        return True
    node = tok
    for _ in range(4):
        if node.dep_ == "pobj":
            return node.head.lower_ not in LOCATIVE_PREPS
        if node.dep_ not in _ATTRIBUTIVE_DEPS or node.head.pos_ != "PROPN":
            return True
        if node.head.i == node.i:
            return True
        node = node.head
    return True


# Nouns for a party: a capital or country modifying one labels the party ("killed by Kiev
# troops", "the Armed Forces of Ukraine"), it does not say where anything happened.
ACTOR_NOUNS = frozenset(
    {
        "force", "forces", "troop", "troops", "army", "military", "soldier", "serviceman",
        "servicemen", "unit", "rebel", "separatist", "militant", "fighter", "militia",
        "militiaman", "gunman", "government", "authority", "authorities", "official", "regime",
        "leadership", "command", "navy", "brigade", "battalion", "artillery", "aviation",
        "artilleryman", "artillerymen", "gunner", "commander", "president", "leader", "diplomat",
        "envoy", "delegation", "embassy", "ministry", "minister", "spokesman", "spokeswoman",
        "spokesperson", "side", "proxy", "mercenary", "occupier", "invader", "loyalist", "sniper",
        "saboteur", "warplane",
    }
)  # fmt: skip
# "Moscow-backed rebels", "Kyiv-controlled territory": the place qualifies a party or its control.
PARTY_PARTICIPLES = frozenset(
    {
        "backed", "led", "controlled", "supported", "sponsored", "allied", "aligned", "installed",
        "appointed", "run", "held", "based", "loyal", "friendly", "funded", "armed", "trained",
    }
)  # fmt: skip
_ATTRIBUTIVE_DEPS = frozenset({"compound", "amod", "nmod", "npadvmod", "poss"})


def _actor_noun(tok: Token) -> bool:
    return tok.lemma_.lower() in ACTOR_NOUNS or tok.lower_ in ACTOR_NOUNS


def _attributive(span: SpacySpan) -> bool:
    """The name modifies an actor noun ("Kiev troops", "Damascus forces"), is joined by a hyphen
    to a party participle ("Moscow-backed") or is the 'of' of an actor noun ("the army of
    Ukraine")."""
    doc = span.doc
    if (
        span.end + 1 < len(doc)
        and doc[span.end].text == "-"
        and not doc[span.end - 1].whitespace_
        and doc[span.end + 1].lower_ in PARTY_PARTICIPLES
    ):
        return True
    root = span.root
    if root.dep_ in _ATTRIBUTIVE_DEPS and root.head.i != root.i:
        return _actor_noun(root.head)
    return root.dep_ == "pobj" and root.head.lower_ == "of" and _actor_noun(root.head.head)


def _state_place(place: Place) -> bool:
    """A capital or a country: the names that stand for a state and its government."""
    return place.feature == "PPLC" or place.precision == "country"


# Where talks, statements and visits happen: a place named with these is their venue, not the
# place of a violent event in the same sentence ("shelling ahead of Minsk talks", "told reporters
# in Moscow", "a statement from Washington").
MEETING_NOUNS = frozenset(
    {
        "talk", "talks", "summit", "meeting", "negotiation", "conference", "agreement", "accord",
        "deal", "format", "protocol", "memorandum", "session", "forum", "consultation", "visit",
        "trip", "statement", "briefing", "interview", "reporter", "journalist",
        "communique", "declaration", "speech",
    }
)  # fmt: skip
SPEECH_VERBS = frozenset(
    {
        "say", "tell", "announce", "declare", "speak", "discuss", "brief", "comment", "add",
        "warn", "urge", "insist", "stress", "accuse", "blame", "meet", "negotiate", "sign",
        "visit",
    }
)  # fmt: skip
VENUE_PREPS = frozenset({"in", "at", "from"})


def _venue(span: SpacySpan) -> bool:
    """The place is the venue of talks or of a statement: it modifies a meeting noun ("the Minsk
    summit") or is the object of in/at/from on a speech verb or meeting noun ("said in Moscow",
    "at talks in Minsk")."""
    root = span.root
    if root.dep_ in _ATTRIBUTIVE_DEPS and root.head.i != root.i:
        return root.head.lemma_.lower() in MEETING_NOUNS or root.head.lower_ in MEETING_NOUNS
    if root.dep_ != "pobj" or root.head.lower_ not in VENUE_PREPS:
        return False
    gov = root.head.head
    lemma = gov.lemma_.lower()
    if gov.pos_ in ("VERB", "AUX"):
        return lemma in SPEECH_VERBS
    return lemma in MEETING_NOUNS or gov.lower_ in MEETING_NOUNS


_SOURCE_BEFORE = re.compile(r"(?::\s*|\s[-–—]\s+)$")
_SOURCE_AFTER = re.compile(
    r"(?:\s+(?:military|army|officials?|sources?|ministry|government|authorities|says|said|"
    r"media|command|headquarters|hq))*\s*(?:[;\n]|$|\.(?:\s|$))",
    re.IGNORECASE,
)


def _source_tail(text: str, place: Place) -> bool:
    """'Two soldiers killed in the east: Kiev', '... - Kyiv military': a headline's closing
    attribution names the source of the report, not where it happened."""
    if place.start is None or place.end is None:
        return False
    if not _SOURCE_BEFORE.search(text, max(0, place.start - 4), place.start):
        return False
    return _SOURCE_AFTER.match(text, place.end) is not None


def _not_where(index: _DocIndex, doc: Doc, place: Place, *, violent: bool) -> bool:
    """The mention names a party or the source of the report (a capital or country: "Kiev
    troops", "...: Kiev") or, for a violent event, the venue of talks or a statement, not the
    place where the event happened. Other places keep such uses: a local force or source ("the
    Donetsk militia") mostly reports on its own area."""
    if place.start is None or place.end is None:
        return False
    state = _state_place(place)
    if state and _source_tail(index.text, place):
        return True
    span = doc.char_span(place.start, place.end)
    if span is None:  # not its own tokens ("Donbas;Serhiy"): the parse says nothing about it
        return False
    if state and _attributive(span):
        return True
    return violent and _venue(span)


_CODED = re.compile(r"\bcoded to\s+(?:the\s+)?$", re.IGNORECASE)


def _violent(cand: _Candidate) -> bool:
    return cand.label in load_lexicon().violent


def _assign_place(cand: _Candidate, index: _DocIndex) -> None:
    spans = _runs(cand.tokens)
    by_start = {t.idx: t for t in cand.tokens}
    violent = _violent(cand)
    inside = [
        p
        for p in index.places_between(spans[0][0], spans[-1][1])
        if any(a <= (p.start or -1) < b for a, b in spans)
        and not (p.start in by_start and _party_word(by_start[p.start]))
        and not _not_where(index, cand.sent.doc, p, violent=violent)
    ]
    text = index.text
    coded = [
        p
        for p in index.places_between(cand.sent.start_char, cand.sent.end_char)
        if cand.sent.start_char <= (p.start or -1) < cand.sent.end_char
        and _CODED.search(text, max(0, (p.start or 0) - 24), p.start or 0)
    ]
    if coded:  # "(coded to X)": the note says where the event is located
        cand.place, cand.place_key = coded[0], (coded[0].name or "").lower()
        return
    inside = [p for i, p in enumerate(inside) if i == 0 or not _qualifies(text, inside[i - 1], p)]
    if inside:
        cand.place = min(inside, key=_specificity)
        cand.place_key = (cand.place.name or "").lower()
        if any(t.lower_ in ("nearby", "neighbouring", "neighboring") for t in cand.tokens):
            cand.place = dataclasses.replace(cand.place, precision="near")
            cand.place_key = f"near {cand.place_key}"
        return
    ents = [
        e
        for e in index.sent_ents(cand.sent)
        if e.label_ in ("GPE", "LOC", "FAC")
        and any(a <= e.start_char < b for a, b in spans)
        and not _is_role_word(e.root)
    ]
    if ents:
        cand.place_key = ents[0].text.lower()


def _qualifies(text: str, first: Place, second: Place) -> bool:
    """'Hryhorivka, Donetsk' / 'Korsunka (Kherson)': the second names the first's region."""
    if first.end is None or second.start is None:
        return False
    between = text[first.end : second.start]
    return between.strip() in (",", "(") and _specificity(second) >= _specificity(first)


def _runs(tokens: list[Token]) -> list[tuple[int, int]]:
    runs: list[tuple[int, int]] = []
    for t in sorted(tokens, key=lambda x: x.i):
        end = t.idx + len(t.text)
        if runs and t.idx <= runs[-1][1] + 1:
            runs[-1] = (runs[-1][0], end)
        else:
            runs.append((t.idx, end))
    return runs


def _inherit_from_context(cand: _Candidate, previous: list[_Candidate], index: _DocIndex) -> None:
    """'a nearby village' / 'around the capital' without a place: the place just named."""
    if cand.place is not None:
        if cand.place.precision == "country":
            _settle_country(cand, index)
        return
    words = {t.lower_ for t in cand.tokens}
    clause = _clause_text(cand.tokens).lower()
    start = cand.tokens[0].idx
    n_earlier = index.count_before(start)  # the places before the clause: places[:n_earlier]
    if any(w in clause for w in CAPITAL_WORDS):
        k = bisect.bisect_left(index.capitals, n_earlier) - 1
        capital = index.places[index.capitals[k]] if k >= 0 else None
        if capital is not None:
            cand.place = dataclasses.replace(capital, precision="near", start=None, end=None)
            cand.place_key = (capital.name or "").lower()
            return
    sent_start = cand.sent.start_char
    lead = index.text[sent_start : sent_start + 4].lower()
    opening = [
        p
        for p in index.places[index.count_before(sent_start) : n_earlier]
        if p.start is not None and sent_start <= p.start < start
    ]
    if (
        lead.startswith(("in ", "near ", "at "))
        and opening
        and opening[0].start == sent_start + (lead.index(" ") + 1)
    ):
        cand.place = opening[0]
        cand.place_key = (opening[0].name or "").lower()
        return
    if words & NEAR_MARKERS and n_earlier:
        sent_start = cand.sent.start_char
        recent = opening  # the places before the clause that lie in its sentence
        base = recent[-1] if recent else None
        if base is None and previous and previous[-1].place is not None:
            base = previous[-1].place
        if base is not None:
            cand.place = dataclasses.replace(base, precision="near", start=None, end=None)
            cand.place_key = f"near {base.name}".lower()
            return
    # the sentence names a place outside the clause ("... held a protest in X"): use it
    in_sent = [
        p
        for p in index.places_between(sent_start, cand.sent.end_char)
        if p.start is not None
        and sent_start <= p.start < cand.sent.end_char
        and p.precision != "country"
        and not _role_at(cand.sent, p.start)
        and not _not_where(index, cand.sent.doc, p, violent=_violent(cand))
    ]
    if in_sent:
        cand.place = min(in_sent, key=_specificity)
        cand.place_key = (cand.place.name or "").lower()
        return
    borrowed = _paragraph_place(cand.sent, index, violent=_violent(cand))
    if borrowed is not None:
        cand.place, cand.place_borrowed = borrowed, True


# A place borrowed from another sentence is less certain than one the event's sentence names.
BORROWED_SCORE_FACTOR = 0.5


def _paragraph_place(sent: SpacySpan, index: _DocIndex, *, violent: bool = False) -> Place | None:
    """The place nearest to a sentence that names none, from the other sentences of its paragraph
    (a line of the text): the last one before it ("Two soldiers were wounded." after "... fired at
    positions near X."); the first one after it only when the parser cut the sentence inside a
    quotation ("held a protest 'Stop the war!' in X"). Countries and parties ("Kyiv said", "Kyiv
    troops") do not count. The place comes back with precision ``near`` (a settlement) and half
    its score: the event is reported in the place's context, not at it."""
    text = index.text
    lo = text.rfind("\n", 0, sent.start_char) + 1
    hi = text.find("\n", sent.end_char)
    hi = len(text) if hi < 0 else hi
    before = index.places_between(lo, sent.start_char)
    after = index.places_between(sent.end_char, hi) if _cut_quote(sent.text) else []
    for p in itertools.chain(reversed(before), after):
        if p.precision == "country" or p.lat is None or _party_at(sent.doc, p):
            continue
        if _not_where(index, sent.doc, p, violent=violent):
            continue
        precision = "near" if p.precision == "settlement" else p.precision
        score = round(p.score * BORROWED_SCORE_FACTOR, 3) if p.score is not None else None
        return dataclasses.replace(p, precision=precision, score=score)
    return None


_OPENING_QUOTE = re.compile(r"(?:^|(?<=[\s(\[]))['‘\"“]")
_CLOSING_QUOTE = re.compile(r"['’\"”](?=[\s.,;:!?)\]]|$)")


def _cut_quote(sentence: str) -> bool:
    """The sentence opens a quotation it does not close, or closes one it did not open: the
    parser cut a sentence inside a quotation (apostrophes in words do not count)."""
    return len(_OPENING_QUOTE.findall(sentence)) != len(_CLOSING_QUOTE.findall(sentence))


def _party_at(doc: Doc, place: Place) -> bool:
    """The place names a party of its sentence ("Kyiv said", "Moscow's demand", "Kyiv troops
    were killed"), not where something happened."""
    if place.start is None or place.end is None:
        return False
    span = doc.char_span(place.start, place.end, alignment_mode="expand")
    return span is not None and _is_role_word(span.root)


def _settle_country(cand: _Candidate, index: _DocIndex) -> None:
    """A clause placed only by a country ("a prisoner swap between Ukraine and Russia") in a
    sentence that names a settlement ("protested in X, demanding a swap ..."): the settlement."""
    in_sent = [
        p
        for p in index.places_between(cand.sent.start_char, cand.sent.end_char)
        if p.precision not in ("country", None)
        and not _role_at(cand.sent, p.start or -1)
        and not _not_where(index, cand.sent.doc, p, violent=_violent(cand))
    ]
    if in_sent:
        cand.place = min(in_sent, key=_specificity)


def _role_at(sent: SpacySpan, start: int) -> bool:
    tok = next((t for t in sent if t.idx == start), None)
    return tok is not None and _party_word(tok)


# --- region qualifiers ------------------------------------------------------------------------

_NAME = r"[A-Z][\w'’]+(?:[ -][A-Z][\w'’]+){0,2}"
_REGION_PAIR = re.compile(
    rf"(?<![\w'’-])(?P<name>{_NAME})"
    r"(?P<gap>\s*,\s*|\s*\(\s*|\s+(?:of|in)\s+(?:the\s+)?)"
    r"(?P<region>[A-Z][\w'’]+(?:[ -][A-Z][\w'’]+)?)"
    r"(?P<word>\s+(?:oblast|region|province|governorate|krai)\b)?"
)
_CAPITAL = re.compile(r"(?<![\w'’-])[A-Z]")
_REGION_END = re.compile(r"\s*(?:[,.;:)\]]|$|\s(?:and|with|on|in|at|using|by|as|after|where)\b)")
_SENTENCE_LEAD = re.compile(r"(?:^|[.!?:;\"“”]\s*|\n\s*)$")
_NEAR_BEFORE = re.compile(r"\b(?:near|outskirts of|vicinity of|direction of)\s+$")
# Romanisation variants tried when a region name is not in the index ("Zaporizhia").
_SPELLINGS = (("zhi", "zhzhi"), ("ia", "ya"), ("iia", "iya"), ("ii", "iy"), ("yi", "i"), ("y", "i"))


@functools.lru_cache(maxsize=512)
def _region(name: str) -> Place | None:
    """The admin1 area a bare name stands for ("Donetsk" -> Donetsk oblast), or None.

    A name is a region when "<name> oblast" is an admin1 area that bears the name and the name
    alone resolves inside it (the area or its namesake centre); common romanisation variants are
    tried too.
    """
    for variant in _spelling_variants(name):
        area = _geocode(f"{variant} oblast")
        if area is None or area.feature != "ADM1":
            continue
        alone = _geocode(variant)
        if alone is None:
            continue
        same_area = alone.admin1 == area.admin1 and alone.country == area.country
        if same_area and area.name[:4].lower() == variant[:4].lower():
            return area
    return None


def _spelling_variants(name: str) -> list[str]:
    out = [name]
    low = name.lower()
    for a, b in _SPELLINGS:
        if a in low:
            out.append(name[0] + low.replace(a, b)[1:])
    return out


@functools.lru_cache(maxsize=4096)
def _geocode(name: str, admin1: str | None = None, country: str | None = None) -> Place | None:
    context = None
    if admin1 or country:
        context = places_mod.PlaceContext(
            admin1=(admin1,) if admin1 else (), countries=(country,) if country else ()
        )
    try:
        return places_mod.geocode(name, context=context)
    except Exception:
        log.exception("geocode failed for %r", name)
        return None


def _refine_places(text: str, places: list[Place], doc: Doc) -> list[Place]:
    """'Hryhorivka, Donetsk' / 'Korsunka (Kherson)' / 'Popivka of Sumy oblast': the region named
    right after a settlement chooses among same-name settlements; when no settlement of that name
    lies in the region, the event is placed at the region (precision admin1). The region mention
    is consumed."""
    by_start = {p.start: p for p in places}
    starts = [p.start or 0 for p in places]  # places are sorted by start
    person_tokens: frozenset[int] | None = None
    drop: set[int] = set()
    add: list[Place] = []
    taken = -1
    for start in (w.start() for w in _CAPITAL.finditer(text)):
        m = _REGION_PAIR.match(text, start)
        if m is None or start < taken:
            continue
        name, region_text = m.group("name"), m.group("region")
        gap, word = m.group("gap").strip(), m.group("word")
        if gap in ("of", "in", "of the", "in the") and not word:
            continue
        if not _REGION_END.match(text, m.end()):
            continue
        if _sentence_lead(text, m.start("name")):
            continue
        if person_tokens is None:
            person_tokens = _person_tokens(doc)
        if not _placeish(doc, m.start("name"), name, person_tokens):
            continue
        region = _region(region_text)
        if region is None or (_region(name) is not None and name != region_text):
            continue  # not a region, or a list of regions ("Kharkiv, Sumy")
        first = by_start.get(m.start("name"))
        if first is not None and first.end != m.end("name"):
            first = None  # "Mali Scherbaky": a place inside the name is not the name
        if first is not None and first.precision == "country":
            continue
        alone = _geocode(name) if first is None else None
        if alone is not None and alone.precision == "country":
            continue  # "the Armed Forces of Ukraine in the Kherson region"
        near = (
            first.precision == "near"
            if first
            else bool(_NEAR_BEFORE.search(text, _tail_start(text, m.start(), 16), m.start()))
        )
        found = _geocode(name, region.admin1, region.country)
        if found is not None and found.admin1 == region.admin1 and found.country == region.country:
            place = dataclasses.replace(found, precision="near" if near else found.precision)
        else:
            place = dataclasses.replace(region, name=region.name)
        place = dataclasses.replace(place, start=m.start("name"), end=m.end("name"))
        lo = bisect.bisect_left(starts, m.start("name"))
        hi = bisect.bisect_left(starts, m.end())
        drop.update(
            p.start
            for p in places[lo:hi]
            if p.start is not None and m.start("name") <= p.start < m.end()
        )
        add.append(place)
        taken = m.end("name")
    if not add:
        return places
    kept = [p for p in places if p.start not in drop]
    return sorted(kept + add, key=lambda p: p.start or 0)


def _sentence_lead(text: str, pos: int) -> bool:
    """``_SENTENCE_LEAD`` at ``pos``: the start of the text, a line or a sentence.

    Only the whitespace before ``pos`` and the character before it can take part in a match, so
    the search looks at that tail instead of the whole text before ``pos``.
    """
    return bool(_SENTENCE_LEAD.search(text, _tail_start(text, pos, 1), pos))


def _tail_start(text: str, pos: int, keep: int) -> int:
    """Where to start a search anchored at ``pos``: ``keep`` characters before the whitespace
    that ends at ``pos`` (or 0)."""
    i = pos
    while i > 0 and text[i - 1].isspace():
        i -= 1
    return 0 if i == 0 else max(0, i - keep)


def _person_tokens(doc: Doc) -> frozenset[int]:
    """Indexes of the tokens inside PERSON entities of two or more tokens."""
    return frozenset(
        i for e in doc.ents if e.label_ == "PERSON" and len(e) > 1 for i in range(e.start, e.end)
    )


def _placeish(doc: Doc, start: int, name: str, person_tokens: frozenset[int] | None = None) -> bool:
    """Could be a settlement name: a proper noun, not a multi-word person, not a demonym or party.

    Single-token entity labels of the small model are unreliable on village names, so only a
    PERSON entity of two or more tokens vetoes. ``person_tokens``: ``_person_tokens(doc)``, when
    the caller already has it.
    """
    span = doc.char_span(start, start + len(name), alignment_mode="expand")
    if span is None:
        return True
    tok = span[0]
    if tok.pos_ not in ("PROPN", "NOUN") or tok.ent_type_ in ("DATE", "TIME"):
        return False
    if tok.i in (person_tokens if person_tokens is not None else _person_tokens(doc)):
        return False
    return _geocode(name) is not None or _country(name) is None


# --- step 6: merging -----------------------------------------------------------------------


def _compatible(a: _Candidate, b: _Candidate) -> bool:
    lex = load_lexicon()
    if a.label == b.label:
        return True
    return a.label in lex.violent and b.label in lex.violent


def _places_agree(a: _Candidate, b: _Candidate) -> bool:
    if a.place_key is None or b.place_key is None:
        return True
    if a.place_key == b.place_key:
        return True
    if a.place is not None and b.place is not None:
        # a country or region and a place inside it
        if a.place.precision == "country" and a.place.country == b.place.country:
            return True
        if b.place.precision == "country" and a.place.country == b.place.country:
            return True
    return False


def _merge_within_sentence(cands: list[_Candidate]) -> list[_Candidate]:
    out: list[_Candidate] = []
    for cand in cands:
        host = next(
            (
                o
                for o in out
                if _compatible(o, cand)
                and not cand.distinct
                and _places_agree(o, cand)
                and (not cand.own_subject or cand.place_key is None or o.place_key is None)
            ),
            None,
        )
        if host is None:
            out.append(cand)
        else:
            _absorb(host, cand)
    return out


def _sentence_toll(cands: list[_Candidate], sent: SpacySpan, lex: Lexicon) -> None:
    """A death toll that no clause of the sentence holds ("the army shelled X 50 times, two
    fighters killed", "reports 1 KIA amid 20 attacks") goes to the sentence's first violent
    event, when none of its events has a toll of its own."""
    if not cands or any(c.counts.killed is not None for c in cands):
        return
    host = next((c for c in cands if c.label in lex.violent), None)
    if host is None:
        return
    figures = numbers_mod.killed_figures(sent.text)
    if figures:
        own = {c.head.i for c in cands}
        killed = numbers_mod.largest_count(
            [v for s, e, v in figures if not _background_toll(sent, s, e, own)]
        )
    else:
        killed = numbers_mod.find_counts(sent.text).killed  # "no one was hurt": 0
    if killed is not None:
        host.counts = dataclasses.replace(host.counts, killed=killed)


SUBORDINATE_DEPS = frozenset({"advcl", "relcl", "acl", "ccomp", "pcomp"})


def _background_toll(sent: SpacySpan, start: int, end: int, own: set[int]) -> bool:
    """A figure at ``sent.text[start:end]`` inside a subordinate clause that holds none of the
    sentence's events and has a date of its own ("a year after a raid in March that killed 12")
    or is a running total: another event's toll, not the one to hand out."""
    base = sent.start_char
    tok = next((t for t in sent if t.idx + len(t.text) > base + start), None)
    if tok is None:
        return False
    node = tok
    for _ in range(12):
        if node.i in own:
            return False
        if node.dep_ in SUBORDINATE_DEPS:
            scope = list(node.head.subtree if node.dep_ in ("relcl", "acl") else node.subtree)
            if any(t.i in own for t in scope):
                return False
            lo, hi = scope[0].idx - base, scope[-1].idx + len(scope[-1].text) - base
            if any(t.ent_type_ == "DATE" for t in scope) or numbers_mod.cumulative_at(
                sent.text[lo:hi], start - lo, end - lo
            ):
                return True
        if node.head.i == node.i:
            break
        node = node.head
    return False


def _merge_adjacent(cands: list[_Candidate]) -> list[_Candidate]:
    out: list[_Candidate] = []
    for cand in cands:
        prev = out[-1] if out else None
        if (
            prev is not None
            and 0 < cand.sent_index - prev.last_sent_index <= 1
            and prev.label == cand.label
            and not cand.distinct
            and prev.place_key == cand.place_key
            and (cand.actor_text is None or prev.actor_text is None or _same_country(prev, cand))
        ):
            _absorb(prev, cand)
        else:
            out.append(cand)
    return out


def _same_country(a: _Candidate, b: _Candidate) -> bool:
    ca, cb = _country(a.actor_text or ""), _country(b.actor_text or "")
    return ca is None or cb is None or ca == cb


def _absorb(host: _Candidate, other: _Candidate) -> None:
    host.triggers.extend(other.triggers)
    for t in other.tokens:
        if t.idx not in host.token_offsets:
            host.tokens.append(t)
            host.token_offsets.add(t.idx)
    sent_span = (other.sent.start_char, other.sent.end_char)
    if sent_span not in host.sentence_spans:
        host.sentences.append(other.sent)
        host.sentence_spans.add(sent_span)
    host.last_sent_index = max(host.last_sent_index, other.last_sent_index)
    if (not host.weapon_cue and other.weapon_cue) or (
        host.label not in load_lexicon().violent and other.label in load_lexicon().violent
    ):
        host.label, host.weapon_cue = other.label, other.weapon_cue
    if other.place is not None and (
        host.place is None
        or (host.place_borrowed and not other.place_borrowed)
        or (
            host.place_borrowed == other.place_borrowed
            and _specificity(other.place) < _specificity(host.place)
        )
    ):
        host.place, host.place_key = other.place, other.place_key
        host.place_borrowed = other.place_borrowed
    if host.place_key is None:
        host.place_key = other.place_key
    host.actor_text = host.actor_text or other.actor_text
    if other.target_text and (
        host.target_text is None
        or (_category(other.target_text) and not _category(host.target_text))
    ):
        host.target_text = other.target_text
    host.reported_by = host.reported_by or other.reported_by
    if host.status == "reported":
        host.status = other.status
    host.counts = _merge_counts(host.counts, other.counts)
    host.in_quote = host.in_quote and other.in_quote


def _merge_counts(a: Counts, b: Counts) -> Counts:
    values = {}
    for f in dataclasses.fields(Counts):
        va, vb = getattr(a, f.name), getattr(b, f.name)
        values[f.name] = va if va is not None else vb
    return Counts(**values)


# Direct ground combat: small arms, assaults, repelled attacks. With armed forces on the receiving
# side these make a clash even when mortars or artillery are named too.
GROUND_COMBAT = (
    "small arm", "machine gun", "assault", "repulse", "repel", "clash", "ground attack",
    "offensive", "firefight", "gunfight", "skirmish", "fight", "storm", "infantry",
)  # fmt: skip
ARMED_SIDE = frozenset(
    {"position", "force", "troop", "soldier", "serviceman", "unit", "military", "rebel",
     "fighter", "militant", "army", "brigade", "battalion", "defender"}
)  # fmt: skip
CLASH_OVERRIDABLE = frozenset({"ART_MISS_ATTACK", "ATTACK", "REM_EXPLOS"})


def _prefer_clash(cand: _Candidate) -> None:
    """Shelling or an 'attack' that also involves ground combat against armed forces: a clash.

    Needs an armed party on both sides: the actor (or a by-agent) and a target/object word
    such as positions, forces or soldiers.
    """
    if cand.label not in CLASH_OVERRIDABLE:
        return
    toks = {t.i: t for t in cand.tokens}
    toks.update((t.i, t) for t in cand.head.subtree)  # "... using mortars and small arms"
    lemmas = normalise_lemmas(toks[i].lemma_ for i in sorted(toks))
    joined = " " + " ".join(lemmas) + " "
    if not any(f" {cue} " in joined or f" {cue}s " in joined for cue in GROUND_COMBAT):
        return
    if sum(1 for w in lemmas if w in ARMED_SIDE) >= 2:
        cand.label = "ARMED_CLASH"


# --- fallbacks and output --------------------------------------------------------------------


def _fill_actor_fallback(cand: _Candidate, last_actor: dict[str, str]) -> None:
    """No actor named: the actor of the last violent event that hit the same country.

    ``last_actor`` maps a hit country to the actor of the last event so far that hit it with an
    actor of another country; this call reads it and then records ``cand`` (unless its actor is
    only the noun a participle describes: "a British volunteer fighting Isis").
    """
    violent = load_lexicon().violent
    if cand.actor_text is None and cand.label in violent:
        hit = _hit_country(cand)
        if hit is not None and hit in last_actor:
            cand.actor_text = last_actor[hit]
    if cand.actor_text and cand.label in violent and not cand.described:
        hit = _hit_country(cand)
        actor = _country(cand.actor_text) if hit is not None else None
        if hit is not None and actor is not None and actor != hit:
            last_actor[hit] = cand.actor_text


def _hit_country(cand: _Candidate) -> str | None:
    if cand.target_text:
        c = _country(cand.target_text)
        if c:
            return c
    if cand.place is not None:
        return cand.place.country
    return None


def _country(text: str) -> str | None:
    if not text:
        return None
    try:
        actor = actors_mod.resolve_actor(text)
        if actor is not None and actor.country:
            return actor.country
        return actors_mod.country_of(text)
    except Exception:
        log.exception("actor resolution failed for %r", text)
        return None


def _category(text: str) -> str | None:
    try:
        return actors_mod.target_category(text)
    except Exception:
        log.exception("target_category failed for %r", text)
        return None


def _make_actor(text: str | None) -> Actor | None:
    if not text:
        return None
    try:
        actor = actors_mod.resolve_actor(text)
    except Exception:
        log.exception("resolve_actor failed for %r", text)
        actor = None
    if actor is not None:
        return actor
    return Actor(name=text, country=_country(text))


def _sentence_date(
    sent: SpacySpan, anchor: dt.date | None, cache: dict[int, DateRange | None]
) -> DateRange | None:
    """The date a sentence reports, resolved once per sentence; a resolver failure is logged
    and gives no date rather than losing the event."""
    if sent.start_char not in cache:
        try:
            cache[sent.start_char] = dates_mod.resolve_event_date(sent.text, anchor)
        except Exception:
            log.exception("date resolution failed")
            cache[sent.start_char] = None
    return cache[sent.start_char]


TIME_MARKS = frozenset({"when", "as", "once"})


def _clause_date(
    cand: _Candidate, anchor: dt.date | None, cache: dict[int, DateRange | None]
) -> DateRange | None:
    """The sentence's date, unless the clause itself says the attack is only likely or vowed,
    looks back ("had shelled", "since X launched") or only sets the time of another clause."""
    first = cand.sentences[0]
    date = _sentence_date(first, anchor, cache)
    if date is None or date.text is not None or anchor is None:
        return date
    clause = _clause_text([t for t in cand.tokens if first.start <= t.i < first.end])
    setting = _sets_the_time(cand.head)
    try:
        return dates_mod.resolve_event_date(first.text, anchor, clause=clause, setting=setting)
    except Exception:
        log.exception("date resolution failed")
        return date


def _sets_the_time(head: Token) -> bool:
    """'When militiamen raided Dolvik, the envoy went on drafting the treaty': a fronted when/as
    clause whose main clause reports no violent event of its own only sets the time; the attack
    is background ('When drones struck, three people were killed' is the news itself)."""
    if head.dep_ != "advcl" or head.i > head.head.i:
        return False
    if not any(c.dep_ in ("mark", "advmod") and c.lower_ in TIME_MARKS for c in head.children):
        return False
    lex = load_lexicon()
    main = head.head
    violent = set(lex.violent)
    return not any(
        _is_trigger(t, lex)
        and violent.intersection(TRIGGER_FAMILIES.get(t.lemma_.lower(), lex.violent))
        and _clause_head(t).i == main.i
        and not _suppressed(t, lex)
        for t in main.subtree
        if not _is_ancestor(head, t)
    )


def _to_event(
    cand: _Candidate,
    document: Document,
    anchor: dt.date | None,
    date_cache: dict[int, DateRange | None],
) -> Event:
    info = label_info(cand.label)
    actor = _make_actor(cand.actor_text)
    target = None
    if cand.target_text:
        country = _country(cand.target_text) or (cand.place.country if cand.place else None)
        target = Target(cand.target_text, country, _category(cand.target_text))
    elif (
        cand.place is not None and not cand.place_borrowed and cand.label in load_lexicon().violent
    ):
        target = Target(cand.place.name, cand.place.country, None)
    date = _clause_date(cand, anchor, date_cache)
    evidence = tuple(
        Span(s.start_char, s.end_char, document.text[s.start_char : s.end_char])
        for s in sorted(cand.sentences, key=lambda s: s.start_char)
    )
    start = min(t.idx for t in cand.tokens)
    end = max(t.idx + len(t.text) for t in cand.tokens)
    confidence = 0.45
    confidence += 0.15 if cand.place is not None else 0.0
    confidence += 0.1 if actor is not None and actor.country else 0.0
    confidence += 0.1 if cand.score >= 3 else 0.0
    confidence -= 0.15 if cand.in_quote else 0.0
    return Event(
        id=content_id(document.id, "event", str(start), str(end)),
        type=info.plover_type or "OTHER",
        mode=info.plover_mode,
        acled_event_type=info.acled_event_type,
        acled_sub_event_type=info.acled_sub_event_type,
        actor=actor,
        target=target,
        place=cand.place,
        date=date,
        counts=cand.counts,
        reported_by=cand.reported_by,
        status=cand.status,
        evidence=evidence,
        confidence=round(max(0.1, min(confidence, 0.95)), 2),
    )


def _quote_ranges(text: str) -> list[tuple[int, int]]:
    """Character ranges inside curly or straight double quotes, paired within a paragraph."""
    ranges: list[tuple[int, int]] = []
    open_at: int | None = None
    for i, ch in enumerate(text):
        if ch == "\n":
            open_at = None
        elif ch == "\u201c" or (ch == '"' and open_at is None):
            open_at = i
        elif (ch == "\u201d" or ch == '"') and open_at is not None:
            ranges.append((open_at, i + 1))
            open_at = None
    return ranges


# --- step 7: diplomatic and strategic acts from the PLOVER coder ------------------------------

# PLOVER types taken from the coder; FIGHT, ASSAULT and PROTEST stay with the cue lexicon above.
CODER_TYPES = frozenset(
    {"AGREE", "CONSULT", "SUPPORT", "COOPERATE", "AID", "CONCEDE", "INVESTIGATE", "DEMAND",
     "DISAPPROVE", "REJECT", "THREATEN", "SANCTION", "COERCE", "MOBILIZE", "RETREAT"}
)  # fmt: skip
CODER_MIN_CONFIDENCE = 0.35
BASE_WORDS = frozenset({"base", "headquarters", "hq", "outpost", "camp"})
# Source words that name nobody in particular ("officials said", "sources") or only a speaker.
VAGUE_SOURCES = frozenset(
    {"official", "officials", "source", "sources", "analyst", "analysts", "expert", "experts",
     "people", "observer", "observers", "critic", "critics", "report", "reports", "media",
     "some", "others", "many", "both", "all", "one"}
)  # fmt: skip


def _coded_events(
    doc: Doc,
    document: Document,
    anchor: dt.date | None,
    candidates: list[_Candidate],
    index: _DocIndex,
    date_cache: dict[int, DateRange | None],
) -> list[Event]:
    """One coded act per sentence that passes the guards of step 7 (document order)."""
    lex = plover_mod.lexicon()
    cues = load_lexicon()
    by_sentence: dict[int, list[_Candidate]] = {}
    for cand in candidates:
        for s in cand.sentences:
            by_sentence.setdefault(s.start_char, []).append(cand)
    out: list[Event] = []
    for sent in doc.sents:
        if sent.text.rstrip().endswith("?") or not _may_code(sent, lex):
            continue
        try:
            code = plover_mod.code_sentence(sent, when=document.published)
        except Exception:  # the coder must not lose the events found above
            log.exception("PLOVER coding failed in %s", document.id)
            continue
        if code is None or code.type not in CODER_TYPES:
            continue
        if code.confidence < CODER_MIN_CONFIDENCE or _event_source(code, lex):
            continue
        if code.rule == "deontic":  # 'X said Y must ...': needs a Y to be a demand on
            if not any(a.country or a.kind for a in code.target):
                continue
        elif _reporting_trigger(code, sent, lex):
            continue
        source = _coded_source(code)
        if source is None:
            continue
        trigger = _trigger_tokens(code, sent)
        if index.in_quote(code.trigger.start) or _hedged(code, trigger, lex):
            continue
        if _no_one(code, sent) or _byline(trigger):
            continue
        if code.rule in FUTURE_RULES and not _own_announcement(trigger, source, lex):
            continue
        if _duplicate(code, by_sentence.get(sent.start_char, ()), cues):
            continue
        out.append(_coded_event(code, source, sent, trigger, document, anchor, index, date_cache))
    return out


def _may_code(sent: SpacySpan, lex: plover_mod.Lexicon) -> bool:
    """Cheap filter: a lemma the coder could make a predicate of."""
    for tok in sent:
        lemma = tok.lemma_.lower()
        if lemma in lex.verbs or lemma in lex.nouns or lemma in lex.verb_object:
            return True
        if lemma in lex.phrasal_heads or lemma in lex.words["delivery_verbs"]:
            return True
        if lemma in lex.words["stop_verbs"]:
            return True
    return False


def _trigger_tokens(code: plover_mod.PloverCode, sent: SpacySpan) -> list[Token]:
    return [t for t in sent if code.trigger.start <= t.idx < code.trigger.end]


def _reporting_trigger(
    code: plover_mod.PloverCode, sent: SpacySpan, lex: plover_mod.Lexicon
) -> bool:
    """'X said that Y must ...': the only predicate is a reporting verb, not an act."""
    lemmas = {t.lemma_.lower() for t in _trigger_tokens(code, sent)}
    reporting = lex.words["pure_reporting"]
    return bool(lemmas) and all(w in reporting and w not in lex.verbs for w in lemmas)


def _hedged(code: plover_mod.PloverCode, trigger: list[Token], lex: plover_mod.Lexicon) -> bool:
    """Only possible ('could agree', 'may impose'), a warning about something ('warned of an
    invasion') or an insistence on a fact ('insisting that Russia has yet to reply')."""
    verbs = [t for t in trigger if t.pos_ in ("VERB", "AUX")] or [t.head for t in trigger]
    for verb in verbs:
        if any(c.dep_ == "aux" and c.lower_ in lex.words["possible_aux"] for c in verb.children):
            return True
        lemma = verb.lemma_.lower()
        preps = {c.lower_ for c in verb.children if c.dep_ == "prep"}
        if code.type == "THREATEN" and lemma == "warn" and "of" in preps:
            return True
        if code.type == "DEMAND" and lemma == "insist" and "on" not in preps:
            return True
    return False


def _no_one(code: plover_mod.PloverCode, sent: SpacySpan) -> bool:
    """'No European leader knows ...': a source under 'no' or 'neither' did nothing."""
    heads = set(code.source_heads)
    return any(
        t.lemma_.lower() in heads
        and any(c.dep_ == "det" and c.lower_ in ("no", "neither") for c in t.children)
        for t in sent
    )


def _byline(trigger: list[Token]) -> bool:
    """'X contributed to this report': a credit line, not an act."""
    return any(
        tok.lemma_.lower() == "contribute"
        and any(t.lemma_.lower() in ("report", "story", "article") for t in tok.subtree)
        for tok in trigger
    )


def _event_source(code: plover_mod.PloverCode, lex: plover_mod.Lexicon) -> bool:
    """The subject is an event, not an actor ('the threat from Russia', 'the deployment of
    troops')."""
    return any(h in lex.nouns or h in load_lexicon().triggers for h in code.source_heads)


def _coded_source(code: plover_mod.PloverCode) -> Actor | None:
    """The first source with a country, else the first resolved one (an organisation, a known
    person), else the first proper name; None when the source is vague ('officials', 'sources')
    or missing."""
    named = [a for a in code.source if _named_source(a)]
    resolved = [a for a in named if a.country or a.kind]
    pool = [a for a in named if a.country] or resolved or named
    return pool[0] if pool else None


def _named_source(actor: Actor) -> bool:
    words = re.findall(r"[\w'’-]+", actor.name)
    words = [w for w in words if w.lower() not in ("the", "a", "an")]
    if not words or (len(words) == 1 and words[0].lower() in VAGUE_SOURCES | PRONOUNS):
        return False
    return bool(actor.country or actor.kind) or any(w[0].isupper() for w in words)


# Coder rules that turn a future or intended act into AGREE (a promise) or THREATEN.
FUTURE_RULES = frozenset({"future", "intent", "conditional", "possible"})


def _own_announcement(trigger: list[Token], source: Actor, lex: plover_mod.Lexicon) -> bool:
    """A future act counts as a promise or threat only when its actor announces it: no one
    else reports it ('Finland will give...'), or the reporter is the actor ('NATO said it
    would...', 'Portugal will..., the Portuguese president said'). 'Officials said Russia will
    attack' and 'accusations that Russia plans to attack' are others' expectations."""
    reporting = lex.words["pure_reporting"] | load_lexicon().report_verbs
    verbs = [t for t in trigger if t.pos_ in ("VERB", "AUX")] or [t.head for t in trigger]
    if not verbs:
        return False
    node = verbs[0]
    for _ in range(6):
        if node.dep_ not in ("ccomp", "xcomp", "conj", "acl", "advcl", "relcl", "parataxis"):
            reporter = _parenthetical_reporter(node, reporting)
            return reporter is None or _same_party(reporter, source)
        head = node.head
        if head.pos_ in ("NOUN", "PROPN"):  # 'accusations that ...', 'fears that ...'
            return False
        if head.lemma_.lower() in reporting:
            subj = [c for c in head.children if c.dep_ in ("nsubj", "agent")]
            return bool(subj) and _same_party(subj[0], source)
        node = head
    return False


def _parenthetical_reporter(root: Token, reporting: frozenset[str]) -> Token | None:
    """'..., the minister said': the subject of a reporting verb hanging off the main clause."""
    for child in root.children:
        if child.dep_ in ("parataxis", "ccomp") and child.lemma_.lower() in reporting:
            return next((c for c in child.children if c.dep_ == "nsubj"), None)
    return None


def _same_party(subj: Token, source: Actor) -> bool:
    if subj.pos_ == "PRON":
        return True
    if subj.dep_ == "agent":
        subj = next((c for c in subj.children if c.dep_ == "pobj"), subj)
    text = _phrase_text(subj)
    if source.name and (text in source.name or source.name in text):
        return True
    country = _country(text)
    return country is not None and country == source.country


def _duplicate(code: plover_mod.PloverCode, cands: Iterable[_Candidate], cues: Lexicon) -> bool:
    """An event above already stands for this act: same trigger word, or same PLOVER type in
    the same sentence ('signed an agreement' is one AGREE, found by both)."""
    for cand in cands:
        if any(code.trigger.start <= t.idx < code.trigger.end for t in cand.triggers):
            return True
        if cues.labels[cand.label].plover_type == code.type:
            return True
    return False


def _coded_event(
    code: plover_mod.PloverCode,
    source: Actor,
    sent: SpacySpan,
    trigger: list[Token],
    document: Document,
    anchor: dt.date | None,
    index: _DocIndex,
    date_cache: dict[int, DateRange | None],
) -> Event:
    words = {t.lemma_.lower() for tok in trigger for t in tok.subtree}
    key_mode = "base" if code.type == "MOBILIZE" and words & BASE_WORDS else code.mode
    acled_type, acled_sub = plover_acled(code.type, key_mode)
    target = next((a for a in code.target if a.country), code.target[0] if code.target else None)
    date = _sentence_date(sent, anchor, date_cache)
    confidence = code.confidence + (0.05 if source.country else -0.05)
    confidence -= 0.15 if index.in_quote(code.trigger.start) else 0.0
    return Event(
        id=content_id(document.id, "plover", str(code.trigger.start), code.type),
        type=code.type,
        mode=code.mode,
        acled_event_type=acled_type,
        acled_sub_event_type=acled_sub,
        actor=source,
        target=Target(target.name, target.country) if target is not None else None,
        place=_coded_place(trigger, sent, index, located=acled_sub is not None),
        date=date,
        evidence=(Span(sent.start_char, sent.end_char, sent.text),),
        confidence=round(max(0.1, min(confidence, 0.9)), 2),
    )


def _coded_place(
    trigger: list[Token], sent: SpacySpan, index: _DocIndex, *, located: bool = False
) -> Place | None:
    """Where the act took place: a place named by 'in'/'at' on the predicate ('talks in
    Istanbul'), not a place that is a party ('Kyiv rejected ...'). ``located``: an act ACLED
    codes at a location (looting, arrests, troop movements); without such a place it takes the
    paragraph's nearest place, as events of the cue lexicon do."""
    heads = {t.i for t in trigger} | {t.head.i for t in trigger}
    heads |= {c.i for t in trigger for c in t.children if c.dep_ == "dobj"}  # 'met X in Y'
    for place in index.places_between(sent.start_char, sent.end_char):
        tok = next((t for t in sent if t.idx == place.start), None)
        if tok is None or _is_role_word(tok) or _not_where(index, sent.doc, place, violent=False):
            continue
        node = tok
        while node.dep_ == "compound" and node.head.i != node.i:
            node = node.head
        prep = node.head
        if node.dep_ == "pobj" and prep.lower_ in ("in", "at") and prep.head.i in heads:
            return place
    if not located:
        return None
    in_sent = [
        p
        for p in index.places_between(sent.start_char, sent.end_char)
        if p.precision != "country"
        and p.lat is not None
        and not _party_at(sent.doc, p)
        and not _not_where(index, sent.doc, p, violent=False)
    ]
    if in_sent:
        return min(in_sent, key=_specificity)
    return _paragraph_place(sent, index)
