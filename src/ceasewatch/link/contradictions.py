"""Contradictions and disputes across documents, by rules over the extracted records.

Kinds:

- ``denial``: a claim whose polarity is ``denies`` ("we did not discuss aid") against another
  party's claim asserting the same specific topic as a fact (not inside a negation, a
  condition, a demand or a possibility: "Germany will not join strikes over chemical weapons"
  asserts nothing), or another party's commitment condition mentioning it ("tied the truce to an
  end of military aid"). Sharing a topic is not enough: the two must also share an entity or
  event (``_linked``): the same ``about`` record, a named entity in the denial and in the
  clause of the other statement that carries the topic (not a name elsewhere in a long
  statement), the denial naming the other party, the denied word, or both documents reporting
  the same merged commitment. "Did not respond to a request for comment" denies nothing. They
  must also be close in time: published within ``DENIAL_DAYS``, or within ``MAX_DAYS_APART`` for
  reports of one merged commitment.
- ``condition``: parties' readouts of the same (merged) commitment differ: one party attaches a
  condition, another party's declaration carries none.
- ``scope``: two documents describe the same merged commitment with different scope terms
  ("energy and infrastructure" vs "energy").
- ``number``: two documents report the same event (same day, same place, same type, compatible
  actor) with counts that do not overlap (45 vs 57 drones, 3 vs 9 killed). The places must be
  resolved at the same precision and finer than a region (two events "in Syria" or one "in
  Damascus" and one "near Damascus" are not one event), and the date spans comparable (a
  one-day shelling is not a toll "over the last few weeks").
- ``unsupported``: a claim asserting a topic while a sentence of some document reports no evidence
  for that topic ("no evidence of encirclements"); ``b`` is the claim that says so when the claims
  extractor found one, else ``None`` and the sentence is the evidence. One finding per claim and
  disputing document: several such sentences of one document are all its evidence. The
  sentence must name the proposition: the topic as the object of the missing evidence ("no
  sign of the withdrawal"), or a name or content word the claim shares after the cue. A caveat
  about reports ("could not verify the reports of casualties on its own") disputes no specific
  claim.

Topics come from a small lexicon (``TOPICS``); claims are compared only when their documents lie
within ``MAX_DAYS_APART`` of each other (where dates are known).
"""

from __future__ import annotations

import bisect
import dataclasses
import datetime as dt
import logging
import re
from collections.abc import Iterator, Sequence
from functools import lru_cache
from heapq import merge

from ceasewatch.link.commitments import MergedCommitment, group_commitments
from ceasewatch.model import (
    Claim,
    Commitment,
    Contradiction,
    CountRange,
    Declaration,
    DocumentResult,
    Event,
    Span,
    content_id,
    parse_day,
)
from ceasewatch.resolve.actors import party_of, target_category

log = logging.getLogger(__name__)

MAX_DAYS_APART = 14
DENIAL_DAYS = 1
"""A denial and the statement it denies are published at most this many days apart."""
TOPICS: dict[str, re.Pattern[str]] = {
    name: re.compile(pattern, re.I)
    for name, pattern in {
        "aid": r"\b(?:aid|assistance|(?:military|weapons?|arms|intelligence) "
        r"(?:support|supplies|supply|deliveries|shipments|help))\b",
        "weapons": r"\b(?:weapons?|arms|munitions?|missiles? supplies)\b",
        "encirclement": r"\b(?:encircl\w*|surround\w*|cauldron|trapped|cut off)\b",
        "ceasefire": r"\b(?:cease-?fires?|truces?|moratorium|armistice)\b",
        "energy": r"\b(?:energy|power (?:plants?|grid|stations?)|electricity|refiner\w*)\b",
        "prisoners": r"\b(?:prisoners?|POWs?|captives?|hostages?)\b",
        "withdrawal": r"\b(?:withdr[ae]w\w*|pull(?:ed|ing)? (?:out|back)|retreat\w*)\b",
        "sanctions": r"\b(?:sanctions?|embargo\w*)\b",
        "casualties": r"\b(?:killed|dead|deaths?|casualt\w+|wounded|injured)\b",
        "strikes": r"\b(?:air ?strikes?|airstrikes?|air raids?|(?:drone|missile|rocket) "
        r"(?:strikes?|attacks?)|bomb(?:s|ed|ing|ings)|shell(?:s|ed|ing)|warplanes?)\b",
        "capture": r"\b(?:captur\w*|seiz(?:e|ed|es|ing)|(?:took|taken|take|taking) control|"
        r"changed hands|fell to|overr[au]n)\b",
    }.items()
}
NEGATION = re.compile(
    r"\b(?:didn'?t|did not|don'?t|do not|never|not at all|no one|nothing|"
    r"has not|have not|hasn'?t|haven'?t|no)\b|n['’]t\b",
    re.I,
)
DENIAL_CUES = {"deny", "denied", "denies", "denying", "dismiss", "dismissed", "reject", "rejected"}
NEGATED_WORD = re.compile(r"\b(?:not|never|no longer|nor)\b|n['’]t\b", re.I)
NEGATION_FILLER = {
    "be", "been", "being", "is", "was", "have", "has", "had", "yet", "ever", "even", "really",
    "actually", "at", "all", "in", "fact", "so", "to", "do", "did", "does", "a", "an", "the",
    "any", "he", "she", "it", "they", "we", "i", "you", "there",
}  # fmt: skip
HEDGES = {"only", "just", "simply", "merely", "necessarily", "exactly", "quite", "entirely"}
NOT_DENIALS = {
    "need", "want", "bluff", "joke", "kid", "know", "see", "seen", "think", "believe", "expect",
    "care", "mind", "hesit", "afrai", "sure", "clear", "certa", "rule", "exclu", "known", "doubt",
    "intend", "plan", "wish", "like", "allow", "let", "forget", "worry", "fear", "stop",
    "respo", "comme", "reply", "repli", "answe", "avail", "immed",
}  # fmt: skip
"""Stems of words whose negation is no denial of an event ("not bluffing", "don't need")."""
TALK_WORDS = {"discu", "talk", "raise", "menti", "ask", "demand", "agree", "negot", "bring"}
"""Stems of talk verbs: "did not discuss aid" denies another party's condition on aid."""
NO_EVIDENCE = re.compile(
    r"\b(?:no (?:evidence|sign|signs|proof|confirmation|indication)|"
    r"(?:could|can) ?not (?:be )?(?:independently )?(?:verif\w*|confirm\w*)|"
    r"not (?:been )?(?:independently )?(?:verified|confirmed)|unverified|unsubstantiated|"
    r"baseless|without evidence|false claims?)\b",
    re.I,
)
NOT_ASSERTED = re.compile(
    r"\b(?:not|no|never|without|nor|if|unless|whether|would|could|might|may|should|must|"
    r"conditions?|demand\w*|refus\w*|calls? for|urg\w*|hop\w*|want\w*|plans? to)\b|n['’]t\b",
    re.I,
)
"""In a clause, words that keep it from reporting its topic as a fact (a demand, a condition,
a refusal, a negation): "the condition for talks is a withdrawal" asserts no withdrawal."""
DEMAND_CUES = re.compile(r"\b(?:demand|urg|call|insist|ask|want|propos|hop|warn)\w*", re.I)
CLAUSE_RE = re.compile(r"[^.!?;—–]+")
# too common in this domain to pair two statements on their own
GENERIC_TOPICS = {"ceasefire", "casualties"}
WEAK_TOPICS = frozenset({"strikes", "capture"})
"""Topics said of many events a day: a shared predicate ("shelled") does not tie two reports."""
SENTENCE_RE = re.compile(r"[^.!?]+(?:[.!?]+[\"”’]?|$)")
CACHE_SIZE = 1 << 15
"""Texts whose topics, names and content words are kept between comparisons."""


def find_contradictions(results: Sequence[DocumentResult]) -> list[Contradiction]:
    """Denials, differing conditions, scopes and numbers, and unsupported claims."""
    groups = group_commitments(results)
    found: list[Contradiction] = []
    found.extend(_denials(results, groups))
    found.extend(_conditions(groups))
    found.extend(_scopes(groups))
    found.extend(_numbers(results))
    found.extend(_unsupported(results))
    unique: dict[str, Contradiction] = {}
    for c in found:
        unique.setdefault(c.id, c)
    log.debug("%d contradictions", len(unique))
    return list(unique.values())


def mark_disputed(
    results: Sequence[DocumentResult], contradictions: Sequence[Contradiction]
) -> list[DocumentResult]:
    """Copies of ``results`` with claims on the ``a`` side of a denial/unsupported set disputed."""
    disputed = disputed_claim_ids(contradictions)
    out = []
    for r in results:
        claims = tuple(
            dataclasses.replace(c, disputed=True) if c.id in disputed else c for c in r.claims
        )
        out.append(dataclasses.replace(r, claims=claims))
    return out


def disputed_claim_ids(contradictions: Sequence[Contradiction]) -> set[str]:
    """Ids on the disputed side of denials and unsupported-claim findings."""
    return {c.a for c in contradictions if c.kind in ("unsupported", "denial")}


def topics_of(text: str) -> set[str]:
    return set(_topics(text))


@lru_cache(maxsize=CACHE_SIZE)
def _topics(text: str) -> frozenset[str]:
    return frozenset(name for name, pattern in TOPICS.items() if pattern.search(text))


# --- helpers --------------------------------------------------------------------------------


def _party(claim: Claim) -> str | None:
    """The speaker's side (:func:`~ceasewatch.resolve.actors.party_of`: the army and the RSF
    can contradict each other)."""
    return party_of(claim.speaker) if claim.speaker is not None else None


def _denies(claim: Claim) -> bool:
    if claim.polarity == "denies":
        return True
    if claim.cue and claim.cue.lower() in DENIAL_CUES:
        return True
    return bool(NEGATION.search(claim.text))


def _stem(word: str) -> str:
    word = word.lower().strip("'’-")
    for suffix in ("ing", "ed", "es", "s"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            word = word[: -len(suffix)]
            break
    return word[:5]


@lru_cache(maxsize=CACHE_SIZE)
def _negated_stems(text: str) -> tuple[str, ...]:
    """Stems of the words each negation in ``text`` applies to ("" for a hedge: "not only")."""
    found = []
    for match in NEGATED_WORD.finditer(text):
        rest = text[match.end() :]
        for word in re.findall(r"[A-Za-z][\w'’-]*", rest)[:5]:
            low = word.lower()
            if low in NEGATION_FILLER:
                continue
            found.append("" if low in HEDGES else _stem(low))
            break
    return tuple(found)


def _real_denial(claim: Claim) -> bool:
    """Does the denial deny an event or statement, not its speaker's need, knowledge or bluff?

    An explicit cue ("denied", "dismissed") always denies. Otherwise at least one negation must
    apply to a word other than an attitude ("don't need", "not bluffing", "not known whether",
    "have not seen") or a hedge ("not simply", "not only").
    """
    if _explicit(claim):
        return True
    stems = _negated_stems(claim.text) + _negated_stems(claim.cue or "")
    if not stems:
        return True  # the claims extractor's own reading (a "No" answer, a denial verb)
    return any(stem and stem not in NOT_DENIALS for stem in stems)


def _explicit(claim: Claim) -> bool:
    """An explicit denial cue ("denied", "dismissed")."""
    words = (claim.cue or "").lower().split()
    return bool(words) and words[-1] in DENIAL_CUES


def _predicate_shared(denial: Claim, text: str) -> bool:
    """The denied word (or its stem) is in the other text: the two speak of one proposition."""
    stems = {s for s in (*_negated_stems(denial.text), *_negated_stems(denial.cue or "")) if s}
    words = {_stem(w) for w in re.findall(r"[A-Za-z]+", text)}
    return bool(stems & words)


def _denies_talk(denial: Claim) -> bool:
    """ "we did not discuss aid", "denied discussing aid": a denial that a topic came up."""
    stems = {s for s in (*_negated_stems(denial.text), *_negated_stems(denial.cue or "")) if s}
    if _explicit(denial):
        stems |= {_stem(w) for w in re.findall(r"[A-Za-z]+", denial.text)[:2]}
    return bool(stems & TALK_WORDS)


ACT_WORDS = {
    "carry", "condu", "launc", "attac", "strik", "shell", "bomb", "fir", "fire", "targe",
    "hit", "hitt", "kill", "shoot", "use", "using", "order",
}  # fmt: skip
"""Stems of acts of war: "denied carrying out strikes" denies an act, not a demand in talks."""


def _denies_act(denial: Claim) -> bool:
    """The denial's first words are an act of war ("carrying out", "launching", "targeting")."""
    words = re.findall(r"[A-Za-z]+", denial.text)[:3]
    stems = {s for s in _negated_stems(denial.text) if s} | {_stem(w) for w in words[:1]}
    return bool(stems & ACT_WORDS)


@lru_cache(maxsize=CACHE_SIZE)
def _asserted_topics(text: str) -> frozenset[str]:
    """Topics of the clauses of ``text`` that report them as facts (see ``NOT_ASSERTED``)."""
    found: set[str] = set()
    for clause in CLAUSE_RE.findall(text):
        topics = _topics(clause)
        if topics and not NOT_ASSERTED.search(clause):
            found |= topics
    return frozenset(found)


def _published(r: DocumentResult) -> dt.date | None:
    return _day(r.document.published)


def _near(a: DocumentResult, b: DocumentResult) -> bool:
    da, db = _published(a), _published(b)
    return da is None or db is None or abs((da - db).days) <= MAX_DAYS_APART


def _claims(results: Sequence[DocumentResult]) -> Iterator[tuple[DocumentResult, Claim]]:
    for r in results:
        for c in r.claims:
            yield r, c


def _claim_evidence(claim: Claim) -> tuple[Span, ...]:
    if claim.content_span is not None:
        return (claim.content_span,)
    return claim.evidence[:1]


def _make(kind: str, a: str, b: str | None, explanation: str, evidence: tuple[Span, ...],
          confidence: float, *, where: str = "") -> Contradiction:  # fmt: skip
    """``where`` tells apart findings with no ``b`` (the disputing document's id)."""
    return Contradiction(
        id=content_id("contradiction", kind, a, b or "", *([where] if b is None and where else [])),
        kind=kind,
        a=a,
        b=b,
        explanation=explanation,
        evidence=evidence,
        confidence=confidence,
    )


def _short(text: str, limit: int = 80) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


# --- denial ---------------------------------------------------------------------------------


Together = dict[str, frozenset[int]]  # document id -> the merged commitments it reports


def _denials(
    results: Sequence[DocumentResult], groups: Sequence[MergedCommitment]
) -> list[Contradiction]:
    """Each denial is compared only with claims on its topics published near it (``_ByDay``)."""
    out: list[Contradiction] = []
    claims = list(_claims(results))
    together = _shared_commitment_docs(groups)
    denying = [_denies(c) for _, c in claims]
    asserting = _ByDay()
    for number, (r, c) in enumerate(claims):
        if not denying[number]:
            asserting.add(number, r, _topics(c.text))
    documents = _ByDay()
    for number, r in enumerate(results):
        documents.add(number, r, frozenset({""}))
    for ra, claim in claims:
        if claim.polarity != "denies" or not _real_denial(claim):
            continue
        topics = _topics(claim.text) - GENERIC_TOPICS
        if not topics:
            continue
        speaker = _party(claim)
        for number in asserting.near(ra, topics, MAX_DAYS_APART):
            rb, other = claims[number]
            if other.id == claim.id or denying[number]:
                continue
            if not _denial_close(ra, rb, together):
                continue
            if speaker is not None and _party(other) == speaker:
                continue
            shared = topics & _asserted_topics(other.text)
            same_doc = ra.document.id == rb.document.id
            weak = shared <= WEAK_TOPICS  # "shelled", "captured": said of many events a day
            if shared and (
                _same_commitment(ra, rb, together)
                or _linked(
                    claim,
                    other.text,
                    _party(other),
                    other.about,
                    same_doc=same_doc,
                    predicate=not weak,
                )
                or (weak and _speaker_is_agent(claim, other.text, shared))
            ):
                topic = sorted(shared)[0]
                out.append(
                    _make(
                        "denial", claim.id, other.id,
                        f"{speaker or 'a speaker'} denies {topic} "
                        f"(\"{_short(claim.text)}\") while {_party(other) or 'another speaker'} "
                        f"asserts it (\"{_short(_topic_clause(other.text, topic))}\")",
                        (*_claim_evidence(claim), *_claim_evidence(other)), 0.6,
                    )
                )  # fmt: skip
        for number in documents.near(ra, frozenset({""}), MAX_DAYS_APART):
            rb = results[number]
            if not _denial_close(ra, rb, together):
                continue
            for commitment in rb.commitments:
                for cond in commitment.conditions:
                    if speaker is not None and cond.party == speaker:
                        continue
                    shared = topics & _topics(cond.text)
                    if not shared:
                        continue
                    if not (_explicit(claim) or _denies_talk(claim)):
                        continue  # a condition is a demand raised in talks: deny that
                    if _denies_act(claim) and not _denies_talk(claim):
                        continue  # "denied carrying out air strikes" denies an act, not a term
                    if not (
                        claim.about == commitment.id
                        or _same_commitment(ra, rb, together)
                        or _linked(
                            claim,
                            cond.text,
                            cond.party,
                            None,
                            same_doc=ra.document.id == rb.document.id,
                        )
                    ):
                        continue
                    topic = sorted(shared)[0]
                    out.append(
                        _make(
                            "denial", claim.id, commitment.id,
                            f"{speaker or 'a speaker'} denies {topic} (\"{_short(claim.text)}\") "
                            f"while {cond.party or 'another party'} ties the {commitment.kind} "
                            f"to it (\"{_short(cond.text)}\")",
                            (*_claim_evidence(claim), *cond.evidence), 0.6,
                        )
                    )  # fmt: skip
        out.extend(_denied_events(claim, ra, documents, results, together))
    return out


def _denied_events(
    claim: Claim,
    ra: DocumentResult,
    documents: _ByDay,
    results: Sequence[DocumentResult],
    together: Together,
) -> Iterator[Contradiction]:
    """An explicit denial of striking a kind of target ("denied targeting energy facilities")
    against a reported attack by the denier's side on that kind of target, near in time, that
    someone else reports."""
    speaker = claim.speaker
    party = party_of(speaker) if speaker is not None and speaker.country else None
    if speaker is None or party is None or not _explicit(claim):
        return
    category = target_category(claim.text)
    if category is None:
        return
    for number in documents.near(ra, frozenset({""}), MAX_DAYS_APART):
        rb = results[number]
        if not _denial_close(ra, rb, together):
            continue
        for event in rb.events:
            if event.type not in ("ASSAULT", "FIGHT") or event.status == "denied":
                continue
            if event.actor is None or party_of(event.actor) != party:
                continue
            if event.target is None or event.target.category != category:
                continue
            if event.reported_by and _country(event.reported_by) == speaker.country:
                continue  # the denier's own side reporting it is no contradiction of this kind
            reporter = event.reported_by or "a report"
            evidence = event.evidence[0].text if event.evidence else ""
            yield _make(
                "denial", claim.id, event.id,
                f"{party} denies striking {category} targets (\"{_short(claim.text)}\") while "
                f"{reporter} reports {_article(category)} {category} target hit "
                f"(\"{_short(evidence)}\")",
                (*_claim_evidence(claim), *event.evidence[:1]), 0.55,
            )  # fmt: skip


class _ByDay:
    """Numbered items by document, and by topic and publication day, to find near ones fast."""

    def __init__(self) -> None:
        self.by_document: dict[str, list[int]] = {}
        self.by_day: dict[tuple[str, int], list[int]] = {}
        self.undated: dict[str, list[int]] = {}  # by topic
        self.every: dict[str, list[int]] = {}  # by topic

    def add(self, number: int, r: DocumentResult, topics: frozenset[str]) -> None:
        self.by_document.setdefault(r.document.id, []).append(number)
        day = _published(r)
        for topic in topics:
            self.every.setdefault(topic, []).append(number)
            if day is None:
                self.undated.setdefault(topic, []).append(number)
            else:
                self.by_day.setdefault((topic, day.toordinal()), []).append(number)

    def near(
        self, r: DocumentResult, topics: frozenset[str], days: int, *, undated: bool = False
    ) -> list[int]:
        """Items of ``r``'s document, and items on ``topics`` published within ``days`` of it.

        With ``undated``, items without a date are near everything, and an undated ``r`` is
        near every item on its topics.
        """
        found = set(self.by_document.get(r.document.id, ()))
        day = _published(r)
        for topic in topics:
            if day is None:
                if undated:
                    found.update(self.every.get(topic, ()))
                continue
            if undated:
                found.update(self.undated.get(topic, ()))
            ordinal = day.toordinal()
            for other in range(ordinal - days, ordinal + days + 1):
                found.update(self.by_day.get((topic, other), ()))
        return sorted(found)


def _denial_close(ra: DocumentResult, rb: DocumentResult, together: Together) -> bool:
    """Same or adjacent days; up to ``MAX_DAYS_APART`` for reports of one merged commitment."""
    if ra.document.id == rb.document.id:
        return True
    da, db = _published(ra), _published(rb)
    if da is None or db is None:
        return False
    gap = abs((da - db).days)
    if gap <= DENIAL_DAYS:
        return True
    return gap <= MAX_DAYS_APART and _same_commitment(ra, rb, together)


def _same_commitment(ra: DocumentResult, rb: DocumentResult, together: Together) -> bool:
    """Both documents (two different ones) report the same merged commitment."""
    a, b = ra.document.id, rb.document.id
    return a != b and bool(together.get(a, frozenset()) & together.get(b, frozenset()))


def _shared_commitment_docs(groups: Sequence[MergedCommitment]) -> Together:
    """For each document, the numbers of the merged commitments it reports."""
    found: dict[str, set[int]] = {}
    for number, group in enumerate(groups):
        for doc_id in group.sources:
            found.setdefault(doc_id, set()).add(number)
    return {doc_id: frozenset(numbers) for doc_id, numbers in found.items()}


def _linked(
    denial: Claim,
    text: str,
    party: str | None,
    about: str | None,
    *,
    same_doc: bool = False,
    predicate: bool = True,
) -> bool:
    """Do the denial and the other statement share an entity or event beyond the topic?

    Names of the two sides themselves do not count ("Russia" is in half the corpus), except in
    one document, where the denial naming the other party ("did not discuss aid with Putin")
    next to that party's statement on the topic is the article's own juxtaposition.
    """
    if denial.about is not None and denial.about == about:
        return True
    sides = {_party(denial), party} - {None}
    names_a = _names(denial.text)
    names_b = frozenset().union(*(_names(_topic_clause(text, t)) for t in _topics(denial.text)))
    if any(_country(n) not in sides for n in names_a & names_b):
        return True
    if same_doc and party is not None and party in {_country(n) for n in names_a}:
        return True
    return predicate and _predicate_shared(denial, text)


ROLE_WORDS = {
    "ministry", "minister", "office", "spokesman", "spokeswoman", "spokesperson", "official",
    "officials", "government", "president", "forces", "command", "service", "agency",
}  # fmt: skip


def _speaker_is_agent(denial: Claim, text: str, topics: frozenset[str]) -> bool:
    """The denier's own name word stands as the doer in the clause that reports the act: before
    the act ("an army air strike hit a market", against "the army denied air strikes") or after
    "by" ("a strike by the army"); no other country or side is named before the act."""
    if denial.speaker is None:
        return False
    said = denial.speaker_span.text if denial.speaker_span is not None else ""
    words = {
        w
        for w in re.findall(r"[a-z]{4,}", f"{denial.speaker.name} {said}".lower())
        if w not in ROLE_WORDS and _country(w) is None
    }
    side = party_of(denial.speaker)
    for topic in topics:
        clause = _topic_clause(text, topic)
        if {_country(n) for n in _names(clause)} - {None, denial.speaker.country}:
            continue  # another country is named as the one acting
        act = TOPICS[topic].search(clause)
        if act is None:
            continue
        before = clause[: act.start()].lower()
        agent = re.search(r"\bby\b(?:\W+\w+){0,3}", clause[act.end() :].lower())
        doer = before + " " + (agent.group(0) if agent else "")
        if _other_side_named(clause[: act.start()], side):
            continue  # "RSF fighters shelled army positions": the army is the target
        if any(re.search(rf"\b{w}\b", doer) for w in words):
            return True
    return False


def _other_side_named(text: str, side: str) -> bool:
    """A named party of another side in ``text`` ("RSF fighters" for the army's denial)."""
    from ceasewatch.extract.commitments import resolve_actor_text

    for name in _names(text) | frozenset(re.findall(r"\b[A-Z]{2,}\b", text)):
        actor = resolve_actor_text(name)
        if actor is not None and actor.country and party_of(actor) != side:
            return True
    return False


@lru_cache(maxsize=CACHE_SIZE)
def _topic_clause(text: str, topic: str) -> str:
    """The clause of ``text`` that carries ``topic`` ("..., who has used chemical weapons"),
    else the text: a name elsewhere in a long statement does not make it about that name."""
    pattern = TOPICS.get(topic)
    for clause in re.split(r"[,;:.!?—–]\s", text):
        if pattern is not None and pattern.search(clause):
            return clause.strip()
    return text


NAME_RE = re.compile(r"(?<![.!?]\s)(?<!^)\b([A-Z][a-z]+(?:[-\s][A-Z][a-z]+)*)")
NAME_STOP = {"The", "A", "An", "We", "I", "He", "She", "They", "It", "This", "That", "But", "And",
             "In", "On", "No", "Not", "Our", "Their", "His", "Her", "Mr", "Mrs", "Ms", "President",
             "Minister", "Western"}  # fmt: skip


@lru_cache(maxsize=CACHE_SIZE)
def _names(text: str) -> frozenset[str]:
    found = set()
    for match in NAME_RE.finditer(text.strip()):
        name = match.group(1)
        if name.split()[0] in NAME_STOP:
            name = " ".join(name.split()[1:])
        if name and name.lower() not in CALENDAR_NAMES:
            found.add(name.lower())
    return frozenset(found)


CALENDAR_NAMES = {
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january",
    "february", "march", "april", "may", "june", "july", "august", "september", "october",
    "november", "december",
}  # fmt: skip
"""Days and months are no entity two statements share ("on Monday" in both ties nothing)."""


@lru_cache(maxsize=CACHE_SIZE)
def _country(name: str) -> str | None:
    from ceasewatch.extract.commitments import resolve_actor_text

    actor = resolve_actor_text(name)
    return actor.country if actor is not None else None


# --- condition and scope (readouts of one merged commitment) --------------------------------


AGREEING = ("agreed", "accepted", "ordered", "proposed")


def _conditions(groups: Sequence[MergedCommitment]) -> list[Contradiction]:
    out: list[Contradiction] = []
    for group in groups:
        members = [c for _, c in group.members]
        setters = {cond.party for c in members for cond in c.conditions if cond.party}
        # per member, the declarations that can answer a condition (others' agreeing accounts)
        answering = [
            (other, [d for d in other.declarations if _answers(d, setters)]) for other in members
        ]
        answering = [(other, found) for other, found in answering if found]
        for holder_doc, holder in group.members:
            for cond in holder.conditions:
                for other, declarations in answering:
                    for d in declarations:
                        who = party_of(d.actor)
                        if who == cond.party or d.document_id == holder_doc:
                            continue  # one report of a proposal and the answer's condition
                        out.append(
                            _make(
                                "condition", holder.id, other.id,
                                f"{cond.party or 'one party'} ties the {group.commitment.kind} "
                                f"to \"{_short(cond.text)}\"; {who}'s account ({d.status}) "
                                "states no such condition",
                                (*cond.evidence, *d.evidence[:1]), 0.5,
                            )
                        )  # fmt: skip
                        break
    return out


def _answers(d: Declaration, setters: set[str]) -> bool:
    return party_of(d.actor) not in setters and d.status in AGREEING


def _scope_terms(c: Commitment) -> tuple[str, ...]:
    return tuple(sorted({*c.scope.categories, *c.scope.domains}))


def _scopes(groups: Sequence[MergedCommitment]) -> list[Contradiction]:
    """Pairs of a group's members with different scope terms; members grouped by their terms."""
    out: list[Contradiction] = []
    for group in groups:
        members = list(group.members)
        terms = [_scope_terms(c) for _, c in members]
        by_terms: dict[tuple[str, ...], list[int]] = {}
        for j, t in enumerate(terms):
            if t:
                by_terms.setdefault(t, []).append(j)
        if len(by_terms) < 2:
            continue
        for i, (doc_a, a) in enumerate(members):
            terms_a = terms[i]
            if not terms_a:
                continue
            later = [
                numbers[bisect.bisect_right(numbers, i) :]
                for t, numbers in by_terms.items()
                if t != terms_a
            ]
            for j in merge(*later):
                doc_b, b = members[j]
                if doc_a == doc_b:
                    continue
                terms_b = terms[j]
                out.append(
                    _make(
                        "scope", a.id, b.id,
                        f"document {doc_a} gives the {group.commitment.kind} scope "
                        f"{' and '.join(terms_a)}; document {doc_b} gives {' and '.join(terms_b)}",
                        (*a.evidence[:1], *b.evidence[:1]), 0.5,
                    )
                )  # fmt: skip
    return out


# --- numbers --------------------------------------------------------------------------------

COUNT_FIELDS = ("weapons", "killed", "injured", "intercepted", "evacuated")


def _same_event(a: Event, b: Event) -> bool:
    if a.type != b.type and not (
        {a.type, b.type} <= VIOLENT_TYPES and (_same_target(a, b) or _same_target(b, a))
    ):
        return False  # a strike one report calls fighting and another an assault: same target
    if (
        a.type == b.type
        and a.acled_sub_event_type
        and b.acled_sub_event_type
        and a.acled_sub_event_type != b.acled_sub_event_type
        and not (_same_target(a, b) or _same_target(b, a))
    ):
        return False  # a clash and a shelling in one town on one day are two events
    if a.date is None or b.date is None or not a.date.start or not b.date.start:
        return False
    a_end = (a.date.end or a.date.start)[:10]
    b_end = (b.date.end or b.date.start)[:10]
    if a.date.start[:10] > b_end or b.date.start[:10] > a_end:
        return False
    if a.place is None or b.place is None:
        return False
    if a.place.precision != b.place.precision or a.place.precision in COARSE_PLACES:
        return False  # "in Syria" twice, or "in Damascus" vs "near Damascus": not one place
    if not _comparable_spans(a, b):
        return False
    pa, pb = a.place.name.lower(), b.place.name.lower()
    if not (pa == pb or pa in pb or pb in pa):
        return False
    ca = party_of(a.actor) if a.actor and a.actor.country else None
    cb = party_of(b.actor) if b.actor and b.actor.country else None
    if ca and cb and ca != cb:
        return False
    wa, wb = a.counts.weapon, b.counts.weapon
    return not (wa and wb and wa != wb)


VIOLENT_TYPES = {"FIGHT", "ASSAULT"}
GENERIC_TARGET_WORDS = {
    "people", "person", "civilians", "civilian", "residents", "soldiers", "troops", "forces",
    "area", "areas", "city", "town", "village", "region", "positions", "targets", "some",
    "several", "many", "least", "more", "than", "were", "their", "them", "they", "there",
    "villagers", "fighters", "militants", "police", "officers", "members", "children", "women",
}  # fmt: skip


def _same_target(a: Event, b: Event) -> bool:
    """A specific word of ``a``'s target ("market", "hospital") in ``b``'s own sentence, not a
    word of either place's name or a demonym ("40 villagers in El Fasher" names no target
    that "fighting in El Fasher" shares)."""
    if a.target is None:
        return False
    places = " ".join(e.place.name.lower() for e in (a, b) if e.place is not None)
    words = {
        w
        for w in re.findall(r"[a-z]{4,}", a.target.name.lower())
        if w not in GENERIC_TARGET_WORDS and w not in places and _country(w) is None
    }
    text = " ".join(e.text for e in b.evidence).lower()
    return any(re.search(rf"\b{w}s?\b", text) for w in words)


COARSE_PLACES = {"country", "admin1"}
"""Place precisions too wide to tell two reports of one event from two events."""
MAX_SPAN_RATIO = 2
"""Two reports of one event have date spans within this ratio (in days, inclusive)..."""
LOOSE_DAYS = 7
"""... or both within a week: "that week" can date a one-day strike."""


def _comparable_spans(a: Event, b: Event) -> bool:
    """A one-day shelling and a toll "over the last few weeks" are not one event."""
    da, db = _span_days(a), _span_days(b)
    if da is None or db is None:
        return True
    return max(da, db) <= max(LOOSE_DAYS, MAX_SPAN_RATIO * min(da, db))


def _span_days(e: Event) -> int | None:
    if e.date is None or not e.date.start:
        return None
    first, last = _iso(e.date.start[:10]), _iso((e.date.end or e.date.start)[:10])
    if first is None or last is None:
        return None
    return max(1, (last - first).days + 1)


def _disjoint(x: CountRange, y: CountRange) -> bool:
    x_lo, y_lo = x.min or 0, y.min or 0
    x_hi = x.max if x.max is not None else float("inf")
    y_hi = y.max if y.max is not None else float("inf")
    return x_hi < y_lo or y_hi < x_lo


def _show(r: CountRange) -> str:
    if r.min == r.max:
        return str(r.min)
    if r.max is None:
        return f"{r.min}+"
    return f"{r.min}-{r.max}"


def _numbers(results: Sequence[DocumentResult]) -> list[Contradiction]:
    out: list[Contradiction] = []
    events = [(r, e) for r in results for e in r.events]
    for i, j in _event_pairs([e for _, e in events]):
        (ra, a), (rb, b) = events[i], events[j]
        if ra.document.id == rb.document.id or not _same_event(a, b):
            continue
        for name in COUNT_FIELDS:
            x, y = getattr(a.counts, name), getattr(b.counts, name)
            if x is None or y is None or not _disjoint(x, y):
                continue
            unit = (a.counts.weapon or b.counts.weapon or "") if name == "weapons" else name
            place = a.place.name if a.place else "?"
            day = a.date.start[:10] if a.date and a.date.start else "?"
            out.append(
                _make(
                    "number", a.id, b.id,
                    f"{_show(x)} vs {_show(y)} {unit} for the same {a.type.lower()} "
                    f"in {place} on {day}",
                    (*a.evidence[:1], *b.evidence[:1]), 0.6,
                )
            )  # fmt: skip
    return out


MAX_INDEXED_DAYS = 31
"""Events dated by a longer range (or an unreadable date) are paired with every event."""


def _event_pairs(events: Sequence[Event]) -> Iterator[tuple[int, int]]:
    """``(i, j)``, ``i < j`` in order, for events of one type (:func:`_family`) that may share a
    day and counts.

    A superset of the pairs ``_same_event`` accepts: events with a short ISO date range are
    found through the days they cover; the others are paired with every event of their type.
    """
    by_day: dict[tuple[str, int], list[int]] = {}
    loose: dict[str, list[int]] = {}
    every: dict[str, list[int]] = {}
    days: dict[int, range] = {}
    for i, e in enumerate(events):
        if e.place is None or e.date is None or not e.date.start:
            continue
        if not any(getattr(e.counts, name) is not None for name in COUNT_FIELDS):
            continue
        every.setdefault(_family(e.type), []).append(i)
        first = _iso(e.date.start[:10])
        last = _iso((e.date.end or e.date.start)[:10])
        if first is None or last is None or not 0 <= (last - first).days <= MAX_INDEXED_DAYS:
            loose.setdefault(_family(e.type), []).append(i)
            continue
        days[i] = range(first.toordinal(), last.toordinal() + 1)
        for day in days[i]:
            by_day.setdefault((_family(e.type), day), []).append(i)
    for i, e in enumerate(events):
        if i not in days:
            found = set(every.get(_family(e.type), ()))
        else:
            found = set(loose.get(_family(e.type), ()))
            for day in days[i]:
                found.update(by_day.get((_family(e.type), day), ()))
        yield from ((i, j) for j in sorted(found) if j > i)


def _family(kind: str) -> str:
    """FIGHT and ASSAULT are one family: reports code one strike either way."""
    return "violent" if kind in VIOLENT_TYPES else kind


# --- unsupported ----------------------------------------------------------------------------


def _sentences(text: str) -> Iterator[Span]:
    for match in SENTENCE_RE.finditer(text):
        raw = match.group(0)
        stripped = raw.strip()
        if not stripped:
            continue
        start = match.start() + raw.index(stripped)
        yield Span(start, start + len(stripped), stripped)


def _inside(span: Span, claim: Claim) -> bool:
    spans = [s for s in (claim.content_span, *claim.evidence) if s is not None]
    return any(s.start < span.end and span.start < s.end for s in spans)


def _unsupported(results: Sequence[DocumentResult]) -> list[Contradiction]:
    denials: list[tuple[DocumentResult, Span, frozenset[str]]] = []
    for r in results:
        for sent in _sentences(r.document.text):
            if NO_EVIDENCE.search(sent.text):
                topics = frozenset(
                    t for t in _topics(sent.text) - {"ceasefire"} if not _caveat(sent.text, t)
                )
                if topics:
                    denials.append((r, sent, topics))
    index = _ByDay()
    for number, (r, _, topics) in enumerate(denials):
        index.add(number, r, topics)
    out: list[Contradiction] = []
    for ra, claim in _claims(results):
        if _denies(claim) or (claim.cue and DEMAND_CUES.search(claim.cue)):
            continue
        topics = _asserted_topics(claim.text)
        if not topics:
            continue
        # one finding per (claim, disputing document), with every sentence of it as evidence
        per_document: dict[str, list[tuple[DocumentResult, Span, Claim | None, str]]] = {}
        for number in index.near(ra, topics, MAX_DAYS_APART, undated=True):
            rb, sent, sent_topics = denials[number]
            if not _near(ra, rb):
                continue
            if ra.document.id == rb.document.id and _inside(sent, claim):
                continue
            shared = frozenset(t for t in topics & sent_topics if _names_it(sent.text, claim, t))
            if not shared:
                continue
            other = next(
                (
                    c
                    for c in rb.claims
                    if c.id != claim.id and _inside(sent, c) and _party(c) != _party(claim)
                ),
                None,
            )
            topic = sorted(shared)[0]
            per_document.setdefault(rb.document.id, []).append((rb, sent, other, topic))
        for found in per_document.values():
            rb, sent, other, topic = found[0]
            other = other or next((o for _, _, o, _ in found if o is not None), None)
            sentences = list(dict.fromkeys(s for _, s, _, _ in found))
            quoted = "; ".join(f'"{_short(s.text)}"' for s in sentences)
            out.append(
                _make(
                    "unsupported", claim.id, other.id if other else None,
                    f"claim on {topic} (\"{_short(claim.text)}\") is disputed: document "
                    f"{rb.document.id} reports no evidence ({quoted})",
                    (*_claim_evidence(claim), *sentences), 0.6, where=rb.document.id,
                )
            )  # fmt: skip
    return out


REPORT_NOUNS = (
    r"(?:reports?|claims?|figures?|numbers?|tolls?|counts?|accounts?|information|details|"
    r"allegations?|footage|videos?|images?|photos?|data|statistics)"
)
DIRECT_OBJECT = re.compile(
    r"\b(?:evidence|signs?|proof|confirmation|indications?)\s+(?:of|that|for)\s+"
    r"(?:(?:the|a|an|any|such|its|their)\s+)?(?:[\w'’-]+\s+){0,3}$",
    re.I,
)
CONTENT_STOP = {
    "there", "their", "these", "those", "which", "where", "while", "would", "could", "should",
    "about", "after", "before", "since", "being", "other", "another", "people", "report",
    "reports", "reported", "independently", "verify", "verified", "confirm", "confirmed",
    "evidence", "said", "says", "according", "however", "still", "already", "because", "during",
    "inability", "access", "areas", "known", "think", "believe",
}  # fmt: skip


def _caveat(text: str, topic: str) -> bool:
    """Is every mention of ``topic`` a qualifier of reports ("the casualty reports", "reports of
    deaths")? Then the sentence is a caveat about reporting, not the denial of a claim."""
    pattern = TOPICS[topic]
    matches = list(pattern.finditer(text))
    if not matches:
        return False
    for match in matches:
        after = text[match.end() :]
        before = text[: match.start()]
        if re.match(rf"\s+(?:[a-z]+\s+)?{REPORT_NOUNS}\b", after, re.I):
            continue
        if re.search(rf"\b{REPORT_NOUNS}\s+(?:of|on|about)\s+(?:the\s+)?$", before, re.I):
            continue
        return False
    return True


def _names_it(sentence: str, claim: Claim, topic: str) -> bool:
    """Does the no-evidence sentence name the claim's proposition, not just its topic?

    Either the topic is the very thing no evidence was found of ("no evidence of mass troop
    encirclements", "no signs of the withdrawal"), or the part after the cue shares a name (not
    a country or people) or a content word with the claim ("they believe she is dead" shares
    nothing with another man's death).
    """
    cue = NO_EVIDENCE.search(sentence)
    if cue is None:
        return False
    pattern = TOPICS[topic]
    for match in pattern.finditer(sentence):
        if match.start() >= cue.start() and DIRECT_OBJECT.search(sentence[: match.start()]):
            return True
    rest = sentence[cue.end() :]
    if any(_country(n) is None for n in _names(rest) & _names(claim.text)):
        return True
    return bool(_content_words(rest) & _content_words(claim.text))


@lru_cache(maxsize=CACHE_SIZE)
def _content_words(text: str) -> frozenset[str]:
    """Stems of longer lower-case words that are not topic, report or function words."""
    words = re.findall(r"\b[a-z][a-z'’-]{4,}\b", text)
    return frozenset(
        _stem(w)
        for w in words
        if w not in CONTENT_STOP and not _topics(w) and not NEGATION.match(w)
    )


_day = lru_cache(maxsize=CACHE_SIZE)(parse_day)


def _iso(day: str) -> dt.date | None:
    return parse_day(day, exact=True)


def _article(word: str) -> str:
    return "an" if word[:1].lower() in "aeiou" else "a"
