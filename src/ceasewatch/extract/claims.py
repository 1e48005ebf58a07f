"""Claims: who said what, through which channel, quoted or paraphrased.

The extractor works in four passes over one parsed document:

1. Quote marks are paired into quote spans (curly and straight; a paragraph left open and
   followed by a paragraph that opens a quote continues the same quote; an unclosed quote ends at
   its paragraph end).
2. Cue words (a lexicon of speech and report verbs plus "according to") are read from the
   dependency parse: the subject is the speaker, the clausal complement, a quote, a colon clause
   or, for a few verbs (deny, confirm, ...), the object is the content. Nominal cues ("her call
   for talks", "X's remarks about Y") give the possessor or "by/from" object as the speaker;
   passive frames ("was quoted by Y as saying", "is reported to have said") their subject.
3. Direct quotes that no cue's complement covered are attached to a cue found right after the
   quote (“...,” she said) or right before it (He wrote on X: “...”); a quote that follows a
   claim in the next sentence and has no cue of its own continues that claim. Short quotes
   (1-3 words) without a cue of their own are scare quotes or titles and are dropped. A quote
   that opens a paragraph with no cue continues the previous paragraph's last claim when that
   paragraph ended with a claim by a named person or he/she. Headlines "Name: ..." count as
   claims when the name is an entity of the text or a source word (Poll, Officials). A cue never
   reaches across a paragraph break to a quote; "X added:" closing a paragraph takes the next
   paragraph as its content.
4. Speakers are resolved: he/she to the nearest earlier subject that is a person (subjects
   before the pronoun in its sentence, then the main subjects of up to three sentences before;
   objects and names in prepositional phrases never; people of the other known gender, from
   "Mr."/"Ms." or role words, skipped), else the last person named; short names to the full
   name given earlier, role descriptions to the last person with that role, then
   :func:`ceasewatch.resolve.actors.resolve_actor`, with a guessed kind as fallback. A claim
   with no channel of its own that follows the same speaker's claim in the same paragraph
   takes that claim's channel.

Polarity is "denies" for a denial cue (deny, reject, ...), a negated cue, a content opening
with a negative answer ("No, ..."), or a content whose speaker negates its own act ("it did not
target civilians"); a negated forecast or assessment ("a truce would not be enough") asserts.

``broad=True`` adds the wide sense of attribution (PolNeAR's): attitude and plan verbs (want,
plan, hope, fear, ...) with their infinitive, object or topic ("talked about the deal"), and any
verb whose subject relates itself to a that-clause ("learned that ..."), pledges and threats
stated as nouns, and the writer's own first-person statements (op-eds), all of which PolNeAR
annotates and a ledger of who said what does not want. Broad mode also reads attitude adjectives
("worried about", "confident that"), portrayal and evaluation verbs ("likened X to Y") and
passives with an agent ("was rejected by X"), and follows PolNeAR's conventions: only outermost
attributions (an attitude inside what someone said is part of the statement) and the relative
pronoun as the source span of a cue in a relative clause ("Smith, who said ...").

Broad mode also takes the cues of a model learned from an attribution corpus
(``data/attribution_cues.json``, built by ``eval/train_cues.py``; see
:mod:`ceasewatch.extract.cue_model`): a verb, noun or adjective whose learned cue probability,
given its lemma, its syntactic context and the words around it, reaches the model's threshold
is a cue even when no lexicon lists it ("decried the curfew", "voiced concern"), and a listed
attitude word whose probability is very low in its context is none. Last, a learned source and
cue tagger (an LSTM over a small pretrained encoder's word vectors,
``data/attribution_tagger.safetensors``, built by ``eval/train_sources.py``; see
:mod:`ceasewatch.extract.attribution_tagger`) marks sources the parse walk misses ("a survey
gave X a lead"): a tagged source no rule claim's speaker overlaps becomes a claim when a
tagged cue shares its sentence. The speech mode (the default, which the ledger reads) uses the
hand lexicons only.
"""

from __future__ import annotations

import bisect
import dataclasses
import logging
import re
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import accumulate
from typing import Protocol

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from ceasewatch.extract.attribution_tagger import (
    AttributionTags,
    SpanTagger,
    load_attribution_tagger,
)
from ceasewatch.model import Actor, Claim, Document, Span, content_id
from ceasewatch.resolve.actors import country_of, resolve_actor
from ceasewatch.resolve.gazetteer import get_gazetteer, iso3, normalize_name

log = logging.getLogger(__name__)


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


SPEECH_CUES = _words(
    """say tell claim state insist deny add note warn write post announce confirm report accuse
    emphasize emphasise describe call stress argue acknowledge admit explain declare assert allege
    comment reply respond ask suggest say mention remark recall reiterate repeat concede
    maintain contend predict promise pledge vow threaten urge demand blame charge complain
    criticize criticise condemn praise tweet dismiss reject refute rebuff question caution
    disclose reveal indicate signal estimate conclude point observe underline underscore
    testify brief inform assure tout boast joke quip counter retort proclaim echo
    cite describe dub label"""
)
# Passive frames whose subject is the speaker of the verb they govern ("was quoted as saying",
# "is said to have told"); a "by" agent of these is the reporter, not the speaker.
RAISING_FRAMES = _words("quote cite report say believe understand know think hear describe")
# Speech verbs whose "about"/"on" object is what was said ("joked about moving abroad").
TOPIC_CUES = _words("joke boast brag complain comment remark testify quip lie muse")
# Requests: "called for X to go" / "called for a prosecutor to investigate".
REQUEST_CUES = _words("call ask appeal plead push press")
# Questions: their content is an if/whether clause or what they ask about.
QUESTION_CUES = _words("ask question wonder inquire")
# Verbs that attribute only with a that-clause (a poll "found that", a report "showed that").
THAT_ONLY_CUES = _words("find show suggest believe think reveal indicate")
# Verbs whose object is what was said ("denied the report", "confirmed the talks").
OBJECT_CUES = _words(
    """deny reject confirm acknowledge announce admit dismiss refute condemn report accuse
    criticize criticise praise blame demand urge promise pledge vow threaten predict
    rebuff question disclose reveal cite echo note mention reiterate repeat explain address
    respond reply say ask warn"""
)
# Object cues whose object is only content when it is not a hearer ("said as much").
HEARER_VERBS = frozenset({"say", "respond", "reply", "ask", "warn"})
# Verbs that take a quoted or predicative description ("called the talks “very good”").
NAMING_CUES = _words("call describe dub label term brand")
DENIAL_CUES = _words("deny reject dismiss refute rebuff disavow dispute")
# Cues only when right next to a quote ("“...,” she continued.").
ADJACENT_CUES = frozenset({"continue"})
# Events and artifacts: never the speaker of a participle hanging on them ("a briefing saying").
NOT_SPEAKERS = _words(
    """conference briefing meeting interview speech video footage phrase comment remark ad spot
    clip book article story headline hearing debate event attack strike blast explosion shelling
    bombing raid fire shell missile drone rocket"""
)
REQUEST_NOUNS = _words("request question inquiry query call email message letter criticism")
HEARERS = _words("reporters journalists supporters audience crowd voters press people")
# Verbs with a that-clause that relate no source to a proposition ("make sure that").
NOT_STANCE = _words("be make ensure mean have get see seem appear happen matter require")
# "claimed two lives": objects that make "claim" mean "kill".
TOLL_NOUNS = _words("life victim casualty death toll")

# Objects that name an act of speech rather than say what was said ("echoed a statement").
SPEECH_NOUNS = _words(
    """statement remark comment claim report assertion allegation message post speech
    announcement words view position stance account version rhetoric sentiment"""
)
# Nouns that report speech with their author and content ("his call for talks").
NOMINAL_CUES = _words(
    """call comment remark claim demand statement assertion allegation warning promise pledge
    denial accusation insistence argument prediction suggestion threat vow appeal plea
    proposal announcement admission assurance"""
)
COMMITMENT_NOUNS = _words("promise pledge vow threat proposal")
# Prepositions that bring a nominal cue's content (other nouns: on, about, over).
NOMINAL_PREPS = {
    "call": ("for",),
    "demand": ("for",),
    "appeal": ("for",),
    "plea": ("for",),
    "proposal": ("for",),
    "comment": ("on", "about", "over"),
    "remark": ("on", "about", "over"),
    "statement": ("on", "about", "over"),
    "warning": ("about", "over", "against", "of"),
    "accusation": ("of", "against"),
}
# Broad mode, a noun the learned model takes as a cue: "her endorsement of X", "his support for
# Y", "their case against Z" state a stance toward their object.
LEARNED_NOMINAL_PREPS = ("of", "for", "against")
# Where or when remarks were made, not what about ("comments on its website").
VENUE_NOUNS = _words("website site page show program programme television radio air stage camera")
# Sources a headline names before a colon ("Poll: ...", "Officials: ...").
HEADLINE_SOURCES = _words("poll polls survey report study officials sources experts analysts")
# Labels before a colon that introduce no speaker ("Editor's Note: ...", "UPDATE: ...").
NOT_TURNS = _words(
    "note update correction related watch listen read video photo photos breaking exclusive"
    " clarification disclosure disclaimer editor's"
)
# Nouns that stand for a message whose author is the possessor or the "from"/"by" object.
MESSAGE_NOUNS = _words(
    "statement report post message communique communiqué letter tweet release readout"
)
# What a speaker issues, posts or gives that then "says" something: "X issued a statement
# saying ...", "X posted a video saying ...": the one who issued it speaks.
CARRIERS = MESSAGE_NOUNS | _words("video clip footage ad speech interview address remark")

PRONOUNS = {"he": "person", "she": "person", "him": "person", "her": "person", "his": "person"}
GROUP_PRONOUNS = frozenset({"they", "it"})
FEMALE_WORDS = _words(
    """mrs. ms. mrs ms miss madam lady spokeswoman congresswoman chairwoman businesswoman
    woman mother wife daughter sister queen princess grandmother"""
)
MALE_WORDS = _words(
    """mr. mr sir spokesman congressman chairman businessman man father husband son brother
    king prince grandfather"""
)
FIRST_PERSON = frozenset({"i", "we", "you", "me", "us"})
RELATIVE = frozenset({"who", "which", "that"})
# Participles set off by commas after a subject ("The minister, asked about ..., said"): the
# subject was asked; what it says follows
ASKED_ASIDE = frozenset({"asked", "questioned", "pressed", "quizzed", "challenged"})
# Subjects of a content clause that stand for the speaker itself.
SELF_PRONOUNS = frozenset({"i", "we", "he", "she", "it", "they"})

GOVERNMENT_WORDS = _words(
    """kremlin ministry government pentagon cabinet presidency
    administration office embassy parliament duma rada council spokesperson spokesman
    spokeswoman army military command forces"""
)
GOVERNMENT_PHRASES = ("white house", "state department", "foreign office", "general staff")
MILITARY_WORDS = _words("army military command forces troops brigade navy")

# Named channels: platforms first, then outlets and agencies. Matched case-sensitively.
PLATFORMS = ("Truth Social", "Telegram", "Facebook", "Instagram", "Twitter", "YouTube", "TikTok")
OUTLETS = (
    "Fox News", "CNN", "BBC", "Reuters", "TASS", "RIA Novosti", "Interfax", "NBC", "CBS", "ABC",
    "MSNBC", "Al Jazeera", "Sky News", "Associated Press", "AP", "AFP", "Bloomberg", "Politico",
    "Axios", "The New York Times", "New York Times", "The Washington Post", "Washington Post",
    "The Guardian", "The Wall Street Journal", "Wall Street Journal", "Financial Times", "NPR",
    "Ukrainska Pravda", "Kyiv Independent", "RT", "Channel One", "Rossiya 1", "Ukrinform",
    "Izvestia", "Kommersant", "Le Monde", "Der Spiegel", "The Economist", "CNBC", "PBS",
)  # fmt: skip
_NAMED_CHANNEL = re.compile(
    r"\b("
    + "|".join(re.escape(n) for n in sorted(PLATFORMS + OUTLETS, key=len, reverse=True))
    + r")\b"
)
_PLATFORM_X = re.compile(r"\b(?:on|to|via) X\b|\bX post\b|\bX account\b")
# Generic channels count only after a preposition ("in a statement", "at a press conference")
# or a verb of issuing ("issued a statement"): "echoing a statement made by Putin" names
# someone else's message, not the channel.
_PREP = r"\b(?:in|at|during|via|through|on|from|with)\s+(?:[\w’'\-]+\s+){0,3}"
_ISSUED = (
    r"\b(?:issu(?:ed|es|ing)|releas(?:ed|es|ing)|publish(?:ed|es|ing)|put(?:s|ting)? out)"
    r"\s+(?:[\w’'\-]+\s+){0,3}"
)  # "issued a statement", "put out a short statement"
_GENERIC_CHANNELS = (
    (re.compile(_PREP + r"(?:(?:press|news) conference|press briefing|briefing)\b", re.I),
     "press conference"),
    (re.compile(_PREP + r"interview\b", re.I), "interview"),
    (re.compile(_PREP + r"(?:statement|communiqu[eé]|readout)\b", re.I), "statement"),
    (re.compile(_ISSUED + r"(?:statement|communiqu[eé]|readout)\b", re.I), "statement"),
)  # fmt: skip

_NAME = r"[A-Z][\w.'’\-]*(?:[ \t][A-Z][\w.'’\-]*){0,3}"
# "SMITH: We will ..." (transcripts) and "Smith: Talks Are Over" (headlines).
_TRANSCRIPT_TURN = re.compile(r"^[\"“]?(" + _NAME + r"):[ \t]+(\S.*)$", re.M)
# “...” ― Jane Smith (pull quotes and quoted comments signed with a dash).
_DASH_SIGNATURE = re.compile(r"\s*[―—–]+\s*(" + _NAME + r")")
# Attitudes, plans and findings: attribution in the wide sense (PolNeAR), not speech.
BROAD_CUES = _words(
    """think believe expect want plan hope fear worry know feel agree support endorse attack
    decline refuse propose offer seek intend consider doubt suspect estimate find show
    recommend oppose favor favour blast slam defend insist wish discuss talk speak back vote
    express focus refer denounce congratulate thank welcome applaud lament bemoan hop decide
    aim vow pledge seek push press learn understand realize recognize acknowledge embrace
    champion tout highlight promote advocate rail lambaste mock ridicule criticize praise
    question doubt dispute challenge accuse blame
    liken compare portray characterize depict paint cast frame detail outline chronicle recount
    articulate convey clarify specify illustrate summarize summarise deride laud compliment
    scold chide exhort convince persuade invoke cheer hail fault slam
    love hate like dislike admire resent despise prefer enjoy sense discover wonder imagine
    assume predict anticipate envision contemplate regard view see"""
)
# Broad mode: adjectives stating an attitude ("worried about", "confident that", "eager to").
ATTITUDE_ADJECTIVES = _words(
    """worried concerned confident sure certain convinced optimistic pessimistic skeptical
    sceptical hopeful afraid fearful eager determined intent keen reluctant unwilling willing
    critical supportive opposed adamant aware unaware happy glad pleased upset angry furious
    disappointed proud satisfied unhappy wary doubtful insistent anxious nervous frustrated
    enthusiastic ready open committed"""
)
ATTITUDE_PREPS = frozenset({"about", "of", "over", "with", "to", "on", "at", "in"})
# Broad mode: prepositions whose object is what a stance is about ("talked about the deal").
BROAD_PREPS = frozenset({"about", "against", "on", "over", "to", "of", "for"})
_EDGE_PUNCT = " \t\n,;:-–—"
OPEN_QUOTES = "“«„"
CLOSE_QUOTES = "”»"


@dataclass(frozen=True)
class Quote:
    """A span of quoted text, ``start``/``end`` including the quote marks."""

    start: int
    end: int
    balanced: bool = True

    def words(self, text: str) -> int:
        return len(text[self.start : self.end].strip("\"“”«»„'` ").split())


@dataclass
class _Draft:
    """A claim under construction (mutable while speakers and quotes are attached)."""

    cue: str
    cue_token: Token | None
    speaker_start: int
    speaker_end: int
    speaker_token: Token | None
    content_start: int
    content_end: int
    quoted: bool
    confidence: float
    denies: bool = False
    name_hint: str | None = None
    # the content's parts when it is split around the cue; by default the one content span
    content_pieces: list[tuple[int, int]] = dataclasses.field(default_factory=list)
    tagged: bool = False  # found from the learned tagger's source, not by the rules alone

    def __post_init__(self) -> None:
        if not self.content_pieces:
            self.content_pieces = [(self.content_start, self.content_end)]


class _Quotes(list[Quote]):
    """Quotes in text order (they never overlap), with their starts and ends for bisection."""

    def __init__(self, quotes: Iterable[Quote]) -> None:
        super().__init__(quotes)
        self.starts = [q.start for q in self]
        self.ends = [q.end for q in self]
        self.start_set = frozenset(self.starts)
        self.end_set = frozenset(self.ends)


def _indexed(quotes: list[Quote]) -> _Quotes:
    return quotes if isinstance(quotes, _Quotes) else _Quotes(quotes)


class _SpanIndex:
    """Fixed character spans, answering "does any overlap start:end" in log time."""

    def __init__(self, spans: Iterable[tuple[int, int]]) -> None:
        ordered = sorted(spans)
        self.starts = [a for a, _ in ordered]
        self.max_end = list(accumulate((b for _, b in ordered), max))

    def overlaps(self, start: int, end: int) -> bool:
        k = bisect.bisect_left(self.starts, end)
        return k > 0 and self.max_end[k - 1] > start

    def nests(self, start: int, end: int) -> bool:
        """Whether every span overlapping ``start:end`` lies inside it."""
        k = bisect.bisect_left(self.starts, start)
        if k > 0 and self.max_end[k - 1] > start:
            return False  # one starts before and reaches in
        k = bisect.bisect_left(self.starts, end)
        return not (k > 0 and self.max_end[k - 1] > end)


_DOUBLED_MARK = re.compile(r"''|``")


class _DocIndex:
    """Per-document lookups built once, so that per-cue work stays local to the cue.

    ``Doc.text``, ``Doc.ents`` and ``Doc.sents`` rebuild their result on every access; on a long
    text without line breaks, counting quote marks from the line start rescans the whole text.
    """

    def __init__(self, doc: Doc) -> None:
        text = doc.text
        self.text = text
        self.newlines = [i for i, c in enumerate(text) if c == "\n"]
        self.opens = list(accumulate((c in OPEN_QUOTES for c in text), initial=0))
        self.closes = list(accumulate((c in CLOSE_QUOTES for c in text), initial=0))
        self.straight = list(accumulate((c == '"' for c in text), initial=0))
        doubled = [False] * len(text)  # where a two-character mark, '' or ``, starts
        for m in _DOUBLED_MARK.finditer(text):
            doubled[m.start()] = True
        self.doubled = list(accumulate(doubled, initial=0))
        self.ents = list(doc.ents)
        self.ent_starts = [e.start for e in self.ents]
        self.sents = [(s.start_char, s.end_char, s.text) for s in doc.sents]
        self.sent_ends = [e for _, e, _ in self.sents]

    def line_start(self, at: int) -> int:
        """``text.rfind("\n", 0, at) + 1``."""
        k = bisect.bisect_left(self.newlines, at)
        return self.newlines[k - 1] + 1 if k > 0 else 0


_INDEXES: dict[int, _DocIndex] = {}


def _doc_index(doc: Doc) -> _DocIndex:
    """The index :func:`extract_claims` built for ``doc``, else a fresh one."""
    found = _INDEXES.get(id(doc))
    if found is not None:
        return found
    return _DocIndex(doc)


def find_quotes(text: str) -> list[Quote]:
    """Pair double quote marks into quote spans; best effort on unbalanced text, never raises."""
    pieces: list[tuple[int, int, bool, bool]] = []  # start, end, balanced, continues
    open_at: int | None = None
    i = 0
    n = len(text)
    while i < n:
        c = text[i]
        if c == "\n" and open_at is not None:
            j = i
            while j < n and text[j].isspace():
                j += 1
            continues = j < n and (
                text[j] in OPEN_QUOTES or text[j] == '"' or text[j : j + 2] == "''"
            )
            pieces.append((open_at, i, False, continues))
            open_at = None
            i = j
            continue
        if text.startswith("''", i) or text.startswith("``", i):
            # ''...'' and ``...'' (newspaper archives, PTB-style text): a two-character mark
            if open_at is None:
                if (
                    i + 2 < n
                    and not text[i + 2].isspace()
                    and (i == 0 or not text[i - 1].isalnum())
                ):
                    open_at = i
            else:
                pieces.append((open_at, i + 2, True, False))
                open_at = None
            i += 2
            continue
        if c in OPEN_QUOTES:
            if open_at is not None and c == "“" and _closes(text, i):
                pieces.append((open_at, i + 1, True, False))  # “...,“ typed for “...,”
                open_at = None
            else:
                open_at = i
        elif c in CLOSE_QUOTES:
            if open_at is not None:
                pieces.append((open_at, i + 1, True, False))
                open_at = None
        elif c == '"':
            if open_at is None:
                nxt = text[i + 1] if i + 1 < n else " "
                if not nxt.isspace():
                    open_at = i
            else:
                pieces.append((open_at, i + 1, True, False))
                open_at = None
        i += 1
    if open_at is not None:
        pieces.append((open_at, n, False, False))
    quotes: list[Quote] = []
    k = 0
    while k < len(pieces):
        start, end, balanced, continues = pieces[k]
        while continues and k + 1 < len(pieces):
            k += 1
            _, end, balanced, continues = pieces[k]
        end = _rstrip(text, start, end)
        if end - start > 1:
            quotes.append(Quote(start, end, balanced))
        k += 1
    return quotes


def extract_claims(
    doc: Doc,
    document: Document,
    *,
    broad: bool = False,
    learned: CueScorer | bool = True,
    tagger: SpanTagger | bool = True,
) -> list[Claim]:
    """Direct and indirect speech with speaker, channel, cue and spans.

    ``broad=True`` also reads attitudes, plans and findings ("experts expect that ...",
    "the campaign plans to ...") as claims, the wide sense of attribution some corpora annotate.
    Broad mode adds the cues of the learned cue model (:class:`CueScorer`): ``learned=True``
    uses the packaged one, ``False`` none, or pass a model; and the sources of the learned
    source tagger (:class:`~ceasewatch.extract.attribution_tagger.SpanTagger`) that no rule
    found: ``tagger=True`` uses the packaged one, ``False`` none, or pass a tagger.
    """
    model = None
    tags = None
    if broad and learned is not False:
        model = load_cue_model() if learned is True else learned
    if broad and tagger is not False:
        found = load_attribution_tagger() if tagger is True else tagger
        tags = found.tag(doc) if found is not None else None
    _INDEXES[id(doc)] = _DocIndex(doc)
    try:
        return _extract(doc, document, broad, model, tags)
    finally:
        _INDEXES.pop(id(doc), None)


def _extract(
    doc: Doc,
    document: Document,
    broad: bool,
    model: CueScorer | None = None,
    tags: AttributionTags | None = None,
) -> list[Claim]:
    text = document.text
    quotes = _Quotes(find_quotes(text))
    inside_quote = _quote_index(quotes, len(text))
    drafts: list[_Draft] = []
    for sent in doc.sents:
        for token in sent:
            if inside_quote[token.idx] >= 0:
                continue  # speech reported inside a quote belongs to the quoted speaker
            learned = vetoed = False
            if model is not None:
                score = model.score(token)
                learned = score >= model.threshold
                vetoed = (
                    score < model.veto
                    and token.pos_ in ("VERB", "ADJ")
                    and token.lemma_.lower() not in SPEECH_CUES
                    and token.lower_ != "according"
                )
            if vetoed:
                continue  # a listed attitude word the corpus rarely marks as a cue here
            draft = _from_cue(token, text, quotes, broad=broad, learned=learned) or _from_noun(
                token, text, broad=broad, learned=learned
            )
            if draft is None and broad:
                draft = _from_adjective(token, text, learned=learned) or _from_copula(token, text)
            if draft is not None:
                drafts.append(draft)
    drafts = _dedupe(drafts)
    drafts.extend(_attach_quotes(doc, text, quotes, drafts, broad=broad))
    drafts.extend(_transcript_turns(doc, text, drafts, broad=broad))
    drafts = _merge_split_quotes(drafts)
    if tags is not None:
        drafts.extend(_tagged_sources(doc, text, quotes, inside_quote, drafts, tags))
    drafts.sort(key=lambda d: (d.content_start, d.tagged, d.speaker_start))
    _continue_quotes(doc, text, quotes, drafts)
    drafts = _paragraph_quotes(doc, text, quotes, drafts)
    if broad:
        drafts = _outermost(drafts)
    return _finish(doc, document, drafts)


TAGGED_CONFIDENCE = 0.5
"""Confidence of a claim found from a tagged source: such claims matched a gold source 0.36 to
0.57 of the time on held-out PolNeAR train texts."""


def _tagged_sources(
    doc: Doc,
    text: str,
    quotes: list[Quote],
    inside_quote: list[int],
    drafts: list[_Draft],
    tags: AttributionTags,
) -> list[_Draft]:
    """Broad mode: a claim for each tagged source that no rule claim's speaker overlaps.

    The cue is the tagged cue of the source's sentence nearest to it; none, no claim. When the
    rules read that cue (as a learned one) and find this speaker, their claim is taken; when
    they find another speaker, the tag is not trusted; when they find nothing, the claim is
    built (:func:`_built_draft`). The tagger may name a source the rules refuse as a speaker
    ("footage", "a poll"): corpora of attribution mark them. These claims never displace a
    rule claim (:func:`_outermost`, and the rule claim wins a shared content span).
    """
    taken = _SpanIndex((d.speaker_start, d.speaker_end) for d in drafts)
    cues = sorted((a, b) for a, b in tags.cues if 0 <= a < b <= len(doc))
    cue_starts = [a for a, _ in cues]
    # where the rule claims' cues and speakers start: a built content holds none of them
    marks = sorted(
        {d.speaker_start for d in drafts}
        | {d.cue_token.idx for d in drafts if d.cue_token is not None}
    )
    out = []
    for a, b in tags.sources:
        if not 0 <= a < b <= len(doc):
            continue
        source = doc[a:b]
        if (
            taken.overlaps(source.start_char, source.end_char)
            or inside_quote[source.start_char] >= 0
        ):
            continue
        sent = doc[a].sent
        lo = bisect.bisect_left(cue_starts, sent.start)
        hi = bisect.bisect_left(cue_starts, sent.end, lo=lo)
        near = [(c, e) for c, e in cues[lo:hi] if e <= a or c >= b]
        if not near:
            continue
        c_first, c_end = min(near, key=lambda c: min(abs(c[0] - b), abs(a - c[1])))
        cue = doc[c_first:c_end].root
        draft = (
            _from_cue(cue, text, quotes, broad=True, learned=True)
            or _from_noun(cue, text, broad=True, learned=True)
            or _from_adjective(cue, text, learned=True)
            or _from_copula(cue, text)
        )
        if draft is None:
            draft = _built_draft(doc, text, quotes, marks, cue, c_end, source)
        elif not _overlaps(draft.speaker_start, draft.speaker_end, *_chars(source)):
            continue
        if draft is not None:
            draft.tagged = True
            draft.confidence = TAGGED_CONFIDENCE
            out.append(draft)
    return out


def _chars(span: SpacySpan) -> tuple[int, int]:
    return span.start_char, span.end_char


def _built_draft(
    doc: Doc,
    text: str,
    quotes: list[Quote],
    marks: list[int],
    cue: Token,
    cue_end: int,
    source: SpacySpan,
) -> _Draft | None:
    """A claim of a tagged source and cue the rules made nothing of: the content is the cue's
    complement clause or, failing one, the rest of the sentence after the cue, unless that
    holds a quote (whose speaker the tags do not tell) or one of ``marks`` (where another
    claim's cue or speaker starts)."""
    content = None
    if cue.pos_ in ("VERB", "AUX"):
        content = _content(cue, cue.lemma_.lower(), text, quotes, wide=True)
    if content is None:
        sent = cue.sent
        if cue_end >= sent.end:
            return None
        content = (doc[cue_end].idx, sent.end_char, False)
        quotes = _indexed(quotes)
        k = bisect.bisect_right(quotes.ends, content[0])
        if k < len(quotes) and quotes[k].start < content[1]:
            return None
    c_start, c_end = _strip(text, content[0], content[1], period=not content[2])
    s_start, s_end = _chars(source)
    if c_end - c_start < 3 or _overlaps(c_start, c_end, s_start, s_end):
        return None
    k = bisect.bisect_left(marks, c_start)
    if k < len(marks) and marks[k] < c_end:
        return None
    return _Draft(
        cue=cue.text,
        cue_token=cue,
        speaker_start=s_start,
        speaker_end=s_end,
        speaker_token=source.root,
        content_start=c_start,
        content_end=c_end,
        quoted=content[2],
        confidence=0.6,
        denies=cue.lemma_.lower() in DENIAL_CUES or _negated(cue),
    )


def _outermost(drafts: list[_Draft]) -> list[_Draft]:
    """Broad mode: drop claims whose cue lies inside another claim's content.

    "X said she wants talks": the wish is part of what X said, not a second attribution (the
    wide sense of attribution, PolNeAR's, annotates the outer one only). An "according to"
    claim frames the clause it hangs on and is kept even when a claim's content runs over it
    ("X said ..., according to Y": both claims' contents hold the other's cue).
    """
    spans = _SpanIndex((d.content_start, d.content_end) for d in drafts)
    out = []
    for d in drafts:
        cue = d.cue_token
        if (
            cue is not None
            and cue.lower_ != "according"
            and spans.overlaps(cue.idx, cue.idx + 1)
            and any(
                o is not d
                and not (o.tagged and not d.tagged)  # a tagger's claim never displaces a rule's
                and o.content_start <= cue.idx < o.content_end
                and not (o.content_start >= d.content_start and o.content_end <= d.content_end)
                for o in drafts
            )
        ):
            continue
        out.append(d)
    return out


# -- pass 2: cues from the parse ---------------------------------------------------------------


def _from_cue(
    token: Token, text: str, quotes: list[Quote], broad: bool = False, learned: bool = False
) -> _Draft | None:
    if token.lower_ == "according" and any(c.lower_ == "to" for c in token.children):
        return _according_to(token, text)
    if (
        token.pos_ not in ("VERB", "AUX")
        and token.tag_ not in ("VBD", "VBZ", "VBP", "VBG", "VBN")
        and not _verb_tagged_noun(token)
    ):
        return None
    lemma = token.lemma_.lower()
    wide = broad and (lemma in BROAD_CUES or learned or _stance_clause(token))
    if lemma not in SPEECH_CUES and lemma not in THAT_ONLY_CUES and not wide:
        return None
    if _asked_aside(token) is not None:
        return None  # "The minister, asked about ..., said": the minister was asked
    if lemma == "claim" and any(
        c.dep_ == "dobj" and c.lemma_.lower() in TOLL_NOUNS for c in token.children
    ):
        return None  # "the strike claimed two lives": killed, not said
    if lemma in SPEECH_CUES:
        framed = _framed_quote(token, text, quotes)
        if framed is not None:
            return _framed_draft(token, framed, text, broad=broad)
    subject = _subject(token)
    if subject is None or subject.lemma_.lower() in NOT_SPEAKERS:
        return None
    subject, channel_subject = _author_of_message(subject)
    if subject.lower_ in FIRST_PERSON and not broad:
        return None  # the writer's own voice (op-eds, letters): no claim for a ledger
    content = _content(token, lemma, text, quotes, wide=wide)
    if content is None and broad:
        content = _passive_content(token, text)
    if content is None or (not content[2] and _adjacent_quote(token, text, quotes)):
        near = _adjacent_quote(token, text, quotes)
        if near is not None:
            content = (near.start, near.end, True)
    s_start, s_end = _noun_phrase(subject, stop=token)
    relative = _relative_subject(token) if broad else None
    if relative is not None:
        s_start, s_end = relative.idx, relative.idx + len(relative.text)
    pieces = None
    answer = _answer(token) if content is None and broad else None
    if answer is not None:  # "55 percent said yes": the answer is the content
        content = (answer.idx, answer.idx + len(answer.text), False)
    if content is None:
        pieces = _parenthetical_content(token, text)
        if pieces is None:
            return None
        content = (pieces[0][0], pieces[-1][1], False)
    c_start, c_end, quoted = content
    if not quoted:
        c_start, c_end = _clip_to_paragraph(text, token.idx, c_start, c_end)
        if c_end - c_start < 3 and answer is None:
            return None
        if pieces is not None:
            pieces = [
                (max(a, c_start), min(b, c_end)) for a, b in pieces if b > c_start and a < c_end
            ]
    if pieces is None and s_start < c_end and c_start < s_end:
        return None
    return _Draft(
        cue=_cue_text(token),
        cue_token=token,
        speaker_start=s_start,
        speaker_end=s_end,
        speaker_token=subject,
        content_start=c_start,
        content_end=c_end,
        quoted=quoted,
        content_pieces=pieces or [],
        confidence=0.85 if quoted else 0.75,
        denies=lemma in DENIAL_CUES or _negated(token),
        name_hint=channel_subject,
    )


ANSWERS = frozenset({"so", "yes", "no"})


def _answer(verb: Token) -> Token | None:
    """Broad mode: "half said so", "most said yes": a pro-form answer right after a speech verb."""
    if verb.lemma_.lower() not in SPEECH_CUES or verb.i + 1 >= len(verb.doc):
        return None
    after = verb.doc[verb.i + 1]
    if (
        after.lower_ in ANSWERS
        and after.head.i == verb.i
        and after.dep_ in ("advmod", "intj", "dobj")
    ):
        return after
    return None


def _from_noun(noun: Token, text: str, broad: bool = False, learned: bool = False) -> _Draft | None:
    """Nominal cues: "his call for talks", "her comments on the plan", "X's claim that ...".

    The speaker is the possessor or the object of "by"/"from"; the content is a that-clause,
    an infinitive or the object of "for"/"on"/"about"/"over". A noun without a speaker ("the
    claim that ...") or standing as the subject of a speech verb ("a statement from X said",
    read by the verb) gives no claim here. Pledges, threats and proposals are commitments
    (the commitments stage reads them); only ``broad`` takes them as claims.
    """
    lemma = noun.lemma_.lower()
    if (
        noun.pos_ != "NOUN"
        or (lemma not in NOMINAL_CUES and not (broad and learned))
        or (lemma in COMMITMENT_NOUNS and not broad)
    ):
        return None
    if noun.dep_ in ("nsubj", "nsubjpass") and noun.head.lemma_.lower() in SPEECH_CUES:
        return None
    speaker: Token | None = None
    content: Token | None = None
    for child in noun.children:
        if child.dep_ == "poss" and child.pos_ in ("PROPN", "PRON", "NOUN"):
            speaker = child
        elif child.dep_ == "prep" and child.lower_ in ("by", "from") and speaker is None:
            objs = [c for c in child.children if c.dep_ == "pobj"]
            if objs and objs[0].pos_ in ("PROPN", "NOUN"):
                speaker = objs[0]
        elif child.i > noun.i and content is None:
            if child.dep_ in ("acl", "ccomp") and child.pos_ in ("VERB", "AUX"):
                if any(c.dep_ == "mark" and c.lower_ == "that" for c in child.children) or any(
                    c.dep_ == "aux" and c.lower_ == "to" for c in child.children
                ):
                    content = child
            elif child.dep_ == "prep" and child.lower_ in NOMINAL_PREPS.get(
                lemma, ("on", "about", "over")
            ) + (LEARNED_NOMINAL_PREPS if broad and learned else ()):
                objs = [c for c in child.children if c.dep_ in ("pobj", "pcomp")]
                if objs and _topic(child) and objs[0].lemma_.lower() not in VENUE_NOUNS:
                    content = child
    if speaker is None or content is None or speaker.lower_ in FIRST_PERSON | {"its"}:
        return None
    if (
        speaker.pos_ == "NOUN"
        and not any(c.dep_ == "poss" for c in speaker.children)
        and speaker.lemma_.lower() not in GOVERNMENT_WORDS  # "the ministry's", not "people's"
    ):
        return None
    start, end = _strip(text, *_complement_chars(text, content))
    s_start, s_end = _noun_phrase(speaker)
    if end - start < 3 or _overlaps(s_start, s_end, start, end):
        return None
    return _Draft(
        cue=noun.text,
        cue_token=noun,
        speaker_start=s_start,
        speaker_end=s_end,
        speaker_token=speaker,
        content_start=start,
        content_end=end,
        quoted=False,
        confidence=0.65,
        denies=noun.lemma_.lower() in ("denial", "rejection"),
    )


def _complement_chars(text: str, content: Token) -> tuple[int, int]:
    """Characters of a cue's complement: a preposition's object ("worried about X": X), else
    the clause without its "that"."""
    if content.dep_ == "prep":
        obj = next(c for c in content.children if c.dep_ in ("pobj", "pcomp"))
        return _subtree_chars(obj)
    start, end = _subtree_chars(content)
    if text[start:end].lower().startswith("that "):
        start += 5
    return start, end


def _from_adjective(adj: Token, text: str, learned: bool = False) -> _Draft | None:
    """Broad mode: a stated attitude, "X is worried about Y", "X was confident that Y".

    The adjective is the predicate of its subject (a copula or "feel", "seem", "remain"); the
    content is its that-clause, infinitive or prepositional object.
    """
    if adj.pos_ != "ADJ" or adj.dep_ not in ("acomp", "oprd"):
        return None
    if adj.lemma_.lower() not in ATTITUDE_ADJECTIVES and not learned:
        return None
    verb = adj.head
    subject = _subject(verb)
    if subject is None or subject.lower_ in ("it", "there", "this", "that"):
        return None
    content: Token | None = None
    for child in adj.children:
        if child.i < adj.i:
            continue
        if child.dep_ in ("ccomp", "xcomp") or (
            child.dep_ == "prep" and child.lower_ in ATTITUDE_PREPS and _topic(child)
        ):
            content = child
            break
    if content is None:
        return None
    start, end = _strip(text, *_complement_chars(text, content), period=True)
    s_start, s_end = _noun_phrase(subject, stop=verb)
    relative = _relative_subject(verb)
    if relative is not None:
        s_start, s_end = relative.idx, relative.idx + len(relative.text)
    if end - start < 3 or _overlaps(s_start, s_end, start, end):
        return None
    return _Draft(
        cue=_cue_text(verb) + " " + adj.text,
        cue_token=adj,
        speaker_start=s_start,
        speaker_end=s_end,
        speaker_token=subject,
        content_start=start,
        content_end=end,
        quoted=False,
        confidence=0.6,
    )


COPULAR_MESSAGES = (
    SPEECH_NOUNS
    | NOMINAL_CUES
    | _words("response answer reply point line slogan explanation conclusion contention pitch")
)


def _from_copula(verb: Token, text: str) -> _Draft | None:
    """Broad mode: "Smith's answer was that ...": a possessed message noun and a that-clause."""
    if verb.lemma_.lower() != "be":
        return None
    noun = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if noun is None or noun.pos_ != "NOUN" or noun.lemma_.lower() not in COPULAR_MESSAGES:
        return None
    owner = next((c for c in noun.children if c.dep_ == "poss"), None)
    if owner is None or owner.lower_ in ("my", "our", "your", "its"):
        return None
    comp = next(
        (
            c
            for c in verb.children
            if c.dep_ == "ccomp"
            and c.i > verb.i
            and any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children)
        ),
        None,
    )
    if comp is None:
        return None
    start, end = _strip(text, *_complement_chars(text, comp), period=True)
    s_start, s_end = _noun_phrase(owner)
    if end - start < 3 or _overlaps(s_start, s_end, start, end):
        return None
    return _Draft(
        cue=f"{noun.text} {verb.text}",
        cue_token=verb,
        speaker_start=s_start,
        speaker_end=s_end,
        speaker_token=owner,
        content_start=start,
        content_end=end,
        quoted=False,
        confidence=0.6,
    )


# -- learned cues (broad mode) -----------------------------------------------------------------

_AGENT_ENTS = frozenset({"PERSON", "ORG", "NORP", "GPE"})
_AGENT_PRONOUNS = frozenset({"i", "we", "you", "he", "she", "they", "who"})
_TOPIC_PREPS = frozenset({"about", "against", "on", "over", "to", "of", "for", "with", "at"})


def cue_features(token: Token) -> tuple[str, str, str] | None:
    """(kind, lemma, context) of a token that could be an attribution cue, else None.

    Kind is "v", "n" or "a" (verb, noun, adjective). The context class says who stands as the
    source (``agent``: a named person, organisation or place, or a personal pronoun; ``noun``;
    ``other``; ``none``), what follows as content (``clause``, ``to``, ``obj``, ``prep``, a clause
    before the token ``front``, ``none``) and, for verbs, the voice: "agent|clause|act" for
    "Smith warned that ...".
    """
    if token.pos_ == "VERB" or _verb_tagged_noun(token):
        kind = "v"
    elif token.pos_ == "NOUN":
        kind = "n"
    elif token.pos_ == "ADJ" and token.dep_ in ("acomp", "oprd"):
        kind = "a"
    else:
        return None
    lemma = token.lemma_.lower()
    if not lemma.isalpha():
        return None
    source: Token | None = None
    if kind == "v":
        source = _subject(token)
    elif kind == "a":
        source = _subject(token.head)
    else:
        for child in token.children:
            if child.dep_ == "poss":
                source = child
            elif child.dep_ == "prep" and child.lower_ in ("by", "from") and source is None:
                source = next((c for c in child.children if c.dep_ == "pobj"), None)
    if source is None:
        who = "none"
    elif (
        source.lower_ in _AGENT_PRONOUNS
        or source.ent_type_ in _AGENT_ENTS
        or source.pos_ == "PROPN"
        or source.tag_ == "PRP$"
    ):
        who = "agent"
    elif source.pos_ == "NOUN":
        who = "noun"
    else:
        who = "other"
    what = "none"
    rank = {"none": 0, "front": 1, "prep": 2, "obj": 3, "to": 4, "clause": 5}
    for child in token.children:
        dep = child.dep_
        if dep in ("ccomp", "acl") and child.pos_ in ("VERB", "AUX"):
            if child.i < token.i:
                found = "front"  # "..., she said": speech verbs, rarely other cues
            elif dep == "ccomp" or any(c.dep_ == "mark" for c in child.children):
                found = "clause"
            elif any(c.dep_ == "aux" and c.lower_ == "to" for c in child.children):
                found = "to"
            else:
                continue
        elif dep == "xcomp":
            found = "to"
        elif dep == "dobj":
            found = "obj"
        elif dep == "prep" and child.i > token.i and child.lower_ in _TOPIC_PREPS:
            if not any(c.dep_ in ("pobj", "pcomp") for c in child.children):
                continue
            found = "prep"
        else:
            continue
        if rank[found] > rank[what]:
            what = found
    context = f"{who}|{what}"
    if kind == "v":
        passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in token.children)
        context += "|pass" if passive else "|act"
    return kind, lemma, context


def doc_cue_features(doc: Doc) -> list[tuple[Token, tuple[str, str, str]]]:
    """:func:`cue_features` of every candidate token of a document (training and tests)."""
    _INDEXES[id(doc)] = _DocIndex(doc)
    try:
        return [(t, f) for t in doc if (f := cue_features(t)) is not None]
    finally:
        _INDEXES.pop(id(doc), None)


class CueScorer(Protocol):
    """What broad mode asks of a learned cue model (:class:`cue_model.LogisticCueModel`)."""

    @property
    def threshold(self) -> float: ...  # a score from here on is a cue

    @property
    def veto(self) -> float: ...  # a listed non-speech word scoring under this is none

    def score(self, token: Token) -> float: ...


def load_cue_model() -> CueScorer | None:
    """The packaged cue model, or None when its data file is missing (hand lexicons only)."""
    from ceasewatch.extract.cue_model import load_logistic_cue_model

    return load_logistic_cue_model()


def _relative_subject(verb: Token) -> Token | None:
    """'Smith, who said ...': the relative pronoun standing as the cue's subject.

    PolNeAR marks the pronoun as the source of a cue in a relative clause; broad mode keeps
    that span (the speaker actor is still the pronoun's antecedent).
    """
    current = verb
    for _ in range(3):
        for child in current.children:
            if child.dep_ in ("nsubj", "nsubjpass") and child.lower_ in RELATIVE:
                return child if current.dep_ == "relcl" else None
            if child.dep_ in ("nsubj", "nsubjpass"):
                return None
        if current.dep_ not in ("xcomp", "conj") or current.head.i == current.i:
            return None
        current = current.head
    return None


def _verb_tagged_noun(token: Token) -> bool:
    """'Trump predicts that ...' tagged as a noun: a clause complement makes it a verb."""
    return token.pos_ == "NOUN" and any(
        c.dep_ == "ccomp" and c.i > token.i and any(m.dep_ == "mark" for m in c.children)
        for c in token.children
    )


def _stance_clause(verb: Token) -> bool:
    """Broad mode: any verb whose subject is someone and whose complement is a that-clause.

    "Republicans learned that ...", "the data make clear that ...": the wide sense of
    attribution takes every source relating itself to a proposition, whatever the verb.
    """
    if verb.pos_ != "VERB" or verb.lemma_.lower() in NOT_STANCE:
        return False
    return any(
        comp.dep_ == "ccomp"
        and comp.i > verb.i
        and any(c.dep_ == "mark" and c.lower_ in ("that", "whether", "if") for c in comp.children)
        for comp in verb.children
    )


def _closes(text: str, i: int) -> bool:
    """An opening mark at ``i`` that can only close: glued to the word before, none after."""
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return not before.isspace() and before not in "([{—–-" and (after.isspace() or after in ".,;:)")


def _framed_quote(cue: Token, text: str, quotes: list[Quote]) -> Quote | None:
    """The quote a cue introduces, whatever the parse: X posted on X: “...” / X told Y, “...”.

    Between the cue and the quote only a short phrase may stand (a hearer, "on Telegram", "late
    on Monday"), with no verb and no sentence punctuation, ending in a colon or a comma.
    """
    end = cue.idx + len(cue.text)
    quotes = _indexed(quotes)
    k = bisect.bisect_left(quotes.starts, end)
    quote = quotes[k] if k < len(quotes) else None
    if quote is None or quote.words(text) < 2:
        return None
    gap = text[end : quote.start]
    if len(gap) > 60 or "\n" in gap or gap.rstrip()[-1:] not in (":", ","):
        return None
    if ":" in gap.rstrip()[:-1]:
        return None
    doc = cue.doc
    for token in doc[cue.i + 1 :]:
        if token.idx >= quote.start:
            break
        if token.pos_ in ("VERB", "AUX") or token.text in (".", ";", "!", "?", "(", ")"):
            return None
        if token.lower_ in ("that", "whether", "if", "when", "because", "after", "before"):
            return None
    return quote


def _framed_draft(cue: Token, quote: Quote, text: str, broad: bool = False) -> _Draft | None:
    """A claim for a cue that introduces a quote; the speaker found without trusting the parse.
    The writer's own voice ("I said, “...”") only in broad mode, as in :func:`_from_cue`."""
    speaker = _frame_speaker(cue)
    if speaker is None:
        return None
    speaker, channel_subject = _author_of_message(speaker)
    if speaker.lower_ in FIRST_PERSON and not broad:
        return None
    s_start, s_end = _noun_phrase(speaker, stop=cue)
    if _overlaps(s_start, s_end, quote.start, quote.end):
        return None
    return _Draft(
        cue=_cue_text(cue),
        cue_token=cue,
        speaker_start=s_start,
        speaker_end=s_end,
        speaker_token=speaker,
        content_start=quote.start,
        content_end=quote.end,
        quoted=True,
        confidence=0.85,
        denies=cue.lemma_.lower() in DENIAL_CUES or _negated(cue),
        name_hint=channel_subject,
    )


def _frame_speaker(cue: Token) -> Token | None:
    """Speaker of a quote-introducing cue: its subject, the noun it hangs on, else a name before.

    "Name, a role, posted" parses as an apposition, an ``acl`` or a ``relcl`` as often as a
    subject; the noun phrase the cue attaches to (the name, not its role apposition) speaks.
    """
    for child in cue.children:
        if child.dep_ in ("nsubj", "nsubjpass", "csubj"):
            if child.lower_ in RELATIVE and cue.dep_ == "relcl":
                return cue.head
            return child
    head = cue.head
    if cue.dep_ in ("acl", "relcl", "appos") and head.pos_ in ("NOUN", "PROPN", "PRON"):
        if head.dep_ == "appos" and head.pos_ == "NOUN" and head.head.pos_ == "PROPN":
            head = head.head  # "Name, a role, posted": the acl hangs on the role
        if (
            head.lemma_.lower() not in NOT_SPEAKERS
            and not _carried_message(head)
            and not _in_quote_marks(head)
        ):
            return head
    subject = _subject(cue)
    if subject is not None and subject.lemma_.lower() not in NOT_SPEAKERS:
        return subject
    return _nearest_name(cue)


def _carried_message(noun: Token) -> bool:
    """A statement, video, interview ... that someone issued, posted or gave (the object of a
    verb): "X issued a statement saying ...": X speaks, not the statement."""
    return noun.dep_ == "dobj" and noun.lemma_.lower() in CARRIERS


def _in_quote_marks(token: Token) -> bool:
    """Whether more quote marks open than close between the line start and the token."""
    index = _doc_index(token.doc)
    a, b = index.line_start(token.idx), token.idx
    opens = index.opens[b] - index.opens[a] + (index.straight[b] - index.straight[a]) % 2
    opens += (index.doubled[b] - index.doubled[a]) % 2  # ''...'' as newspaper archives print
    closes = index.closes[b] - index.closes[a]
    return opens > closes


def _nearest_name(cue: Token) -> Token | None:
    """The last person, organisation or known actor named before the cue in its sentence.

    Names inside prepositional phrases or objects ("a close aide to Putin") come last.
    """
    sent = cue.sent
    found: list[Token] = []
    index = _doc_index(cue.doc)
    k = bisect.bisect_left(index.ent_starts, sent.start)
    for ent in index.ents[k : bisect.bisect_left(index.ent_starts, cue.i, lo=k)]:
        if ent.end > cue.i:
            continue
        if ent.label_ in ("PERSON", "ORG") or _known_actor(ent.text) is not None:
            found.append(ent.root)
    if not found:
        return None
    free = [t for t in found if t.dep_ not in ("pobj", "dobj", "dative", "poss")]
    return (free or found)[-1]


def _adjacent_quote(verb: Token, text: str, quotes: list[Quote]) -> Quote | None:
    """The quote a cue frames in its own sentence: “...,” he said / she said on X, “...”.

    Between the quote's end and the cue only punctuation and the subject may stand (a subject
    before the quote frames no quote that comes before the cue); between the cue and a following
    quote only a short phrase ending in a comma or colon.
    """
    sent = verb.sent
    subject = _subject(verb)
    quotes = _indexed(quotes)
    # only quotes starting inside the sentence (or one character before it) can qualify
    lo = bisect.bisect_left(quotes.starts, sent.start_char - 1)
    hi = bisect.bisect_left(quotes.starts, sent.end_char + 1, lo=lo)
    for q in quotes[lo:hi]:
        if q.end <= verb.idx and q.start >= sent.start_char - 1:
            if subject is not None and subject.idx < q.start:
                continue  # "Ruiz, asked about the “...,” said": the quote is not Ruiz's
            gap = text[q.end : verb.idx]
            if subject is not None and subject.idx >= q.end:
                gap = gap.replace(text[slice(*_noun_phrase(subject))], " ")
            if "\n" not in gap and not gap.strip(" ,;:—–-\t") and q.words(text) > 3:
                return q
        elif q.start > verb.idx and q.start < sent.end_char + 1:
            gap = text[verb.idx + len(verb.text) : q.start]
            if (
                len(gap) <= 40
                and "\n" not in gap
                and gap.rstrip()[-1:] in (",", ":")
                and not any(c in gap for c in '.;!?"“”')
                and not _predicate_between(verb, q.start)
            ):
                return q
            break
    return None


def _parenthetical_content(verb: Token, text: str) -> list[tuple[int, int]] | None:
    """'The talks, he said, were hard' / 'The talks were hard, he said': the clause around it."""
    head = verb.head
    if verb.dep_ not in ("parataxis", "advcl") or head is verb or head.pos_ not in ("VERB", "AUX"):
        return None
    if verb.tag_ == "VBG" and not any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children):
        return None  # "X responded, stating ...": a participle frames no clause around it
    if (
        verb.i > head.i
        and head.lemma_.lower() in SPEECH_CUES
        and any(c.dep_ == "nsubj" for c in head.children)
        and not any(c.dep_ == "mark" and c.lower_ == "as" for c in verb.children)
    ):
        # "“...,” the mayor said when a reporter asked": the mayor's words; an aside before
        # the other cue frames it ("Instead, she said, her boss told her ...")
        return None
    doc = verb.doc
    left = (head.left_edge.idx, verb.left_edge.idx)
    right_start = verb.right_edge.idx + len(verb.right_edge.text)
    right_end = head.right_edge.idx + len(head.right_edge.text)
    if right_end < right_start:
        right_end = right_start
    pieces = [_strip(text, *left, period=True), _strip(text, right_start, right_end, period=True)]
    pieces = [(a, b) for a, b in pieces if b - a > 2 and text[a:b].strip('.!?"”“ ')]
    if not pieces or sum(b - a for a, b in pieces) < 10 or doc[verb.left_edge.i].is_sent_start:
        return None if not pieces or sum(b - a for a, b in pieces) < 10 else pieces
    return pieces


def _clip_to_paragraph(text: str, at: int, start: int, end: int) -> tuple[int, int]:
    """Drop what a paraphrase takes from paragraphs before the cue's (headings, timestamps)."""
    lo = text.rfind("\n", 0, at) + 1
    return _strip(text, max(start, lo), end)


def _according_to(token: Token, text: str) -> _Draft | None:
    to = next(c for c in token.children if c.lower_ == "to")
    objs = [c for c in to.children if c.dep_ == "pobj"]
    if not objs:
        return None
    source, hint = _author_of_message(objs[0])  # "according to a statement from X": X
    s_start, s_end = _noun_phrase(source)
    sent = token.sent
    phrase_start = token.idx
    phrase_end = max(s_end, source.right_edge.idx + len(source.right_edge.text))
    before = (sent.start_char, phrase_start)
    after = (phrase_end, sent.end_char)
    b_len = len(text[before[0] : before[1]].strip(_EDGE_PUNCT + ".'\"“”"))
    a_len = len(text[after[0] : after[1]].strip(_EDGE_PUNCT + ".'\"“”"))
    c_start, c_end = after if a_len >= b_len else before
    c_start, c_end = _strip(text, c_start, c_end, period=True)
    if c_end - c_start < 3:
        return None
    return _Draft(
        cue="according to",
        cue_token=token,
        speaker_start=s_start,
        speaker_end=s_end,
        speaker_token=source,
        content_start=c_start,
        content_end=c_end,
        quoted=False,
        confidence=0.7,
        name_hint=hint,
    )


def _subject(verb: Token) -> Token | None:
    """The speaker token of a cue: its subject, or the subject it shares with a verb it hangs on."""
    subject = _aside_subject(verb)
    if subject is not None:
        return subject
    subject = _parsed_subject(verb)
    return None if subject is None else _repaired_subject(subject, verb)


_DATELINE = re.compile(
    r"[A-Z][\w.,'’\- ]{1,40}?\([A-Za-z][\w .&]{0,24}\)[ \t]*[-—–]+[ \t]*"  # LONDON (Reuters) -
    r"|[A-Z][A-Z.'’\- ]{2,30}(?:,[ \t]*[A-Z][a-z]{2,}\.?[ \t]+\d{1,2})?[ \t]+[—–-]+[ \t]+"
)


def _dateline_end(token: Token) -> int:
    """End of the dateline ("LONDON (Reuters) - ", "WASHINGTON — ") the token lies in, else -1."""
    index = _doc_index(token.doc)
    start = index.line_start(token.idx)
    m = _DATELINE.match(index.text, start, min(len(index.text), start + 80))
    return m.end() if m is not None and token.idx < m.end() else -1


def _repaired_subject(subject: Token, verb: Token) -> Token:
    """A dateline or a date the parser took for the subject: the name after it speaks.

    "LONDON (Reuters) - Smith said ...", "Tuesday in Paris, Smith said ...": the parse often
    makes the city or the day the verb's subject (or the only noun left of it).
    """
    end = _dateline_end(subject)
    if end >= 0:
        after = [t for t in subject.doc[subject.i : verb.i] if t.idx >= end and t.is_alpha]
        if not after:
            return subject
        token = after[0]
        while (
            token.head.i < verb.i
            and token.head.idx >= end
            and token.head.i != token.i
            and token.head.pos_ not in ("VERB", "AUX")
        ):
            token = token.head
        return token if token.pos_ in ("PROPN", "NOUN", "PRON") else subject
    if subject.ent_type_ in ("DATE", "TIME") and subject.i < verb.i:
        name = _nearest_name(verb)
        if name is not None and name.i > subject.i:
            return name
    return subject


def _asked_aside(participle: Token) -> tuple[Token, Token] | None:
    """(subject, cue) when ``participle`` is an aside on the subject before it: "The minister,
    asked about the strikes, said ..." or "..., when asked ..., said".

    The parser often reads "asked" there as the subject's own verb, with the real cue hanging
    on it or above it. An aside is set off by commas: the subject, a comma (and "when", "if" or
    "after"), the participle, and a comma right before a verb of the sentence that has no
    other subject, the cue.
    """
    if participle.lower_ not in ASKED_ASIDE:
        return None
    doc = participle.doc
    before = participle.i - 1
    if before >= 0 and doc[before].lower_ in ("when", "if", "after", "once"):
        before -= 1
    if before < 1 or doc[before].text != ",":
        return None
    subject = next(
        (c for c in participle.children if c.dep_ in ("nsubj", "nsubjpass") and c.i < before),
        None,
    )
    if subject is None and participle.dep_ in ("acl", "relcl"):
        subject = participle.head if participle.head.i < before else None
    if subject is None or subject.pos_ not in ("NOUN", "PROPN"):
        return None
    sent_end = participle.sent.end
    for token in doc[participle.i + 1 : sent_end]:
        if token.text in ("“", "”", '"', ";", ":"):
            return None
        if token.text != "," or token.i + 1 >= sent_end:
            continue
        cue = doc[token.i + 1]
        if cue.pos_ not in ("VERB", "AUX"):
            continue
        own = [c for c in cue.children if c.dep_ in ("nsubj", "nsubjpass", "csubj")]
        if any(c.i != subject.i for c in own):
            return None
        return subject, cue
    return None


def _aside_subject(verb: Token) -> Token | None:
    """The subject of an aside (:func:`_asked_aside`) whose cue is ``verb``."""
    doc = verb.doc
    for token in doc[verb.sent.start : verb.i]:
        if token.lower_ in ASKED_ASIDE:
            found = _asked_aside(token)
            if found is not None and found[1].i == verb.i:
                return found[0]
    return None


def _parsed_subject(verb: Token) -> Token | None:
    """:func:`_subject` as the parse gives it."""
    seen = 0
    current = verb
    conjoined = False  # "X was detained and said ...": X, the passive subject, speaks
    while seen < 4:
        deps = ("nsubj", "csubj", "nsubjpass") if conjoined else ("nsubj", "csubj")
        subjects = [c for c in current.children if c.dep_ in deps]
        if subjects and not _in_quote_marks(verb):
            # “Words of the quote,” the minister said: the quote's subject does not speak
            subjects = [c for c in subjects if not _in_quote_marks(c)]
            if not subjects:
                return None
        for child in subjects:
            if child.lower_ in RELATIVE and current.dep_ == "relcl":
                return current.head
            return child
        if current is not verb and current.lemma_.lower() in RAISING_FRAMES:
            # "X was quoted (by Y) as saying", "X is reported to have said": X speaks, Y reports
            passive = [c for c in current.children if c.dep_ == "nsubjpass"]
            if passive and passive[0].lower_ not in ("it", "there"):
                return passive[0]
        for child in current.children:
            if child.dep_ == "agent":
                objs = [c for c in child.children if c.dep_ == "pobj"]
                if objs:
                    return objs[0]
        if current.dep_ == "pcomp" and current.head.dep_ == "prep":
            current = current.head.head  # "responded by saying ...": the verb the "by" hangs on
            seen += 1
            continue
        stray_of = _stray_cue_host(current)
        if stray_of is not None:
            current = stray_of  # "X said it was opposed and warned Y": X warned
            seen += 1
            continue
        if (
            current.dep_ in ("conj", "advcl", "xcomp")
            or (current is not verb and current.dep_ == "acomp")  # "were likely to say"
        ) and current.head.i != current.i:
            if current.dep_ == "advcl" and current.tag_ != "VBG":
                return None
            conjoined = current.dep_ == "conj" and current is verb
            current = current.head
            seen += 1
            continue
        left = [
            c
            for c in current.children
            if c.i < current.i
            and (
                (
                    c.dep_ in ("compound", "npadvmod", "nmod")
                    and (c.pos_ in ("PROPN", "PRON") or (c.pos_ == "NOUN" and c.text[:1].isupper()))
                )
                or (c.dep_ == "nummod" and c.pos_ == "NUM")  # "About 4 in 10 say ...": a share
            )
        ]
        if left and current is verb:  # "Trump predicts that ...": a subject the parser missed
            return left[0]
        if current.dep_ == "acl" and current.head.pos_ in ("NOUN", "PROPN"):
            noun = current.head
            if _carried_message(noun):
                current = noun.head  # "X issued a statement saying ...": X speaks
                seen += 1
                continue
            if noun.lemma_.lower() in NOT_SPEAKERS:
                return None
            return noun
        return None
    return None


def _author_of_message(subject: Token) -> tuple[Token, str | None]:
    """'Moscow's statement emphasized' -> (Moscow, 'statement')."""
    if subject.lemma_.lower() not in MESSAGE_NOUNS:
        return subject, None
    for child in subject.children:
        if child.dep_ == "poss":
            return child, subject.lemma_.lower()
        if child.dep_ == "prep" and child.lower_ in ("from", "by", "of"):
            objs = [c for c in child.children if c.dep_ == "pobj"]
            if objs:
                return objs[0], subject.lemma_.lower()
    return subject, None


def _content(
    verb: Token, lemma: str, text: str, quotes: list[Quote], wide: bool = False
) -> tuple[int, int, bool] | None:
    """Content span of a cue: complement clause, quote, colon clause or object."""
    comps = [
        c
        for c in verb.children
        if c.dep_ in ("ccomp", "parataxis") and c.i != verb.i and _asked_aside(c) is None
    ]
    if not comps:
        comps = _clause_after(verb)
    quotes = _indexed(quotes)
    if lemma in NAMING_CUES:
        left, right = _subtree_chars(verb)
        k = bisect.bisect_right(quotes.starts, verb.idx)
        for q in quotes[k : bisect.bisect_right(quotes.starts, right + 1, lo=k)]:
            if left <= q.start and q.end <= right + 1:
                return q.start, q.end, True
    if comps:
        comp = comps[0] if len(comps) == 1 else _main_complement(verb, comps)
        loose = (
            comp.dep_ == "parataxis"
            and comp.i > verb.i
            and not _quote_around(comp, quotes)
            and not any(t.text == ":" for t in verb.doc[verb.i : comp.i])
        )
        if not loose:
            start, end = _subtree_chars(comp, stop=verb)
            stray = _stray_cue(comp)
            if stray is not None:  # "said it was opposed and warned X": the clause ends first
                end = min(end, stray.left_edge.idx)
            start, end = _strip(text, start, end)
            quote = _covering_quote(text, start, end, quotes)
            if quote is not None:
                return quote.start, quote.end, True
            if end - start > 2:
                return start, _closing_mark(text, start, end), False
    if lemma in THAT_ONLY_CUES and not wide:
        return None
    colon = next((c for c in verb.children if c.text == ":" and c.i > verb.i), None)
    if colon is not None:
        k = bisect.bisect_left(quotes.starts, colon.idx + 1)
        after = quotes[k] if k < len(quotes) and quotes[k].start - (colon.idx + 1) <= 2 else None
        if after is not None:
            return after.start, after.end, True
        end = verb.sent.end_char
        start, end = _strip(text, colon.idx + 1, end, period=True)
        if end - start <= 2:
            start, end = _next_paragraph(text, colon.idx + 1)
            quote = _covering_quote(text, start, end, quotes)
            if quote is not None:
                return quote.start, quote.end, True
        if end - start > 2:
            return start, end, False
    if lemma in OBJECT_CUES or lemma in NAMING_CUES or lemma in TOPIC_CUES or wide:
        parts = [
            c
            for c in verb.children
            if c.i > verb.i
            and (
                c.dep_ in ("dobj", "xcomp", "oprd", "dative")
                or (c.dep_ == "prep" and c.lower_ in ("for", "of", "as"))
                or (c.dep_ == "prep" and c.lower_ == "on" and lemma in NAMING_CUES and _topic(c))
                or (wide and c.dep_ == "prep" and c.lower_ in BROAD_PREPS and _topic(c))
                or (lemma in ("respond", "reply") and _to_request(c))
                or (lemma in QUESTION_CUES and c.dep_ == "prep" and c.lower_ == "about")
                or (lemma in TOPIC_CUES and c.dep_ == "prep" and c.lower_ in ("about", "on"))
                or (lemma in REQUEST_CUES and _infinitive_after_for(c, parts_so_far=verb))
            )
        ]
        if lemma in HEARER_VERBS:
            parts = [p for p in parts if p.dep_ != "dative" and p.pos_ not in ("PRON", "PROPN")]
        if lemma in NAMING_CUES and not any(
            p.dep_ == "oprd" or p.lower_ in ("for", "as", "on") for p in parts
        ):
            return None
        if len(parts) == 1 and _speech_reference(parts[0]):
            return None
        if parts:
            start = min(_subtree_chars(p)[0] for p in parts)
            end = max(_subtree_chars(p)[1] for p in parts)
            start, end = _strip(text, start, end)
            if end - start > 2:
                return start, end, _covering_quote(text, start, end, quotes) is not None
    return None


def _passive_content(verb: Token, text: str) -> tuple[int, int, bool] | None:
    """Broad mode: "the plan was rejected by X": X is the source, the plan what it rejected."""
    passive = [c for c in verb.children if c.dep_ == "nsubjpass" and c.i < verb.i]
    if not passive or not any(c.dep_ == "agent" for c in verb.children):
        return None
    if passive[0].lower_ in RELATIVE or passive[0].pos_ == "PRON":
        return None
    start, end = _strip(text, *_subtree_chars(passive[0]))
    return (start, end, False) if end - start > 2 else None


def _next_paragraph(text: str, at: int) -> tuple[int, int]:
    """'X added:' closing its paragraph: the paragraph after it is what was said."""
    if text[at:].lstrip(" \t")[:1] != "\n":
        return at, at
    start = at
    while start < len(text) and text[start].isspace():
        start += 1
    end = text.find("\n", start)
    return _strip(text, start, len(text) if end < 0 else end)


def _stray_cue(comp: Token) -> Token | None:
    """A speech verb without a subject coordinated inside a complement clause.

    "China said it was opposed to the test and warned Pyongyang": the parser hangs "warned"
    on "was"; it is the speaker's second act, not part of what was said.
    """
    for child in comp.children:
        if (
            child.dep_ == "conj"
            and child.pos_ == "VERB"
            and child.lemma_.lower() in SPEECH_CUES
            and not any(c.dep_ in ("nsubj", "nsubjpass") for c in child.children)
        ):
            cc = [c for c in comp.children if c.dep_ == "cc" and c.i < child.i]
            return cc[-1] if cc else child
    return None


def _stray_cue_host(verb: Token) -> Token | None:
    """The cue whose complement wrongly holds ``verb`` (see :func:`_stray_cue`), else None."""
    if verb.dep_ != "conj" or verb.head.dep_ != "ccomp":
        return None
    host = verb.head.head
    if host.lemma_.lower() not in SPEECH_CUES or _stray_cue(verb.head) is None:
        return None
    return host


def _main_complement(verb: Token, comps: list[Token]) -> Token:
    """Of several complements, the first clause after the cue ("X: Y said Z and W accused ...").

    A clause before the cue is content only when nothing follows it ("Z, Y said").
    """
    after = [c for c in comps if c.i > verb.i and c.dep_ == "ccomp"]
    if after:
        return min(after, key=lambda c: c.i)
    return max(comps, key=lambda c: len(list(c.subtree)))


def _clause_after(verb: Token) -> list[Token]:
    """'said after the talks he would not go': a clause the parser hung on the cue as advcl.

    Only a clause right after the cue's own words, with a subject of its own and no
    subordinating word ("said it before he left" is no content).
    """
    if verb.lemma_.lower() not in SPEECH_CUES:
        return []
    out = []
    for child in verb.children:
        if child.dep_ != "advcl" or child.i < verb.i or child.pos_ not in ("VERB", "AUX"):
            continue
        marks = [c.lower_ for c in child.children if c.dep_ == "mark"]
        lemma = verb.lemma_.lower()
        if marks and not (
            (lemma in QUESTION_CUES and marks[0] in ("if", "whether"))
            or (lemma in REQUEST_CUES and marks[0] == "for")  # "called for X to go"
        ):
            continue
        subjects = [c for c in child.children if c.dep_ in ("nsubj", "nsubjpass") and c.i < child.i]
        if not subjects or subjects[0].lower_ in RELATIVE:
            continue
        between = verb.doc[verb.i + 1 : subjects[0].left_edge.i]
        if any(t.text in (",", ";", ":", "(", "—", "–") for t in between):
            continue
        out.append(child)
    return out


def _infinitive_after_for(token: Token, parts_so_far: Token) -> bool:
    """'called for a prosecutor to investigate': the infinitive that completes the request."""
    verb = parts_so_far
    if token.dep_ != "advcl" or token.head.i != verb.i or token.i < verb.i:
        return False
    if not any(c.dep_ == "aux" and c.lower_ == "to" for c in token.children):
        return False
    return any(c.dep_ == "prep" and c.lower_ == "for" and c.i < token.i for c in verb.children)


def _speech_reference(obj: Token) -> bool:
    """'echoing a statement made by Putin': an object naming speech without its content.

    The noun counts as content only with a content clause ("the claim that ...", "reports
    alleging that ...") or a quote.
    """
    if obj.dep_ != "dobj" or obj.lemma_.lower() not in SPEECH_NOUNS:
        return False
    for child in obj.children:
        if child.dep_ in ("acl", "ccomp", "appos") and (
            child.dep_ == "appos"
            or child.lemma_.lower() in SPEECH_CUES
            or any(c.dep_ == "mark" and c.lower_ in ("that", "whether") for c in child.children)
        ):
            return False
        if child.dep_ == "punct" and child.text in (":", *OPEN_QUOTES, '"'):
            return False
    return True


def _to_request(prep: Token) -> bool:
    """'responded to questions' ("did not respond to a request for comment"), not 'to the deal'."""
    return prep.lower_ == "to" and any(
        c.dep_ == "pobj" and c.lemma_.lower() in REQUEST_NOUNS for c in prep.children
    )


def _topic(prep: Token) -> bool:
    """A prepositional object that is a topic, not a hearer ("spoke to reporters")."""
    objs = [c for c in prep.children if c.dep_ in ("pobj", "pcomp")]
    return bool(objs) and not any(
        o.ent_type_ in ("PERSON", "DATE", "TIME") or o.pos_ == "PRON" or o.lower_ in HEARERS
        for o in objs
    )


def _quote_around(token: Token, quotes: list[Quote]) -> bool:
    quotes = _indexed(quotes)
    k = bisect.bisect_right(quotes.starts, token.idx) - 1
    return k >= 0 and token.idx < quotes[k].end


def _closing_mark(text: str, start: int, end: int) -> int:
    """``end``, or one further when the mark right after it closes a quote the span opens
    (the parse hangs a closing mark on the cue: "that the war “should never have happened”.")."""
    if end >= len(text) or text[end] not in '"”':
        return end
    part = text[start:end]
    if part.count('"') % 2 == 1 or part.count("“") > part.count("”"):
        return end + 1
    return end


_LEAD_WORD = re.compile(r"[^\W\d_]+")


def _covering_quote(text: str, start: int, end: int, quotes: list[Quote]) -> Quote | None:
    """The quote that makes up most of ``start:end`` (so the content is a direct quote).

    Not when two or more words outside the quote lead into it: "that the war “should never
    have happened”" is a paraphrase that quotes a part.
    """
    quotes = _indexed(quotes)
    k = bisect.bisect_right(quotes.ends, start)
    for q in quotes[k : bisect.bisect_left(quotes.starts, end, lo=k)]:
        overlap = min(end, q.end) - max(start, q.start)
        if overlap > 0 and overlap >= 0.6 * (end - start) and q.end - q.start >= 0.6 * overlap:
            if start < q.start:
                lead = [w for w in _LEAD_WORD.findall(text[start : q.start]) if w.lower() != "that"]
                if len(lead) >= 2:
                    return None
            return q
    return None


def _negated(token: Token) -> bool:
    """A "not" on the verb or on its auxiliary ("did not, however, say": the parse hangs it on
    "did")."""
    auxiliaries = [c for c in token.children if c.dep_ == "aux"]
    return any(
        c.dep_ == "neg" and _next_to(c, token)
        for head in (token, *auxiliaries)
        for c in head.children
    )


def _next_to(child: Token, token: Token) -> bool:
    """No quote mark between a modifier and its verb: “Apparently not,” he said is no denial,
    "did not, however, say" is one."""
    lo, hi = sorted((child.i, token.i))
    return not any(t.is_quote for t in token.doc[lo + 1 : hi])


def _cue_text(token: Token) -> str:
    parts = [
        c
        for c in token.children
        if c.dep_ in ("aux", "neg") and c.i < token.i and _next_to(c, token)
    ]
    parts.append(token)
    if token.lemma_.lower() == "call":
        parts.extend(
            c
            for c in token.children
            if c.dep_ == "prep" and c.lower_ in ("for", "on") and c.i == token.i + 1
        )
    parts.sort(key=lambda t: t.i)
    return " ".join(t.text for t in parts)


# -- pass 3: quotes without a parsed cue -------------------------------------------------------


def _predicate_between(cue: Token, end: int) -> bool:
    """Whether another cue or a verb conjoined to the cue stands between it and the character
    ``end``: "asked for a receipt and Ruiz said, “...”": the quote is what Ruiz said, not what
    was asked."""
    for token in cue.doc[cue.i + 1 :]:
        if token.idx >= end:
            return False
        if _is_cue(token) or (token.pos_ == "VERB" and token.dep_ == "conj"):
            return True  # not a participle ("told the crowd gathered outside, “...”")
    return False


def _attach_quotes(
    doc: Doc, text: str, quotes: list[Quote], drafts: list[_Draft], broad: bool = False
) -> list[_Draft]:
    out: list[_Draft] = []
    taken = _SpanIndex((d.content_start, d.content_end) for d in drafts)
    quotes = _indexed(quotes)
    for q in quotes:
        # what this loop adds are earlier quotes, which never overlap a later one
        if taken.overlaps(q.start, q.end) or (
            out and _overlaps(q.start, q.end, out[-1].content_start, out[-1].content_end)
        ):
            continue
        short = q.words(text) <= 3
        if short and not _ends_a_turn(text, q):
            continue  # a scare quote or a title, unless it ends like speech: “Fine,” she said
        cue = _cue_after(doc, text, q, quotes)
        if cue is None and not short:
            cue = _cue_before(doc, text, q, quotes)
        if cue is None:
            signed = _DASH_SIGNATURE.match(text, q.end)
            if signed is not None:
                out.append(_signed(q, signed.start(1), signed.end(1)))
            elif broad and (source := _colon_source(doc, text, q)) is not None:
                out.append(_signed(q, *source, cue=":"))
            continue
        subject = _subject(cue)
        if subject is None:
            subject = (
                _name_between(doc, q.end, cue) or _inverted_subject(cue) or _name_after(cue, q)
            )
        if subject is not None:
            if subject.lower_ in FIRST_PERSON and not broad:
                continue  # the writer's own voice: broad mode only, as in _from_cue
            phrase = _noun_phrase(subject)
            if _overlaps(*phrase, q.start, q.end) and (subject.idx < q.start) != (
                cue.idx < q.start
            ):
                continue  # "The authors of “A Plan for X” said ...": a title, not a quote
            s_start, s_end = _outside_quote(doc, phrase, q, subject)
        else:
            run = _name_run_after(doc, q.end, cue.idx) if cue.idx > q.start else None
            if run is None:
                continue
            s_start, s_end = run
        if s_start >= s_end or _overlaps(s_start, s_end, q.start, q.end):
            continue
        out.append(
            _Draft(
                cue=_cue_text(cue),
                cue_token=cue,
                speaker_start=s_start,
                speaker_end=s_end,
                speaker_token=subject,
                content_start=q.start,
                content_end=q.end,
                quoted=True,
                confidence=0.8,
                denies=cue.lemma_.lower() in DENIAL_CUES,
            )
        )
    return out


def _outside_quote(doc: Doc, phrase: tuple[int, int], q: Quote, head: Token) -> tuple[int, int]:
    """The speaker's phrase cut at the quote it frames, on its head's side.

    A bad parse can hang the quote's last word on the name after it (“... rock-solid,” Ana
    Ruiz, an engineer, said: "solid" as a modifier of "Ruiz"); the speaker is what follows the
    quote. An empty span (start >= end) when the head itself is inside the quote.
    """
    start, end = phrase
    if not _overlaps(start, end, q.start, q.end):
        return start, end
    if start < q.start and q.end < end:
        return start, start  # the quote is inside the phrase: a title ("the “...” singer")
    if head.idx >= q.end:
        start = q.end
    elif head.idx + len(head.text) <= q.start:
        end = q.start
    else:
        return start, start
    span = doc.char_span(start, end, alignment_mode="expand")
    tokens = [t for t in span or () if start <= t.idx and t.idx + len(t.text) <= end]
    while tokens and (tokens[0].is_punct or tokens[0].is_space):
        tokens.pop(0)
    while tokens and (tokens[-1].is_punct or tokens[-1].is_space):
        tokens.pop()
    if not tokens:
        return start, start
    return tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)


# "to Smith:", "about Smith:", "by Smith:" (an excerpt's author), "the spirit of Smith:"
_TARGET_PREPS = _words("to about against on at for with toward towards by of in into over like")


def _colon_source(doc: Doc, text: str, q: Quote) -> tuple[int, int] | None:
    """Broad mode: "- Jane Smith: “...”", "More from Smith: “...”": a name ending the lead-in.

    A quote opened right after a colon, with no cue, is the words of a person or organisation
    named in the last few words before the colon: a proper-name run right before it, else a
    person or organisation named shortly before (not one the lead-in addresses: "to Smith:").
    """
    lead = text[max(0, q.start - 4) : q.start].rstrip()
    if not lead.endswith(":"):
        return None
    at = text.rfind(":", 0, q.start)
    colon = doc.char_span(at, at + 1, alignment_mode="expand")
    if colon is None or not len(colon):
        return None
    window = doc[max(colon[0].sent.start, colon.start - 6) : colon.start]
    run: list[Token] = []
    for token in reversed(window):
        if token.pos_ != "PROPN" or token.ent_type_ in ("DATE", "TIME") or "\n" in token.text:
            break
        run.insert(0, token)
    if run:
        root = next((t for t in run if not run[0].i <= t.head.i <= run[-1].i), run[-1])
        if (
            (run[0].i > 0 and doc[run[0].i - 1].lower_ in _TARGET_PREPS)
            or (
                root.dep_ == "pobj"
                and root.head.lower_ in _TARGET_PREPS
                and run[0].i - root.head.i <= 3  # "by Times' Ben Sisario:"
            )
            or (len(run) > 1 and all(t.text.isupper() for t in run))  # "STAT OF THE WEEK:"
        ):
            return None
        return run[0].idx, run[-1].idx + len(run[-1].text)
    for ent in reversed(window.ents):
        if ent.label_ not in ("PERSON", "ORG"):
            continue
        root = ent.root
        if "\n" in text[ent.end_char : at] or (
            root.dep_ == "pobj" and root.head.lower_ in _TARGET_PREPS
        ):
            return None
        return _noun_phrase(root, stop=colon[0])
    return None


def _name_between(doc: Doc, start: int, cue: Token) -> Token | None:
    """“...,” Smith, 58, told AFP: a name standing between the quote and its cue.

    The parser often hangs such a name on the quote's verb; only a proper name right after
    the quote (punctuation, numbers and appositions aside) counts.
    """
    if cue.idx <= start:
        return None
    span = doc.char_span(start, cue.idx, alignment_mode="expand")
    if span is None:
        return None
    for token in span:
        if token.is_punct or token.is_space:
            continue
        if token.pos_ == "PROPN" and token.i < cue.i:
            while token.dep_ in ("compound", "flat") and token.head.i < cue.i:
                token = token.head
            return token
        return None
    return None


def _name_run_after(doc: Doc, start: int, end: int) -> tuple[int, int] | None:
    """First run of name-like tokens between a quote and its cue (the parse lost the subject)."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return None
    run: list[Token] = []
    for token in span:
        if token.pos_ in ("PROPN", "NOUN") or (not run and token.lower_ in PRONOUNS):
            run.append(token)
            if token.pos_ == "PRON":
                break
        elif run:
            break
    if not run:
        return None
    return run[0].idx, run[-1].idx + len(run[-1].text)


def _signed(q: Quote, s_start: int, s_end: int, cue: str = "―") -> _Draft:
    return _Draft(
        cue=cue,
        cue_token=None,
        speaker_start=s_start,
        speaker_end=s_end,
        speaker_token=None,
        content_start=q.start,
        content_end=q.end,
        quoted=True,
        confidence=0.7,
    )


def _is_cue(token: Token) -> bool:
    lemma = token.lemma_.lower()
    return token.pos_ in ("VERB", "AUX") and (lemma in SPEECH_CUES or lemma in ADJACENT_CUES)


def _cue_after(doc: Doc, text: str, q: Quote, quotes: list[Quote]) -> Token | None:
    """“...,” she said / “...” said the minister: a cue within a few tokens after the quote."""
    span = doc.char_span(q.end, min(len(text), q.end + 120), alignment_mode="expand")
    if span is None:
        return None
    for k, token in enumerate(span):
        if (
            k > 20
            or token.text in (".", "!", "?", ";")
            or token.idx in _indexed(quotes).start_set
            or "\n" in token.text  # a cue in the next paragraph frames its own sentence
        ):
            return None
        if _is_cue(token):
            return token
    return None


def _cue_before(doc: Doc, text: str, q: Quote, quotes: list[Quote]) -> Token | None:
    """He wrote on X: “...” / She said, “...”: a cue shortly before the quote in its sentence."""
    lead = text[max(0, q.start - 3) : q.start].rstrip()
    if not lead or lead[-1] not in ",:" and not lead[-1].isalpha():
        return None
    span = doc.char_span(max(0, q.start - 150), q.start, alignment_mode="contract")
    if span is None:
        return None
    for k, token in enumerate(reversed(span)):
        if (
            k > 10
            or token.text in (".", "!", "?", ";")
            or token.idx + 1 in _indexed(quotes).end_set
            or "\n" in token.text
        ):
            return None
        if _is_cue(token):
            return token
    return None


def _ends_a_turn(text: str, q: Quote) -> bool:
    """A quote whose last words end in a comma, "?" or "!" inside the marks: speech goes on."""
    inner = text[q.start : q.end].rstrip("\"“”«»„'` ")
    return q.balanced and inner[-1:] in (",", "?", "!")


def _name_after(cue: Token, q: Quote) -> Token | None:
    """“...,” said Jane Smith, waving a map: the name right after a cue that follows its quote.

    The parse often hangs the name on a later participle; the run of proper nouns right after
    the cue is the speaker (its last token, the head of the name).
    """
    doc = cue.doc
    if cue.idx < q.end or cue.i + 1 >= len(doc) or doc[cue.i + 1].pos_ != "PROPN":
        return None
    k = cue.i + 1
    while k + 1 < len(doc) and doc[k + 1].pos_ == "PROPN" and doc[k + 1].idx - doc[k].idx < 40:
        k += 1
    return doc[k]


def _inverted_subject(verb: Token) -> Token | None:
    for child in verb.children:
        if (
            child.i > verb.i
            and child.dep_ in ("dobj", "attr", "npadvmod", "nsubjpass")
            and child.pos_ in ("PROPN", "NOUN", "PRON")
        ):
            return child
    return None


def _continue_quotes(doc: Doc, text: str, quotes: list[Quote], drafts: list[_Draft]) -> None:
    """A quote in the next sentence, without a cue of its own, continues a direct-quote claim."""
    taken = _SpanIndex((d.content_start, d.content_end) for d in drafts)
    added: set[int] = set()  # starts of quotes joined here (quotes never overlap one another)
    quotes = _indexed(quotes)
    for d in drafts:
        if not d.quoted:
            continue
        # a sentence's end can take in the blank lines after it: the gap must still show them
        end = _rstrip(text, 0, max(d.content_end, d.speaker_end, _cue_end(d)))
        while True:
            k = bisect.bisect_left(quotes.starts, end)
            nxt = quotes[k] if k < len(quotes) else None
            if nxt is None or nxt.start in added or taken.overlaps(nxt.start, nxt.end):
                break
            gap = text[end : nxt.start]
            if "\n" in gap or len(gap.strip(" .,;")) > 0:
                break
            d.content_pieces.append((nxt.start, nxt.end))
            d.content_end = nxt.end
            added.add(nxt.start)
            end = nxt.end


def _paragraph_quotes(
    doc: Doc, text: str, quotes: list[Quote], drafts: list[_Draft]
) -> list[_Draft]:
    """A quote opening a paragraph with no cue of its own continues the last paragraph's speaker.

    News style: "... , Smith said." followed by a paragraph that is only “More words.” The
    quote is attributed only when the paragraph before ended with a claim by a named person
    (a proper name or he/she), so that an unattributed epigraph or a title stays unattributed.
    """
    out = list(drafts)
    taken = _SpanIndex((d.content_start, d.content_end) for d in drafts)
    # drafts by where they begin, (begin, position in out), to find a paragraph's claims
    begins = sorted((max(d.content_start, d.speaker_start), k) for k, d in enumerate(out))
    lines = _doc_index(doc) if doc.text == text else None
    for q in quotes:
        # drafts added here hold earlier quotes, which never overlap a later one
        if q.words(text) <= 3 or taken.overlaps(q.start, q.end):
            continue
        line_start = lines.line_start(q.start) if lines else text.rfind("\n", 0, q.start) + 1
        if text[line_start : q.start].strip() or line_start == 0:
            continue
        prev_end = _rstrip(text, 0, line_start)
        prev_start = lines.line_start(prev_end) if lines else text.rfind("\n", 0, prev_end) + 1
        if prev_end - prev_start < 2:
            continue
        prev = doc.char_span(prev_start, prev_end, alignment_mode="expand")
        if prev is None:
            continue
        tail = prev[-1].sent
        lo = bisect.bisect_left(begins, (prev_start, -1))
        hi = bisect.bisect_left(begins, (prev_end, -1), lo=lo)
        before = [
            out[k]
            for k in sorted(k for _, k in begins[lo:hi])
            if max(out[k].content_end, out[k].speaker_end) > tail.start_char
        ]
        if not before:
            continue
        last = max(before, key=lambda d: max(d.content_end, d.speaker_end))
        if not _named_speaker(last):
            continue
        added = dataclasses.replace(
            last,
            content_start=q.start,
            content_end=q.end,
            quoted=True,
            confidence=0.6,
            denies=False,
        )
        bisect.insort(begins, (max(added.content_start, added.speaker_start), len(out)))
        out.append(added)
    out.sort(key=lambda d: (d.content_start, d.speaker_start))
    return out


def _named_speaker(d: _Draft) -> bool:
    token = d.speaker_token
    if token is None:
        return d.cue_token is None and d.cue != ":"  # signed quotes
    return token.pos_ == "PROPN" or token.lower_ in ("he", "she")


def _cue_end(d: _Draft) -> int:
    if d.cue_token is None:
        return 0
    sent = d.cue_token.sent
    return sent.end_char if sent.end_char > d.content_end else d.content_end


def _transcript_turns(
    doc: Doc, text: str, drafts: list[_Draft], broad: bool = False
) -> list[_Draft]:
    """'SMITH: We will ...' lines of a transcript and 'Smith: ...' headlines (a named speaker).

    In ``broad`` mode a turn is taken even when a claim inside it was found ("SMITH: I think
    ..."): the turn is the outermost attribution, and :func:`_outermost` drops the inner one.
    """
    out = []
    taken = _SpanIndex((d.content_start, d.content_end) for d in drafts)
    named_elsewhere = {w for e in doc.ents if e.label_ in ("PERSON", "ORG") for w in e.text.split()}
    for m in _TRANSCRIPT_TURN.finditer(text):
        s_start, s_end = m.start(1), m.end(1)
        name = doc.char_span(s_start, s_end, alignment_mode="expand")
        named = name is not None and (
            any(t.ent_type_ in ("PERSON", "ORG") for t in name)
            or m.group(1).split()[-1] in named_elsewhere  # a headline's "Lynch:" named below
            or m.group(1).lower() in HEADLINE_SOURCES
        )
        if m.group(1).split()[-1].lower() in NOT_TURNS:
            continue
        if not (m.group(1).isupper() or named) or len(m.group(2).split()) < 3:
            continue
        c_start, c_end = _strip(text, m.start(2), m.end(2))
        if taken.overlaps(c_start, c_end) and not (
            broad and len(m.group(1)) > 1 and taken.nests(c_start, c_end)
        ):
            continue  # "Q: ... A: I think ...": interview turns are no outer attribution
        out.append(
            _Draft(
                cue=":",
                cue_token=None,
                speaker_start=s_start,
                speaker_end=s_end,
                speaker_token=None,
                content_start=c_start,
                content_end=c_end,
                quoted=True,
                confidence=0.6,
            )
        )
    return out


# -- pass 4: speakers, channels, records -------------------------------------------------------


@dataclass
class _Memory:
    """What the text said so far: full names by surname, roles, last speakers."""

    full_names: dict[str, str]
    # (role lower, full name) as each _remember_persons call listed them, newest call last; a
    # call's list is (persons, role entries) and a newer one covering as many persons hides it
    roles: list[tuple[int, list[tuple[str, str]]]]
    last_person: str | None = None
    last_group: Actor | None = None
    gender: dict[str, str] = dataclasses.field(default_factory=dict)  # full name -> "m" / "f"


def _finish(doc: Doc, document: Document, drafts: list[_Draft]) -> list[Claim]:
    text = document.text
    persons = _PersonFacts([e for e in doc.ents if e.label_ == "PERSON"])
    memory = _Memory(full_names={}, roles=[])
    inside = _quote_index(find_quotes(text), len(text))
    claims: list[Claim] = []
    seen: set[tuple[int, int]] = set()
    previous: tuple[_Draft, Claim] | None = None
    for d in drafts:
        if (d.content_start, d.content_end) in seen:
            continue
        seen.add((d.content_start, d.content_end))
        _remember_persons(memory, persons, text, d.speaker_start)
        speaker = _speaker(d, doc, text, memory, document.published, inside)
        if speaker is not None and speaker.kind == "person":
            if speaker.name.lower() not in PRONOUNS:  # an unresolved "he" names nobody
                memory.last_person = speaker.name
        elif speaker is not None:
            memory.last_group = speaker
        content_text = " ".join(text[a:b] for a, b in d.content_pieces)
        if d.quoted:
            content_text = " ".join(_unquoted(text[a:b]) for a, b in d.content_pieces)
        c_span = Span(d.content_start, d.content_end, text[d.content_start : d.content_end])
        s_span = Span(d.speaker_start, d.speaker_end, text[d.speaker_start : d.speaker_end])
        channel = _channel(doc, text, d)
        if channel is None and previous is not None and speaker is not None:
            channel = _inherited_channel(text, d, speaker, *previous)
        claims.append(
            Claim(
                id=content_id(document.id, str(d.content_start), str(d.content_end)),
                speaker=speaker,
                text=content_text,
                channel=channel,
                quoted=d.quoted,
                polarity="denies" if d.denies or _content_denies(doc, text, d) else "asserts",
                cue=d.cue,
                speaker_span=s_span,
                content_span=c_span,
                evidence=_evidence(doc, d),
                confidence=d.confidence,
            )
        )
        previous = (d, claims[-1])
    return claims


def _unquoted(quote: str) -> str:
    """A quote's words without its marks: curly, straight, guillemets, '' and ``."""
    quote = quote.strip()
    if quote[:2] in ("''", "``"):
        quote = quote[2:]
    if quote[-2:] == "''":
        quote = quote[:-2]
    return quote.strip().strip('"“”«»„').strip(" ,")


def _inherited_channel(
    text: str, d: _Draft, speaker: Actor, before: _Draft, claim: Claim
) -> str | None:
    """A follow-up by the same speaker in the same paragraph keeps the earlier claim's channel."""
    if claim.speaker is None or claim.speaker.name != speaker.name or claim.channel is None:
        return None
    end = max(before.content_end, before.speaker_end, claim.evidence[-1].end)
    start = min(d.content_start, d.speaker_start)
    if start < end - 1 or "\n" in text[end:start]:
        return None
    return claim.channel


class _PersonFacts:
    """Person mentions in text order with their words, gender and role, read once."""

    def __init__(self, persons: list[SpacySpan]) -> None:
        self.starts = [e.start_char for e in persons]
        self.facts = [
            (
                e.text.replace("’s", "").replace("'s", "").split(),
                _gender_before(e),
                _role_before(e),
                e.text,
            )
            for e in persons
        ]


def _remember_persons(memory: _Memory, persons: _PersonFacts, text: str, before: int) -> None:
    """Replay the person mentions before ``before`` into ``memory`` (every call from the start)."""
    count = bisect.bisect_left(persons.starts, before)
    block: list[tuple[str, str]] = []
    for words, gender, role, ent_text in persons.facts[:count]:
        if len(words) >= 2:
            memory.full_names[words[-1]] = " ".join(words)
        memory.last_person = memory.full_names.get(words[-1], " ".join(words)) if words else None
        if gender and memory.last_person:
            memory.gender.setdefault(memory.last_person, gender)
        if role:
            block.append((role.lower(), memory.full_names.get(words[-1], ent_text)))
    while memory.roles and memory.roles[-1][0] <= count:
        memory.roles.pop()  # its persons are all in this call's list, searched first
    memory.roles.append((count, block))


def _role_before(ent: SpacySpan) -> str | None:
    tokens: list[Token] = []
    k = ent.start - 1
    while (
        k >= ent.sent.start
        and ent.doc[k].dep_ in ("compound", "amod")
        and ent.doc[k].ent_type_ != "PERSON"
    ):
        tokens.insert(0, ent.doc[k])
        k -= 1
    if not tokens:
        head = ent.root.head
        if ent.root.dep_ == "appos" and head.pos_ == "NOUN":
            mods = [c for c in head.children if c.dep_ in ("amod", "compound") and c.i < head.i]
            tokens = [*mods, head]
    return " ".join(t.text for t in tokens) or None


def _gender_before(ent: SpacySpan) -> str | None:
    """'Mr. Smith' / 'spokeswoman Jane Smith': gender from an honorific or a role word."""
    doc = ent.doc
    words = [doc[k].lower_ for k in range(max(ent.sent.start, ent.start - 3), ent.start)]
    words += [t.lower_ for t in ent]
    head = ent.root.head
    if ent.root.dep_ == "appos":
        words.append(head.lower_)
    for word in reversed(words):
        if word in FEMALE_WORDS:
            return "f"
        if word in MALE_WORDS:
            return "m"
    return None


def _antecedent(pronoun: Token, inside: list[int], memory: _Memory) -> str | None:
    """The person a he/she speaker points to.

    Candidates are subjects, nearest first: subjects earlier in the pronoun's own sentence, then
    the subjects of up to three sentences before (main clause subject first), skipping anything
    inside quote marks and people of the other known gender. Names that are objects or sit in
    prepositional phrases ("discussed aid with Putin") are never candidates.
    """
    want = "f" if pronoun.lower_ in ("she", "her") else "m"
    doc = pronoun.doc
    sent = pronoun.sent
    groups: list[list[Token]] = []
    here = [t for t in doc[sent.start : pronoun.i] if _is_subject(t, inside)]
    groups.append(list(reversed(here)))
    start = sent.start
    for _ in range(3):
        if start == 0:
            break
        prev = doc[start - 1].sent
        start = prev.start
        subjects = [t for t in prev if _is_subject(t, inside)]
        subjects.sort(key=lambda t: (t.head.dep_ != "ROOT", t.i))
        groups.append(subjects)
    for group in groups:
        for subject in group:
            name = _person_name(subject, memory)
            if name is None:
                continue
            if memory.gender.get(name, want) != want:
                continue
            memory.gender.setdefault(name, want)
            return name
    return None


def _is_subject(token: Token, inside: list[int]) -> bool:
    return token.dep_ in ("nsubj", "nsubjpass") and inside[token.idx] < 0


def _person_name(token: Token, memory: _Memory) -> str | None:
    """Full name of the person a subject names (itself, or its apposition), else None."""
    for t in (token, *[c for c in token.children if c.dep_ == "appos"]):
        if t.pos_ != "PROPN":
            continue
        parts = [c for c in t.children if c.dep_ in ("compound", "flat") and c.pos_ == "PROPN"]
        if t.ent_type_ == "PERSON":
            parts = [c for c in parts if c.ent_type_ == "PERSON"]
        words = [w.text for w in sorted([*parts, t], key=lambda w: w.i)]
        name = " ".join(words) if len(words) >= 2 else memory.full_names.get(t.text, t.text)
        known = _known_actor(name)
        if known is not None:
            if known.role:  # a listed leader, whatever the tagger said
                return known.name
            continue  # a place or an institution the tagger took for a person
        if t.ent_type_ == "PERSON":
            return name
    return None


def _known_actor(name: str) -> Actor | None:
    try:
        return resolve_actor(name)
    except Exception:  # noqa: BLE001 - another module's code; never fail a claim on it
        return None


def _speaker(
    d: _Draft,
    doc: Doc,
    text: str,
    memory: _Memory,
    when: str | None,
    inside: list[int] | None = None,
) -> Actor | None:
    mention = text[d.speaker_start : d.speaker_end]
    token = d.speaker_token
    low = mention.lower()
    if low in PRONOUNS:
        found = None
        if token is not None and inside is not None:
            found = _antecedent(token, inside, memory)
        if found is None:
            found = memory.last_person
        if found:
            return _resolved(found, "person", None, when)
        return Actor(name=mention, kind="person")
    if low in GROUP_PRONOUNS:
        return memory.last_group or Actor(name=mention)
    if token is not None:
        name, role, kind = _name_and_role(token, mention)
    else:
        name, role, kind = (mention.title() if mention.isupper() else mention), None, "person"
    words = name.split()
    if len(words) == 1 and words[0] in memory.full_names:
        name, kind = memory.full_names[words[0]], "person"
    elif kind != "person" and name[:1].islower():
        found = _by_role(name, memory)
        if found is not None:
            return _resolved(found, "person", name, when)
    actor = _resolved(name, kind, role, when)
    if actor.country is None and kind != "person" and mention != name:
        # "The Russian Defence Ministry": the name part alone has lost the country the whole
        # phrase names
        whole = _known_actor(mention)
        if whole is not None and whole.country:
            actor = dataclasses.replace(actor, country=whole.country)
    return actor


def _by_role(description: str, memory: _Memory) -> str | None:
    words = [w for w in description.lower().split() if w not in ("the", "a", "an")]
    if not words:
        return None
    for role, name in (entry for _, block in reversed(memory.roles) for entry in reversed(block)):
        role_words = role.split()
        if words[-1] == role_words[-1] and all(
            w in role_words or _same_country(w, role) for w in words
        ):
            return name
    return None


def _same_country(word: str, role: str) -> bool:
    try:
        code = country_of(word)
    except Exception:  # noqa: BLE001 - another module's stub; never fail a claim on it
        return False
    return code is not None and any(country_of(w) == code for w in role.split())


def _resolved(name: str, kind: str | None, role: str | None, when: str | None) -> Actor:
    try:
        actor = resolve_actor(name, when=when)
    except Exception:  # noqa: BLE001
        log.debug("resolve_actor failed for %r", name, exc_info=True)
        actor = None
    if actor is not None:
        if role and not actor.role:
            actor = dataclasses.replace(actor, role=role)
        return actor
    country = None
    try:
        country = (country_of(role) or _place_country(role)) if role else None
    except Exception:  # noqa: BLE001
        country = None
    return Actor(name=name, country=country, kind=kind, role=role)


_CAPITALISED_RUN = re.compile(r"[A-Z][\w’'-]+(?:[ \t]+[A-Z][\w’'-]+)*")
PLACE_ROLE_POPULATION = 50_000
"""A town named in a role ("governor of Belgorod") gives the speaker's country from this size
on; smaller namesakes of office words ("President", "Defence") are left out."""


def _place_country(role: str) -> str | None:
    """ISO3 country of the region or town a role names ("governor of Belgorod", "Kharkiv
    mayor"): its biggest reading's, when no namesake in another country comes near its size."""
    gazetteer = get_gazetteer()
    for run in _CAPITALISED_RUN.findall(role):
        entries = [
            e
            for e in gazetteer.lookup(normalize_name(run), variants=False)
            if e.feature == "ADM1"
            or (e.feature.startswith("PPL") and e.population >= PLACE_ROLE_POPULATION)
        ]
        if not entries:
            continue
        best = max(entries, key=lambda e: e.population)
        rival = max((e.population for e in entries if e.country != best.country), default=0)
        if best.population >= 5 * rival:  # Odesa, not Odessa (Texas)
            return iso3(best.country)
    return None


def _name_and_role(token: Token, mention: str) -> tuple[str, str | None, str | None]:
    """Speaker name (a proper name where the phrase has one), role words and a guessed kind."""
    root = token
    name_token = root
    if root.pos_ != "PROPN":
        appos = [c for c in root.children if c.dep_ == "appos" and c.pos_ == "PROPN"]
        if not appos:  # "the governor of Belgorod, Vyacheslav Gladkov": hung on the place
            appos = [
                c
                for prep in root.children
                if prep.dep_ == "prep" and prep.lower_ == "of"
                for obj in prep.children
                if obj.dep_ == "pobj"
                for c in obj.children
                if c.dep_ == "appos" and c.pos_ == "PROPN" and c.ent_type_ == "PERSON"
            ]
        if appos:
            name_token = appos[0]
    else:
        appos = [c for c in root.children if c.dep_ == "appos" and c.pos_ == "NOUN"]
    if name_token.pos_ == "PROPN":
        name_tokens = [
            t
            for t in name_token.subtree
            if t.dep_ in ("compound", "flat") and t.pos_ == "PROPN" and t.head == name_token
        ] + [name_token]
        name_tokens.sort(key=lambda t: t.i)
        # compounds that precede the name but are titles ("President", "Kremlin") are role words
        person = name_token.ent_type_ == "PERSON"
        if person:
            name_tokens = [t for t in name_tokens if t.ent_type_ == "PERSON" or t is name_token]
        name = " ".join(t.text for t in name_tokens)
        organisation = _organisation_name(name_token, mention)
        if organisation is not None and len(organisation) > len(name):
            name = organisation  # "The Institute for the Study of War", not "Institute"
        role_tokens = [
            t
            for t in name_token.children
            if t.dep_ in ("compound", "amod") and t not in name_tokens and t.i < name_token.i
        ]
        if name_token is not root:
            role_tokens = [
                t for t in root.children if t.dep_ in ("compound", "amod") and t.i < root.i
            ] + [root]
            if name_token.head is not root:  # "governor of Belgorod, Name": "governor of Belgorod"
                role_tokens += [t for t in root.subtree if root.i < t.i < name_token.head.i + 1]
                role_tokens = [t for t in role_tokens if not t.is_punct]
        elif appos:
            role_tokens = [t for t in appos[0].children if t.dep_ in ("compound", "amod")] + [
                appos[0]
            ]
        role_tokens.sort(key=lambda t: t.i)
        role = " ".join(t.text for t in role_tokens) or None
        kind = _guess_kind(name, name_token.ent_type_, role)
        return name, role, kind
    name = mention
    if name.lower().startswith("the ") and name[4:5].isupper():
        name = name[4:]
    return name, None, _guess_kind(name, root.ent_type_, None)


def _organisation_name(token: Token, mention: str) -> str | None:
    """The whole organisation entity a proper-noun head lies in, when the mention holds it all
    (without a leading "The")."""
    if token.ent_type_ != "ORG":
        return None
    doc = token.doc
    start = token.i
    while start > 0 and doc[start].ent_iob_ == "I":
        start -= 1
    end = token.i + 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    entity = doc[start:end].text
    if entity not in mention:
        return None
    return entity[4:] if entity.lower().startswith("the ") else entity


def _guess_kind(name: str, label: str, role: str | None) -> str | None:
    low = name.lower()
    if any(w in low for w in MILITARY_WORDS):
        return "military"
    if any(p in low for p in GOVERNMENT_PHRASES) or any(w in GOVERNMENT_WORDS for w in low.split()):
        return "government"
    if label == "PERSON":
        return "person"
    if label in ("GPE", "NORP"):
        return "government"
    if label == "ORG":
        return "organization"
    if not label and all(w[:1].isupper() for w in name.split()):
        return "person"
    return None


def _channel(doc: Doc, text: str, d: _Draft) -> str | None:
    """Channel named in the cue sentence(s) outside the content, else a generic one."""
    if d.cue_token is not None:
        sent = d.cue_token.sent
        start, end = sent.start_char, sent.end_char
    else:
        start, end = d.speaker_start, d.speaker_end
    start = min(start, d.speaker_start)
    frame = [(start, min(end, d.content_start)), (max(start, d.content_end), end)]
    if d.content_start <= start and d.content_end >= end and d.cue_token is not None:
        frame = [(d.cue_token.sent.start_char, d.cue_token.sent.end_char)]
    windows = [text[a:b] for a, b in frame if b > a]
    for window in windows:
        m = _NAMED_CHANNEL.search(window)
        if m:
            return m.group(1)
        if _PLATFORM_X.search(window):
            return "X"
    for pattern, channel in _GENERIC_CHANNELS:
        if any(pattern.search(w) for w in windows):
            return channel
    return d.name_hint if d.name_hint in ("statement", "interview", "post") else None


def _content_denies(doc: Doc, text: str, d: _Draft) -> bool:
    """Whether the content rejects something: a "No, ..." answer or a denied own act.

    A negation inside the content is a denial only when the speaker negates its own past or
    present act ("it did not target civilians", “We did not start this war”); a negated
    assessment or forecast ("a ceasefire would not be enough", "we will not withdraw") asserts.
    """
    inner = text[d.content_start : d.content_end].lstrip('"“”«» ')
    if re.match(r"(?i)no\b[,.!]", inner):
        return True
    span = doc.char_span(d.content_start, d.content_end, alignment_mode="contract")
    if span is None:
        return False
    for token in span:
        if token.dep_ in ("ccomp", "ROOT") or token.head.i < span.start or token.head.i >= span.end:
            if token.pos_ not in ("VERB", "AUX") or not _negated(token):
                return False
            if any(c.dep_ == "aux" and c.tag_ == "MD" for c in token.children):
                return False
            subjects = [c for c in token.children if c.dep_ in ("nsubj", "nsubjpass")]
            speaker = text[d.speaker_start : d.speaker_end].lower()
            return any(
                s.lower_ in SELF_PRONOUNS or s.lower_ == speaker or speaker.endswith(s.lower_)
                for s in subjects
            )
    return False


def _evidence(doc: Doc, d: _Draft) -> tuple[Span, ...]:
    lo = min(d.content_start, d.speaker_start)
    hi = max(d.content_end, d.speaker_end)
    index = _doc_index(doc)
    out = []
    for start, end, sent_text in index.sents[bisect.bisect_right(index.sent_ends, lo) :]:
        if start >= hi:
            break
        out.append(Span(start, end, sent_text))
    return tuple(out)


# -- small helpers -----------------------------------------------------------------------------


def _noun_phrase(token: Token, stop: Token | None = None) -> tuple[int, int]:
    """Characters of the noun phrase headed by ``token``, without relative clauses.

    With ``stop`` (the cue) after the phrase's head, the phrase ends before it: a bad parse can
    hang the quoted clause on the speaker's name.
    """
    keep = [token]
    for child in token.children:
        if child.dep_ in ("relcl", "acl", "advcl", "parataxis", "punct", "cc", "prep", "ccomp"):
            if child.dep_ == "prep" and child.lower_ in ("of", "for", "from", "at", "with"):
                keep.extend(child.subtree)
            continue
        keep.extend(child.subtree)
    if stop is not None and token.i < stop.i:
        keep = [t for t in keep if t.i < stop.i]
    lo = min(t.idx for t in keep)
    hi = max(t.idx + len(t.text) for t in keep)
    doc = token.doc
    head_at = token.idx
    doc_text = _doc_index(doc).text
    line_start = doc_text.rfind("\n", lo, head_at) + 1
    line_end = doc_text.find("\n", head_at, hi)
    lo = max(lo, line_start)
    hi = hi if line_end < 0 else line_end
    span = doc.char_span(lo, hi, alignment_mode="expand")
    tokens = list(span) if span is not None else keep
    while tokens and (
        tokens[-1].is_punct or tokens[-1].is_space or tokens[-1].dep_ in ("cc", "case")
    ):
        tokens.pop()
    while tokens and (tokens[0].is_punct or tokens[0].is_space):
        tokens.pop(0)
    if not tokens:
        return token.idx, token.idx + len(token.text)
    return tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)


def _subtree_chars(token: Token, stop: Token | None = None) -> tuple[int, int]:
    left, right = token.left_edge, token.right_edge
    if stop is not None and left.i <= stop.i <= right.i:
        # the complement wraps the cue (rare parses): keep the side the complement's head is on
        if token.i < stop.i:
            right = token.doc[stop.i - 1]
        else:
            left = token.doc[stop.i + 1]
    return left.idx, right.idx + len(right.text)


def _strip(text: str, start: int, end: int, period: bool = False) -> tuple[int, int]:
    """Trim spaces and clause punctuation (and a closing period when ``period``)."""
    while start < end and text[start] in _EDGE_PUNCT:
        start += 1
    trailing = _EDGE_PUNCT + "." if period else _EDGE_PUNCT
    while end > start and text[end - 1] in trailing:
        end -= 1
    return start, end


def _rstrip(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1].isspace():
        end -= 1
    return end


def _overlaps(a: int, b: int, c: int, d: int) -> bool:
    return a < d and c < b


def _quote_index(quotes: list[Quote], n: int) -> list[int]:
    """For each character, the index of the quote it lies inside, or -1."""
    index = [-1] * (n + 1)
    for k, q in enumerate(quotes):
        for i in range(q.start + 1, max(q.start + 1, q.end - 1)):
            index[i] = k
    return index


def _merge_split_quotes(drafts: list[_Draft]) -> list[_Draft]:
    """“A,” she said, “B.”: two quotes hanging on one cue make one claim."""
    out: list[_Draft] = []
    by_cue: dict[int, _Draft] = {}
    for d in sorted(drafts, key=lambda d: d.content_start):
        first = by_cue.get(d.cue_token.i) if d.cue_token is not None else None
        if first is not None and first.quoted and d.quoted:
            first.content_pieces.extend(d.content_pieces)
            first.content_end = max(first.content_end, d.content_end)
            continue
        if d.cue_token is not None and d.cue_token.i not in by_cue:
            by_cue[d.cue_token.i] = d
        out.append(d)
    return out


def _dedupe(drafts: list[_Draft]) -> list[_Draft]:
    """One claim per content span; a cue whose content holds another cue's claim is kept whole.

    Of two cues with one content, a speech cue wins over an attitude or evidence cue ("Polling
    shows that “...,” said Ada Lenz": Lenz said it)."""
    out: list[_Draft] = []
    seen: set[tuple[int, int]] = set()

    def order(d: _Draft) -> tuple[int, int, int]:
        speech = d.cue_token is not None and d.cue_token.lemma_.lower() in SPEECH_CUES
        return d.content_start, -(d.content_end - d.content_start), 0 if speech else 1

    for d in sorted(drafts, key=order):
        if (d.content_start, d.content_end) not in seen:
            seen.add((d.content_start, d.content_end))
            out.append(d)
    return out
