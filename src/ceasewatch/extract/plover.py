"""Sentence-level PLOVER coder: the main event of a sentence as type, mode, source and target.

Covers the 18 PLOVER event types (AGREE ... COOPERATE) with a lexicon of predicates
(``data/plover_lexicon.json``) read over the dependency parse:

1. every verb, phrasal verb (``call for``), verb + object (``lift the curfew``) and licensed event
   noun (the object of a light verb: ``held talks``, ``announced a suspension``) is a candidate;
2. negated candidates drop out, except acceptance verbs, which become REJECT (``did not accept``);
   ``refused to agree`` is REJECT because the outer predicate wins;
3. the candidate highest in the clause wins: reporting verbs (``said``) and transparent verbs
   (``decided to``) cost nothing to pass through, subordinate and relative clauses cost more;
4. a reporting verb over a ``must``/``should`` complement is a DEMAND; a future hostile act
   under ``unless`` is a THREAT; ``vowed to attack`` is a THREAT; ``prepared to attack`` MOBILIZE;
5. the source is the subject of the predicate (through ``said``, control verbs, coordination and
   ``by``-agents of passives), the target its object or ``with``/``against``/``on``/``to``
   complement; both are resolved with :func:`ceasewatch.resolve.actors.resolve_actor`.

Returns ``None`` (abstains) when no candidate survives.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from ceasewatch.model import Actor, Document, Event, Span, Target, content_id
from ceasewatch.resolve.actors import country_of, resolve_actor

log = logging.getLogger(__name__)

PLOVER_TYPES = (
    "AGREE",
    "CONSULT",
    "SUPPORT",
    "COOPERATE",
    "AID",
    "CONCEDE",
    "RETREAT",
    "INVESTIGATE",
    "DEMAND",
    "DISAPPROVE",
    "REJECT",
    "THREATEN",
    "PROTEST",
    "MOBILIZE",
    "SANCTION",
    "COERCE",
    "ASSAULT",
    "FIGHT",
)


@dataclass(frozen=True)
class PloverCode:
    """One coded sentence. ``trigger`` offsets are into the text the Doc was parsed from."""

    type: str
    mode: str | None
    source: tuple[Actor, ...]
    target: tuple[Actor, ...]
    trigger: Span
    confidence: float
    # how the type was reached: None when the predicate's own lexicon entry gives it; else the
    # rule that changed it: "negated", "deontic", "vow", "prepare", "future", "possible",
    # "intent" or "conditional" (see ``_intent``)
    rule: str | None = None
    source_heads: tuple[str, ...] = ()  # lemmas of the source phrases' head words

    @property
    def source_country(self) -> str | None:
        return next((a.country for a in self.source if a.country), None)

    @property
    def target_country(self) -> str | None:
        return next((a.country for a in self.target if a.country), None)


@dataclass(frozen=True)
class Lexicon:
    verbs: dict[str, tuple[str, str | None]]
    phrasal: dict[str, tuple[str, str | None]]
    nouns: dict[str, tuple[str, str | None]]
    verb_object: dict[str, dict[str, tuple[str, str | None]]]
    words: dict[str, frozenset[str]]
    phrasal_heads: frozenset[str] = frozenset()  # first words of the phrasal entries

    def has(self, group: str, lemma: str) -> bool:
        return lemma in self.words[group]


def _pairs(table: dict[str, Any]) -> dict[str, tuple[str, str | None]]:
    return {k: (v[0], v[1]) for k, v in table.items()}


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    raw = json.loads(
        resources.files("ceasewatch.data").joinpath("plover_lexicon.json").read_text("utf-8")
    )
    tables = {"verbs", "phrasal", "nouns", "verb_object", "_doc"}
    return Lexicon(
        verbs=_pairs(raw["verbs"]),
        phrasal=_pairs(raw["phrasal"]),
        nouns=_pairs(raw["nouns"]),
        verb_object={k: _pairs(v) for k, v in raw["verb_object"].items()},
        words={k: frozenset(v) for k, v in raw.items() if k not in tables},
        phrasal_heads=frozenset(k.split()[0] for k in raw["phrasal"]),
    )


@dataclass
class _Candidate:
    type: str
    mode: str | None
    head: Token  # the predicate token (verb or event noun)
    tokens: list[Token]  # trigger tokens (verb + particle, light verb + noun)
    verb: Token  # the clause verb whose arguments are the actors
    cost: float = 0.0
    confidence: float = 0.7
    rule: str | None = None


_NOUN_DEPS = {
    "dobj",
    "nsubjpass",
    "attr",
    "oprd",
    "nsubj",
    "ROOT",
    "pobj",
    "conj",
    "appos",
    "ccomp",
}
_EDGE_COST = {
    "ccomp": 0.0,
    "xcomp": 0.0,
    "dobj": 0.0,
    "nsubjpass": 0.0,
    "attr": 0.0,
    "oprd": 0.0,
    "conj": 0.6,
    "nsubj": 0.8,
    "pobj": 0.5,
    "prep": 1.0,
    "pcomp": 1.0,
    "advcl": 2.5,
    "relcl": 3.0,
    "acl": 2.5,
}


def _lemma(tok: Token) -> str:
    return tok.lemma_.lower()


def _is_verb(tok: Token) -> bool:
    return tok.pos_ == "VERB" or (tok.tag_.startswith("VB") and tok.pos_ != "AUX")


def _object(verb: Token) -> Token | None:
    for child in verb.children:
        if child.dep_ in ("dobj", "attr", "oprd"):
            return child
    for child in verb.children:
        if child.dep_ == "nsubjpass":
            return child
    return None


def _object_lemmas(obj: Token) -> list[str]:
    """The object's head lemma, its compound ('martial law' -> law) and coordinated heads."""
    out = [_lemma(obj)]
    out += [_lemma(c) for c in obj.children if c.dep_ == "conj"]
    out += [_lemma(c) for c in obj.children if c.dep_ == "prep" for c in c.children]
    return out


def _verb_candidate(tok: Token, lex: Lexicon) -> _Candidate | None:
    """Verb + object first ('lift the curfew'), then aid deliveries, phrasal verbs, and the verb
    alone; a light verb with an event-noun object leaves the event to the noun."""
    lemma = _lemma(tok)
    obj = _object(tok)
    if obj is not None:
        table = lex.verb_object.get(lemma, {})
        for obj_lemma in _object_lemmas(obj):
            if obj_lemma in table:
                kind, mode = table[obj_lemma]
                return _Candidate(kind, mode, tok, [tok, obj], tok, confidence=0.75)
        if lemma in lex.words["delivery_verbs"] and _is_aid(obj, lex):
            kind = "AGREE" if lemma in lex.words["intent_to_agree"] else "AID"
            return _Candidate(kind, None, tok, [tok, obj], tok)
        if lemma in lex.words["stop_verbs"] and _is_aid(obj, lex):
            return _Candidate("SANCTION", "discontinue", tok, [tok, obj], tok)
        hit = lex.phrasal.get(f"{lemma} {_lemma(obj)}")
        if hit:
            return _Candidate(hit[0], hit[1], tok, [tok, obj], tok)
    for part in (c for c in tok.children if c.dep_ in ("prt", "prep")):
        hit = lex.phrasal.get(f"{lemma} {part.lower_}")
        if hit:
            return _Candidate(hit[0], hit[1], tok, [tok, part], tok)
    if obj is not None and lemma in lex.words["light"] and _lemma(obj) in lex.nouns:
        return None
    if lemma in lex.words["transitive_only"] and obj is None:
        return None
    hit = lex.verbs.get(lemma)
    if hit:
        return _Candidate(hit[0], hit[1], tok, [tok], tok)
    return None


def _is_aid(obj: Token, lex: Lexicon) -> bool:
    words = {_lemma(t) for t in obj.subtree if t.i - obj.i < 8}
    return bool(words & lex.words["aid_nouns"])


def _governing_verb(noun: Token) -> Token | None:
    """The verb a noun hangs from: directly, through a preposition, or through a coordination."""
    head = noun.head
    for _ in range(3):
        if head is noun or head.dep_ == "ROOT" and not _is_verb(head):
            return head if _is_verb(head) else None
        if _is_verb(head):
            return head
        head = head.head
    return None


def _noun_candidate(tok: Token, lex: Lexicon) -> _Candidate | None:
    """An event noun counts when a light, reporting or non-event verb governs it ('held talks',
    'announced a suspension', 'went on strike'), when it heads a generic container ('a
    mediation effort'), or when it heads the sentence; not under 'after', 'during' and the like."""
    if tok.pos_ not in ("NOUN", "PROPN"):
        return None
    lemma = _lemma(tok)
    hit = lex.nouns.get(lemma)
    if not hit:
        return None
    anchor = tok
    if tok.dep_ == "compound" and _lemma(tok.head) in lex.words["container_nouns"]:
        anchor = tok.head
    if anchor.dep_ not in _NOUN_DEPS:
        return None
    if anchor.dep_ == "pobj" and (
        anchor.head.lower_ not in lex.words["pobj_licensing_preps"]
        or not _is_verb(anchor.head.head)
    ):
        return None
    kind, mode = hit
    mods = {_lemma(c) for c in tok.children}
    if lemma == "strike" and "hunger" in mods:
        mode = "strike-hun"
    if mods & lex.words["suicide_words"]:
        mode = "suicide-attack"
    if any(c.dep_ == "det" and c.lower_ == "no" for c in anchor.children):
        return None
    verb = _governing_verb(anchor)
    if verb is not None and verb is not anchor:
        vl = _lemma(verb)
        event_verb = vl in lex.verbs or vl in lex.verb_object
        if event_verb and vl not in lex.words["light"] and vl not in lex.words["pure_reporting"]:
            return None
        tokens = [verb, tok] if vl in lex.words["light"] else [tok]
        return _Candidate(kind, mode, anchor, tokens, verb, confidence=0.6)
    return _Candidate(kind, mode, anchor, [tok], anchor, confidence=0.5)


def _path_cost(tok: Token, lex: Lexicon) -> float:
    cost = 0.0
    node = tok
    for _ in range(30):
        if node.dep_ == "ROOT" or node.head.i == node.i:
            break
        head = _lemma(node.head)
        dep = node.dep_
        edge = _EDGE_COST.get(dep, 1.5)
        if dep in ("ccomp", "xcomp") and (
            head in lex.words["pure_reporting"] or head in lex.words["transparent"]
        ):
            edge = 0.0
        elif dep in ("ccomp", "xcomp"):
            edge = 0.3
        cost += edge
        node = node.head
    return cost


def _negated(tok: Token, lex: Lexicon) -> bool:
    """True when the predicate, or a verb it is the complement of, is negated or 'failed to'."""
    node = tok
    for _ in range(6):
        if any(c.dep_ == "neg" for c in node.children):
            return True
        if node.i != tok.i and _lemma(node) in ("fail", "refrain"):
            return True
        if node.dep_ not in ("xcomp", "dobj", "ccomp", "pobj", "prep") or node.head.i == node.i:
            return False
        if node.dep_ == "ccomp" and node.i != tok.i:
            return False
        node = node.head
    return False


def _transparent_ancestors(tok: Token, lex: Lexicon) -> list[str]:
    out = []
    node = tok
    while node.dep_ in ("xcomp", "ccomp", "dobj") and node.head.i != node.i:
        node = node.head
        out.append(_lemma(node))
    return out


def _candidates(sent: SpacySpan, lex: Lexicon) -> list[_Candidate]:
    out: list[_Candidate] = []
    for tok in sent:
        cand = None
        if _is_verb(tok):
            cand = _verb_candidate(tok, lex)
        elif tok.pos_ in ("NOUN", "PROPN"):
            cand = _noun_candidate(tok, lex)
        if cand is None:
            continue
        if _negated(cand.verb if cand.verb.i != cand.head.i else cand.head, lex):
            if cand.type == "AGREE" or _lemma(cand.verb) in lex.words["negated_to_reject"]:
                cand.type, cand.mode, cand.confidence = "REJECT", None, 0.5
                cand.rule = "negated"
            else:
                continue
        cand.cost = _path_cost(cand.head, lex) + (0.25 if cand.head.i != cand.verb.i else 0.0)
        _refine(cand, sent, lex)
        out.append(cand)
    deontic = _deontic_demand(sent, lex)
    if deontic is not None:
        out.append(deontic)
    return out


def _deontic_demand(sent: SpacySpan, lex: Lexicon) -> _Candidate | None:
    """'X said that Y must ...' -> DEMAND by X on Y (the speaker states an obligation)."""
    for tok in sent:
        if _lemma(tok) not in lex.words["pure_reporting"] or not _is_verb(tok):
            continue
        for comp in tok.children:
            if comp.dep_ != "ccomp":
                continue
            aux = {_lemma(c) for c in comp.children if c.dep_ == "aux"}
            subj = [c for c in comp.children if c.dep_ in ("nsubj", "nsubjpass")]
            if aux & lex.words["deontic"] and subj and subj[0].lower_ not in ("we", "i"):
                return _Candidate(
                    "DEMAND",
                    None,
                    tok,
                    [tok],
                    tok,
                    cost=_path_cost(tok, lex),
                    confidence=0.55,
                    rule="deontic",
                )
    return None


def _sentence_lemmas(sent: SpacySpan) -> set[str]:
    return {_lemma(t) for t in sent}


_GENERIC_HARM = {"attack", "bomb", "kill", "wound", "injure", "shoot"}


def _refine(cand: _Candidate, sent: SpacySpan, lex: Lexicon) -> None:
    """Context rules: who protests or blocks, what kind of attack, intent and threats, modes."""
    lemmas = _sentence_lemmas(sent)
    subject_words = {_lemma(t) for s in _subject_heads(cand.verb) for t in s.subtree}
    head = _lemma(cand.head)
    crowd = bool(subject_words & lex.words["crowd_words"])
    on_strike = any(c.dep_ == "prep" and c.lower_ == "on" for c in cand.head.children)
    if head == "strike" and cand.type == "FIGHT" and (crowd or on_strike):
        cand.type, cand.mode = "PROTEST", "strike-gen"
    speaker = bool(subject_words & lex.words["speaker_words"])
    verbal = cand.type == "PROTEST" and head == "protest" and _is_verb(cand.head) and not crowd
    if verbal and (speaker or _actor_country(cand.verb)):
        cand.type, cand.mode = "DISAPPROVE", None
    non_state = bool(subject_words) and not subject_words & lex.words["state_words"]
    blocking = cand.type == "COERCE" and head in ("block", "blockade", "obstruct")
    if blocking and non_state:
        cand.type, cand.mode = "PROTEST", "obstruct"
    military = bool(
        subject_words & lex.words["military_words"] or lemmas & lex.words["heavy_words"]
    )
    if cand.type == "ASSAULT" and head in _GENERIC_HARM and military:
        cand.type, cand.mode = "FIGHT", None
    _intent(cand, lex)
    if cand.type == "PROTEST" and cand.mode in ("demo", None):
        cand.mode = _first_mode(lemmas, lex, _PROTEST_MODES) or cand.mode
    if cand.type in ("ASSAULT", "FIGHT") and cand.mode in (None, "firearms", "heavy-weapons"):
        cand.mode = _first_mode(lemmas, lex, _WEAPON_MODES) or cand.mode
    if cand.type == "CONSULT" and cand.mode is None:
        cand.mode = _consult_mode({_lemma(t) for t in cand.tokens}, lex)


def _intent(cand: _Candidate, lex: Lexicon) -> None:
    """Future and intended acts (CAMEO 03 and 13): a cooperative act that 'will' happen or that
    the actor is 'ready to' do is AGREE; a hostile one is a THREAT, as is one under 'unless';
    'prepared to attack' is MOBILIZE."""
    verb = cand.verb
    aux = {c.lower_ for c in verb.children if c.dep_ == "aux"}
    ancestors = set(_transparent_ancestors(verb, lex))
    ancestors |= {_lemma(t) for t in verb.ancestors if t.dep_ in ("acomp", "ROOT", "ccomp")}
    ancestors |= (
        {_lemma(c) for a in verb.ancestors for c in a.children if c.dep_ == "acomp"}
        if verb.dep_ == "xcomp"
        else set()
    )
    future = bool(aux & lex.words["future_aux"])
    possible = bool(aux & lex.words["possible_aux"])
    intended = bool(ancestors & lex.words["intent_words"])
    conditional = _conditional(verb, lex)
    if cand.type in lex.words["threat_types"]:
        if {"vow", "swear"} & ancestors:
            cand.type, cand.mode, cand.rule = "THREATEN", _threat_mode(cand), "vow"
        elif "prepare" in ancestors and cand.type in ("FIGHT", "ASSAULT"):
            cand.type, cand.mode, cand.rule = "MOBILIZE", "weapons", "prepare"
        elif future or possible or intended or conditional:
            cand.type, cand.mode = "THREATEN", _threat_mode(cand)
            cand.rule = _modal_rule(conditional, intended, future)
    elif cand.type in lex.words["cooperative_types"]:
        if conditional:
            cand.type, cand.mode, cand.rule = "THREATEN", _threat_mode(cand), "conditional"
        elif future or intended:
            cand.type, cand.mode = "AGREE", None
            cand.rule = _modal_rule(False, intended, future)


def _modal_rule(conditional: bool, intended: bool, future: bool) -> str:
    if conditional:
        return "conditional"
    if intended:
        return "intent"
    return "future" if future else "possible"


def _actor_country(verb: Token) -> bool:
    """True when the verb's subject is a state or official actor with a country."""
    for head in _subject_heads(verb):
        actor = _actor(head.doc, head, None)
        if actor is not None and actor.country and actor.kind in ("government", None):
            return True
    return False


def _conditional(verb: Token, lex: Lexicon) -> bool:
    """'will withdraw ... unless' / 'may halt ... if': a future act on a condition."""
    aux = {c.lower_ for c in verb.children if c.dep_ == "aux"}
    if not aux & (lex.words["future_aux"] | lex.words["possible_aux"]):
        return False
    marks = {c.lower_ for c in verb.subtree if c.dep_ in ("mark", "advmod")}
    return bool(marks & lex.words["conditional"])


def _threat_mode(cand: _Candidate) -> str:
    if cand.type in ("FIGHT", "ASSAULT"):
        return "violence"
    if cand.type in ("SANCTION", "RETREAT", "PROTEST"):
        return "relations"
    return "restrict"


# Word list -> mode, first match wins (a hunger strike that blocks a road is a hunger strike).
_PROTEST_MODES = (
    ("hunger_words", "strike-hun"),
    ("obstruct_words", "obstruct"),
    ("riot_words", "riot"),
    ("general_strike_words", "strike-gen"),
)
_WEAPON_MODES = (
    ("suicide_words", "suicide-attack"),
    ("explosive_words", "explosives"),
    ("primitive_words", "primitive"),
    ("heavy_words", "heavy-weapons"),
    ("firearm_words", "firearms"),
)


def _first_mode(lemmas: set[str], lex: Lexicon, table: tuple[tuple[str, str], ...]) -> str | None:
    return next((mode for words, mode in table if lemmas & lex.words[words]), None)


def _consult_mode(lemmas: set[str], lex: Lexicon) -> str | None:
    for mode, group in (("phone", "phone_words"), ("visit", "visit_words"), ("host", "host_words")):
        if lemmas & lex.words[group]:
            return mode
    return None


# ---- actors -------------------------------------------------------------------------------

_PHRASE_CUT = {"relcl", "acl", "advcl", "punct", "cc", "conj", "appos", "prep", "det"}


def _phrase(head: Token) -> tuple[int, int]:
    """Token bounds of a noun phrase: the head with its left modifiers and a short 'of'/'in'
    tail, without relative clauses, appositions or coordinated heads."""
    left = head
    for child in head.lefts:
        if child.dep_ not in ("punct", "cc", "det", "predet"):
            left = min(left, child.left_edge, key=lambda t: t.i)
            break
    right = head
    for child in head.rights:
        if child.dep_ in _PHRASE_CUT and not (
            child.dep_ == "prep" and child.lower_ in ("of", "in", "from", "throughout")
        ):
            break
        right = child.right_edge
    if right.i - head.i > 6:
        right = head
    return left.i, right.i + 1


def _demonym_country(word: str) -> str | None:
    """'Moroccan' -> MAR, 'Albanian' -> ALB: strip demonym endings and look the name up."""
    stems = []
    for suffix, repl in (
        ("ian", "ia"),
        ("an", "a"),
        ("an", "o"),
        ("an", ""),
        ("i", ""),
        ("ese", ""),
    ):
        if word.endswith(suffix) and len(word) > len(suffix) + 3:
            stems.append(word[: -len(suffix)] + repl)
    for stem in stems:
        found = country_of(stem)
        if found:
            return found
    return None


_NOT_ACTOR = {"DATE", "TIME", "CARDINAL", "MONEY", "QUANTITY", "PERCENT", "ORDINAL"}


def _actor(doc: Doc, head: Token, when: str | None) -> Actor | None:
    if (
        head.pos_ == "PRON"
        or head.lower_ in ("who", "which", "that")
        or head.ent_type_ in _NOT_ACTOR
    ):
        return None
    start, end = _phrase(head)
    text = doc[start:end].text
    actor = resolve_actor(text, when=when)
    if actor is not None and actor.country:
        return actor
    for tok in doc[start:end]:
        if tok.is_title or tok.is_upper:
            found = (
                country_of(tok.text)
                or country_of(tok.text.replace(".", ""))  # U.S. -> US
                or _demonym_country(tok.text)
            )
            if found:
                return Actor(
                    text, found, actor.kind if actor else None, actor.role if actor else None
                )
    if actor is not None:
        return actor
    if head.pos_ == "PROPN" or head.ent_type_ in ("ORG", "NORP", "GPE", "PERSON"):
        return Actor(text)
    return None


def _coordinated(head: Token) -> list[Token]:
    """The head and the heads coordinated with it ('Jordan and Britain')."""
    out = [head]
    for tok in head.conjuncts:
        if tok.pos_ in ("NOUN", "PROPN", "ADJ"):
            out.append(tok)
    return out


def _actors(doc: Doc, heads: list[Token], when: str | None) -> tuple[Actor, ...]:
    out: list[Actor] = []
    seen: set[tuple[str | None, str]] = set()
    for head in heads:
        group = _coordinated(head)
        # coordinated modifiers: 'Chilean and Peruvian envoys'
        for mod in head.children:
            if mod.dep_ in ("amod", "compound") and mod.conjuncts:
                group += [mod, *mod.conjuncts]
        for tok in sorted(set(group), key=lambda t: t.i):
            actor = _actor(doc, tok, when)
            if actor is None:
                continue
            key = (actor.country, actor.name)
            if key not in seen:
                seen.add(key)
                out.append(actor)
    return tuple(out)


def _subject_heads(verb: Token) -> list[Token]:
    """The logical subject of a verb, climbing through control verbs, coordination, relative
    clauses and pronouns under a reporting verb."""
    node = verb
    for _ in range(6):
        if _is_passive(node):
            agents = [p for c in node.children if c.dep_ == "agent" for p in c.children]
            return agents
        subj = [c for c in node.children if c.dep_ in ("nsubj", "csubj", "expl")]
        if subj and subj[0].pos_ != "PRON":
            return subj
        if node.dep_ == "relcl" and (not subj or subj[0].lower_ in ("who", "which", "that")):
            return [node.head]
        if node.dep_ in ("xcomp", "conj", "ccomp", "advcl", "acomp") and node.head.i != node.i:
            node = node.head
            continue
        return subj
    return []


def _is_passive(verb: Token) -> bool:
    return any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children)


_TARGET_PREPS = ("with", "against", "on", "to", "at", "from", "into", "toward", "towards", "for")
_PLACE_PREPS = ("in", "inside", "over", "across")


def _noun_actor_heads(noun: Token) -> list[Token]:
    """Actors inside an event-noun object: 'a U.S. request', 'North Korea's demand',
    'an Indian proposal', 'the withdrawal of Russian troops'."""
    out = [c for c in noun.children if c.dep_ == "poss"]
    out += [c for c in noun.children if c.dep_ in ("amod", "compound", "nmod") and c.is_title]
    out += [p for c in noun.children if c.dep_ == "prep" for p in c.children if p.dep_ == "pobj"]
    return out


def _target_heads(cand: _Candidate, lex: Lexicon) -> list[Token]:
    verb = cand.verb
    heads: list[Token] = []
    if _is_passive(verb):
        heads += [c for c in verb.children if c.dep_ == "nsubjpass"]
    if cand.type == "DEMAND" and _lemma(verb) in lex.words["pure_reporting"]:
        for comp in verb.children:
            if comp.dep_ == "ccomp":
                heads += [c for c in comp.children if c.dep_ in ("nsubj", "nsubjpass")]
    heads += [c for c in verb.children if c.dep_ in ("dative", "dobj", "attr")]
    if cand.head.i != verb.i:
        heads += _noun_actor_heads(cand.head)
    for prep in (c for c in verb.children if c.dep_ == "prep"):
        if prep.lower_ in _TARGET_PREPS:
            heads += [p for p in prep.children if p.dep_ == "pobj"]
    for comp in verb.children:
        if comp.dep_ in ("xcomp", "ccomp") and comp.pos_ in ("VERB", "AUX"):
            heads += [c for c in comp.children if c.dep_ in ("dobj", "nsubj", "dative")]
            for prep in (c for c in comp.children if c.dep_ == "prep"):
                if prep.lower_ in _TARGET_PREPS:
                    heads += [p for p in prep.children if p.dep_ == "pobj"]
    # the place an act happens in is its target when nothing else is ('lifted the curfew in X')
    for node in (verb, cand.head):
        for prep in (c for c in node.children if c.dep_ == "prep" and c.lower_ in _PLACE_PREPS):
            heads += [p for p in prep.children if p.dep_ == "pobj"]
    # an event-noun object (a request, the changes) names its actor inside
    expanded: list[Token] = []
    for h in heads:
        expanded.append(h)
        if _lemma(h) in lex.nouns or h.pos_ == "NOUN":
            expanded += _noun_actor_heads(h)
    return expanded


def _pick_targets(
    doc: Doc, heads: list[Token], exclude: set[int], when: str | None
) -> tuple[Actor, ...]:
    """The first target phrase with a country; else a country named inside a target phrase
    ('refugees fleeing the war in Liberia'); else the first named target."""
    heads = [h for h in heads if h.i not in exclude]
    first: tuple[Actor, ...] = ()
    for head in heads:
        actors = _actors(doc, [head], when)
        if any(a.country for a in actors):
            return actors
        if actors and not first:
            first = actors
    for head in heads:
        for tok in head.subtree:
            if tok.ent_type_ in ("GPE", "NORP") and tok.i not in exclude:
                actor = _actor(doc, tok, when)
                if actor is not None and actor.country:
                    return (actor,)
    return first


def _sentences(obj: Doc | SpacySpan) -> list[SpacySpan]:
    if isinstance(obj, Doc):
        return list(obj.sents)
    return [obj]


def code_sentence(sent: SpacySpan | Doc, *, when: str | None = None) -> PloverCode | None:
    """The main PLOVER event of one sentence (of a Doc: of its first sentence that has one).

    ``when`` (ISO date) is passed to the actor resolver to pick leaders' roles at that time.
    """
    if isinstance(sent, Doc):
        for part in sent.sents:
            code = code_sentence(part, when=when)
            if code is not None:
                return code
        return None
    lex = lexicon()
    cands = _candidates(sent, lex)
    if not cands:
        return None
    best = min(cands, key=lambda c: (c.cost, c.head.i))
    doc = sent.doc
    source_heads = _subject_heads(best.verb)
    if best.head.i != best.verb.i and not source_heads:
        source_heads = [c for c in best.head.children if c.dep_ == "poss"]
    sources = _actors(doc, source_heads, when)
    exclude = {t.i for h in source_heads for t in h.subtree}
    targets = _pick_targets(doc, _target_heads(best, lex), exclude, when)
    first = min(t.idx for t in best.tokens)
    last = max(t.idx + len(t.text) for t in best.tokens)
    confidence = max(0.2, round(best.confidence - 0.1 * best.cost, 3))
    base = getattr(sent, "start_char", 0)  # slicing doc.text would rebuild the whole text
    trigger = Span(first, last, sent.text[first - base : last - base])
    heads = tuple(_lemma(h) for h in source_heads)
    return PloverCode(best.type, best.mode, sources, targets, trigger, confidence, best.rule, heads)


def code_document(doc: Doc, *, when: str | None = None) -> list[tuple[SpacySpan, PloverCode]]:
    """Every sentence of a parsed document that codes to an event, with its code."""
    out = []
    for sent in doc.sents:
        code = code_sentence(sent, when=when)
        if code is not None:
            out.append((sent, code))
    return out


def code_text(text: str, *, when: str | None = None) -> PloverCode | None:
    """Parse ``text`` and code its first sentence (convenience for scripts and tests)."""
    from ceasewatch.extract.nlp import load_nlp

    return code_sentence(load_nlp()(text), when=when)


def plover_events(
    doc: Doc,
    document: Document,
    *,
    skip_types: frozenset[str] = frozenset(),
    min_confidence: float = 0.3,
) -> list[Event]:
    """One ``Event`` per coded sentence (types in ``skip_types`` left to other extractors).

    Evidence is the sentence span; the actor is the first source, the target the first target.
    """
    out: list[Event] = []
    for sent, code in code_document(doc, when=document.published):
        if code.type in skip_types or code.confidence < min_confidence:
            continue
        target = code.target[0] if code.target else None
        out.append(
            Event(
                id=content_id(document.id, "plover", str(code.trigger.start), code.type),
                type=code.type,
                mode=code.mode,
                actor=code.source[0] if code.source else None,
                target=Target(target.name, target.country) if target else None,
                evidence=(Span(sent.start_char, sent.end_char, sent.text),),
                confidence=code.confidence,
            )
        )
    return out
