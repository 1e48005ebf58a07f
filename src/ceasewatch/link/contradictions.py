"""Contradictions and disputes across documents, by rules over the extracted records.

Kinds:

- ``denial``: a claim whose polarity is ``denies`` ("we did not discuss aid") against another
  party's claim asserting the same specific topic, or another party's commitment condition
  mentioning it ("tied the truce to an end of military aid"). Sharing a topic is not enough: the
  two must also share an entity or event (``_linked``): the same ``about`` record, a named entity
  in both texts, the denial naming the other party, a content word beyond the topic words, or
  both documents reporting the same merged commitment. They must also be close in time:
  published within ``DENIAL_DAYS``, or within ``MAX_DAYS_APART`` for reports of one merged
  commitment.
- ``condition``: parties' readouts of the same (merged) commitment differ: one party attaches a
  condition, another party's declaration carries none.
- ``scope``: two documents describe the same merged commitment with different scope terms
  ("energy and infrastructure" vs "energy").
- ``number``: two documents report the same event (same day, same place, same type, compatible
  actor) with counts that do not overlap (45 vs 57 drones, 3 vs 9 killed).
- ``unsupported``: a claim asserting a topic while a sentence of some document reports no evidence
  for that topic ("no evidence of encirclements"); ``b`` is the claim that says so when the claims
  extractor found one, else ``None`` and the sentence is the evidence.

Topics come from a small lexicon (``TOPICS``); claims are compared only when their documents lie
within ``MAX_DAYS_APART`` of each other (where dates are known).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging
import re
from collections.abc import Iterator, Sequence

from ceasewatch.link.commitments import group_commitments
from ceasewatch.model import (
    Claim,
    Commitment,
    Contradiction,
    CountRange,
    DocumentResult,
    Event,
    Span,
    content_id,
)

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
    }.items()
}
NEGATION = re.compile(
    r"\b(?:didn'?t|did not|don'?t|do not|never|not at all|no one|nothing|"
    r"has not|have not|hasn'?t|haven'?t|no)\b|n['’]t\b",
    re.I,
)
DENIAL_CUES = {"deny", "denied", "denies", "denying", "dismiss", "dismissed", "reject", "rejected"}
NO_EVIDENCE = re.compile(
    r"\b(?:no (?:evidence|sign|signs|proof|confirmation|indication)|"
    r"(?:could|can) ?not (?:be )?(?:independently )?(?:verif\w*|confirm\w*)|"
    r"not (?:been )?(?:independently )?(?:verified|confirmed)|unverified|unsubstantiated|"
    r"baseless|without evidence|false claims?)\b",
    re.I,
)
# too common in this domain to pair two statements on their own
GENERIC_TOPICS = {"ceasefire", "casualties"}
SENTENCE_RE = re.compile(r"[^.!?]+(?:[.!?]+[\"”’]?|$)")


def find_contradictions(results: Sequence[DocumentResult]) -> list[Contradiction]:
    """Denials, differing conditions, scopes and numbers, and unsupported claims."""
    found: list[Contradiction] = []
    found.extend(_denials(results))
    found.extend(_conditions(results))
    found.extend(_scopes(results))
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
    return {name for name, pattern in TOPICS.items() if pattern.search(text)}


# --- helpers --------------------------------------------------------------------------------


def _party(claim: Claim) -> str | None:
    if claim.speaker is None:
        return None
    return claim.speaker.country or claim.speaker.name


def _denies(claim: Claim) -> bool:
    if claim.polarity == "denies":
        return True
    if claim.cue and claim.cue.lower() in DENIAL_CUES:
        return True
    return bool(NEGATION.search(claim.text))


def _published(r: DocumentResult) -> dt.date | None:
    if not r.document.published:
        return None
    try:
        return dt.date.fromisoformat(r.document.published[:10])
    except ValueError:
        return None


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
          confidence: float) -> Contradiction:  # fmt: skip
    return Contradiction(
        id=content_id("contradiction", kind, a, b or ""),
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


def _denials(results: Sequence[DocumentResult]) -> list[Contradiction]:
    out: list[Contradiction] = []
    claims = list(_claims(results))
    together = _shared_commitment_docs(results)
    for ra, claim in claims:
        if claim.polarity != "denies":
            continue
        topics = topics_of(claim.text) - GENERIC_TOPICS
        if not topics:
            continue
        speaker = _party(claim)
        for rb, other in claims:
            if other.id == claim.id or _denies(other):
                continue
            if not _denial_close(ra, rb, together):
                continue
            if speaker is not None and _party(other) == speaker:
                continue
            shared = topics & topics_of(other.text)
            same_doc = ra.document.id == rb.document.id
            if shared and (
                _same_commitment(ra, rb, together)
                or _linked(claim, other.text, _party(other), other.about, same_doc=same_doc)
            ):
                topic = sorted(shared)[0]
                out.append(
                    _make(
                        "denial", claim.id, other.id,
                        f"{speaker or 'a speaker'} denies {topic} "
                        f"(\"{_short(claim.text)}\") while {_party(other) or 'another speaker'} "
                        f"asserts it (\"{_short(other.text)}\")",
                        (*_claim_evidence(claim), *_claim_evidence(other)), 0.6,
                    )
                )  # fmt: skip
        for rb in results:
            if not _denial_close(ra, rb, together):
                continue
            for commitment in rb.commitments:
                for cond in commitment.conditions:
                    if speaker is not None and cond.party == speaker:
                        continue
                    shared = topics & topics_of(cond.text)
                    if not shared:
                        continue
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
    return out


def _denial_close(ra: DocumentResult, rb: DocumentResult, together: set[frozenset[str]]) -> bool:
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


def _same_commitment(ra: DocumentResult, rb: DocumentResult, together: set[frozenset[str]]) -> bool:
    """Both documents (two different ones) report the same merged commitment."""
    return frozenset((ra.document.id, rb.document.id)) in together


def _shared_commitment_docs(results: Sequence[DocumentResult]) -> set[frozenset[str]]:
    """Pairs of documents that report the same merged commitment."""
    pairs: set[frozenset[str]] = set()
    for group in group_commitments(results):
        sources = group.sources
        for i, a in enumerate(sources):
            for b in sources[i + 1 :]:
                pairs.add(frozenset((a, b)))
    return pairs


def _linked(
    denial: Claim, text: str, party: str | None, about: str | None, *, same_doc: bool = False
) -> bool:
    """Do the denial and the other statement share an entity or event beyond the topic?

    Names of the two sides themselves do not count ("Russia" is in half the corpus), except in
    one document, where the denial naming the other party ("did not discuss aid with Putin")
    next to that party's statement on the topic is the article's own juxtaposition.
    """
    if denial.about is not None and denial.about == about:
        return True
    sides = {_party(denial), party} - {None}
    names_a, names_b = _names(denial.text), _names(text)
    if any(_country(n) not in sides for n in names_a & names_b):
        return True
    if same_doc and party is not None and party in {_country(n) for n in names_a}:
        return True
    return bool(_content_stems(denial.text) & _content_stems(text))


NAME_RE = re.compile(r"(?<![.!?]\s)(?<!^)\b([A-Z][a-z]+(?:[-\s][A-Z][a-z]+)*)")
NAME_STOP = {"The", "A", "An", "We", "I", "He", "She", "They", "It", "This", "That", "But", "And",
             "In", "On", "No", "Not", "Our", "Their", "His", "Her", "Mr", "Mrs", "Ms", "President",
             "Minister", "Western"}  # fmt: skip
STOPWORDS = {
    "about", "after", "again", "against", "their", "there", "these", "those", "which", "while",
    "would", "could", "should", "other", "still", "being", "never", "always", "where", "because",
    "before", "between", "during", "under", "without", "within", "every", "everything", "nothing",
    "anything", "something", "first", "president", "minister", "country", "countries", "people",
    "world", "since", "further", "really", "think", "going", "today", "right", "saying",
    "statement",
    # too common in war reporting to tie two statements together
    "military", "forces", "troops", "russian", "ukrainian", "western", "american", "support",
    "provide", "providing", "provided", "supply", "supplies", "equipment", "government",
    "officials", "attack", "attacks", "conflict", "invasion", "russia", "ukraine",
}  # fmt: skip


def _names(text: str) -> set[str]:
    found = set()
    for match in NAME_RE.finditer(text.strip()):
        name = match.group(1)
        if name.split()[0] in NAME_STOP:
            name = " ".join(name.split()[1:])
        if name:
            found.add(name.lower())
    return found


def _country(name: str) -> str | None:
    from ceasewatch.extract.commitments import resolve_actor_text

    actor = resolve_actor_text(name)
    return actor.country if actor is not None else None


def _content_stems(text: str) -> set[str]:
    """Six-letter stems of longer content words, minus topic and function words."""
    stems = set()
    for word in re.findall(r"[a-z]{6,}", text.lower()):
        if word in STOPWORDS or topics_of(word):
            continue
        stems.add(word[:6])
    return stems


# --- condition and scope (readouts of one merged commitment) --------------------------------


def _conditions(results: Sequence[DocumentResult]) -> list[Contradiction]:
    out: list[Contradiction] = []
    for group in group_commitments(results):
        members = [c for _, c in group.members]
        setters = {cond.party for c in members for cond in c.conditions if cond.party}
        for holder in members:
            for cond in holder.conditions:
                for other in members:
                    for d in other.declarations:
                        who = d.actor.country or d.actor.name
                        if who == cond.party or who in setters:
                            continue
                        if d.status not in ("agreed", "accepted", "ordered", "proposed"):
                            continue
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


def _scope_terms(c: Commitment) -> tuple[str, ...]:
    return tuple(sorted({*c.scope.categories, *c.scope.domains}))


def _scopes(results: Sequence[DocumentResult]) -> list[Contradiction]:
    out: list[Contradiction] = []
    for group in group_commitments(results):
        members = list(group.members)
        for i, (doc_a, a) in enumerate(members):
            for doc_b, b in members[i + 1 :]:
                if doc_a == doc_b:
                    continue
                terms_a, terms_b = _scope_terms(a), _scope_terms(b)
                if not terms_a or not terms_b or terms_a == terms_b:
                    continue
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
    if a.type != b.type:
        return False
    if a.date is None or b.date is None or not a.date.start or not b.date.start:
        return False
    a_end = (a.date.end or a.date.start)[:10]
    b_end = (b.date.end or b.date.start)[:10]
    if a.date.start[:10] > b_end or b.date.start[:10] > a_end:
        return False
    if a.place is None or b.place is None:
        return False
    pa, pb = a.place.name.lower(), b.place.name.lower()
    if not (pa == pb or pa in pb or pb in pa):
        return False
    ca = a.actor.country if a.actor else None
    cb = b.actor.country if b.actor else None
    if ca and cb and ca != cb:
        return False
    wa, wb = a.counts.weapon, b.counts.weapon
    return not (wa and wb and wa != wb)


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
    for i, (ra, a) in enumerate(events):
        for rb, b in events[i + 1 :]:
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
    denials: list[tuple[DocumentResult, Span, set[str]]] = []
    for r in results:
        for sent in _sentences(r.document.text):
            if NO_EVIDENCE.search(sent.text):
                topics = topics_of(sent.text) - {"ceasefire"}
                if topics:
                    denials.append((r, sent, topics))
    out: list[Contradiction] = []
    for ra, claim in _claims(results):
        if _denies(claim):
            continue
        topics = topics_of(claim.text)
        if not topics:
            continue
        for rb, sent, sent_topics in denials:
            if not _near(ra, rb):
                continue
            if ra.document.id == rb.document.id and _inside(sent, claim):
                continue
            shared = topics & sent_topics
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
            out.append(
                _make(
                    "unsupported", claim.id, other.id if other else None,
                    f"claim on {topic} (\"{_short(claim.text)}\") is disputed: document "
                    f"{rb.document.id} reports no evidence (\"{_short(sent.text)}\")",
                    (*_claim_evidence(claim), sent), 0.6,
                )
            )  # fmt: skip
    return out
