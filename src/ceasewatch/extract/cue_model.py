"""A logistic attribution-cue scorer for broad-mode claim extraction.

:class:`LogisticCueModel` is the learned cue model broad mode consults
(:class:`ceasewatch.extract.claims.CueScorer`): ``score(token)`` (the probability that the token
heads an attribution cue), ``threshold`` and ``veto``. It sums learned weights over a sparse bag
of string features (:func:`token_features`): the (kind, lemma, context class) of
:func:`ceasewatch.extract.claims.cue_features` and their pairs, the token's dependency relation
and tag, the neighbouring words, the subject's entity type or pronoun, negation and modals, the
shape of the content clause (its own subject, its complementiser, the class of its head) and
whether the sentence is a headline. The weights are learned by ``eval/train_cues.py`` from an
attribution corpus's train split; at run time the model is pure Python (a dict lookup per
feature).
"""

from __future__ import annotations

import bisect
import functools
import json
import logging
import math
from dataclasses import dataclass
from pathlib import Path

from spacy.tokens import Token

log = logging.getLogger(__name__)

LOGISTIC_CUE_FILE = Path(__file__).resolve().parent.parent / "data" / "attribution_cues.json"
FORMAT = "ceasewatch-logistic-cues/1"

# The structural parts of feature names (slot markers, context classes, lexicon names), as
# opposed to the words a feature carries; the trainer's name filter leaves these alone.
_MARKER_WORDS = (
    "bias v n a w c h dep tag se sp sn neg modal ob pr po nx pv cl subj mark lemma lex "
    "headline quote-near agent noun other none clause to obj prep front act pass speech "
    "broad nominal attitude notstance"
)
MARKERS = frozenset(_MARKER_WORDS.split())

_MODALS = frozenset(
    {"will", "would", "could", "should", "may", "might", "can", "must", "'ll", "wo", "shall"}
)
_COMPLEMENTS = frozenset({"ccomp", "xcomp", "acl", "advcl", "csubj"})
_SENTENCE_ENDS = (".", "?", "!", '"', "”", "’", "'", ")", ":")


def token_features(token: Token) -> list[str] | None:
    """The sparse features of a token that could be a cue, else None (not a candidate).

    Built on :func:`ceasewatch.extract.claims.cue_features` (kind, lemma, context class); every
    feature is a string naming a property of the token or of a word next to it or linked to it
    in the parse (subject, object, preposition, clause head, head), each such word given as its
    lower-case form or lemma when it is a common word and as its tag when it is a name, a
    number or not alphabetic, so that a model's feature names hold no names from its corpus.
    """
    from ceasewatch.extract import claims

    base = claims.cue_features(token)
    if base is None:
        return None
    kind, lemma, context = base
    who, what, *_ = context.split("|")
    dep = token.dep_
    out = [
        "bias",
        kind,
        f"{kind}|{lemma}",
        f"{kind}|{context}",
        f"{kind}|w|{who}",
        f"{kind}|c|{what}",
        f"{kind}|{lemma}|w|{who}",
        f"{kind}|{lemma}|c|{what}",
        f"{kind}|{lemma}|{context}",
        f"{kind}|dep|{dep}",
        f"{kind}|{lemma}|dep|{dep}",
        f"tag|{token.tag_}",
        f"{kind}|c|{what}|dep|{dep}",
    ]
    subject = None
    if kind != "n":
        subject = claims._subject(token if kind == "v" else token.head)
    if subject is not None:
        out.append(f"se|{subject.ent_type_ or subject.pos_}")
        if subject.pos_ == "PRON":
            out.append(f"sp|{subject.lower_}")
        elif subject.pos_ == "NOUN":
            out.append(f"sn|{_word(subject, lemma=True)}")
    doc = token.doc
    children = list(token.children)
    scope = children + list(token.head.children) if kind == "a" else children
    if any(c.dep_ == "neg" for c in scope):
        out.append("neg")
    if any(c.dep_ == "aux" and c.lower_ in _MODALS for c in scope):
        out.append("modal")
    obj = next((c for c in children if c.dep_ in ("dobj", "attr")), None)
    if obj is not None:
        out.append(f"{kind}|ob|{_word(obj, lemma=True)}")
    prep = next((c for c in children if c.dep_ in ("prep", "agent") and c.i > token.i), None)
    if prep is not None:
        out.append(f"{kind}|{lemma}|pr|{prep.lower_}")
        pobj = next((c for c in prep.children if c.dep_ in ("pobj", "pcomp")), None)
        if pobj is not None:
            out.append(f"{kind}|po|{_word(pobj, lemma=True)}")
    window = doc[max(token.i - 3, 0) : token.i + 4]
    if any(t.is_quote for t in window):
        out.append(f"{kind}|quote-near")
    out.append(f"{kind}|{lemma}|tag|{token.tag_}")
    nxt = _word(doc[token.i + 1]) if token.i + 1 < len(doc) else "<e>"
    prv = _word(doc[token.i - 1]) if token.i > 0 else "<s>"
    out += [f"nx|{nxt}", f"pv|{prv}", f"{kind}|{lemma}|nx|{nxt}"]
    out += _clause_features(kind, token, children)
    out += [f"lex|{name}" for name, words in _lexicons().items() if lemma in words]
    index = claims._doc_index(doc)
    at = bisect.bisect_right(index.sent_ends, token.idx)
    sentence = index.sents[min(at, len(index.sents) - 1)]
    if not sentence[2].rstrip().endswith(_SENTENCE_ENDS):
        out.append("headline")
    if token.head.i != token.i:
        out.append(f"{kind}|h|{_word(token.head, lemma=True)}|{dep}")
    return out


def _word(token: Token, lemma: bool = False) -> str:
    """A common word as itself (lower case, or its lemma), a name or number as its tag only.

    The tagger does not always tag a surname as a proper noun; ``eval/train_cues.py`` drops any
    feature holding a word its texts mostly capitalise, so no name reaches the packaged model.
    """
    if token.pos_ in ("PROPN", "NUM", "X") or token.ent_type_ or not token.is_alpha:
        return token.tag_ or token.pos_
    return token.lemma_.lower() if lemma else token.lower_


@functools.lru_cache(maxsize=1)
def _lexicons() -> dict[str, frozenset[str]]:
    """The extractor's hand lexicons, which tell the model about lemmas it saw rarely."""
    from ceasewatch.extract import claims

    return {
        "speech": claims.SPEECH_CUES,
        "broad": claims.BROAD_CUES,
        "nominal": claims.NOMINAL_CUES,
        "attitude": claims.ATTITUDE_ADJECTIVES,
        "notstance": claims.NOT_STANCE,
    }


def _clause_features(kind: str, token: Token, children: list[Token]) -> list[str]:
    """What the content clause after the token looks like: its own subject, mark, head class."""
    clause = next((c for c in children if c.dep_ in _COMPLEMENTS and c.i > token.i), None)
    if clause is None:
        return []
    grand = list(clause.children)
    has_subject = any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in grand)
    mark = next((c.lower_ for c in grand if c.dep_ in ("mark", "aux") and c.i < clause.i), "-")
    out = [
        f"{kind}|cl|{clause.dep_}|{clause.pos_}",
        f"{kind}|cl|subj|{has_subject}",
        f"{kind}|cl|mark|{mark}",
        f"cl|lemma|{_word(clause, lemma=True)}",
    ]
    if any(c.dep_ == "aux" and c.lower_ in _MODALS for c in grand):
        out.append("cl|modal")
    if any(c.dep_ == "neg" for c in grand):
        out.append("cl|neg")
    return out


@dataclass(frozen=True)
class LogisticCueModel:
    """Feature weights of a logistic cue scorer, with broad mode's threshold and veto.

    ``score`` is the logistic of the summed weights of the token's features ("bias" included);
    a token scoring ``threshold`` or more is a broad cue, one scoring under ``veto`` is no cue
    even when a hand lexicon lists it (speech verbs excepted).
    """

    weights: dict[str, float]
    threshold: float = 0.5
    veto: float = 0.0

    def probability(self, features: list[str]) -> float:
        weights = self.weights
        z = sum(weights.get(f, 0.0) for f in features)
        if z >= 0:
            return 1.0 / (1.0 + math.exp(-z))
        e = math.exp(z)
        return e / (1.0 + e)

    def score(self, token: Token) -> float:
        features = token_features(token)
        return 0.0 if features is None else self.probability(features)

    def is_cue(self, token: Token) -> bool:
        return self.score(token) >= self.threshold

    def to_json(self) -> dict:
        return {
            "format": FORMAT,
            "threshold": self.threshold,
            "veto": self.veto,
            "weights": dict(sorted(self.weights.items())),
        }

    @classmethod
    def from_json(cls, raw: dict) -> LogisticCueModel:
        found = raw.get("format", FORMAT)
        if found != FORMAT:
            raise ValueError(f"not a logistic cue model: format {found!r}")
        return cls(
            weights={str(k): float(v) for k, v in raw.get("weights", {}).items()},
            threshold=float(raw.get("threshold", 0.5)),
            veto=float(raw.get("veto", 0.0)),
        )


def read_logistic_cue_model(path: Path) -> LogisticCueModel:
    return LogisticCueModel.from_json(json.loads(Path(path).read_text("utf-8")))


@functools.lru_cache(maxsize=1)
def load_logistic_cue_model() -> LogisticCueModel | None:
    """The packaged logistic cue model, or None when its data file is missing."""
    if not LOGISTIC_CUE_FILE.exists():
        log.warning("no logistic cue model at %s", LOGISTIC_CUE_FILE)
        return None
    return read_logistic_cue_model(LOGISTIC_CUE_FILE)
