"""Commitments: ceasefires, truces, strike halts, withdrawals, prisoner exchanges, aid pledges.

Method, per sentence:

1. Find trigger words (``ceasefire``, ``truce``, ``halt``/``suspend`` + an attack noun, ``prisoner
   exchange``, ``humanitarian corridor``, ``pledge`` + aid...) and read the commitment's terms from
   the trigger's own phrase: scope categories (energy, infrastructure, health...), domains (air,
   sea, land), places, duration ("30-day"), qualifiers (limited / full).
2. Climb the dependency tree from the trigger to the verbs and nouns that govern it and read one
   :class:`Declaration` per party: ``Putin rejected Trump's request for a ceasefire`` gives
   USA=proposed (the possessor of *request*) and RUS=rejected (the subject of *rejected*).
   Climbing stops at reporting verbs (said, claimed) and at clause coordination.
3. Conditions come from "tied X to Y", "conditional on Y", "in exchange for Y"... in the sentence.
4. Mentions of the same commitment in one document merge (same kind family, compatible scope and
   duration). Mentions that carry no declaration, scope, duration or condition are dropped: a bare
   "a ceasefire would not be enough" is talk, not a commitment.

Actor resolution uses :func:`ceasewatch.resolve.actors.resolve_actor` and falls back to a small
private demonym / capital / leader map (``_FALLBACK_COUNTRY``) while the resolver is a stub.
"""

from __future__ import annotations

import datetime as dt
import logging
import math
import re
from collections import Counter
from dataclasses import dataclass, field

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from ceasewatch.model import (
    Actor,
    Commitment,
    Condition,
    DateRange,
    Declaration,
    Document,
    Scope,
    Span,
    content_id,
)
from ceasewatch.resolve import actors as actor_resolver
from ceasewatch.resolve import dates as date_resolver
from ceasewatch.resolve.actors import party_of
from ceasewatch.resolve.places import is_country_name, is_place_name

log = logging.getLogger(__name__)

# --- lexicons -------------------------------------------------------------------------------

CEASEFIRE_NOUNS = {"ceasefire": "ceasefire", "cease-fire": "ceasefire", "armistice": "ceasefire"}
TRUCE_NOUNS = {"truce": "truce"}
MORATORIUM_NOUNS = {"moratorium": "moratorium"}
HALT_WORDS = {
    "halt",
    "suspend",
    "suspension",
    "stop",
    "cease",
    "cessation",
    "pause",
    "end",
    "freeze",
}
ATTACK_NOUNS = {
    "attack", "strike", "assault", "bombing", "bombardment", "shelling", "raid", "offensive",
    "hostility", "fighting", "fire", "operation", "airstrike", "hit",
}  # fmt: skip
FIGHTING_NOUNS = {"hostility", "fighting", "fire"}
WITHDRAW_WORDS = {"withdraw", "withdrawal", "pullback", "pullout"}
TROOP_NOUNS = {"troop", "force", "soldier", "unit", "army", "forces", "personnel"}
PRISONER_NOUNS = {"prisoner", "pow", "pows", "captive", "detainee", "hostage"}
EXCHANGE_WORDS = {"exchange", "swap", "release", "trade"}
AID_NOUNS = {"aid", "assistance", "package", "support", "funding", "loan"}
AID_PLEDGE_VERBS = {"pledge", "promise", "commit", "announce", "approve", "offer", "provide"}
CORRIDOR_NOUNS = {"corridor"}

# governing verb lemma -> status of the subject's declaration
STATUS_VERBS = {
    "propose": "proposed", "suggest": "proposed", "offer": "proposed", "push": "proposed",
    "seek": "proposed", "request": "proposed", "float": "proposed", "pitch": "proposed",
    "unveil": "proposed", "table": "proposed", "submit": "proposed",
    "demand": "demanded", "insist": "demanded", "urge": "demanded", "call": "demanded",
    "press": "demanded", "require": "demanded",
    "accept": "accepted", "endorse": "accepted", "back": "accepted", "support": "accepted",
    "embrace": "accepted", "approve": "accepted",
    "reject": "rejected", "refuse": "rejected", "dismiss": "rejected", "decline": "rejected",
    "rebuff": "rejected", "spurn": "rejected", "oppose": "rejected", "veto": "rejected",
    "agree": "agreed", "reach": "agreed", "sign": "agreed", "seal": "agreed", "pledge": "agreed",
    "commit": "agreed", "promise": "agreed", "vow": "agreed", "conclude": "agreed",
    "broker": "agreed", "negotiate": "agreed", "announce": "agreed",
    "order": "ordered", "instruct": "ordered", "direct": "ordered", "command": "ordered",
    "declare": "ordered", "impose": "ordered",
    "observe": "in_force", "respect": "in_force", "implement": "in_force",
    "suspend": "suspended", "abandon": "suspended",
    "violate": "violated_alleged", "breach": "violated_alleged", "break": "violated_alleged",
    "defy": "violated_alleged", "flout": "violated_alleged",
}  # fmt: skip
PHRASAL_STATUS = {
    ("turn", "down"): "rejected", ("put", "forward"): "proposed", ("sign", "up"): "agreed",
    ("back", "away"): "rejected", ("call", "off"): "suspended", ("roll", "out"): "ordered",
}  # fmt: skip
# the trigger is the subject of these verbs
SUBJECT_STATUS_VERBS = {
    "take": "in_force", "begin": "in_force", "start": "in_force", "hold": "in_force",
    "come": "in_force", "enter": "in_force",
    "expire": "expired", "end": "expired", "lapse": "expired", "collapse": "expired",
}  # fmt: skip
# governing noun lemma -> status of its possessor's declaration
STATUS_NOUNS = {
    "proposal": "proposed", "plan": "proposed", "offer": "proposed", "request": "proposed",
    "initiative": "proposed", "idea": "proposed", "bid": "proposed",
    "demand": "demanded", "call": "demanded",
    "agreement": "agreed", "deal": "agreed", "pledge": "agreed", "commitment": "agreed",
    "promise": "agreed", "accord": "agreed",
    "order": "ordered", "decision": "ordered", "decree": "ordered",
    "rejection": "rejected", "refusal": "rejected",
    "acceptance": "accepted",
    "violation": "violated_alleged", "breach": "violated_alleged",
    "defiance": "violated_alleged",
}  # fmt: skip
PROPOSAL_NOUNS = {"proposal", "plan", "offer", "request", "initiative", "idea", "bid"}
REPORTING_VERBS = {
    "say", "claim", "tell", "state", "report", "write", "add", "insist_that", "note", "confirm",
    "accuse", "allege", "deny", "believe", "think", "argue", "warn", "post",
}  # fmt: skip
CONDITION_VERBS = {"tie", "link", "condition", "make", "predicate", "subject"}
SWAP_MARKER = r"\bin (?:exchange|return) for\b"
CONDITION_MARKERS = (
    r"\bon (?:the )?condition (?:that|of)\b",
    r"\bprovided (?:that)?\b",
    SWAP_MARKER,
    r"\b(?:conditional|contingent|dependent) (?:up)?on\b",
    r"\bas long as\b",
    r"\bonly if\b",
    r"\bunless\b",
)

CATEGORY_WORDS = {
    "energy": "energy", "power": "energy", "electricity": "energy", "grid": "energy",
    "oil": "energy", "gas": "energy", "refinery": "energy", "fuel": "energy",
    "nuclear": "energy", "substation": "energy",
    "infrastructure": "infrastructure",
    "hospital": "health", "clinic": "health", "medical": "health", "health": "health",
    "residential": "residential", "home": "residential", "housing": "residential",
    "civilian": "civilian", "port": "transport", "railway": "transport", "rail": "transport",
    "bridge": "transport", "transport": "transport", "water": "water", "school": "education",
}  # fmt: skip
# category words that are heads other category words modify ("energy infrastructure" = energy)
CATEGORY_HEADS = {"infrastructure", "facility", "target", "site", "installation", "plant"}
DOMAIN_WORDS = {
    "air": "air", "aerial": "air", "sky": "air", "skies": "air", "airspace": "air",
    "sea": "sea", "maritime": "sea", "naval": "sea", "marine": "sea",
    "land": "land", "ground": "land",
}  # fmt: skip
FULL_WORDS = {
    "full", "complete", "comprehensive", "total", "general", "broad", "broader", "wide",
    "wider", "nationwide", "unconditional", "permanent", "lasting", "overall", "blanket",
}  # fmt: skip
LIMITED_WORDS = {"limited", "partial", "narrow", "temporary", "local", "localized"}

NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "twelve": 12, "fourteen": 14, "fifteen": 15, "twenty": 20,
    "thirty": 30, "forty-five": 45, "sixty": 60, "ninety": 90, "hundred": 100,
}  # fmt: skip
UNIT_DAYS = {"hour": 1 / 24, "day": 1, "week": 7, "month": 30, "year": 365}
DURATION_RE = re.compile(
    r"\b(\d{1,3}|" + "|".join(NUMBER_WORDS) + r")[\s-]+(hour|day|week|month|year)s?\b", re.I
)

# Private fallback until resolve.actors lands: demonyms, capitals, seats of power, leaders.
_FALLBACK_COUNTRY = {
    "russia": "RUS", "russian": "RUS", "russians": "RUS", "moscow": "RUS", "kremlin": "RUS",
    "putin": "RUS", "lavrov": "RUS", "peskov": "RUS", "shoigu": "RUS", "dmitriev": "RUS",
    "ukraine": "UKR", "ukrainian": "UKR", "ukrainians": "UKR", "kyiv": "UKR", "kiev": "UKR",
    "zelensky": "UKR", "zelenskyy": "UKR", "zelenskiy": "UKR", "sybiha": "UKR", "yermak": "UKR",
    "us": "USA", "u.s.": "USA", "usa": "USA", "america": "USA", "american": "USA",
    "americans": "USA", "washington": "USA", "trump": "USA", "biden": "USA", "witkoff": "USA",
    "rubio": "USA", "blinken": "USA", "vance": "USA", "united states": "USA",
    "white house": "USA", "pentagon": "USA",
    "israel": "ISR", "israeli": "ISR", "netanyahu": "ISR", "hamas": "PSE", "gaza": "PSE",
    "palestinian": "PSE", "lebanon": "LBN", "lebanese": "LBN", "hezbollah": "LBN",
    "armenia": "ARM", "armenian": "ARM", "yerevan": "ARM", "pashinyan": "ARM",
    "azerbaijan": "AZE", "azerbaijani": "AZE", "baku": "AZE", "aliyev": "AZE",
    "turkey": "TUR", "turkish": "TUR", "ankara": "TUR", "erdogan": "TUR",
    "qatar": "QAT", "qatari": "QAT", "doha": "QAT", "egypt": "EGY", "egyptian": "EGY",
    "cairo": "EGY", "saudi": "SAU", "riyadh": "SAU", "jeddah": "SAU",
    "syria": "SYR", "syrian": "SYR", "damascus": "SYR", "iran": "IRN", "iranian": "IRN",
    "tehran": "IRN", "france": "FRA", "french": "FRA", "paris": "FRA", "macron": "FRA",
    "britain": "GBR", "british": "GBR", "london": "GBR", "uk": "GBR", "germany": "DEU",
    "german": "DEU", "berlin": "DEU", "china": "CHN", "chinese": "CHN", "beijing": "CHN",
    "india": "IND", "indian": "IND", "pakistan": "PAK", "pakistani": "PAK",
    "sudan": "SDN", "sudanese": "SDN", "ethiopia": "ETH", "ethiopian": "ETH",
    "yemen": "YEM", "yemeni": "YEM", "houthi": "YEM", "houthis": "YEM",
    "finland": "FIN", "poland": "POL", "polish": "POL",
}  # fmt: skip
ACTOR_ENT_LABELS = {"PERSON", "ORG", "GPE", "NORP"}
BODY_RE = re.compile(
    r"\b(?:united nations|U\.?N\.?|security council|general assembly|OSCE|African Union|"
    r"Arab League|ECOWAS|IGAD|ASEAN)\b",
    re.I,
)
BINDING_RE = re.compile(r"\b(?:security council|resolution)\b", re.I)
"""A demand by the UN security council or in a resolution binds the parties it is made of."""
IMPOSING_STATUSES = {"ordered", "agreed", "in_force"}
PARTIES_TO_CONFLICT = Actor("parties to the conflict", None, "belligerents")
"""Who a commitment imposed by an international body binds when the text names nobody."""


def is_body(actor: Actor) -> bool:
    """An international body with no country of its own (the UN, its security council, OSCE)."""
    if actor.country:
        return False
    return actor.kind == "organisation" or BODY_RE.search(actor.name) is not None


def binds_parties(d: Declaration) -> bool:
    """Does a body's declaration impose the commitment on the belligerents?

    An order, a brokered agreement or a truce it put in force does; so does a demand of the
    security council or of a resolution ("the resolution demanded a 30-day ceasefire"), not
    a plain call ("the UN chief called for a truce").
    """
    if not is_body(d.actor):
        return False
    if d.status in IMPOSING_STATUSES:
        return True
    if d.status != "demanded":
        return False
    texts = [d.actor.name, *(e.text for e in d.evidence)]
    return any(BINDING_RE.search(t) for t in texts)


PRONOUNS = {"it", "they", "he", "she", "we", "i"}
SIDE_NOUNS = {"side", "party", "country", "government"}
TERM_CLAUSE_MARKS = {"if", "once", "unless"}
"""Marks of a clause that states a condition: a commitment word inside it is a term."""
READY_WORDS = {
    "ready": "proposed", "willing": "proposed", "prepared": "proposed", "open": "proposed",
    "committed": "agreed",
}  # fmt: skip
"""'Kyiv is ready for a ceasefire': an offer (status proposed); 'Israel remains committed to
the truce': agreed; negated ('not ready'): rejected."""
COPULAS = {"be", "remain", "stay", "seem", "appear"}
UNSPECIFIED = Actor("unspecified")
HOSTILITIES_FAMILY = {"ceasefire", "truce", "strike_halt", "moratorium", "pause"}


def kind_family(kind: str) -> str:
    """Kinds that can name the same commitment ("limited ceasefire" = "halt on energy strikes")."""
    return "hostilities" if kind in HOSTILITIES_FAMILY else kind


# --- mention records ------------------------------------------------------------------------


@dataclass
class _Mention:
    kind: str
    trigger: Token
    sent: SpacySpan
    categories: set[str] = field(default_factory=set)
    domains: set[str] = field(default_factory=set)
    places: set[str] = field(default_factory=set)
    full: bool = False
    limited: bool = False
    duration_days: int | None = None
    declarations: list[Declaration] = field(default_factory=list)
    counterparts: list[Actor] = field(default_factory=list)
    conditions: list[Condition] = field(default_factory=list)
    scope_stated: bool = False  # "the truce covers all of Gaza"

    def informative(self) -> bool:
        return bool(
            self.declarations
            or self.categories
            or self.domains
            or self.duration_days
            or self.conditions
            or (self.scope_stated and self.places)
        )


def extract_commitments(doc: Doc, document: Document, anchor: dt.date | None) -> list[Commitment]:
    """One Commitment per commitment mentioned, with each party's declaration."""
    ctx = _Context(doc, document, anchor)
    mentions: list[_Mention] = []
    for sent in doc.sents:
        sent_mentions = _sentence_mentions(sent, ctx)
        if len(sent_mentions) > 1:
            # "the halt on energy strikes would be the first ceasefire": keep the informative ones
            informative = [m for m in sent_mentions if m.informative()]
            sent_mentions = informative or sent_mentions[:1]
        mentions.extend(sent_mentions)
    clusters = _cluster(m for m in mentions if m.informative())
    commitments = [_to_commitment(c, document) for c in clusters]
    log.debug("%d commitments in %s", len(commitments), document.id)
    return commitments


class _Context:
    """Per-document state: actor mentions seen so far, anchor date."""

    def __init__(self, doc: Doc, document: Document, anchor: dt.date | None) -> None:
        self.doc = doc
        self.document = document
        self.anchor = anchor
        self.actor_mentions: list[tuple[int, Actor]] = []
        self.subject_positions: set[int] = set()
        for ent in doc.ents:
            if ent.label_ in ACTOR_ENT_LABELS:
                actor = resolve_actor_text(ent.text)
                if actor is not None and actor.country:
                    self.actor_mentions.append((ent.start, actor))
                    if any(_in_subject(t) for t in ent):
                        self.subject_positions.add(ent.start)
        for tok in doc:
            if tok.ent_type_ or tok.lower_ not in _FALLBACK_COUNTRY:
                continue
            actor = resolve_actor_text(tok.text)
            if actor is not None:
                self.actor_mentions.append((tok.i, actor))
                if _in_subject(tok):
                    self.subject_positions.add(tok.i)
        self.actor_mentions.sort(key=lambda x: x[0])

    def actors_before(
        self,
        i: int,
        limit: int = 2,
        sent_start: int | None = None,
        subjects_only: bool = False,
    ) -> list[Actor]:
        """The most recent distinct actors before token ``i`` (for pronouns)."""
        found: list[Actor] = []
        for pos, actor in reversed(self.actor_mentions):
            if pos >= i or (sent_start is not None and pos < sent_start):
                continue
            if subjects_only and pos not in self.subject_positions:
                continue
            if all(_key(a) != _key(actor) for a in found):
                found.append(actor)
            if len(found) >= limit:
                break
        return found

    def sentence_date(self, sent: SpacySpan) -> DateRange | None:
        found = date_resolver.resolve_event_date(sent.text, self.anchor)
        if found is not None:
            return found
        dates = date_resolver.find_dates(sent.text, self.anchor)
        if dates:
            return dates[0][2]
        if self.anchor is not None:
            day = self.anchor.isoformat()
            return DateRange(day, day, "unknown", None)
        return None


def _in_subject(tok: Token) -> bool:
    """Is ``tok`` inside a clause subject (for resolving "it" / "he" to the last subject)?"""
    cur = tok
    for _ in range(4):
        if cur.dep_ in ("nsubj", "nsubjpass"):
            return True
        if cur.head.i == cur.i or cur.dep_ not in ("compound", "poss", "amod", "det", "appos"):
            return False
        cur = cur.head
    return False


# --- actors ---------------------------------------------------------------------------------


def resolve_actor_text(text: str) -> Actor | None:
    """Resolver first, then the private fallback map (first known word wins)."""
    text = text.strip()
    if not text:
        return None
    actor = actor_resolver.resolve_actor(text)
    if actor is not None:
        return actor
    lowered = text.lower().removeprefix("the ").strip()
    if lowered in _FALLBACK_COUNTRY:
        return Actor(text, _FALLBACK_COUNTRY[lowered])
    for word in re.findall(r"[A-Za-z][A-Za-z.\-]*", text):
        code = _FALLBACK_COUNTRY.get(word.lower().rstrip("."))
        if code is None and word.lower() in _FALLBACK_COUNTRY:
            code = _FALLBACK_COUNTRY[word.lower()]
        if code is not None:
            return Actor(text, code)
    for phrase in ("united states", "white house"):
        if phrase in lowered:
            return Actor(text, _FALLBACK_COUNTRY[phrase])
    code = actor_resolver.country_of(text)
    return Actor(text, code) if code else None


def _possessive_name(tok: Token) -> Actor | None:
    """The organisation a possessive phrase names ("Sudan's army" -> Sudanese Armed Forces),
    when the resolver knows it by that phrase; else None (the plain phrase is read)."""
    if not any(c.dep_ == "poss" for c in tok.children):
        return None
    words = [t for t in tok.subtree if t.i <= tok.i and t.dep_ != "det"]
    phrase = "".join(t.text_with_ws for t in words).strip()
    actor = actor_resolver.resolve_actor(phrase)
    return actor if actor is not None and actor.name != phrase else None


def _np_text(tok: Token) -> str:
    """The noun phrase of ``tok`` without determiners, relative clauses or trailing commas."""
    words = [t for t in tok.subtree if t.dep_ not in ("relcl", "appos", "punct")]
    left = [t for t in tok.lefts if t.dep_ in ("compound", "amod", "poss", "nmod", "det")]
    tokens = sorted({*left, tok, *[t for t in words if t.i <= tok.i]}, key=lambda t: t.i)
    tokens = [t for t in tokens if t.dep_ != "det" and t.tag_ != "POS"]
    return " ".join(t.text for t in tokens).strip() or tok.text


def _actors_of(tok: Token, ctx: _Context) -> list[Actor]:
    """Actors named by a subject / possessor token, resolving pronouns to recent mentions."""
    reporter = _reporter(tok)
    if reporter is not None:
        actor = resolve_actor_text(_np_text(reporter))
        return [actor] if actor is not None else [Actor(_np_text(reporter))]
    ahead = _main_clause_subject(tok)
    if ahead is not None:
        return _actors_of(ahead, ctx)
    if tok.lower_ == "it":
        return _it_antecedent(tok)
    if tok.lower_ in PRONOUNS:
        limit = 2 if tok.lower_ in ("they", "we") else 1
        sent_start = tok.sent.start if tok.lower_ == "they" else None
        if limit == 1:
            found = ctx.actors_before(tok.i, limit=1, subjects_only=True)
        else:
            found = ctx.actors_before(tok.i, limit=limit, sent_start=sent_start)
        if not found:
            found = ctx.actors_before(tok.i, limit=2)
        return found
    if _both_sides(tok):
        # "both sides agreed": the two parties last named as subjects before this sentence
        # (not its speaker or a mediator: "Qatar said both sides agreed"), else not named here
        start = tok.sent.start
        previous = tok.doc[start - 1].sent if start > 0 else None
        subjects = [c for c in previous.root.children if c.dep_ == "nsubj"] if previous else []
        subject = subjects[0] if subjects else None
        if subject is None:
            return [UNSPECIFIED]
        # "Russian and Ukrainian officials met": the sides are the subject's demonyms
        modifiers: list[Actor] = []
        for t in subject.subtree:
            actor = resolve_actor_text(t.text) if t.dep_ in ("amod", "conj") else None
            if (
                actor is not None
                and actor.country
                and not is_body(actor)
                and all(_key(a) != _key(actor) for a in modifiers)
            ):
                modifiers.append(actor)
        found = modifiers if len(modifiers) >= 2 else _actors_of(subject, ctx)
        found = [a for a in found if not is_body(a)]
        return found[:2] if len(found) >= 2 else [UNSPECIFIED]
    conjuncts = [tok, *tok.conjuncts]
    actors: list[Actor] = []
    for t in conjuncts:
        actor = _possessive_name(t) or resolve_actor_text(_np_text(t))
        if actor is None:
            for sub in t.subtree:
                if sub.ent_type_ in ACTOR_ENT_LABELS or sub.lower_ in _FALLBACK_COUNTRY:
                    actor = resolve_actor_text(sub.text)
                    if actor is not None:
                        actor = Actor(_np_text(t), actor.country, actor.kind, actor.role)
                        break
        if actor is not None and all(_key(a) != _key(actor) for a in actors):
            actors.append(actor)
    return actors


def _both_sides(tok: Token) -> bool:
    """ "both sides", "the two parties", "the warring sides": the parties of the conflict."""
    if tok.lemma_.lower() not in SIDE_NOUNS or tok.tag_ != "NNS":
        return False
    words = {t.lower_ for t in tok.lefts}
    return bool(words & {"both", "two", "warring"}) or (
        tok.lemma_.lower() == "party" and "the" in words and len(words) == 1
    )


def _key(actor: Actor) -> str:
    """A party's identity (:func:`~ceasewatch.resolve.actors.party_of`: "the army and the Rapid
    Support Forces agreed" are two parties of one country)."""
    return party_of(actor).lower()


def _reporter(tok: Token) -> Token | None:
    """ "The rebel factions said they would ...": a pronoun subject of a reported clause is the
    reporting verb's own (non-pronoun) subject, named or not, never the last country named."""
    if tok.lower_ not in PRONOUNS or tok.dep_ not in ("nsubj", "nsubjpass"):
        return None
    verb = tok.head
    if verb.dep_ != "ccomp" or verb.head.lemma_.lower() not in REPORTING_VERBS:
        return None
    subj = _subject(verb.head)
    if subj is None or subj.lower_ in PRONOUNS or subj.pos_ not in ("NOUN", "PROPN"):
        return None
    return subj


def _main_clause_subject(tok: Token) -> Token | None:
    """ "Hours after it agreed to a truce, Russia shelled ...": a pronoun subject of a leading
    temporal clause is the main clause's (named) subject."""
    verb = tok.head
    if tok.lower_ not in PRONOUNS or tok.dep_ not in ("nsubj", "nsubjpass"):
        return None
    if verb.dep_ != "advcl" or verb.i > verb.head.i:
        return None
    if not any(c.dep_ == "mark" and c.lower_ in TEMPORAL_PREPS for c in verb.children):
        return None
    subj = _subject(verb.head)
    if subj is None or subj.lower_ in PRONOUNS or subj.pos_ not in ("NOUN", "PROPN"):
        return None
    return subj


def _it_antecedent(tok: Token) -> list[Actor]:
    """ "It" is the subject of the nearest clause before it, in its sentence or the one before.

    When that subject is a named actor ("the UN security council"), it is that actor, with its
    country when it has one; when it is anything else ("the resolution"), "it" stays unknown
    rather than borrowing the last country named somewhere earlier.
    """
    sent = tok.sent
    first = sent.start
    if first > 0:
        first = tok.doc[first - 1].sent.start
    for i in range(tok.i - 1, first - 1, -1):
        cand = tok.doc[i]
        if cand.dep_ not in ("nsubj", "nsubjpass") or cand.lower_ in PRONOUNS:
            continue
        if cand.ent_type_ == "PERSON":
            continue  # "it" is never a person: "the Kremlin confirmed Putin had ..., it tied"
        if cand.ent_type_ not in ("ORG", "GPE", "NORP") and not any(
            t.ent_type_ in ("ORG", "GPE", "NORP") for t in cand.lefts
        ):
            return []
        actor = resolve_actor_text(_np_text(cand))
        return [actor] if actor is not None else [Actor(_np_text(cand))]
    return []


def _subject(verb: Token) -> Token | None:
    for child in verb.children:
        if child.dep_ in ("nsubj", "csubj"):
            return child
    for child in verb.children:
        if child.dep_ == "agent":
            for pobj in child.children:
                if pobj.dep_ == "pobj":
                    return pobj
    # xcomp / conj without their own subject inherit the head verb's
    if verb.dep_ in ("xcomp", "conj", "advcl") and verb.head.i != verb.i:
        return _subject(verb.head)
    # "hours after agreeing to a truce, Russia shelled ...": the gerund's subject is the main
    # clause's
    prep = verb.head
    if (
        verb.dep_ == "pcomp"
        and verb.tag_ == "VBG"
        and prep.dep_ == "prep"
        and prep.lower_ in TEMPORAL_PREPS
        and prep.head.pos_ in ("VERB", "AUX")
        and prep.head.i != verb.i
    ):
        return _subject(prep.head)
    return None


def _possessor(noun: Token) -> Token | None:
    for child in noun.children:
        if child.dep_ == "poss" or (child.dep_ == "compound" and child.ent_type_ in ("PERSON",)):
            return child
        if child.dep_ == "amod" and child.ent_type_ == "NORP":
            return child
    for child in noun.children:
        if child.dep_ == "prep" and child.lower_ == "by":
            for pobj in child.children:
                if pobj.dep_ == "pobj":
                    return pobj
    return None


def _negated(tok: Token) -> bool:
    return any(c.dep_ == "neg" for c in tok.children)


def _phrase_parties(trigger: Token, ctx: _Context) -> list[Actor]:
    """ "the truce between Armenia and Azerbaijan": parties named inside the phrase."""
    found: list[Actor] = []
    for tok in trigger.subtree:
        if tok.lower_ in ("between", "with") and tok.head == trigger:
            for pobj in tok.children:
                if pobj.dep_ == "pobj":
                    found.extend(_actors_of(pobj, ctx))
    return found


def _with_counterparts(verb: Token, exclude: Token, ctx: _Context) -> list[Actor]:
    """Actors in "with X" / "between X and Y" phrases under ``verb`` (outside the trigger)."""
    skip = {t.i for t in exclude.subtree if t.dep_ in ("relcl", "acl")}
    found: list[Actor] = []
    for tok in verb.subtree:
        if tok.i in skip or tok.lower_ not in ("with", "between"):
            continue
        for pobj in tok.children:
            if pobj.dep_ == "pobj":
                found.extend(_actors_of(pobj, ctx))
    return found


# --- triggers and terms ---------------------------------------------------------------------


MILITARY_MODIFIERS = {"military", "combat", "offensive", "special", "ground", "air", "strike"}


def _attack_noun(tok: Token) -> bool:
    """An attack noun; "operations" only with a military modifier (not a firm's operations)."""
    lemma = tok.lemma_.lower()
    if lemma not in ATTACK_NOUNS:
        return False
    if lemma == "operation":
        return any(c.lower_ in MILITARY_MODIFIERS for c in tok.children)
    return True


def _attack_object(tok: Token) -> Token | None:
    """The attack noun a halt word governs: "halt attacks", "suspension of strikes"."""
    for child in tok.children:
        if child.dep_ in ("dobj", "nsubjpass") and _attack_noun(child):
            return child
        if child.dep_ == "prep" and child.lower_ in ("of", "on", "to", "in"):
            for pobj in child.children:
                if pobj.dep_ == "pobj" and _attack_noun(pobj):
                    return pobj
                if pobj.dep_ == "pobj":
                    # "halt on energy infrastructure strikes" parses strikes as a compound head
                    for sub in pobj.subtree:
                        if _attack_noun(sub):
                            return sub
    for child in tok.children:
        if child.dep_ == "compound" and _attack_noun(child):
            return child
    # "ordered a halt to strikes": the parser often hangs the prep on the verb
    nxt = tok.doc[tok.i + 1] if tok.i + 1 < len(tok.doc) else None
    if (
        tok.pos_ == "NOUN"
        and nxt is not None
        and nxt.dep_ == "prep"
        and nxt.lower_ in ("to", "of", "on")
    ):
        for pobj in nxt.children:
            if pobj.dep_ == "pobj" and _attack_noun(pobj):
                return pobj
    return None


def _trigger_kind(tok: Token) -> str | None:
    lemma = tok.lemma_.lower()
    lower = tok.lower_
    if tok.pos_ in ("NOUN", "PROPN", "ADJ", "VERB") and lower in CEASEFIRE_NOUNS:
        return "ceasefire"
    if lemma in CEASEFIRE_NOUNS and tok.pos_ == "NOUN":
        return "ceasefire"
    if lemma in TRUCE_NOUNS:
        return "truce"
    if lemma in MORATORIUM_NOUNS:
        return "moratorium"
    if lemma == "cease" and tok.nbor(1).lower_ == "fire" if tok.i + 1 < len(tok.doc) else False:
        return "ceasefire"
    if lemma in HALT_WORDS:
        obj = _attack_object(tok)
        if obj is not None:
            if obj.lemma_.lower() in FIGHTING_NOUNS:
                return "ceasefire"
            if lemma == "end" and obj.lemma_.lower() == "operation":
                return "withdrawal" if _pullout(tok, obj) else "ceasefire"
            return "pause" if lemma == "pause" else "strike_halt"
        if lemma == "pause" and any(c.lower_ == "humanitarian" for c in tok.children):
            return "pause"
        return None
    if lemma in CORRIDOR_NOUNS:
        return "humanitarian_corridor"
    if lemma in WITHDRAW_WORDS:
        return "withdrawal" if _military_withdrawal(tok) else None
    if lemma in EXCHANGE_WORDS:
        near = [*tok.subtree, *tok.lefts, tok.head]
        if any(t.lemma_.lower() in PRISONER_NOUNS for t in near):
            return "prisoner_exchange"
        return None
    if lemma in AID_NOUNS and tok.pos_ == "NOUN":
        head = tok.head
        for _ in range(3):
            if head.lemma_.lower() in AID_CUT_WORDS:
                return None  # "announced an end to military support": aid withdrawn, not pledged
            if head.pos_ == "VERB":
                break
            head = head.head
        if head.pos_ == "VERB" and head.lemma_.lower() in AID_PLEDGE_VERBS:
            if lemma in ("support", "package", "funding", "loan"):
                words = {t.lower_ for t in tok.subtree} | {t.lower_ for t in tok.lefts}
                if not words & {"military", "humanitarian", "aid", "financial", "economic"}:
                    return None
            return "aid_pledge"
    return None


PULLOUT_WORDS = {*WITHDRAW_WORDS, "pull", "leave", "exit", "depart", "departure", "redeploy"}


def _pullout(end: Token, operations: Token) -> bool:
    """Is "end (its) military operations (in X)" a pullout? Yes with a word of leaving near it
    ("end operations and withdraw", "bring troops home"), or when an outside state ends its
    operations in another country ("ending American military operations in Yemen"). A party
    fighting at home that ends its operations ceases hostilities ("the army agreed to end
    military operations in the province")."""
    lo, hi = max(end.sent.start, end.i - 10), min(end.sent.end, end.i + 16)
    near = end.doc[lo:hi]
    if any(t.lemma_.lower() in PULLOUT_WORDS for t in near):
        return True
    if any(t.lower_ == "home" for t in near) and any(t.lemma_.lower() in TROOP_NOUNS for t in near):
        return True
    operator = next(
        (
            c
            for c in operations.children
            if c.dep_ in ("amod", "compound", "poss", "nmod") and actor_resolver.country_of(c.text)
        ),
        None,
    )
    if operator is None:
        operator = _subject(end)
    if operator is not None and operator.pos_ == "PRON" and end.dep_ == "ccomp":
        operator = _subject(end.head)  # "Washington said it was ending ..."
    where = [
        pobj
        for head in (operations, end)
        for prep in head.children
        if prep.dep_ == "prep" and prep.lower_ in ("in", "inside", "across")
        for pobj in prep.children
        if pobj.dep_ == "pobj"
    ]
    if operator is None or not where:
        return False
    own = actor_resolver.country_of(_np_text(operator))
    there = actor_resolver.country_of(_np_text(where[0]))
    return own is not None and there is not None and own != there


AID_CUT_WORDS = {*HALT_WORDS, "cut", "withdraw", "withdrawal", "slash", "reduce", "reduction"}
"""Words that end or cut aid: their aid is no pledge."""

AGREEMENT_NOUNS = {
    "deal", "agreement", "accord", "treaty", "pact", "talk", "negotiation", "process",
    "initiative", "framework", "arrangement", "convention", "memorandum", "format", "plan",
    "organisation", "organization", "alliance", "union", "council", "body", "court", "market",
    "commitment", "obligation", "programme", "program", "scheme", "corridor", "race",
    *CEASEFIRE_NOUNS, *TRUCE_NOUNS, *MORATORIUM_NOUNS,
}  # fmt: skip
"""What one withdraws from when leaving an agreement or a forum, not pulling back forces."""
AREA_NOUNS = {
    "border", "frontier", "region", "area", "territory", "city", "town", "village", "front",
    "frontline", "line", "zone", "bank", "position", "base", "province", "country", "enclave",
    "district", "corridor", "island", "coast", "plant", "station", "airport", "port",
}  # fmt: skip
ARMED_KINDS = {"military", "government", "rebel", "militia", "police"}


def _military_withdrawal(tok: Token) -> bool:
    """Is "withdraw"/"withdrawal" a pullback of forces from an area?

    Forces named in its phrase ("withdraw troops", "withdrawal of Russian forces") make it one.
    Without them, it must be "from" a place ("withdraw from Kherson", "from the border") and,
    for a verb, by a state or an armed group: "banks will withdraw from Russia", "the US
    withdrew from talks" and "withdraw from the grain deal" are no pullback (leaving an
    agreement is read as a stance on that agreement, see :func:`_leaves_agreement`).
    """
    sources = [
        pobj
        for prep in tok.children
        if prep.dep_ == "prep" and prep.lower_ in ("from", "out")
        for pobj in prep.children
        if pobj.dep_ in ("pobj", "pcomp")
    ]
    if any(p.lemma_.lower() in AGREEMENT_NOUNS for p in sources):
        return False
    # "withdraw troops", "withdrawal of forces": the forces, never the subject ("US troops will
    # withdraw" is caught below through the subject)
    for sub in tok.subtree:
        if sub.i != tok.i and sub.lemma_.lower() in TROOP_NOUNS:
            return True
    if not any(_place_like(p) for p in sources):
        return False
    if tok.pos_ != "VERB":
        return True
    subj = _subject(tok)
    if subj is None:
        return True  # "ordered to withdraw from the border": the order names no mover
    if subj.lemma_.lower() in TROOP_NOUNS or any(
        t.lemma_.lower() in TROOP_NOUNS for t in subj.subtree
    ):
        return True
    actor = resolve_actor_text(_np_text(subj)) if subj.lower_ not in PRONOUNS else None
    if subj.lower_ in PRONOUNS:
        reporter = _reporter(subj)
        actor = resolve_actor_text(_np_text(reporter)) if reporter is not None else None
        if reporter is None:
            return True  # "it will withdraw from the city": left to the pronoun's antecedent
    return actor is not None and (actor.kind in ARMED_KINDS or bool(actor.country))


def _place_like(tok: Token) -> bool:
    return (
        tok.ent_type_ in ("GPE", "LOC", "FAC")
        or tok.pos_ == "PROPN"
        or tok.lemma_.lower() in AREA_NOUNS
    )


LEAVE_VERBS = {"withdraw", "pull", "exit", "quit", "leave", "abandon", "ditch", "scrap"}


def _leaves_agreement(verb: Token, trigger: Token) -> bool:
    """ "Russia withdrew from the truce", "pulled out of the ceasefire": the agreement is left."""
    lemma = verb.lemma_.lower()
    if lemma not in LEAVE_VERBS:
        return False
    if lemma == "pull" and not any(c.lower_ == "out" for c in verb.children):
        return False
    for child in verb.children:
        if child.dep_ == "dobj" and lemma != "withdraw" and _names_agreement(child, trigger):
            return True
        if child.dep_ != "prep" or child.lower_ not in ("from", "of", "out"):
            continue
        objects = [*child.children]
        objects += [o for c in child.children if c.lower_ == "of" for o in c.children]  # out of
        if any(_names_agreement(o, trigger) for o in objects):
            return True
    return False


def _governing_verb(tok: Token) -> Token | None:
    cur = tok
    for _ in range(6):
        if cur.head.i == cur.i:
            return None
        cur = cur.head
        if cur.pos_ in ("VERB", "AUX"):
            return cur
    return None


def _names_agreement(noun: Token, trigger: Token) -> bool:
    """ "the truce", "the ceasefire deal": not "the ceasefire line" (a place one leaves)."""
    return noun.i == trigger.i or (
        trigger in noun.subtree and noun.lemma_.lower() in AGREEMENT_NOUNS
    )


PLACE_PREPS = {"in", "around", "across", "along", "near", "for", "from", "throughout"}
PART_NOUNS = {
    "part", "area", "region", "north", "south", "east", "west", "outskirts", "rest", "all",
    "most", "much", "whole",
}  # fmt: skip
SCOPE_VERBS = {"cover", "apply", "include", "extend", "span"}
"""'the truce covers all of Gaza', 'applies to Idlib': the places of the scope follow."""


def _scope_place(tok: Token, kind: str) -> str | None:
    """The place a scope word names: a name under "in", "along", "from" ... ("a truce in Idlib",
    "in parts of Gaza", a corridor "from Mariupol to Zaporizhzhia"). The small parser often
    takes Ukrainian towns for people, so a name the gazetteer knows counts as well as a place
    entity; after "for", a name that is an actor names a party ("a truce for Russia")."""
    if tok.pos_ != "PROPN" and tok.ent_type_ not in ("GPE", "LOC", "FAC"):
        return None
    prep = tok.head
    if prep.lower_ == "of" and prep.head.lemma_.lower() in PART_NOUNS:
        prep = prep.head.head  # "in parts of Gaza", "covers all of Gaza"
    covered = (tok.dep_ == "dobj" and prep.lemma_.lower() in SCOPE_VERBS) or (
        prep.pos_ == "VERB" and prep.lemma_.lower() in SCOPE_VERBS
    )
    preps = PLACE_PREPS | {"to"} if kind == "humanitarian_corridor" else PLACE_PREPS
    if prep.lemma_.lower() == "to" and prep.head.lemma_.lower() in SCOPE_VERBS:
        covered = True  # "applies to Idlib"
    if not covered and (prep.dep_ != "prep" or prep.lower_ not in preps):
        return None
    if tok.dep_ == "compound":
        return None  # the name's last word carries it
    lo, hi = sorted((tok.i, prep.i))
    if any(t.lemma_.lower() in VENUE_NOUNS for t in tok.doc[max(0, lo - 3) : hi + 1]):
        return None  # "agreed to a ceasefire at talks in Doha": where they met
    name = _np_text(tok)
    if is_country_name(name):
        return None  # "a ceasefire in Ukraine": the country is the parties' area, not a place
    if tok.ent_type_ in ("LOC", "FAC"):
        return name
    if prep.lower_ == "for" and resolve_actor_text(name) is not None:
        return None  # "a truce for Russia and Ukraine": the parties
    if tok.ent_type_ == "GPE" or is_place_name(name):
        return name
    return None


VENUE_NOUNS = {
    "talk", "talks", "summit", "meeting", "negotiation", "conference", "session", "round",
    "visit", "ceremony", "signing", "mediation", "consultation",
}  # fmt: skip


def _scope_region(trigger: Token) -> list[Token]:
    """Tokens that can name the trigger's scope: its phrase, minus clauses hung on it; for a
    noun, also the places hung on the verb that governs it ("agreed to a truce in Idlib")."""
    if trigger.pos_ == "VERB":
        roots = [c for c in trigger.children if c.dep_ in ("dobj", "prep", "npadvmod", "advmod")]
        tokens = [trigger]
        for r in roots:
            tokens.extend(r.subtree)
        return sorted(tokens, key=lambda t: t.i)
    blocked: set[int] = set()
    for child in trigger.children:
        if child.dep_ in ("relcl", "appos") or (child.dep_ == "acl" and _is_status_clause(child)):
            blocked.update(t.i for t in child.subtree)
    tokens = [t for t in trigger.subtree if t.i not in blocked]
    obj = _attack_object(trigger) if trigger.lemma_.lower() in HALT_WORDS else None
    if obj is not None and obj not in tokens:
        tokens.extend(obj.head.subtree if obj.head.dep_ == "prep" else obj.subtree)
    # "30-day ceasefire proposal": the trigger is a compound; its head's modifiers belong too
    if trigger.dep_ == "compound":
        tokens.extend(t for t in trigger.head.lefts if t.i not in blocked)
    verb = _governing_verb(trigger)
    if verb is not None and trigger.sent == verb.sent:
        for prep in verb.children:
            if prep.dep_ == "prep" and prep.i > trigger.i and prep.lower_ in PLACE_PREPS | {"to"}:
                tokens.extend(prep.subtree)
        if trigger.dep_ == "nsubj" and verb.lemma_.lower() in SCOPE_VERBS:
            for part in verb.children:  # "the truce covers all of Gaza"
                if part.dep_ in ("dobj", "prep") and part.i > verb.i:
                    tokens.extend(part.subtree)
    return sorted(set(tokens), key=lambda t: t.i)


def _is_status_clause(tok: Token) -> bool:
    return tok.lemma_.lower() in STATUS_VERBS and tok.lemma_.lower() not in ("cover",)


def _read_terms(m: _Mention, ctx: _Context) -> None:
    region = _scope_region(m.trigger)
    verb = m.trigger.head
    m.scope_stated = m.trigger.dep_ == "nsubj" and verb.lemma_.lower() in SCOPE_VERBS
    for tok in region:
        lemma = tok.lemma_.lower()
        lower = tok.lower_
        cat = CATEGORY_WORDS.get(lemma) or CATEGORY_WORDS.get(lower)
        if cat is not None:
            if cat == "infrastructure" and any(
                CATEGORY_WORDS.get(c.lemma_.lower()) not in (None, "infrastructure")
                for c in tok.lefts
                if c.dep_ in ("compound", "amod", "nmod")
            ):
                pass  # "energy infrastructure": the modifier is the category
            elif cat == "civilian" and tok.head.lemma_.lower() in CATEGORY_WORDS:
                pass  # "civilian infrastructure": the head decides
            else:
                m.categories.add(cat)
        dom = DOMAIN_WORDS.get(lower) or DOMAIN_WORDS.get(lemma)
        if dom is not None and not (lower == "air" and tok.head.lower_ in ("raid", "defence")):
            m.domains.add(dom)
        if lemma in FULL_WORDS and tok.dep_ in ("amod", "advmod") and tok.head in (m.trigger,):
            m.full = True
        if lemma in FULL_WORDS and tok.dep_ == "amod" and m.trigger.dep_ == "compound":
            m.full = m.full or tok.head == m.trigger.head
        if lemma in LIMITED_WORDS and tok.dep_ == "amod":
            m.limited = True
        name = _scope_place(tok, m.kind)
        if name is not None:
            m.places.add(name)
    if m.full and m.limited:
        m.full = False
    if m.categories:
        m.full = False
        if m.kind in ("ceasefire", "truce", "moratorium"):
            m.kind = "strike_halt"
    text = " ".join(t.text for t in region)
    match = DURATION_RE.search(text)
    if match:
        raw = match.group(1).lower()
        number = int(raw) if raw.isdigit() else NUMBER_WORDS.get(raw, 0)
        days = number * UNIT_DAYS[match.group(2).lower()]
        if days > 0:
            m.duration_days = max(1, math.ceil(days))


# --- declarations ---------------------------------------------------------------------------


def _declare(m: _Mention, actors: list[Actor], status: str, ctx: _Context) -> None:
    sent = m.sent
    evidence = (Span(sent.start_char, sent.end_char, sent.text),)
    date = ctx.sentence_date(sent)
    if status in ("agreed", "ordered", "in_force") or (
        status == "demanded" and any(is_body(a) for a in actors)
    ):
        date = _background_date(m, date, ctx)
    for actor in actors:
        decl = Declaration(actor, status, date, ctx.document.id, evidence)
        if all((_key(d.actor), d.status) != (_key(actor), status) for d in m.declarations):
            m.declarations.append(decl)


def _background_date(m: _Mention, date: DateRange | None, ctx: _Context) -> DateRange | None:
    """The declaration date of a background mention ("despite a ceasefire agreed in 2015").

    A mention whose sentence dates it to an earlier year than the publication keeps that past
    date. A background mention with no usable date ("despite the earlier truce", "had agreed")
    gets a date with no start, ending the day before publication: the commitment is not taken to
    have started at the publication date, so no violation window opens from it.
    """
    if ctx.anchor is None:
        return date
    if date is not None and date.start and date.precision != "unknown":
        try:
            year = int(date.start[:4])
        except ValueError:
            year = ctx.anchor.year
        if year < ctx.anchor.year:
            return date  # explicitly dated in an earlier year: its own (past) window
    cue = _background_cue(m, ctx.anchor.year)
    if cue is None:
        return date
    before = (ctx.anchor - dt.timedelta(days=1)).isoformat()
    return DateRange(None, before, "unknown", f"background mention: {cue}")


BACKGROUND_MODIFIERS = {
    "previous", "earlier", "former", "past", "prior", "old", "failed", "collapsed", "defunct",
    "historic", "original", "short-lived",
}  # fmt: skip
AGO_RE = re.compile(
    r"\b(?:(?:\w+|\d+) (?:years?|decades?) ago|last (?:year|autumn|fall|spring|summer|winter))\b",
    re.I,
)
YEAR_RE = re.compile(r"\b(?:in|of) ((?:19|20)\d\d)\b")


def _background_cue(m: _Mention, anchor_year: int) -> str | None:
    """Why a mention is background (a past commitment recalled), or None."""
    trigger = m.trigger
    for tok in [*trigger.lefts, *(trigger.head.lefts if trigger.dep_ == "compound" else [])]:
        if tok.lower_ in BACKGROUND_MODIFIERS and tok.dep_ in ("amod", "advmod", "compound"):
            return f"'{tok.text} {trigger.text}'"
    cur = trigger
    for _ in range(8):
        if cur.lower_ in ("despite", "notwithstanding") or (
            cur.lower_ == "spite" and cur.head.lower_ == "in"
        ):
            return f"'{cur.text} ...'"
        if cur.head.i == cur.i:
            break
        cur = cur.head
    sent_text = m.sent.text
    ago = AGO_RE.search(sent_text)
    if ago:
        return f"'{ago.group(0)}'"
    for match in YEAR_RE.finditer(sent_text):
        if int(match.group(1)) < anchor_year:
            return f"'{match.group(0)}'"
    return _past_perfect(m)


def _past_perfect(m: _Mention) -> str | None:
    """ "had agreed a truce" told as narrative (not "X said Y had agreed", not "after ...")."""
    cur = m.trigger
    for _ in range(8):
        if cur.pos_ in ("VERB", "AUX") and cur.tag_ == "VBN":
            if any(c.lower_ == "had" and c.dep_ == "aux" for c in cur.children):
                reported = cur.dep_ in ("ccomp", "xcomp") and (
                    cur.head.lemma_.lower() in REPORTING_VERBS
                )
                after = any(
                    c.dep_ == "mark" and c.lower_ in ("after", "once", "since", "when")
                    for c in cur.children
                )
                if not reported and not after:
                    return f"'had {cur.text}'"
            return None
        if cur.head.i == cur.i or cur.dep_ in ("ROOT",):
            break
        cur = cur.head
    return None


def _read_declarations(m: _Mention, ctx: _Context) -> None:
    """Climb from the trigger through the words that govern it; each gives a party's stance."""
    cur = m.trigger
    passed_proposal = False
    found_verb = False
    for _ in range(8):
        lemma = cur.lemma_.lower()
        if cur.i != m.trigger.i and cur.pos_ in ("NOUN", "PROPN") and lemma in STATUS_NOUNS:
            status = STATUS_NOUNS[lemma]
            owner = _possessor(cur)
            actors = _actors_of(owner, ctx) if owner is not None else []
            if not actors and status == "violated_alleged":
                actors = _defying_actors(cur, m.trigger, ctx)
            verb = _governing_verb(cur)
            if verb is not None and _leaves_agreement(verb, m.trigger):
                actors = []  # "pulled out of the ceasefire deal": the deal is left, not agreed
            elif not actors and status == "agreed":
                actors = [] if _hypothetical(cur) else _clause_subject_actors(cur, ctx)
            _declare(m, actors, status, ctx)
            passed_proposal = passed_proposal or lemma in PROPOSAL_NOUNS
        if m.trigger.dep_ == "compound" and cur.i == m.trigger.i:
            head = cur.head
            if head.lemma_.lower() in PROPOSAL_NOUNS:
                passed_proposal = True
        if cur.i != m.trigger.i and _readiness(cur):
            if _offered(m.trigger, cur):
                _ready_declaration(m, cur, ctx)
                found_verb = True
            break
        if (
            cur.pos_ in ("VERB", "AUX")
            and cur.i != m.trigger.i
            or (cur.i == m.trigger.i and cur.pos_ == "VERB" and m.kind == "prisoner_exchange")
        ):
            if lemma in REPORTING_VERBS:
                break
            verb_status = _verb_status(cur, m, passed_proposal)
            if verb_status is not None:
                found_verb = True
                subj = _subject(cur)
                relative = (
                    subj is not None
                    and cur.dep_ == "relcl"
                    and subj.lower_ in ("that", "which")
                    and cur.head.pos_ in ("NOUN", "PROPN")
                )
                if relative:
                    subj = cur.head  # "a resolution that demanded a truce": the resolution
                actors = _actors_of(subj, ctx) if subj is not None else []
                if subj is not None and m.trigger in subj.subtree and not relative:
                    # "the truce took effect": the parties are those last named
                    actors = (
                        _phrase_parties(m.trigger, ctx)
                        or ctx.actors_before(m.trigger.i, limit=2)
                        or [UNSPECIFIED]
                    )
                if verb_status == "violated_alleged":
                    actors = _accused(cur, ctx) or actors
                _declare(m, actors, verb_status, ctx)
                if verb_status in ("agreed", "ordered", "accepted"):
                    m.counterparts.extend(_with_counterparts(cur, m.trigger, ctx))
        if cur.dep_ in ("xcomp", "acl") and cur.head.lemma_.lower() in FAILURE_WORDS:
            break  # "the UN's failure to impose a truce": nobody above states it either
        if cur.dep_ == "advcl" and any(
            c.dep_ == "mark" and c.lower_ in TERM_CLAUSE_MARKS for c in cur.children
        ):
            break  # "... once Israel withdrew its troops": a condition of what is above
        clause_top = cur.dep_ in ("conj", "ROOT", "ccomp", "advcl", "parataxis")
        demanded = _demanded_clause(cur) and not found_verb
        if (
            clause_top
            and cur.pos_ == "VERB"
            and (cur.i != m.trigger.i or found_verb)
            and not demanded
        ):
            break
        if cur.head.i == cur.i:
            break
        cur = cur.head
    if not found_verb and m.trigger.pos_ == "VERB" and m.kind != "aid_pledge":
        _own_verb_declaration(m, ctx)
    _relcl_declarations(m, ctx)
    _participle_declarations(m, ctx)


def _readiness(tok: Token) -> bool:
    """ "ready (for, to agree to)", "willing", "prepared", "open (to)", "committed (to)" after a
    copula ("is", "remains")."""
    return (
        tok.pos_ in ("ADJ", "VERB")
        and tok.lower_ in READY_WORDS
        and tok.dep_ in ("acomp", "xcomp")
        and tok.head.lemma_.lower() in COPULAS
    )


HOSTILE_VERBS = {
    "fight", "keep", "continue", "resume", "launch", "strike", "attack", "respond", "retaliate",
    "escalate", "push", "advance", "defend", "destroy", "win", "reject", "refuse", "oppose",
}  # fmt: skip
OUTSIDE_PREPS = {"despite", "after", "without", "during", "before", "until", "unless", "beyond"}


def _offered(trigger: Token, adjective: Token) -> bool:
    """The commitment is what the readiness is for: "ready for a ceasefire", "committed to the
    truce", "willing to accept a truce"; not "committed to armed struggle despite the truce"
    or "ready to keep fighting without a ceasefire"."""
    path = [trigger]
    while path[-1].head.i != adjective.i:
        if path[-1].head.i == path[-1].i or len(path) > 8:
            return False
        path.append(path[-1].head)
    if any(t.dep_ == "prep" and t.lower_ in OUTSIDE_PREPS for t in path):
        return False
    below = path[-1]
    if below.dep_ == "prep":
        return below.lower_ in ("to", "for") and (
            len(path) < 2 or path[-2].i == trigger.i or _names_agreement(path[-2], trigger)
        )
    if below.dep_ != "xcomp":
        return False
    # "ready to halt attacks", "willing to accept a truce"; not "ready to keep fighting"
    return not any(t.pos_ == "VERB" and t.lemma_.lower() in HOSTILE_VERBS for t in path)


def _ready_declaration(m: _Mention, adjective: Token, ctx: _Context) -> None:
    """The copula's subject offers the commitment ("proposed"), or refuses it when negated;
    an "if" or "once" clause on the offer is its condition, set by the same party."""
    copula = adjective.head
    subject = _subject(copula)
    actors = _actors_of(subject, ctx) if subject is not None else []
    negated = _negated(copula) or _negated(adjective)
    _declare(m, actors, "rejected" if negated else READY_WORDS[adjective.lower_], ctx)
    verbs = [c for c in adjective.children if c.dep_ == "xcomp"]  # "willing to accept"
    for clause in (*adjective.children, *copula.children, *(c for v in verbs for c in v.children)):
        marks = [c for c in clause.children if c.dep_ == "mark" and c.lower_ in ("if", "once")]
        if clause.dep_ != "advcl" or not marks:
            continue
        words = [t for t in clause.subtree if t.i != marks[0].i and not t.is_punct]
        start, end = words[0].idx, words[-1].idx + len(words[-1].text)
        text = ctx.doc.text[start:end]
        m.conditions.append(Condition(text, _party_code(subject, ctx), (Span(start, end, text),)))


def _defying_actors(noun: Token, trigger: Token, ctx: _Context) -> list[Actor]:
    """ "Regime forces launched an offensive in defiance of the ceasefire": the subject of the
    verb that "in defiance / violation / breach of" hangs on is the one said to defy it (not
    "an increase in ceasefire violations")."""
    prep = noun.head
    if noun.dep_ != "pobj" or prep.lower_ != "in" or prep.head.i == prep.i:
        return []
    if not any(
        c.dep_ == "prep" and c.lower_ == "of" and trigger in c.subtree for c in noun.children
    ):
        return []
    verb = prep.head
    for _ in range(4):  # the parser may hang the phrase on the verb's object
        if verb.pos_ in ("VERB", "AUX") or verb.head.i == verb.i:
            break
        verb = verb.head
    if verb.pos_ not in ("VERB", "AUX"):
        return []
    subj = _subject(verb)
    return _actors_of(subj, ctx) if subj is not None else []


def _participle_declarations(m: _Mention, ctx: _Context) -> None:
    """ "a ceasefire ordered by the UN security council", "a UN-brokered truce": the agent of a
    participle on the commitment's phrase states the commitment."""
    nouns = [m.trigger]
    if m.trigger.dep_ == "compound":
        nouns.append(m.trigger.head)  # "a ceasefire deal brokered by Turkey"
    for noun in nouns:
        for child in noun.children:
            if child.dep_ not in ("acl", "amod") or child.tag_ != "VBN":
                continue
            status = STATUS_VERBS.get(child.lemma_.lower())
            if status is None or status == "violated_alleged" or _negated(child):
                continue
            owners = [
                pobj
                for agent in child.children
                if agent.dep_ == "agent"
                for pobj in agent.children
                if pobj.dep_ == "pobj"
            ]
            owners += [
                c
                for c in child.children
                if c.dep_ in ("npadvmod", "compound", "nmod") and c.pos_ in ("PROPN", "NOUN")
            ]
            for owner in owners:
                _declare(m, _actors_of(owner, ctx), status, ctx)


def _verb_status(verb: Token, m: _Mention, passed_proposal: bool) -> str | None:
    lemma = verb.lemma_.lower()
    if lemma in SUBJECT_STATUS_VERBS and _subject(verb) is not None:
        subj = _subject(verb)
        if subj is not None and (subj == m.trigger or m.trigger in subj.subtree):
            if any(
                (c.dep_ in ("dobj", "neg") and c.lower_ != "effect") or c.tag_ == "MD"
                for c in verb.children
            ):
                return None  # "a ceasefire would not end the war"
            if lemma == "take" and not any(c.lower_ == "effect" for c in verb.subtree):
                return None
            if _demanded_clause(verb) or _unasserted(verb) is not None:
                return None  # "called for the ceasefire to begin": a demand, not in force
            return SUBJECT_STATUS_VERBS[lemma]
    if lemma == "break" and any(c.dep_ == "prt" and c.lower_ == "down" for c in verb.children):
        return "expired"  # "the ceasefire broke down": it collapsed, nobody is accused
    if _leaves_agreement(verb, m.trigger):
        if _negated(verb) or _unasserted(verb) is not None:
            return None
        return "suspended"  # "Russia withdrew from the truce": it ends the party's part in it
    if lemma == "call" and not _calls_for(verb):
        return None
    if verb.dep_ in ("xcomp", "acl") and verb.head.lemma_.lower() in FAILURE_WORDS:
        return None  # "the UN's failure to impose a truce", "failed to agree a ceasefire"
    if lemma == "vote":
        # "the council voted for a ceasefire": adopted; "voted against": rejected
        preps = {c.lower_ for c in verb.children if c.dep_ == "prep"}
        return "agreed" if "for" in preps else "rejected" if "against" in preps else None
    if lemma in ("break", "suspend") and m.trigger.pos_ == "VERB":
        return None
    particles = {c.lower_ for c in verb.children if c.dep_ == "prt"}
    status = next(
        (PHRASAL_STATUS[(lemma, p)] for p in particles if (lemma, p) in PHRASAL_STATUS), None
    )
    status = status or STATUS_VERBS.get(lemma)
    if status is None:
        return None
    if status in ("agreed", "ordered", "in_force") and _obliged(verb):
        return None  # "Russia must agree to a truce": a demand on Russia, not its stance
    if status == "in_force" and any(
        c.dep_ == "aux" and c.lower_ in ("will", "would", "'ll", "shall") for c in verb.children
    ):
        status = "agreed"  # "said they would implement the truce": a promise to comply
    if _unasserted(verb) is not None:
        return None  # a question, condition, possibility, demand or plan step: no stance
    if status == "agreed" and passed_proposal:
        status = "accepted"
    if _negated(verb):
        if status in ("agreed", "accepted", "ordered"):
            return "rejected"
        if status == "rejected":
            return "accepted"
        return None
    return status


FAILURE_WORDS = {"fail", "failure", "unable", "inability", "attempt", "try", "bid", "effort"}
DEMAND_HEADS = {"call", "demand", "urge", "insist", "ask", "press", "appeal", "plead"}


def _calls_for(verb: Token) -> bool:
    """ "called for a truce", "called for the truce to begin": a "for" under ``verb``."""
    for child in verb.children:
        if child.lower_ == "for":
            return True
        if child.dep_ in ("advcl", "ccomp", "xcomp") and any(
            c.dep_ == "mark" and c.lower_ == "for" for c in child.children
        ):
            return True
    return False


def _demanded_clause(verb: Token) -> bool:
    """Is ``verb``'s clause the content of a demand ("urged that the truce begin")?"""
    return verb.dep_ in ("ccomp", "advcl", "xcomp") and (verb.head.lemma_.lower() in DEMAND_HEADS)


def _own_verb_declaration(m: _Mention, ctx: _Context) -> None:
    """ "Russia halted strikes on refineries": the trigger verb's own subject has ordered it."""
    verb = m.trigger
    subj = _subject(verb)
    if subj is None or _negated(verb):
        return
    if _obliged(verb) or _unasserted(verb) is not None:
        _pleaded(m, verb, ctx)
        return  # "troops need to end hostilities" is a demand on them, not their order
    actors = _actors_of(subj, ctx)
    modal = any(
        c.dep_ == "aux" and c.lower_ in ("will", "would", "'ll", "shall") for c in verb.children
    )
    if m.kind == "withdrawal" and not modal:
        return  # "troops withdrew from X" reports a move, not a commitment
    if m.kind in ("prisoner_exchange", "withdrawal"):
        status = "agreed" if modal else "in_force"
    else:
        status = "agreed" if modal else "ordered"
    _declare(m, actors, status, ctx)


def _pleaded(m: _Mention, verb: Token, ctx: _Context) -> None:
    """ "Turkey pleaded with Russia to halt its offensive": Turkey demanded the halt (the one
    asked has stated nothing)."""
    head = verb.head
    if verb.dep_ not in ("xcomp", "advcl") or head.i == verb.i:
        return
    if head.lemma_.lower() not in DEMAND_HEADS or head.lemma_.lower() in STATUS_VERBS:
        return  # "urged", "demanded": read on the climb already
    if _negated(head) or _unasserted(head) is not None:
        return
    subj = _subject(head)
    if subj is not None:
        _declare(m, _actors_of(subj, ctx), "demanded", ctx)


OBLIGATION_HEADS = {
    "need", "have", "want", "ought", "urge", "ask", "demand", "call", "expect", "beg", "implore",
    "plead", "press", "pressure", "encourage", "persuade", "invite", "appeal",
}  # fmt: skip
OBLIGATION_MODALS = {"can", "could", "might", "may", "should", "must"}
HYPOTHETICAL_VERBS = {"achieve", "seek", "hope", "want", "need", "try", "aim", "push", "work"}


def _obliged(verb: Token) -> bool:
    """ "must stop", "needs to cut losses and cease hostilities": obligation or possibility."""
    while verb.dep_ == "conj" and verb.head.i != verb.i:
        verb = verb.head  # the first conjunct carries the modal / the governing "need"
    if any(c.dep_ == "aux" and c.lower_ in OBLIGATION_MODALS for c in verb.children):
        return True
    if verb.dep_ == "advcl" and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children):
        # "pleaded with Russia to halt the offensive" (the parser may hang it as advcl)
        return verb.head.lemma_.lower() in OBLIGATION_HEADS
    return verb.dep_ == "xcomp" and verb.head.lemma_.lower() in OBLIGATION_HEADS


def _nominal_gerund(verb: Token) -> bool:
    """ "the plan includes Russia agreeing to a truce", "with Russia agreeing to a truce": a
    described step or an absolute clause, not a decision. "after agreeing to" stays a report."""
    if verb.tag_ != "VBG" or any(c.dep_ == "aux" for c in verb.children):
        return False
    head = verb.head.lower_
    if verb.dep_ in ("pcomp", "pobj") and head in TEMPORAL_PREPS:
        return False
    if verb.head.lemma_.lower() in PLAN_VERBS or head in ("with", "without"):
        return True
    if any(c.dep_ == "nsubj" for c in verb.children):
        return not any(c.dep_ == "mark" and c.lower_ in TEMPORAL_PREPS for c in verb.children)
    return verb.dep_ in ("dobj", "pobj", "conj", "appos", "attr", "nsubj", "csubj")


PLAN_VERBS = {"include", "involve", "envisage", "foresee", "require", "entail", "mean"}
TEMPORAL_PREPS = {"after", "since", "before", "upon", "on", "by", "when", "once"}
CONDITION_MARKS = {"if", "unless", "whether", "lest"}
TENTATIVE_MODALS = {"could", "might", "may", "should", "must", "can", "ought"}
PLAN_NOUNS = {
    "proposal", "plan", "offer", "initiative", "idea", "deal", "agreement", "framework", "draft",
    "scenario", "roadmap", "blueprint", "arrangement", "formula", "terms", "accord", "option",
}  # fmt: skip
NEAR_WORDS = {
    "close", "closer", "near", "nearer", "toward", "towards", "hope", "prospect", "talk",
    "negotiation", "discussion",
}  # fmt: skip


def _unasserted(verb: Token) -> str | None:
    """Why the clause of ``verb`` reports no decision, else None.

    A stance stated inside a question, a condition ("if", "whether", "unless"), a possibility
    ("could", "might"; "would" unless it reports speech: "said it would"), a demand ("calls for
    Moscow to declare"), an absolute or gerund clause describing a step ("with Russia agreeing
    to a truce", "the plan envisages Russia halting strikes") or the terms of a plan or deal
    ("a deal under which Russia would ...") is recorded as no stance at all. The clauses that
    govern ``verb`` are checked too, up to the sentence root.
    """
    if verb.sent.text.rstrip(" \"'”’").endswith("?"):
        return "question"
    cur = verb
    for _ in range(8):
        children = list(cur.children)
        if any(c.dep_ == "mark" and c.lower_ in CONDITION_MARKS for c in children):
            return "condition"
        modals = {c.lower_ for c in children if c.dep_ == "aux" and c.tag_ == "MD"}
        if modals & TENTATIVE_MODALS:
            return "possibility"
        reported = cur.dep_ in ("ccomp", "xcomp") and (
            cur.head.lemma_.lower() in REPORTING_VERBS or cur.head.lemma_.lower() in STATUS_VERBS
        )
        if "would" in modals and not reported:
            return "hypothetical"
        if any(c.dep_ == "mark" and c.lower_ == "for" for c in children) and any(
            c.dep_ == "aux" and c.lower_ == "to" for c in children
        ):
            return "demand"
        if cur.pos_ in ("VERB", "AUX") and _nominal_gerund(cur):
            return "described step"
        if cur.dep_ == "relcl" and cur.head.lemma_.lower() in PLAN_NOUNS:
            return "terms of a plan"
        if (
            cur.dep_ == "prep"
            and cur.lower_ in ("under", "in")
            and any(c.dep_ == "pobj" and c.lemma_.lower() in PLAN_NOUNS for c in children)
        ):
            return "terms of a plan"
        if reported or cur.head.i == cur.i:
            return None
        cur = cur.head
    return None


PENDING_WORDS = {
    "imminent", "close", "near", "likely", "unlikely", "possible", "expected", "probable",
    "potential", "prospective", "future", "impending", "proposed", "planned", "mooted",
}  # fmt: skip
"""A deal that is "imminent", "close" or "possible" (or "a possible deal") is not concluded."""


def _pending(noun: Token) -> bool:
    """ "a deal ... was imminent", "a possible deal": expected or possible, not reached."""
    if any(c.dep_ == "amod" and c.lower_ in PENDING_WORDS for c in noun.children):
        return True
    verb = noun.head
    if noun.dep_ not in ("nsubj", "nsubjpass") or verb.lemma_.lower() not in COPULAS:
        return False
    return any(c.dep_ in ("acomp", "attr") and c.lower_ in PENDING_WORDS for c in verb.children)


COPULAS = {"be", "seem", "appear", "look", "remain"}


def _hypothetical(noun: Token) -> bool:
    """ "an agreement can be achieved only through talks": not a concluded agreement."""
    if _pending(noun):
        return True
    verb = noun
    for _ in range(4):
        if verb.pos_ in ("VERB", "AUX") or verb.head.i == verb.i:
            break
        verb = verb.head
    if verb.pos_ not in ("VERB", "AUX"):
        return False
    would = any(c.dep_ == "aux" and c.lower_ == "would" for c in verb.children)
    if would or _obliged(verb) or verb.lemma_.lower() in HYPOTHETICAL_VERBS:
        return True
    return _approached(noun) or _unasserted(verb) is not None


def _approached(noun: Token) -> bool:
    """ "close to a deal", "moving toward a ceasefire": not reached yet."""
    prep = noun.head
    if noun.dep_ != "pobj" or prep.dep_ != "prep":
        return False
    return prep.lower_ in NEAR_WORDS or prep.head.lemma_.lower() in NEAR_WORDS


def _relcl_declarations(m: _Mention, ctx: _Context) -> None:
    """ "..., something Ukraine had already accepted": a relative clause right after the phrase."""
    right = m.trigger.right_edge.i
    doc = m.trigger.doc
    for i in range(right + 1, min(right + 4, m.sent.end)):
        tok = doc[i]
        if tok.lower_ in ("something", "which", "one", "a", "an") or tok.dep_ == "appos":
            for child in [*tok.children, tok]:
                if child.dep_ == "relcl" and child.lemma_.lower() in STATUS_VERBS:
                    status = _verb_status(child, m, False)
                    subj = _subject(child)
                    if status and subj is not None:
                        _declare(m, _actors_of(subj, ctx), status, ctx)
            break


def _accused(verb: Token, ctx: _Context) -> list[Actor]:
    """ "X accused Y of violating the truce": the alleged violator is Y."""
    head = verb.head
    if head.dep_ == "prep" and head.head.lemma_.lower() in ("accuse", "blame", "charge"):
        for child in head.head.children:
            if child.dep_ == "dobj":
                return _actors_of(child, ctx)
    return []


def _clause_subject_actors(noun: Token, ctx: _Context) -> list[Actor]:
    """Parties of an "agreement" with no possessor: the clause subject's actors, else recent."""
    verb = noun
    while verb.pos_ != "VERB" and verb.head.i != verb.i:
        verb = verb.head
    subj = _subject(verb) if verb.pos_ == "VERB" else None
    actors: list[Actor] = []
    if subj is not None:
        for tok in subj.subtree:
            if tok.ent_type_ in ACTOR_ENT_LABELS or tok.lower_ in _FALLBACK_COUNTRY:
                actor = resolve_actor_text(tok.text)
                if actor is not None and all(a.country != actor.country for a in actors):
                    actors.append(actor)
    return actors or ctx.actors_before(noun.i, limit=2)


# --- conditions -----------------------------------------------------------------------------


def _read_conditions(m: _Mention, ctx: _Context) -> None:
    sent = m.sent
    for tok in sent:
        if tok.lemma_.lower() not in CONDITION_VERBS or tok.pos_ != "VERB":
            continue
        objects = [c for c in tok.children if c.dep_ in ("dobj", "nsubjpass")]
        if not any(m.trigger in o.subtree for o in objects):
            continue
        for prep in tok.children:
            if prep.dep_ == "prep" and prep.lower_ in ("to", "on", "upon"):
                pobjs = [c for c in prep.children if c.dep_ in ("pobj", "pcomp")]
                if not pobjs:
                    continue
                _add_condition(m, pobjs[0], _subject(tok), ctx)
    for pattern in CONDITION_MARKERS:
        if m.kind == "prisoner_exchange" and pattern == SWAP_MARKER and _swaps_captives(sent):
            _swap_counterparts(m, sent, ctx)
            continue  # "release hostages in exchange for prisoners": the swap's other half
        for match in re.finditer(pattern, sent.text, re.I):
            start = sent.start_char + match.end()
            end = _clause_end(sent, start)
            text = ctx.doc.text[start:end].strip(" ,")
            if not text:
                continue
            offset = ctx.doc.text.index(text, start)
            verb = m.trigger
            while verb.pos_ != "VERB" and verb.head.i != verb.i:
                verb = verb.head
            subj = _subject(verb) if verb.pos_ == "VERB" else None
            party = _party_code(subj, ctx)
            span = Span(offset, offset + len(text), text)
            m.conditions.append(Condition(text, party, (span,)))


def _swaps_captives(sent: SpacySpan) -> bool:
    """The other half of the exchange is captives too ("in exchange for prisoners"), not a
    demand ("in exchange for an end to the war", which stays a condition)."""
    for match in re.finditer(SWAP_MARKER, sent.text, re.I):
        start = sent.start_char + match.end()
        end = _clause_end(sent, start)
        words = {w.lower().rstrip("s") for w in re.findall(r"[A-Za-z]+", sent.doc.text[start:end])}
        if words & {w.rstrip("s") for w in PRISONER_NOUNS}:
            return True
    return False


def _swap_counterparts(m: _Mention, sent: SpacySpan, ctx: _Context) -> None:
    """The parties named in the other half of an exchange ("in exchange for prisoners held by
    Israel") are its counterparts."""
    for match in re.finditer(SWAP_MARKER, sent.text, re.I):
        start = sent.start_char + match.end()
        end = _clause_end(sent, start)
        for i, actor in ctx.actor_mentions:
            tok = ctx.doc[i]
            if not start <= tok.idx < end or tok.dep_ in ("amod", "compound"):
                continue  # "Palestinian prisoners": whose prisoners, not a party
            keys = {_key(d.actor) for d in m.declarations} | {_key(a) for a in m.counterparts}
            if _key(actor) not in keys:
                m.counterparts.append(actor)


def _condition_char_ranges(sent: SpacySpan) -> list[tuple[int, int]]:
    """Character ranges of condition clauses: triggers there are terms, not commitments."""
    ranges = []
    for pattern in CONDITION_MARKERS:
        for match in re.finditer(pattern, sent.text, re.I):
            start = sent.start_char + match.end()
            ranges.append((start, _clause_end(sent, start)))
    return ranges


def _clause_end(sent: SpacySpan, start: int) -> int:
    rest = sent.doc.text[start : sent.end_char]
    cut = re.search(r"[;.]|,\s+(?:but|while|and|although)\b", rest)
    return start + (cut.start() if cut else len(rest.rstrip()))


def _party_code(subj: Token | None, ctx: _Context) -> str | None:
    if subj is None:
        return None
    actors = _actors_of(subj, ctx)
    if not actors:
        return None
    return party_of(actors[0])


def _add_condition(m: _Mention, tok: Token, subj: Token | None, ctx: _Context) -> None:
    words = sorted(tok.subtree, key=lambda t: t.i)
    start, end = words[0].idx, words[-1].idx + len(words[-1].text)
    text = ctx.doc.text[start:end]
    span = Span(start, end, text)
    m.conditions.append(Condition(text, _party_code(subj, ctx), (span,)))


# --- per sentence ---------------------------------------------------------------------------


def _sentence_mentions(sent: SpacySpan, ctx: _Context) -> list[_Mention]:
    mentions: list[_Mention] = []
    used: set[int] = set()
    conditional = _condition_char_ranges(sent)
    for tok in sent:
        if tok.i in used or any(a <= tok.idx < b for a, b in conditional):
            continue
        kind = _trigger_kind(tok)
        if kind is None:
            continue
        # "cease-fire" split into cease / - / fire: take the first token
        if tok.lower_ == "cease":
            used.update({tok.i + 1, tok.i + 2})
        m = _Mention(kind, tok, sent)
        _read_terms(m, ctx)
        _read_declarations(m, ctx)
        _read_conditions(m, ctx)
        obj = _attack_object(tok) if tok.lemma_.lower() in HALT_WORDS else None
        if obj is not None:
            used.add(obj.i)
        used.update(c.i for c in tok.children if c.dep_ == "compound")
        mentions.append(m)
    # a trigger nested in another's phrase ("ceasefire" inside "halt to the ceasefire talks")
    return mentions


# --- clustering -----------------------------------------------------------------------------


@dataclass
class _Cluster:
    kind: str
    mentions: list[_Mention] = field(default_factory=list)
    categories: set[str] = field(default_factory=set)
    domains: set[str] = field(default_factory=set)
    places: set[str] = field(default_factory=set)
    full: bool = False
    limited: bool = False
    duration_days: int | None = None

    def add(self, m: _Mention) -> None:
        self.mentions.append(m)
        self.categories |= m.categories
        self.domains |= m.domains
        self.places |= m.places
        self.full = self.full or m.full
        self.limited = self.limited or m.limited
        self.duration_days = self.duration_days or m.duration_days
        if m.kind == "strike_halt" or (self.kind in ("pause", "moratorium") and m.kind != "pause"):
            self.kind = m.kind if m.kind == "strike_halt" else self.kind


INFRASTRUCTURE_COVERS = {"energy", "transport", "water", "health", "infrastructure"}


def scope_compatible(
    a_categories: set[str] | frozenset[str],
    a_domains: set[str] | frozenset[str],
    a_full: bool,
    a_duration: int | None,
    b_categories: set[str] | frozenset[str],
    b_domains: set[str] | frozenset[str],
    b_full: bool,
    b_duration: int | None,
    *,
    a_limited: bool = False,
    b_limited: bool = False,
) -> bool:
    """Can two descriptions name the same commitment? Public: link/commitments.py uses it too."""
    if a_duration and b_duration and a_duration != b_duration:
        return False
    a_partial = bool(a_categories or a_domains) or a_limited
    b_partial = bool(b_categories or b_domains) or b_limited
    if (a_full and b_partial) or (b_full and a_partial):
        return False
    if (a_duration and b_partial) or (b_duration and a_partial):
        return False
    if a_categories and b_categories:
        a_x = _expand(a_categories)
        b_x = _expand(b_categories)
        if not (a_x & b_x):
            return False
    if (a_categories and b_domains and not a_domains) or (
        b_categories and a_domains and not b_domains
    ):
        return False
    return not (a_domains and b_domains and not (set(a_domains) & set(b_domains)))


def _expand(categories: set[str] | frozenset[str]) -> set[str]:
    out = set(categories)
    if "infrastructure" in out:
        out |= INFRASTRUCTURE_COVERS
    return out


def _cluster(mentions: object) -> list[_Cluster]:
    clusters: list[_Cluster] = []
    for m in mentions:  # type: ignore[attr-defined]
        best: _Cluster | None = None
        for c in reversed(clusters):  # the most recent compatible one is the antecedent
            if kind_family(c.kind) != kind_family(m.kind):
                continue
            if c.places and m.places and not (c.places & m.places):
                continue
            if scope_compatible(
                c.categories, c.domains, c.full, c.duration_days,
                m.categories, m.domains, m.full, m.duration_days,
                a_limited=c.limited, b_limited=m.limited,
            ):  # fmt: skip
                best = c
                break
        if best is None:
            best = _Cluster(m.kind)
            clusters.append(best)
        best.add(m)
    return clusters


STATUS_RANK = {
    "proposed": 0, "demanded": 1, "accepted": 2, "rejected": 3, "agreed": 4, "ordered": 5,
    "in_force": 6, "violated_alleged": 6, "suspended": 7, "expired": 8,
}  # fmt: skip


def overall_status(declarations: tuple[Declaration, ...] | list[Declaration]) -> str:
    """The furthest status reached (an allegation of violation does not change it)."""
    best: str | None = None
    for d in declarations:
        if d.status == "violated_alleged":
            continue
        if best is None or STATUS_RANK.get(d.status, 0) > STATUS_RANK.get(best, 0):
            best = d.status
    if best is None:
        return declarations[0].status if declarations else "proposed"
    return best


def committing_actor(declarations: tuple[Declaration, ...] | list[Declaration]) -> Actor | None:
    """The party the commitment binds: whoever ordered it, else put it in force, else agreed
    (the party with most such declarations), else proposed or demanded it, else accepted it.

    An international body that orders, brokers or (by resolution) demands a commitment binds the
    belligerents, not itself: with no state or armed party committed, the actor is
    :data:`PARTIES_TO_CONFLICT`.
    """
    named = [d for d in declarations if d.actor != UNSPECIFIED]
    declarations = named or declarations  # "the truce began": a named party comes first
    states = [d for d in declarations if not is_body(d.actor)]
    if any(binds_parties(d) for d in declarations):
        if not any(d.status in IMPOSING_STATUSES for d in states):
            return PARTIES_TO_CONFLICT
        declarations = states
    for wanted in (
        ("ordered",),
        ("in_force",),
        ("agreed",),
        ("proposed", "demanded"),
        ("accepted",),
    ):
        matching = [d.actor for d in declarations if d.status in wanted]
        if matching:
            counts = Counter(party_of(a) for a in matching)
            top = max(counts.values())
            return next(a for a in matching if counts[party_of(a)] == top)
    return declarations[0].actor if declarations else None


def parties_key(actors: list[Actor] | tuple[Actor, ...]) -> list[str]:
    return sorted({party_of(a) for a in actors})


def _to_commitment(c: _Cluster, document: Document) -> Commitment:
    declarations: list[Declaration] = []
    conditions: list[Condition] = []
    counterparts: list[Actor] = []
    evidence: list[Span] = []
    for m in c.mentions:
        for d in m.declarations:
            if all((_key(x.actor), x.status) != (_key(d.actor), d.status) for x in declarations):
                declarations.append(d)
        for cond in m.conditions:
            if all(x.text != cond.text for x in conditions):
                conditions.append(cond)
        counterparts.extend(m.counterparts)
        span = Span(m.sent.start_char, m.sent.end_char, m.sent.text)
        if span not in evidence:
            evidence.append(span)
    actor = committing_actor(declarations)
    others: list[Actor] = []
    for a in [*(d.actor for d in declarations), *counterparts]:
        key = party_of(a)
        if actor is not None and key == party_of(actor):
            continue
        if all(party_of(o) != key for o in others):
            others.append(a)
    scope = Scope(
        categories=tuple(sorted(c.categories)),
        domains=tuple(sorted(c.domains)),
        places=tuple(sorted(c.places)),
        full=c.full
        or (c.kind in ("ceasefire", "truce") and not (c.categories or c.domains or c.limited)),
    )
    start = _start_date(declarations)
    end = _end_date(start, c.duration_days)
    parties = parties_key([*(d.actor for d in declarations), *counterparts])
    first = evidence[0] if evidence else None
    cid = content_id(
        document.id,
        c.kind,
        ",".join(parties),
        ",".join(scope.categories + scope.domains + scope.places),
        str(c.duration_days or ""),
        str(first.start if first else ""),
    )
    confidence = 0.4 + 0.15 * min(len(declarations), 2) + (0.1 if scope != Scope() else 0.0)
    return Commitment(
        id=cid,
        kind=c.kind,
        actor=actor,
        counterparts=tuple(others),
        status=overall_status(declarations),
        scope=scope,
        duration_days=c.duration_days,
        start=start,
        end=end,
        conditions=tuple(conditions),
        declarations=tuple(declarations),
        evidence=tuple(evidence),
        confidence=round(min(confidence, 0.9), 2),
    )


def _start_date(declarations: list[Declaration]) -> DateRange | None:
    dates = [
        d.date
        for d in declarations
        if d.status in ("agreed", "ordered", "in_force") and d.date is not None and d.date.start
    ]
    return min(dates, key=lambda r: r.start or "") if dates else None


def _end_date(start: DateRange | None, duration: int | None) -> DateRange | None:
    if start is None or not start.start or not duration:
        return None
    try:
        day = dt.date.fromisoformat(start.start[:10]) + dt.timedelta(days=duration)
    except ValueError:
        return None
    return DateRange(day.isoformat(), day.isoformat(), start.precision, None)
