"""Gazetteer-first geoparsing: find toponyms in text and resolve them to GeoNames places.

Recognition (``find_places``):

1. Capitalised token runs (lowercase connectors such as "of", "de" allowed inside) are matched
   against the place index, longest match first.
2. spaCy GPE/LOC/FAC entities, when a ``Doc`` is given, add candidates the scan missed and count
   as support; PERSON entities of two or more tokens veto what they cover.
3. Matches are dropped when they look like common words (stoplist), people (a title before,
   a first name before or a surname after, a verb of speaking after a small place, the surname
   of a full name named elsewhere, a one-word name spaCy tags PERSON twice) or weak
   sentence-initial words without support. An English word ("Crater", "Tower"; the WordNet
   index shipped with the spaCy model, ``english_words``) read only as an alternate name or a
   town under 20,000 inhabitants needs a sign of a place somewhere in the text ("in X",
   "X, Region", listed with another place, or a spaCy place entity outside a Title Case line).
   A name known only as an alternate name needs "in X" or spaCy support, unless it is another
   romanisation of a place's own name ("Avdiivka" for Avdiyivka) or, in a report of fighting,
   the object of an attack verb ("forces shelled X").

Resolution (shared by all entry points): every candidate reading is scored by population, the kind
of name that matched (own name, alternate, alias, area stem), its feature, the countries and
admin1 areas named elsewhere in the text (demonyms count weakly), and, in later passes, its
distance to the other places chosen in the text and the text's home region (the admin1 most of
its other names lie in). A reading gets no support from itself ("Mexico" is not the city because
"Mexico City" is named too). "X region/oblast/province/state" asks for an
admin1 area; "near X", "outskirts of X", "N km from X", "district of X" give precision ``near``.
In "Town, Region" and "Town (Region)" the second name is the region when the town has a reading
inside it (also when the region is called by its stem or another spelling: "Kharkiv",
"Zaporizhia"; not in a list of towns: "Izium, Kharkiv and Kramatorsk"), and a town with no
reading in that region gets those of its other romanisations there. An alternate name that is
not a respelling of the place's own name (a former name) yields to a namesake whose own name it
is.

In a report of fighting (shelling, clashes, strikes...), same-named Ukrainian villages and towns
are ranked by their distance to the front line and the Russian border (``_front_bonus``), and so
are those ``geocode`` is asked for with a Ukrainian oblast as context.

Ukrainian villages from the official codifier (feature ``PPLH``, placed at their hromada centre,
precision ``near``) are readings only in texts about Ukraine, only where the text marks the name
as a place ("in X", "X, Y oblast"), and are left out by ``find_places`` when several settlements
of that name remain equally likely.
"""

from __future__ import annotations

import bisect
import difflib
import json
import logging
import math
import re
from collections import Counter
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path
from typing import Any

from ceasewatch.model import Place
from ceasewatch.resolve.gazetteer import (
    KIND_ALIAS,
    KIND_ALTERNATE,
    KIND_DEMONYM,
    KIND_PRIMARY,
    KIND_STEM,
    KIND_VARIANT,
    VARIANT_PREFIX,
    Entry,
    distance_km,
    get_gazetteer,
    iso3,
    load_aliases,
    normalize_name,
    region_admin1,
    variant_key,
)

log = logging.getLogger(__name__)

_TOKEN = re.compile(r"[^\W\d_]+(?:[’'.\-][^\W\d_]+)*\.?")
_CONNECTORS = frozenset(
    [
        "of",
        "de",
        "la",
        "le",
        "el",
        "al",
        "upon",
        "on",
        "the",
        "du",
        "des",
        "del",
        "da",
        "do",
        "dos",
        "am",
        "an",
        "der",
        "sur",
        "en",
        "and",
        "i",
        "y",
        "di",
    ]
)
_ABBREVIATIONS = frozenset({"St.", "Mt.", "Ft.", "Ste.", "U.S.", "U.K.", "D.C."})
ADMIN1_WORDS = frozenset(
    [
        "region",
        "regions",
        "oblast",
        "oblasts",
        "province",
        "provinces",
        "governorate",
        "governorates",
        "state",
        "states",
        "krai",
        "kray",
        "republic",
        "territory",
        "prefecture",
        "voivodeship",
    ]
)
ADMIN2_WORDS = frozenset(
    ["district", "districts", "county", "counties", "parish", "raion", "rayon"]
)
_TITLES = (
    r"\b(?:President|Presidents|Mr|Mrs|Ms|Miss|Dr|Gen|General|Sen|Senator|Rep|Gov|Governor|"
    r"Minister|Secretary|Pope|King|Queen|Prince|Princess|Judge|Justice|Sheriff|Officer|Sgt|"
    r"Sergeant|Capt|Captain|Lt|Lieutenant|Col|Colonel|Chief|Mayor|Coach|Rev|Reverend|Sir|Lady|"
    r"Lord|Deputy|Commissioner|Detective|Trooper|Councilman|Councilwoman|Professor|Prof|"
    r"Ambassador|Chancellor|Premier|Chairman|Chairwoman|Representative|Congressman|"
    r"Congresswoman|Assemblyman|Assemblywoman|Councillor|Pastor|Bishop|Cardinal|Rabbi|Imam|"
    r"Sheikh|Admiral|Cpl|Corporal|Attorney|"
    r"spokesman|spokeswoman|spokesperson)"
)
_TITLE_BEFORE = re.compile(_TITLES + r"\.?\s+$")
_SPEECH_AFTER = re.compile(
    r"^,?\s+(?:\w+\s+)?(?:said|says|told|added|asked|stated|wrote|tweeted|announced|explained|"
    r"noted|argued|insisted|replied|recalled|testified|urged)\b"
)
_NEAR_BEFORE = re.compile(
    r"(?:\bnear|\boutside|\boutskirts\s+of|\bvicinity\s+of|\bclose\s+to|\bsuburbs?\s+of|"
    r"\bdistricts?\s+of|\bneighbou?rhood\s+of|\bnot\s+far\s+from|"
    r"\b(?:north|south|east|west|north-?east|north-?west|south-?east|south-?west)(?:ern)?"
    r"(?:\s+outskirts)?\s+of|\b(?:km|kilometres|kilometers|miles|mi)\s+(?:\w+\s+)?(?:from|of))"
    r"\s+(?:the\s+)?$",
    re.IGNORECASE,
)
_SENTENCE_START = re.compile(r"(?:^|[.!?:;\"“”]\s*|\n\s*)$")
_AREA_FEATURES = ("PCLI", "ADM1", "CONT", "RGN", "SEA", "OCN", "GULF")


@dataclass(frozen=True)
class PlaceContext:
    """What else is known when geocoding one name: countries (ISO2 or ISO3), admin1 names,
    and points (lat, lon) of places already resolved nearby."""

    countries: tuple[str, ...] = ()
    admin1: tuple[str, ...] = ()
    points: tuple[tuple[float, float], ...] = ()


@dataclass
class _Mention:
    start: int
    end: int
    text: str
    key: str
    entries: tuple[Entry, ...]
    admin: str | None = None  # "admin1" | "admin2" when an area word follows
    near: bool = False
    supported: bool = False  # an NER GPE/LOC/FAC entity agrees
    context_only: bool = False
    chosen: Entry | None = None
    score: float = 0.0
    bonus: float = 0.0
    local: float = 0.0  # the part of ``bonus`` from nearby places and named areas, not countries
    tied: bool = False  # another reading more than 25 km away scored as high as the chosen one
    extra: list[Entry] = field(default_factory=list)
    gap_before: str | None = None  # text between the previous mention and this one
    prev: _Mention | None = None
    next: _Mention | None = None


@lru_cache(maxsize=1)
def _word_lists() -> tuple[frozenset[str], frozenset[str]]:
    aliases = load_aliases()
    return frozenset(aliases["stopwords"]), frozenset(aliases["first_names"])


@lru_cache(maxsize=1)
def english_words() -> frozenset[str]:
    """Lowercase English words (about 80,000: WordNet's noun, verb, adjective and adverb index)
    from the lemmatizer tables that ship inside the installed spaCy English model; empty when no
    such model is installed. Read with ``srsly`` (no spaCy pipeline is loaded here)."""
    import importlib.metadata

    import srsly

    for dist in importlib.metadata.distributions():
        name = (dist.metadata["Name"] or "").replace("-", "_").lower()
        if not name.startswith("en_core_web"):
            continue
        tables = [f for f in dist.files or () if str(f).endswith("lemmatizer/lookups/lookups.bin")]
        if not tables:
            continue
        try:
            lookups = srsly.msgpack_loads(Path(str(dist.locate_file(tables[0]))).read_bytes())
            index = lookups["lemma_index"]
            words = {w for table in index.values() for w in table if w.isalpha()}
        except Exception:  # a model with other tables: no word list, the rule is off
            log.warning("no English word list in %s", name, exc_info=True)
            continue
        return frozenset(words)
    return frozenset()


def _ordinary_word(word: str) -> bool:
    """An English common word ("Crater", "Tower", "Cars"), not a first name ("Mary")."""
    words = english_words()
    low = word.lower()
    if not low.isalpha() or word in _word_lists()[1]:
        return False
    forms = [low]
    if low.endswith("ies"):
        forms.append(low[:-3] + "y")
    elif low.endswith("es"):
        forms += [low[:-2], low[:-1]]
    elif low.endswith("s") and not low.endswith("ss"):
        forms.append(low[:-1])
    return any(f in words for f in forms)


@lru_cache(maxsize=1)
def _abbreviations() -> frozenset[str]:
    names = {a for table in load_aliases().get("region_aliases", {}).values() for a in table}
    return frozenset(_ABBREVIATIONS | {a for a in names if a.endswith(".")})


def _tokens(text: str) -> list[tuple[int, int, str]]:
    out = []
    abbreviations = _abbreviations()
    for m in _TOKEN.finditer(text):
        tok = m.group()
        end = m.end()
        if tok.endswith(".") and tok not in abbreviations and "." not in tok[:-1]:
            tok, end = tok[:-1], end - 1
        if tok[-2:] in ("’s", "'s") and len(tok) > 3:
            tok, end = tok[:-2], end - 2
        out.append((m.start(), end, tok))
    return out


def _capitalised(tok: str) -> bool:
    return tok[:1].isupper()


def _area_word_after(text: str, end: int) -> tuple[str | None, int]:
    m = re.match(r"[ \-]([A-Za-z]+)\b", text[end : end + 20])
    if not m:
        return None, end
    word = m.group(1).lower()
    if word in ADMIN1_WORDS:
        return "admin1", end + m.end()
    if word in ADMIN2_WORDS:
        return "admin2", end + m.end()
    return None, end


def _scan(text: str) -> list[_Mention]:
    """Longest gazetteer matches over capitalised token runs."""
    gaz = get_gazetteer()
    toks = _tokens(text)
    mentions: list[_Mention] = []
    i = 0
    while i < len(toks):
        if not _capitalised(toks[i][2]):
            i += 1
            continue
        last = i
        while last + 1 < len(toks) and last - i < 5:
            gap = text[toks[last][1] : toks[last + 1][0]]
            nxt = toks[last + 1][2]
            if gap not in (" ", "-") or not (_capitalised(nxt) or nxt in _CONNECTORS):
                break
            last += 1
        found = None
        for j in range(last, i - 1, -1):
            if not _capitalised(toks[j][2]):
                continue
            start, end = toks[i][0], toks[j][1]
            key = normalize_name(text[start:end])
            entries = gaz.lookup(key) if key else ()
            if entries:
                found = (j, _Mention(start, end, text[start:end], key, entries))
                break
        if found is None:
            i += 1
            continue
        j, mention = found
        mentions.append(mention)
        i = j + 1
    return mentions


def _annotate(text: str, mention: _Mention) -> None:
    admin, _ = _area_word_after(text, mention.end)
    if admin:
        mention.admin = admin
    elif re.match(r"\s+and\s+[A-Z][\w’'\-]+\s+(?:regions|oblasts|provinces|states)\b",
                  text[mention.end : mention.end + 60]):  # fmt: skip
        mention.admin = "admin1"
    before = text[max(0, mention.start - 60) : mention.start]
    if _NEAR_BEFORE.search(before):
        mention.near = True


def _is_person(text: str, m: _Mention, first_names: frozenset[str], surnames: set[str]) -> bool:
    before = text[max(0, m.start - 40) : m.start]
    after = text[m.end : m.end + 40]
    if _TITLE_BEFORE.search(before):
        return True
    prev = re.search(r"([A-Z][a-z]+)\s+$", before)
    if prev and prev.group(1) in first_names and " " not in m.text:
        return True
    nxt = re.match(r"\s+([A-Z][a-z]+)\b", after)
    if nxt and m.text in first_names and nxt.group(1).lower() not in ADMIN1_WORDS | ADMIN2_WORDS:
        following = get_gazetteer().lookup(normalize_name(nxt.group(1)))
        if not any(e.population >= 100_000 or e.is_area for e in following):
            return True
    if m.text in surnames and not any(e.feature in _AREA_FEATURES for e in m.entries):
        return True
    big = max((e.population for e in m.entries if not e.is_area), default=0)
    is_area = any(e.feature in _AREA_FEATURES for e in m.entries)
    return bool(_SPEECH_AFTER.match(after)) and not is_area and big < 100_000


_SURNAME = r"([A-Z][a-z]+(?:-[A-Z][a-z]+)?)\b(?![-’'][A-Z])"
_FULL_NAME = re.compile(rf"\b([A-Z][a-z]+)\s+(?:[A-Z]\.\s+)?{_SURNAME}")
# "Tyrise M. Bell": a middle initial between two capitalised words makes a full name
_INITIAL_NAME = re.compile(rf"\b[A-Z][a-z]+\s+[A-Z]\.\s+{_SURNAME}")
_TITLED_NAME = re.compile(rf"{_TITLES}\.?\s+(?:[A-Z][a-z]+\s+)?(?:[A-Z]\.\s+)?{_SURNAME}")


def _surnames(text: str, first_names: frozenset[str], doc: Any | None) -> set[str]:
    """The last words of full names in the text: after a first name ("Rick Scott"), a title
    ("Gov. Rick Scott", "Officer Eggers"), a name with a middle initial ("Tyrise M. Bell"), and
    of spaCy PERSON entities of two or more words."""
    names = set()
    for m in _FULL_NAME.finditer(text):
        if m.group(1) in first_names:
            names.add(m.group(2))
    names.update(m.group(1) for m in _INITIAL_NAME.finditer(text))
    names.update(m.group(1) for m in _TITLED_NAME.finditer(text))
    if doc is not None:
        for ent in doc.ents:
            words = [t.text for t in ent if t.is_alpha]
            if ent.label_ == "PERSON" and len(words) >= 2:
                names.add(words[-1])
    return names


def _person_words(doc: Any | None) -> frozenset[str]:
    """One-word names that spaCy tags PERSON at least twice in the document and never as a place
    ("... stabbed Welch. Welch and his mother ..."): a person named by the surname alone."""
    if doc is None:
        return frozenset()
    people: Counter[str] = Counter()
    places: set[str] = set()
    for ent in doc.ents:
        if ent.label_ == "PERSON" and len(ent) == 1:
            people[ent.text] += 1
        elif ent.label_ in ("GPE", "LOC", "FAC"):
            places.update(t.text for t in ent)
    return frozenset(w for w, n in people.items() if n >= 2 and w not in places)


def _ner_spans(doc: Any | None) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    places, people = [], []
    if doc is not None:
        for ent in doc.ents:
            if ent.label_ in ("GPE", "LOC", "FAC"):
                places.append((ent.start_char, ent.end_char))
            elif ent.label_ == "PERSON" and len(ent) >= 2:
                people.append((ent.start_char, ent.end_char))
    return places, people


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


class _Intervals:
    """Spans (start, end) that do not overlap one another (entities, scanned names), for finding
    the ones that overlap a query span by bisection."""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        self.spans = sorted(spans)
        self._ends = [e for _, e in self.spans]
        # disjoint spans sorted by start have sorted ends; checked, as the bisection needs it
        self._sorted = all(a <= b for a, b in zip(self._ends, self._ends[1:], strict=False))

    def overlapping(self, start: int, end: int) -> list[tuple[int, int]]:
        if not self._sorted:
            return [s for s in self.spans if _overlaps((start, end), s)]
        out = []
        for s in self.spans[bisect.bisect_right(self._ends, start) :]:
            if s[0] >= end:
                break
            if _overlaps((start, end), s):
                out.append(s)
        return out


def _keep(text: str, m: _Mention, stopwords: frozenset[str], first_names: frozenset[str],
          surnames: set[str], strict: bool = True,
          text_words: frozenset[str] | None = None,
          signalled: bool = False) -> bool:  # fmt: skip
    """Whether a scanned name is a place. ``signalled``: the text marks this name as a place
    somewhere ("in X", "X, Region", listed with another place name)."""
    words = m.text.replace("-", " ").split()
    if _short_alias_in_prose(m) or (strict and _bare_county_stem(text, m)):
        return False
    strong_area = any(
        e.feature in ("PCLI", "ADM1", "CONT", "RGN")
        and e.kind in (KIND_PRIMARY, KIND_ALIAS)
        and (e.feature != "ADM1" or e.population >= 50_000)  # not a tiny municipality ("Store")
        for e in m.entries
    )
    demonym = any(e.kind == KIND_DEMONYM for e in m.entries)

    def stop(w: str) -> bool:
        if w in _abbreviations():
            return False
        w = w.rstrip(".")
        return w in stopwords or (w.isupper() and len(w) > 3 and w.title() in stopwords)

    all_stop = all(stop(w) or w.lower() in _CONNECTORS for w in words)
    if all_stop and not (strong_area and len(words) > 1) and not demonym:
        return False
    small = max((e.population for e in m.entries), default=0) < 100_000
    things = strict and len(words) == 1 and not strong_area and not demonym
    own_small = (
        max((e.population for e in m.entries if e.kind == KIND_PRIMARY), default=0) < 100_000
    )
    if things and _names_a_thing(text, m, own_small):
        return False
    if strict and not strong_area and not demonym and _names_a_site(text, m):
        return False
    if len(words) == 1 and small and not strong_area and not demonym:
        if _used_as_word(text, m.text.lower(), text_words):
            return False  # also used as a common word in this text
        if (
            not m.supported
            and not _own_name_or_spelling(m)
            and not _locative_before(text, m, strict=True)
            and not _attack_object(text, m)
        ):
            return False  # known only by another name, with no sign of a place
    if (
        strict
        and len(words) == 1
        and not strong_area
        and not demonym
        and _word_town(m)
        and _ordinary_word(m.text)
        and not (signalled or _strong_place_signal(text, m))
    ):
        return False  # "Crater after strike", "Molotov cocktails": a word, not a place
    if all(e.at_centre for e in m.entries) and not (
        m.supported or _locative_before(text, m) or _REGION_AFTER.match(text, m.end)
    ):
        return False  # a codifier village needs a sign of a place: "in X", "X, Y oblast"
    if m.supported:
        return not _is_person(text, m, first_names, surnames)
    if _is_person(text, m, first_names, surnames):
        return False
    if len(words) == 1 and not strong_area and not demonym:
        before = text[max(0, m.start - 3) : m.start]
        if _SENTENCE_START.search(before):
            big = max((e.population for e in m.entries), default=0)
            if big < 50_000:
                return False
        if m.text.isupper() and len(m.text) <= 3:
            return False
    return True


def _own_name_or_spelling(m: _Mention) -> bool:
    """Some reading has the name as its own name or as an alternate name that is another
    romanisation of its own (equal ``variant_key``: "Avdiivka" for GeoNames' Avdiyivka, "Izium"
    for Izyum), not only as another name ("Raul" for Raoul, "Bronco" for Bronte)."""
    folded = variant_key(m.key)
    return any(
        e.kind not in (KIND_ALTERNATE, KIND_VARIANT)
        or (
            folded is not None
            and e.kind == KIND_ALTERNATE
            and variant_key(normalize_name(e.name)) == folded
        )
        for e in m.entries
    )


_ATTACK_BEFORE = re.compile(
    r"\b(?:shell(?:ed|ing|s)|struck|hit|attack(?:ed|ing|s)|bomb(?:ed|ing|s)|captured|"
    r"(?:re)?took|seized|stormed|recaptured|liberated|pounded|targeted|overran)\s+"
    r"(?:the\s+)?(?:(?:village|town|city|settlement)\s+of\s+)?$",
    re.IGNORECASE,
)


def _attack_object(text: str, m: _Mention) -> bool:
    """In a report of fighting (``_WAR_WORDS``), the name is the object of an attack verb
    ("forces shelled X", "strikes hit X", "troops captured X"): a place."""
    if not _ATTACK_BEFORE.search(text, max(0, m.start - 40), m.start):
        return False
    return _war_text(text)


@lru_cache(maxsize=8)
def _war_text(text: str) -> bool:
    """Whether the text reports fighting; asked once per text, not once per name (a str keeps
    its hash, so the cache lookup is cheap on long texts)."""
    return _WAR_WORDS.search(text) is not None


# A town whose own name is a common word needs a sign of a place below this population.
WORD_TOWN_POPULATION = 20_000


def _word_town(m: _Mention) -> bool:
    """The name reads only as an alternate name or as the own name of towns of fewer than
    ``WORD_TOWN_POPULATION`` inhabitants ("Crater", "Tower"; "Molotov" for Perm)."""
    own = [e.population for e in m.entries if e.kind not in (KIND_ALTERNATE, KIND_VARIANT)]
    return max(own, default=0) < WORD_TOWN_POPULATION


_IN_PLACE_BEFORE = re.compile(
    r"(?:\b(?:in|near|outside)\s+(?:the\s+)?(?:(?:village|town|city|county)\s+of\s+)?|"
    r"(?:\b(?:formerly|residents?|natives?)|,)\s+of\s+)$",
    re.IGNORECASE,
)


def _strong_place_signal(text: str, m: _Mention, *, entity: bool = True) -> bool:
    """The text marks the name as a place: "in X", "near X", "X, Region", "X region", or (with
    ``entity``) a spaCy place entity outside a Title Case line, where the model tags capitalised
    words freely. "from X", "at X" are not enough ("a contract with Stevens & Wilkinson")."""
    if m.admin or m.near or _IN_PLACE_BEFORE.search(text, max(0, m.start - 30), m.start):
        return True
    if _area_after(text, m.end):
        return True
    return entity and m.supported and not _title_case_line(text, m.start)


_NAME_AFTER = re.compile(r"\s*(?:,\s*|\(\s*)([A-Z][\w’'-]+(?:\s[A-Z][\w’'-]+)?)")


def _area_after(text: str, end: int) -> bool:
    """ "X, Region" / "X (Region)": the name after the comma is a country or a province."""
    m = _NAME_AFTER.match(text, end)
    if m is None:
        return False
    gaz = get_gazetteer()
    for name in (m.group(1), m.group(1).split()[0]):
        if any(_is_named_area(e) or e.kind == KIND_STEM for e in gaz.lookup(normalize_name(name))):
            return True
    return False


_LONG_WORD = re.compile(r"[^\W\d_]{4,}")


def _title_case_line(text: str, pos: int) -> bool:
    """The line holding ``pos`` is written in Title Case (a headline): most of its words of four
    letters or more are capitalised."""
    lo = text.rfind("\n", 0, pos) + 1
    hi = text.find("\n", pos)
    words = _LONG_WORD.findall(text, lo, len(text) if hi < 0 else hi)
    if len(words) < 3:
        return False
    return sum(w[0].isupper() for w in words) >= 0.6 * len(words)


def _short_alias_in_prose(m: _Mention) -> bool:
    """A short abbreviation alias ("ACT", "NT", "Ill.") read from an ordinary word or a
    contraction ("the Act", "don't", "I'll"): abbreviations count in capitals or with their dot."""
    if len(m.key.replace(" ", "")) > 3 or not m.entries:
        return False
    if not all(e.kind == KIND_ALIAS and e.is_area for e in m.entries):
        return False
    contraction = bool(re.search(r"[’']", m.text))
    return contraction or not (m.text.isupper() or m.text.endswith("."))


def _bare_county_stem(text: str, m: _Mention) -> bool:
    """A county known only by its stem ("Bureau" for Bureau County), with no area word after it,
    inside a longer name ("Census Bureau", "Bureau of Prisons", "Glacier National Park")."""
    if m.admin is not None or not m.entries:
        return False
    if not all(e.feature == "ADM2" and e.kind == KIND_STEM for e in m.entries):
        return False
    before = text[max(0, m.start - 30) : m.start]
    after = text[m.end : m.end + 30]
    return bool(
        re.search(r"[A-Z][\w’'.-]*\s$", before) or re.match(r"\s(?:of\s+(?:the\s+)?)?[A-Z]", after)
    )


_WORD_RUN = re.compile(r"[\w-]+")
_REGION_AFTER = re.compile(r"\s*(?:,\s*|\(\s*)[A-Z]")


def _text_words(text: str) -> frozenset[str]:
    """The maximal runs of word characters and hyphens in ``text``."""
    return frozenset(_WORD_RUN.findall(text))


def _used_as_word(text: str, word: str, text_words: frozenset[str] | None = None) -> bool:
    """``word`` occurs in ``text`` with no word character or hyphen on either side.

    For a word made only of such characters, an occurrence is exactly a maximal run, so the
    runs of the text (``_text_words``, built once per text) answer without a scan.
    """
    if text_words is not None and _WORD_RUN.fullmatch(word):
        return word in text_words
    return bool(re.search(rf"(?<![\w-]){re.escape(word)}(?![\w-])", text))


_FACILITY_AFTER = re.compile(
    r"^[ -](?:Square|Park|Street|St|Avenue|Ave|Road|Boulevard|Plant|Factory|Works|LLC|Inc|Ltd|"
    r"Company|Corp|Group|Tower|Towers|Hotel|Mall|Market|Stadium|Arena|University|College|"
    r"School|Hospital|Church|Cathedral|Monastery|Theatre|Theater|Museum|Centre|Center|"
    r"(?:business|shopping|trade|trading|office|entertainment)\s+(?:centre|center|complex|mall))\b"
)
_WEAPON_NEAR = re.compile(r"(?:[A-Z0-9]+-\d+[A-Z0-9]*\s+$)")
_LOCATIVE = re.compile(
    r"\b(?:in|near|at|outside|around|towards?|from|into|of)\s+(?:the\s+)?(?:village\s+of\s+|"
    r"town\s+of\s+|city\s+of\s+)?$",
    re.IGNORECASE,
)


def _locative_before(text: str, m: _Mention, *, strict: bool = False) -> bool:
    """A preposition of place right before the name ("convoy in Stakhanov"). ``strict``: not a
    bare "of" after a capitalised word, which rather joins the parts of one name ("House of
    Culture", "Church of St. Nicholas")."""
    before = text[max(0, m.start - 30) : m.start]
    if not _LOCATIVE.search(before):
        return False
    return not (strict and _NAME_OF.search(before))


_NAME_OF = re.compile(r"[A-Z][\w’'.-]*\s+of\s+(?:the\s+)?$")

# A site named after a place or a person rather than the place: "X airport", "X Park".
# Not "bridge", "crossing", "mine", "station": those usually lie in the village they name.
_SITE_WORDS = (
    r"airport|market|bazaar|square|park|boulevard|blvd|avenue|street|plant|factory|stadium"
)
_SITE_AFTER = re.compile(
    rf"[ -](?:[A-Za-z]+\s+){{0,2}}?(?:{_SITE_WORDS})\b(?!\s+(?:of|in|at|near)\b)", re.IGNORECASE
)
_RIVER_AFTER = re.compile(r"\s+[Rr]iver\b")
_RIVER_BEFORE = re.compile(r"\b[Rr]iver\s+(?:[A-Z][\w’'-]*\s+)?$")
# From this population on, a town's own name before "airport" or "station" is the town
# ("Popasna station", "Hostomel airport" lie in or next to the town); villages named like a
# person or a word are more often the site's namesake than its place.
SITE_TOWN_POPULATION = 10_000


def _site_after(text: str, end: int) -> bool:
    hit = _SITE_AFTER.match(text, end)
    return hit is not None and " and " not in hit.group(0).lower()


def _names_a_site(text: str, m: _Mention) -> bool:
    """A name that is part of a river's ("Donets river", "River Seversky Donets") or of a site's
    name ("Antonovo airport", "Ilyich factory", "Svobody Square") and is not used for the town
    anywhere else in the text. A big town's own name before a site word stays the town."""
    if _RIVER_AFTER.match(text, m.end) or _RIVER_BEFORE.search(text, max(0, m.start - 40), m.start):
        return True
    if not _site_after(text, m.end):
        return False
    own = max((e.population for e in m.entries if e.kind == KIND_PRIMARY), default=0)
    if own >= SITE_TOWN_POPULATION:
        return False
    for hit in re.finditer(rf"(?<![\w-]){re.escape(m.text)}(?![\w-])", text):
        if hit.start() != m.start and not _site_after(text, hit.end()):
            return False  # the town itself is named elsewhere in the text
    return True


def _names_a_thing(text: str, m: _Mention, small: bool) -> bool:
    """One word that is part of the name of a facility, firm or weapon rather than a place:
    a small place before "Square"/"Plant"/"LLC" ("Liberty Square"), in quotes ("the 'Osa'
    system"), or next to a model code ("BM-21 Grad", "Grad-1"). ``small``: no big place has
    this as its own name (alternates such as "Gorky" for a city renamed long ago do not count)."""
    after = text[m.end : m.end + 20]
    before = text[max(0, m.start - 12) : m.start]
    if small and _FACILITY_AFTER.match(after):
        return True
    if small and before.endswith(('"', "“", "'")) and after.startswith(('"', "”", "'")):
        return True
    return bool(_WEAPON_NEAR.search(before) or re.match(r"^-\d", after))


def _context(
    mentions: list[_Mention], skip: int
) -> tuple[dict[str, float], dict[tuple[str, str], set[int]]]:
    """Countries named in the text (with a weight) and admin1 areas named or holding a chosen
    town, each with the pids that point to it (a reading gets no support from itself).

    The definition; scoring asks ``_ContextIndex``, which gives the same answers without a scan
    of all mentions per mention (tests compare the two)."""
    countries: dict[str, float] = {}
    admin1s: dict[tuple[str, str], set[int]] = {}
    own_key = mentions[skip].key if skip >= 0 else None
    for idx, m in enumerate(mentions):
        if idx == skip or m.key == own_key:
            continue
        for e in m.entries:
            if e.feature == "PCLI":
                weight = 1.0 if e.kind in (KIND_PRIMARY, KIND_ALIAS) else 0.4
                countries[e.country] = max(countries.get(e.country, 0.0), weight)
            elif _national_region(e):
                countries[e.country] = max(countries.get(e.country, 0.0), 0.6)
            elif e.feature == "ADM1" and e.kind in (
                KIND_PRIMARY, KIND_ALIAS, KIND_STEM, KIND_VARIANT
            ):  # fmt: skip
                if e.kind in (KIND_STEM, KIND_VARIANT) and m.admin != "admin1":
                    continue
                admin1s.setdefault((e.country, e.admin1 or ""), set()).add(-1)
                countries[e.country] = max(countries.get(e.country, 0.0), 0.6)
        chosen = m.chosen
        if (
            chosen is not None
            and chosen.admin1
            and (chosen.feature.startswith("PPL") or chosen.feature == "ADM2")
        ):
            admin1s.setdefault((chosen.country, chosen.admin1), set()).add(chosen.pid)
    return countries, admin1s


def _home_region(mentions: list[_Mention], skip: int) -> tuple[str, str] | None:
    """The admin1 area most of a text's other names lie in (local news names the home state's
    towns and counties without saying so): named by at least two distinct names and by at least
    half of the names that have an admin1. The definition; scoring asks ``_ContextIndex``."""
    votes: dict[tuple[str, str], set[str]] = {}
    own_key = mentions[skip].key if skip >= 0 else None
    keys = set()
    for idx, m in enumerate(mentions):
        e = m.chosen
        if idx == skip or m.key == own_key or e is None or not e.admin1:
            continue
        if e.feature in ("PCLI", "CONT", "RGN") or e.kind == KIND_DEMONYM:
            continue
        votes.setdefault((e.country, e.admin1), set()).add(m.key)
        keys.add(m.key)
    if not votes:
        return None
    area, names = max(votes.items(), key=lambda kv: len(kv[1]))
    if len(names) >= 2 and len(names) * 2 >= len(keys):
        return area
    return None


def _national_region(e: Entry) -> bool:
    """A named region inside one country that is not one admin1 area ("Donbas", "Darfur")."""
    return e.feature == "RGN" and bool(e.country)


def _city_area(e: Entry) -> bool:
    """An admin1 that is a city ("Kyiv City", "Sevastopol City")."""
    return normalize_name(e.name).split()[-1:] == ["city"]


_KIND_PRIOR = {
    KIND_PRIMARY: 1.0,
    KIND_ALIAS: 1.0,
    KIND_DEMONYM: 1.0,
    KIND_ALTERNATE: 0.4,
    KIND_VARIANT: 0.0,
}


# An alternate name that is not a respelling of the place's own name (a former name, another
# language's word: "Centerville" for Fremont, "Salisbury" for Harare) counts less than one that
# is ("Odessa" for Odesa, "Kiev" for Kyiv): a namesake whose own name it is comes first. Without
# such a namesake the former name stands ("Pervomaiskyi" for a renamed town).
_OTHER_NAME_PRIOR = -1.4
_RESPELLING_RATIO = 0.7


@lru_cache(maxsize=65536)
def _respelling(key: str, name: str) -> bool:
    """Whether the normalised ``key`` reads as a spelling of ``name`` (similar letters)."""
    own = normalize_name(name)
    return own == key or difflib.SequenceMatcher(None, key, own).ratio() >= _RESPELLING_RATIO


def _former_name(e: Entry, m: _Mention) -> bool:
    """``e`` is read through an alternate name that does not respell its own name, while another
    reading has the name as its own or as a respelling of its own: "Sloviansk" is a former name
    of Nikopol and a spelling of Slovyansk (both known to GeoNames only by alternate names)."""
    if e.kind != KIND_ALTERNATE or _respelling(m.key, e.name):
        return False
    return any(
        o.kind in (KIND_PRIMARY, KIND_VARIANT)
        or (o.kind == KIND_ALTERNATE and _respelling(m.key, o.name))
        for o in m.entries
        if o.pid != e.pid
    )


def _prior(e: Entry, m: _Mention) -> float:
    score = math.log10(e.population + 10)
    score += _KIND_PRIOR.get(e.kind, -2.0)
    if _former_name(e, m):
        score += _OTHER_NAME_PRIOR
    feature_bonus = {"PCLI": 3.0, "ADM1": 0.5, "CONT": 2.0, "RGN": 2.0, "PPLC": 1.5, "ADM2": -1.0}
    score += feature_bonus.get(e.feature, 0.0)
    if e.at_centre:
        score -= 0.5  # a codifier village: GeoNames' own towns of that name come first
    if m.admin == "admin1":
        score += 7.0 if e.feature == "ADM1" else (-3.0 if e.feature.startswith("PPL") else 0.0)
        if e.feature == "ADM1" and e.kind == KIND_STEM:
            score += 2.0
        if e.feature == "ADM1" and _city_area(e) and "city" not in normalize_name(m.text).split():
            score -= 3.0  # "Kyiv oblast" is the oblast, not the admin1 "Kyiv City"
    elif m.admin == "admin2":
        score += 4.0 if e.feature == "ADM2" else 0.0
        if e.feature == "ADM2" and e.kind == KIND_STEM:
            score += 2.0
    return score


def _candidates(m: _Mention) -> list[Entry]:
    """Entries worth scoring, with the admin1 of the biggest same-named city for "X region"."""
    entries = list(m.entries) + m.extra
    cities = [e for e in entries if e.feature.startswith("PPL")]
    after_town = (
        m.prev is not None and _TOWN_AREA_GAP.fullmatch(m.gap_before or "") and not _in_town_list(m)
    )
    if m.admin is None and not after_town:
        big_admins = {(e.country, e.admin1) for e in cities if e.population >= 50_000}
        entries = [
            e
            for e in entries
            if not (e.feature == "ADM1" and (e.country, e.admin1) in big_admins)
            and not (e.feature in ("ADM1", "ADM2") and e.kind == KIND_STEM)
        ] or entries
    elif m.admin == "admin1" and cities and not any(_is_named_area(e) for e in entries):
        # "X region" for a town name: the admin1 holding the biggest town called X (not for
        # names that are areas themselves: "US state" is not the region of a village "Us")
        biggest = max(cities, key=lambda e: e.population)
        if biggest.admin1:
            area = get_gazetteer().admin1(biggest.country, biggest.admin1)
            if area is not None and area.pid not in {e.pid for e in entries}:
                entries.append(replace(area, kind=KIND_STEM))
    return entries


_LIST_GAP = re.compile(r"\s*(?:,|,?\s+and|,?\s+or|/|&)\s*")


def _is_named_area(e: Entry) -> bool:
    return e.feature in ("PCLI", "ADM1") and e.kind in (KIND_PRIMARY, KIND_ALIAS)


_TOWN_AREA_GAP = re.compile(r",\s*|\s*[(\[]\s*")


def _in_town_list(m: _Mention) -> bool:
    """The name after "Town," goes on to another town in a list ("Izium, Kharkiv and
    Kramatorsk"): a list of towns, not "Town, Region". Not when the next name is an area or is
    qualified itself ("Izium, Kharkiv, and Lyman, Donetsk" pairs towns with regions)."""
    nxt = m.next
    if nxt is None or "(" in (m.gap_before or "") or m.admin is not None:
        return False
    if not _PLACE_LIST_GAP.fullmatch(nxt.gap_before or ""):
        return False
    if nxt.admin is not None or any(e.feature in _AREA_FEATURES for e in nxt.entries):
        return False
    after = nxt.next
    return after is None or not _TOWN_AREA_GAP.fullmatch(after.gap_before or "")


def _town_area_bonus(e: Entry, m: _Mention) -> float:
    """Area ``e`` right after a town ("Town, Area") that has a reading inside it."""
    prev = m.prev
    if prev is None or not _TOWN_AREA_GAP.fullmatch(m.gap_before or "") or _in_town_list(m):
        return 0.0
    readings = [*prev.entries, prev.chosen] if prev.chosen is not None else prev.entries
    inside = any(
        p.feature.startswith("PPL") and p.country == e.country
        and (e.feature == "PCLI" or p.admin1 == e.admin1)
        for p in readings
    )  # fmt: skip
    return 6.0 if inside else 0.0


def _sibling_bonus(e: Entry, m: _Mention, mentions: list[_Mention], idx: int) -> float:
    """Areas named alongside areas of the same kind ("Michigan, Oregon and Ohio"), and the area in
    "Town, Area" when the town has a reading inside it ("Volnovakha, Donetsk"; also for an
    oblast called by its stem or a variant spelling: "Levadne, Zaporizhia")."""
    if not _is_named_area(e):
        if e.feature == "ADM1" and e.kind in (KIND_STEM, KIND_VARIANT):
            # twice: the oblast's city ("Kharkiv") is supported by the town before it too
            return 2 * _town_area_bonus(e, m)
        return 0.0
    bonus = _town_area_bonus(e, m)
    keys = set()
    neighbours = []
    if m.prev is not None and _LIST_GAP.fullmatch(m.gap_before or ""):
        neighbours.append(m.prev)
    if m.next is not None and _LIST_GAP.fullmatch(m.next.gap_before or ""):
        neighbours.append(m.next)
    for other in neighbours:
        if other.key == m.key:
            continue
        for o in other.entries:
            if (
                _is_named_area(o)
                and o.feature == e.feature
                and (e.feature == "PCLI" or o.country == e.country)
            ):
                keys.add(other.key)
                break
    return bonus + len(keys) * 2.5


# (_QUALIFIER_GAP, the gap between a place and the area qualifying it, is defined further down)
_IN_GAP = re.compile(r"\s+in\s+(?:the\s+)?")


def _holding_areas(m: _Mention) -> set[_Area]:
    """The region a settlement is held to: the area named right after it as its region, in the
    strong forms "Town, X Oblast", "Town in (the) X region" and "Town (X)". Empty otherwise, and
    for a name that is itself a region ("Kharkiv, Donetsk Oblast" lists regions)."""
    nxt = m.next
    if nxt is None or any(e.feature == "ADM1" for e in m.entries):
        return set()
    gap = nxt.gap_before or ""
    paren = ("(" in gap or "[" in gap) and _QUALIFIER_GAP.fullmatch(gap) is not None
    worded = nxt.admin == "admin1" and (
        _QUALIFIER_GAP.fullmatch(gap) is not None or _IN_GAP.fullmatch(gap) is not None
    )
    if not (paren or worded):
        return set()
    return {
        (o.country, o.admin1)
        for o in nxt.entries
        if o.feature == "ADM1" and o.kind != KIND_DEMONYM and o.admin1
    }


def _qualifier_areas(m: _Mention) -> set[_Area]:
    """The admin1 readings of the name right after a settlement in "Town, Region" or
    "Town (Region)" (a weaker sign than ``_holding_areas``: it may be a list)."""
    nxt = m.next
    if nxt is None or not _TOWN_AREA_GAP.fullmatch(nxt.gap_before or ""):
        return set()
    if any(e.feature == "ADM1" for e in m.entries):
        return set()
    return {
        (o.country, o.admin1)
        for o in nxt.entries
        if o.feature == "ADM1" and o.kind != KIND_DEMONYM and o.admin1
    }


def _respelt_readings(m: _Mention, areas: set[_Area]) -> list[Entry]:
    """Settlements inside ``areas`` whose name is another romanisation of the mention's
    ("Krasnopillya, Donetsk Oblast": the codifier's Krasnopillia there, while GeoNames'
    Krasnopillya lies in another oblast and hides the variant spellings from the lookup)."""
    folded = variant_key(m.key)
    if not folded or len(folded) < 4:
        return []
    pids = {e.pid for e in m.entries}
    return [
        e
        for e in get_gazetteer().lookup(VARIANT_PREFIX + folded)
        if e.pid not in pids and e.feature.startswith("PPL") and (e.country, e.admin1) in areas
    ]


def _qualified_bonus(e: Entry, m: _Mention) -> float:
    """A town reading inside the area named right after it: "Town, Region", "Town (Region)"."""
    nxt = m.next
    if nxt is None or not e.feature.startswith("PPL") or not e.admin1:
        return 0.0
    if not _QUALIFIER_GAP.fullmatch(nxt.gap_before or ""):
        return 0.0
    area = (e.country, e.admin1)
    inside = any(
        o.feature == "ADM1" and o.kind != KIND_DEMONYM and (o.country, o.admin1) == area
        for o in nxt.entries
    )
    return 4.0 if inside else 0.0


# Where the war in Ukraine is fought (public knowledge, lat/lon of towns along each line): the
# northern border with Russia, the 2014-2022 line of contact in Donbas and the 2022-2024 front
# (with the 2022 Kherson-Mykolaiv line). Reports of shelling and clashes name villages there.
_FRONT_LINES: tuple[tuple[tuple[float, float], ...], ...] = (
    (  # border: Chernihiv, Sumy, Kharkiv oblasts
        (52.10, 31.78), (52.34, 33.28), (52.19, 34.04), (51.57, 34.10), (51.15, 34.31),
        (51.05, 35.02), (50.77, 35.27), (50.42, 35.48), (50.28, 35.98), (50.33, 36.21),
        (50.29, 36.94), (50.06, 37.39), (49.85, 37.68),
    ),
    (  # 2022-2024 front
        (49.85, 37.68), (49.71, 37.61), (49.41, 38.16), (49.05, 38.22), (48.87, 38.10),
        (48.60, 38.00), (48.59, 37.83), (48.40, 37.85), (48.14, 37.75), (47.94, 37.50),
        (47.78, 37.25), (47.84, 36.83), (47.66, 36.26), (47.57, 35.79), (47.44, 35.28),
        (47.48, 34.42), (46.75, 33.37), (46.64, 32.61), (46.52, 32.52), (46.55, 31.55),
    ),
    (  # 2022 Kherson-Mykolaiv line
        (46.61, 31.55), (46.98, 32.83), (47.08, 32.80), (47.24, 33.35), (47.48, 33.53),
        (47.48, 34.42),
    ),
    (  # 2014-2022 line of contact
        (48.65, 39.49), (48.74, 39.23), (48.68, 38.52), (48.63, 38.38), (48.43, 38.22),
        (48.30, 38.05), (48.14, 37.75), (48.10, 37.64), (47.94, 37.50), (47.72, 37.58),
        (47.25, 37.80), (47.09, 37.75),
    ),
)  # fmt: skip
_WAR_WORDS = re.compile(
    r"\b(?:shell(?:s|ed|ing)?|artillery|mortars?|missiles?|drones?|air ?strikes?|airstrikes?|"
    r"strikes?|struck|attack(?:s|ed)?|offensive|assault(?:s|ed)?|clash(?:es|ed)?|fired|"
    r"fighting|battles?|troops|positions|front|frontline|bomb(?:s|ed|ing)?|MLRS|rebels?|"
    r"forces|military|explosions?|mines?|landmines?|killed|wounded|injured|occupied|"
    r"destroy(?:s|ed|ing)?|damag(?:e|es|ed|ing)|ruins|rubble|wreckage|soldiers?|convoy|"
    r"munitions?|exploded)\b",
    re.IGNORECASE,
)


def _segment_km(p: tuple[float, float], a: tuple[float, float], b: tuple[float, float]) -> float:
    """km from ``p`` to the segment ``a``-``b`` (flat projection around ``p``: short distances)."""
    kx = 111.32 * math.cos(math.radians(p[0]))
    ax, ay = (a[1] - p[1]) * kx, (a[0] - p[0]) * 110.57
    bx, by = (b[1] - p[1]) * kx, (b[0] - p[0]) * 110.57
    dx, dy = bx - ax, by - ay
    length = dx * dx + dy * dy
    t = 0.0 if length == 0 else max(0.0, min(1.0, -(ax * dx + ay * dy) / length))
    return math.hypot(ax + t * dx, ay + t * dy)


@lru_cache(maxsize=65536)
def front_km(lat: float, lon: float) -> float:
    """km from a point to the nearest of ``_FRONT_LINES``."""
    p = (lat, lon)
    return min(
        _segment_km(p, a, b) for line in _FRONT_LINES for a, b in zip(line, line[1:], strict=False)
    )


_FRONT_WEIGHT = 3.5
_FRONT_REACH_KM = 100.0


def _front_bonus(e: Entry) -> float:
    """In a report of fighting, a Ukrainian village or town near the front or the Russian border
    before a namesake far behind it (``_WAR_WORDS``). Only among villages and towns: a name that
    is also an area or a city of 50,000+ keeps its usual reading."""
    if e.country != "UA" or not e.feature.startswith("PPL") or e.population >= 50_000:
        return 0.0
    return _FRONT_WEIGHT * max(0.0, 1.0 - front_km(e.lat, e.lon) / _FRONT_REACH_KM)


def _score_all(
    mentions: list[_Mention],
    use_distance: bool,
    index: _ContextIndex | None = None,
    *,
    war: bool = False,
) -> None:
    """One pass choosing a reading for every mention, in order (later mentions see the choices
    made earlier in the pass). ``index``: the mentions' ``_ContextIndex``, kept up to date;
    ``war``: the text reports fighting (``_front_bonus``)."""
    if index is None:
        index = _ContextIndex(mentions)
    points = _PointIndex(mentions) if use_distance else None
    for idx, m in enumerate(mentions):
        if m.context_only and m.chosen is not None:
            continue
        countries = index.countries(m.key)
        home = index.home_region(m.key) if use_distance else None
        best: tuple[float, float, Entry, float] | None = None
        tied = False
        candidates = _candidates(m)
        areas = _holding_areas(m)
        if areas:  # held to the named region; no reading there: leave the region alone
            candidates = [c for c in candidates if (c.country, c.admin1) in areas]
            if not candidates:
                candidates = _respelt_readings(m, areas)
            if not candidates:
                m.chosen = None
                continue
        else:
            qualifier = _qualifier_areas(m)
            if qualifier and not any((c.country, c.admin1) in qualifier for c in candidates):
                candidates = candidates + _respelt_readings(m, qualifier)
        front: dict[int, float] = {}
        if war and not any(c.is_area or c.population >= 50_000 for c in candidates):
            front = {id(c): _front_bonus(c) for c in candidates if c.country == "UA"}
        # the front ranks Ukrainian readings among themselves: others get the best one's bonus
        front_top = max(front.values(), default=0.0)
        for e in candidates:
            base = _prior(e, m)
            base += front.get(id(e), front_top)
            bonus = 0.0
            if e.country in countries:
                bonus += 2.5 * countries[e.country]
            national = bonus
            support = index.admin1_support(m.key, (e.country, e.admin1 or "")) - {e.pid}
            if e.admin1 and support:
                if e.feature != "ADM1":
                    bonus += 3.0
                elif _is_named_area(e) and support - {-1}:
                    bonus += 3.0  # "Georgia" next to Atlanta: the state holding a named town
            if home is not None and (e.country, e.admin1) == home and e.feature != "ADM1":
                bonus += 2.0
            bonus += _sibling_bonus(e, m, mentions, idx)
            bonus += _qualified_bonus(e, m)
            if points is not None and (not e.is_area or e.feature == "ADM2"):
                d = points.nearest(e, m.key)
                if d is not None:
                    bonus += 2.5 if d < 50 else 1.5 if d < 200 else 0.7 if d < 500 else 0.0
            total = base + bonus
            if best is not None and abs(total - best[0]) < 1e-6:
                tied = tied or distance_km(e.lat, e.lon, best[2].lat, best[2].lon) > 25
            if best is None or total > best[0] + 1e-6:
                best, tied = (total, bonus, e, bonus - national), False
        if best is not None:
            index.remove(idx)
            m.score, m.bonus, m.chosen, m.local = best
            m.tied = tied
            index.add(idx)


def _about_ukraine(mentions: list[_Mention]) -> bool:
    """The text names Ukraine, a Ukrainian (demonym), an oblast or a Ukrainian town of 50,000+
    that is the biggest reading of its name: only then are codifier villages readings."""
    for m in mentions:
        if not m.entries:
            continue
        for e in m.entries:
            if e.country != "UA" or e.at_centre:
                continue
            if (
                e.feature == "PCLI"
                or _national_region(e)
                or (
                    e.feature == "ADM1"
                    and (
                        e.kind in (KIND_PRIMARY, KIND_ALIAS)
                        or m.admin == "admin1"
                        or m.context_only
                    )
                )
            ):
                return True
        towns = [e for e in m.entries if e.feature.startswith("PPL") and not e.at_centre]
        biggest = max(towns, key=lambda e: e.population, default=None)
        if biggest is not None and biggest.country == "UA" and biggest.population >= 50_000:
            return True
    return False


def _drop_centre_readings(mentions: list[_Mention]) -> None:
    """Codifier villages are readings only in texts about Ukraine (``_about_ukraine``)."""
    if any(e.at_centre for m in mentions for e in m.entries) and not _about_ukraine(mentions):
        for m in mentions:
            if any(e.at_centre for e in m.entries):
                m.entries = tuple(e for e in m.entries if not e.at_centre)
                if m.chosen is not None and m.chosen.at_centre:
                    m.chosen = None


def _ambiguous_centre(m: _Mention) -> bool:
    """A codifier village chosen with nothing local to support it (no oblast named, no place
    nearby) while another settlement of that name lies elsewhere: a guess, better left out."""
    e = m.chosen
    if e is None or not e.at_centre:
        return False
    if m.local > 0:
        # tied villages all inside the region named after the name: keep the best-placed one
        return m.tied and (e.country, e.admin1) not in _holding_areas(m)
    return any(
        o.pid != e.pid
        and o.feature.startswith("PPL")
        and distance_km(o.lat, o.lon, e.lat, e.lon) > 25
        for o in m.entries
    )


def _resolve(mentions: list[_Mention], text: str | None = None, *, war: bool = False) -> None:
    """Choose a reading for every mention. ``war``: score as a report of fighting even when
    ``text`` does not say so (``_front_bonus``)."""
    _drop_centre_readings(mentions)
    if text is not None:
        ordered = sorted(mentions, key=lambda m: m.start)
        for prev, cur in zip(ordered, ordered[1:], strict=False):
            gap = text[prev.end : cur.start] if prev.end <= cur.start else ""
            if prev.end <= cur.start and (len(gap) <= 6 or _IN_GAP.fullmatch(gap)):
                cur.gap_before = text[prev.end : cur.start]
                cur.prev, prev.next = prev, cur
    index = _ContextIndex(mentions)
    war = war or (text is not None and _WAR_WORDS.search(text) is not None)
    _score_all(mentions, use_distance=False, index=index, war=war)
    _score_all(mentions, use_distance=True, index=index, war=war)
    # again, the home region is clearer now
    _score_all(mentions, use_distance=True, index=index, war=war)


_Area = tuple[str, str]  # (country ISO2, admin1 code)


class _ContextIndex:
    """``_context`` and ``_home_region`` for every mention without rescanning all mentions.

    Both exclude every mention that shares the asking mention's key, so the answers depend only
    on that key. What the mentions' readings say (countries, named admin1 areas) never changes
    and is tallied once per key; what their chosen readings say is tallied per key as well and
    updated through ``remove``/``add`` around each change of ``chosen``. Lookups then cost the
    number of keys involved, not the number of mentions.
    """

    def __init__(self, mentions: list[_Mention]) -> None:
        self.mentions = mentions
        self._country_weights: dict[str, dict[str, float]] = {}  # country -> key -> weight
        self._named_areas: dict[_Area, set[str]] = {}  # admin1 named by these keys
        self._countries_cache: dict[str | None, dict[str, float]] = {}
        # chosen towns: area -> pid -> key -> number of mentions
        self._towns: dict[_Area, dict[int, dict[str, int]]] = {}
        # votes for the home region: area -> key -> indexes of the voting mentions
        self._votes: dict[_Area, dict[str, set[int]]] = {}
        self._voters: dict[str, int] = {}  # key -> number of voting mentions
        for m in mentions:
            for e in m.entries:
                if e.feature == "PCLI":
                    weight = 1.0 if e.kind in (KIND_PRIMARY, KIND_ALIAS) else 0.4
                    self._note_country(e.country, m.key, weight)
                elif _national_region(e):
                    self._note_country(e.country, m.key, 0.6)
                elif e.feature == "ADM1" and e.kind in (
                    KIND_PRIMARY, KIND_ALIAS, KIND_STEM, KIND_VARIANT
                ):  # fmt: skip
                    if e.kind in (KIND_STEM, KIND_VARIANT) and m.admin != "admin1":
                        continue
                    self._named_areas.setdefault((e.country, e.admin1 or ""), set()).add(m.key)
                    self._note_country(e.country, m.key, 0.6)
        for idx in range(len(mentions)):
            self.add(idx)

    def _note_country(self, country: str, key: str, weight: float) -> None:
        by_key = self._country_weights.setdefault(country, {})
        by_key[key] = max(by_key.get(key, 0.0), weight)

    # -- what the chosen reading of one mention contributes

    @staticmethod
    def _town(m: _Mention) -> tuple[_Area, int] | None:
        e = m.chosen
        if e is not None and e.admin1 and (e.feature.startswith("PPL") or e.feature == "ADM2"):
            return (e.country, e.admin1), e.pid
        return None

    @staticmethod
    def _vote(m: _Mention) -> _Area | None:
        e = m.chosen
        if e is None or not e.admin1:
            return None
        if e.feature in ("PCLI", "CONT", "RGN") or e.kind == KIND_DEMONYM:
            return None
        return (e.country, e.admin1)

    def add(self, idx: int) -> None:
        m = self.mentions[idx]
        town = self._town(m)
        if town is not None:
            by_key = self._towns.setdefault(town[0], {}).setdefault(town[1], {})
            by_key[m.key] = by_key.get(m.key, 0) + 1
        area = self._vote(m)
        if area is not None:
            self._votes.setdefault(area, {}).setdefault(m.key, set()).add(idx)
            self._voters[m.key] = self._voters.get(m.key, 0) + 1

    def remove(self, idx: int) -> None:
        m = self.mentions[idx]
        town = self._town(m)
        if town is not None:
            by_key = self._towns[town[0]][town[1]]
            by_key[m.key] -= 1
            if not by_key[m.key]:
                del by_key[m.key]
        area = self._vote(m)
        if area is not None:
            indexes = self._votes[area][m.key]
            indexes.discard(idx)
            if not indexes:
                del self._votes[area][m.key]
                if not self._votes[area]:
                    del self._votes[area]
            self._voters[m.key] -= 1
            if not self._voters[m.key]:
                del self._voters[m.key]

    # -- lookups for the mentions of one key

    def countries(self, own_key: str) -> dict[str, float]:
        """Countries named by the other keys, with the highest weight any of them gives."""
        if own_key not in self._countries_cache:
            out: dict[str, float] = {}
            for country, by_key in self._country_weights.items():
                weights = [w for k, w in by_key.items() if k != own_key]
                if weights:
                    out[country] = max(weights)
            self._countries_cache[own_key] = out
        return self._countries_cache[own_key]

    def admin1_support(self, own_key: str, area: _Area) -> set[int]:
        """The pids of chosen towns in ``area`` (and -1 if the area is named), other keys only."""
        out: set[int] = set()
        named = self._named_areas.get(area)
        if named and (len(named) > 1 or own_key not in named):
            out.add(-1)
        for pid, by_key in self._towns.get(area, {}).items():
            if len(by_key) > 1 or (by_key and own_key not in by_key):
                out.add(pid)
        return out

    def home_region(self, own_key: str) -> _Area | None:
        """``_home_region`` for a mention with this key."""
        counts = {
            area: len(by_key) - (own_key in by_key)
            for area, by_key in self._votes.items()
            if len(by_key) - (own_key in by_key) > 0
        }
        if not counts:
            return None
        top = max(counts.values())
        n_keys = len(self._voters) - (own_key in self._voters)
        if top < 2 or top * 2 < n_keys:
            return None
        tied = [area for area, n in counts.items() if n == top]
        if len(tied) == 1:
            return tied[0]

        def first_vote(area: _Area) -> int:
            return min(min(ix) for k, ix in self._votes[area].items() if k != own_key)

        return min(tied, key=first_vote)


class _PointIndex:
    """The chosen points of one scoring pass (taken when the pass starts), grouped by place, for
    the distance from a reading to the nearest point chosen by another key."""

    def __init__(self, mentions: list[_Mention]) -> None:
        self._points: dict[tuple[int, float, float], set[str]] = {}
        for m in mentions:
            e = m.chosen
            if e is not None and not e.is_area and e.feature != "ADM2":
                self._points.setdefault((e.pid, e.lat, e.lon), set()).add(m.key)
        self._cache: dict[tuple[int, float, float, str], float | None] = {}

    def nearest(self, e: Entry, own_key: str) -> float | None:
        """km from ``e`` to the nearest point of another place chosen by another key, or None."""
        cache_key = (e.pid, e.lat, e.lon, own_key)
        if cache_key not in self._cache:
            dists = [
                distance_km(e.lat, e.lon, lat, lon)
                for (pid, lat, lon), keys in self._points.items()
                if pid != e.pid and (len(keys) > 1 or own_key not in keys)
            ]
            self._cache[cache_key] = min(dists) if dists else None
        return self._cache[cache_key]


def _precision(m: _Mention) -> str | None:
    if m.chosen is None:
        return None
    if m.near or m.chosen.at_centre:
        return "near"  # a codifier village sits at its hromada centre, a few km away
    feature = m.chosen.feature
    if feature == "ADM1" or _national_region(m.chosen):
        return "admin1"  # a region inside one country ("Donbas") is about as coarse
    if feature == "ADM2":
        return "admin2"
    if feature.startswith("PPL"):
        return "settlement"
    return "country"


def _to_place(m: _Mention) -> Place:
    e = m.chosen
    if e is None:
        return Place(name=m.text, start=m.start, end=m.end)
    confidence = 1.0 / (1.0 + math.exp(-(m.score - 6.0) / 2.0))
    if _ambiguous_centre(m):
        confidence /= 2
    return Place(
        name=e.name,
        lat=round(e.lat, 5),
        lon=round(e.lon, 5),
        country=iso3(e.country),
        admin1=e.admin1_name if e.feature != "PCLI" else None,
        geonames_id=e.geonames_id,
        precision=_precision(m),
        feature=e.feature,
        score=round(confidence, 3),
        start=m.start,
        end=m.end,
    )


def _recognise(
    text: str, doc: Any | None, *, strict: bool = True
) -> tuple[list[_Mention], list[_Mention]]:
    """Kept mentions and the dropped ones (the latter still give context, e.g. countries).
    ``strict=False`` (context for given spans) keeps names of facilities ("Mansfield Road"),
    which still point to the right area."""
    stopwords, first_names = _word_lists()
    mentions = _scan(text)
    ner_places, ner_people = _ner_spans(doc)
    covered = _Intervals([(m.start, m.end) for m in mentions])
    gaz = get_gazetteer()
    for start, end in ner_places:
        if covered.overlapping(start, end):
            continue
        span_text = re.sub(r"^(?:the|The)\s+", "", text[start:end])
        start = end - len(span_text)
        key = normalize_name(span_text)
        entries = gaz.lookup(key) if key else ()
        if entries:
            mentions.append(_Mention(start, end, span_text, key, entries, supported=True))
    mentions.sort(key=lambda m: m.start)
    surnames = _surnames(text, first_names, doc)
    places_at, people_at = _Intervals(ner_places), _Intervals(ner_people)
    text_words = _text_words(text)
    for m in mentions:
        _annotate(text, m)
        if m.admin:
            m.end = _area_word_after(text, m.end)[1]
            m.text = text[m.start : m.end]
        if places_at.overlapping(m.start, m.end):
            m.supported = True
    # one sense per text: a name marked as a place once ("in Laconia") is a place throughout
    listed = _listed_with_a_place(text, mentions)
    signalled = {m.key for i, m in enumerate(mentions) if i in listed}
    signalled |= {m.key for m in mentions if _strong_place_signal(text, m, entity=False)}
    person_words = _person_words(doc)
    kept, dropped = [], []
    for m in mentions:
        in_person = any(
            (p[1] - p[0]) > (m.end - m.start) for p in people_at.overlapping(m.start, m.end)
        )
        in_person = in_person or (
            m.text in person_words
            and m.key not in signalled
            and not m.supported
            and not any(e.is_area or e.population >= 100_000 for e in m.entries)
        )
        if not in_person and not _in_firm_name(text, m) and _keep(
            text, m, stopwords, first_names, surnames, strict, text_words=text_words,
            signalled=m.key in signalled,
        ):  # fmt: skip
            kept.append(m)
        else:
            dropped.append(m)
    return kept, dropped


_AMPERSAND_BEFORE = re.compile(r"[A-Z][\w.'’-]*\s*&\s*$")
_AMPERSAND_AFTER = re.compile(r"\s*&\s*[A-Z]")
_LOCATIVE_RUN = re.compile(r"\b(?:in|near|at|around|outside|between)\s+$", re.IGNORECASE)


def _in_firm_name(text: str, m: _Mention) -> bool:
    """Names joined by "&" are a firm ("Stevens & Wilkinson", "Marks & Spencer"), unless the
    name is a country or a region ("Bosnia & Herzegovina", "Trinidad & Tobago")."""
    before = _AMPERSAND_BEFORE.search(text, max(0, m.start - 40), m.start)
    if before:
        first = before.start()
    elif _AMPERSAND_AFTER.match(text, m.end):
        first = m.start
    else:
        return False
    if _LOCATIVE_RUN.search(text, max(0, first - 12), first):
        return False  # "shelling in Bakhmut & Soledar"
    return not any(e.feature in ("PCLI", "ADM1", "RGN", "CONT") for e in m.entries)


_PLACE_LIST_GAP = re.compile(r"\s*(?:,|,?\s+and|,?\s+or)\s+")


def _listed_with_a_place(text: str, mentions: list[_Mention]) -> set[int]:
    """Indexes of mentions next to another name in a list ("Gainesville and Lindsay", "Moonbi,
    Parkes, Berry") where that other name is not a common word itself."""
    out: set[int] = set()
    for i in range(len(mentions) - 1):
        a, b = mentions[i], mentions[i + 1]
        if not _PLACE_LIST_GAP.fullmatch(text, a.end, b.start):
            continue
        if not (_word_town(b) and _ordinary_word(b.text)):
            out.add(i)
        if not (_word_town(a) and _ordinary_word(a.text)):
            out.add(i + 1)
    return out


def _off_context(
    m: _Mention,
    mentions: list[_Mention],
    keys_by_country: dict[str, set[str]] | None = None,
    *,
    text: str | None = None,
    war: bool = False,
) -> bool:
    """A small town that nothing else in the text points to, in a text about another country
    ("Grad rockets" in a report from Ukraine): more likely a word or a name than a place.
    ``keys_by_country``: ``_keys_by_country(mentions)``, when the caller already has it.
    ``text``: the text of the mentions; a name it marks as a place ("in X", "X, Region") is
    kept (a report of shelling in Avdiivka may quote a minister in Moscow), and so is, in a
    report of fighting (``war``), a town near the front (``_front_bonus``)."""
    e = m.chosen
    if e is None or m.bonus > 0 or not e.feature.startswith("PPL") or e.population >= 50_000:
        return False
    if text is not None and _marked_alone(text, m):
        return False
    if war and _front_bonus(e) > 0:
        return False
    if keys_by_country is None:
        keys_by_country = _keys_by_country(mentions)
    return any(
        country != e.country and (len(keys) > 1 or m.key not in keys)
        for country, keys in keys_by_country.items()
    )


_NAME_GOES_ON = re.compile(r"[ -][A-Z]|[’']s\b")


def _marked_alone(text: str, m: _Mention) -> bool:
    """The text marks the name as a place ("in X", "X, Region"), and the name is neither an
    acronym ("SOS") nor the start of a longer name ("in X Superior Court", "in X's case")."""
    if any(c.isupper() for w in re.split(r"[ -]", m.text) for c in w[1:]):
        return False
    if _NAME_GOES_ON.match(text, m.end):
        return False
    return _strong_place_signal(text, m, entity=False)


def _keys_by_country(mentions: list[_Mention]) -> dict[str, set[str]]:
    """The keys of the mentions whose chosen reading (not a demonym: "Russian troops in Izium"
    says nothing of Izium) lies in each country."""
    out: dict[str, set[str]] = {}
    for o in mentions:
        if o.chosen is not None and o.chosen.kind != KIND_DEMONYM and o.chosen.country != "":
            out.setdefault(o.chosen.country, set()).add(o.key)
    return out


def find_places(text: str, doc: Any | None = None, *, demonyms: bool = False) -> list[Place]:
    """Toponyms found in ``text`` and resolved, each with ``start``/``end``.

    Demonyms ("Ukrainian") help to resolve the other names but are returned only with
    ``demonyms=True``.
    """
    if not text:
        return []
    kept, _ = _recognise(text, doc)
    _resolve(kept, text)
    keys_by_country = _keys_by_country(kept)
    war = _WAR_WORDS.search(text) is not None
    out = []
    for m in kept:
        if m.chosen is None or (not demonyms and m.chosen.kind == KIND_DEMONYM):
            continue
        if _off_context(m, kept, keys_by_country, text=text, war=war) or _ambiguous_centre(m):
            continue
        out.append(_to_place(m))
    return out


def _best_sub_run(inner: str) -> tuple[Entry, ...]:
    """Readings of the longest sub-run of a name that is a place ("Bank of Japan" -> Japan),
    skipping common words; among runs of one length, the one with the biggest place."""
    gaz = get_gazetteer()
    stopwords, _ = _word_lists()
    toks = [t for t in _tokens(inner) if t[2].lower() not in _CONNECTORS]
    for size in range(len(toks) - 1, 0, -1):
        found: list[tuple[float, tuple[Entry, ...]]] = []
        for i in range(len(toks) - size + 1):
            words = [t[2] for t in toks[i : i + size]]
            if all(w in stopwords or w.lower() in stopwords for w in words):
                continue
            key = normalize_name(inner[toks[i][0] : toks[i + size - 1][1]])
            entries = gaz.lookup(key) if key else ()
            if entries:
                weight = max(e.population + (10**7 if e.is_area else 0) for e in entries)
                found.append((weight, entries))
        if found:
            return max(found, key=lambda f: f[0])[1]
    return ()


def _mention_for_span(text: str, start: int, end: int) -> _Mention:
    """The best gazetteer reading of a given span: the whole span, else its longest sub-run."""
    gaz = get_gazetteer()
    surface = text[start:end]
    m = re.match(r"^(?:the\s+)?(.*?)(?:’s|'s)?$", surface, re.IGNORECASE | re.DOTALL)
    inner = m.group(1) if m else surface
    inner_start = start + (surface.find(inner) if inner else 0)
    mention = _Mention(start, end, surface, normalize_name(inner), ())
    words = normalize_name(inner).split()
    if words and words[-1] in ADMIN1_WORDS | ADMIN2_WORDS and len(words) > 1:
        mention.admin = "admin1" if words[-1] in ADMIN1_WORDS else "admin2"
        mention.entries = gaz.lookup(" ".join(words))
        if not mention.entries:
            mention.entries = gaz.lookup(" ".join(words[:-1]))
    if not mention.entries and mention.key:
        mention.entries = gaz.lookup(mention.key)
    if not mention.entries:
        mention.entries = _best_sub_run(inner)
    del inner_start
    _annotate(text, mention)
    return mention


def resolve_spans(text: str, spans: list[tuple[int, int]]) -> list[Place]:
    """Resolve exactly the given spans (same start and end as given, same order)."""
    if not spans:
        return []
    mentions = [_mention_for_span(text, s, e) for s, e in spans]
    kept, dropped = _recognise(text, None, strict=False)
    given = [(s, e) for s, e in spans]
    extra = []
    for m in kept + dropped:
        if not m.entries or any(_overlaps((m.start, m.end), g) for g in given):
            continue
        if any(e.feature in ("PCLI", "ADM1") for e in m.entries) or m in kept:
            m.context_only = True
            extra.append(m)
    everything = mentions + extra
    _resolve(everything, text)
    return [_to_place(m) for m in mentions]


def _parse_name(name: str) -> tuple[str, str | None, bool]:
    text = name.strip()
    near = False
    m = re.match(
        r"^(?:(?:a\s+|the\s+)?(?:village|town|city|settlement)\s+)?(?:near|outside|"
        r"(?:the\s+)?outskirts\s+of|close\s+to|vicinity\s+of)\s+(?:the\s+)?(.+)$",
        text,
        re.IGNORECASE,
    )
    if m:
        text, near = m.group(1), True
    admin = None
    words = text.split()
    if len(words) > 1 and words[-1].lower() in ADMIN1_WORDS | ADMIN2_WORDS:
        admin = "admin1" if words[-1].lower() in ADMIN1_WORDS else "admin2"
    return text, admin, near


def geocode(name: str, *, context: PlaceContext | None = None) -> Place | None:
    """One place name ("Kharkiv", "Sumy oblast", "near Bakhmut") -> the best Place, or None."""
    text, admin, near = _parse_name(name)
    mention = _mention_for_span(text, 0, len(text))
    if admin:
        mention.admin = admin
    mention.near = mention.near or near
    if not mention.entries:
        return None
    mentions = [mention]
    if context is not None:
        gaz = get_gazetteer()
        for code in context.countries:
            cc = _iso2(code)
            country = gaz.country(cc) if cc else None
            if country is not None:
                mentions.append(
                    _Mention(0, 0, code, f"#{code}", (country,), context_only=True, chosen=country)
                )
        areas: set[tuple[str, str | None]] = set()
        for area in context.admin1:
            entries = tuple(e for e in gaz.lookup(normalize_name(area)) if e.feature == "ADM1")
            if entries:
                mentions.append(_Mention(0, 0, area, f"#{area}", entries, context_only=True))
                areas.update((e.country, e.admin1) for e in entries)
        inside = tuple(e for e in mention.entries if (e.country, e.admin1) in areas)
        if inside:  # a name given with its region: "Rubizhne, Kharkiv" is not the Luhansk town
            mention.entries = inside
        for lat, lon in context.points:
            point = Entry(-1, None, "", lat, lon, "", None, None, 0, "PPL")
            mentions.append(
                _Mention(0, 0, "", f"#{lat},{lon}", (), context_only=True, chosen=point)
            )
    # a Ukrainian village looked up with its oblast comes from a report of the war
    war = any(m.context_only and any(e.country == "UA" for e in m.entries) for m in mentions)
    _resolve(mentions, war=war)
    place = _to_place(mention)
    return replace(place, start=None, end=None) if place.lat is not None else None


@lru_cache(maxsize=1)
def _iso3_to_iso2() -> dict[str, str]:
    import pycountry

    table = {c.alpha_3: c.alpha_2 for c in pycountry.countries}
    table["XKX"] = "XK"
    return table


def _iso2(code: str) -> str | None:
    code = code.upper()
    if len(code) == 2:
        return code
    return _iso3_to_iso2().get(code)


def places_for_record(record: dict[str, Any], *, doc: Any | None = None) -> dict[str, Any]:
    """``{"id", "text", "spans"?}`` -> ``{"id", "places": [...]}`` for the ``places`` command.

    ``doc`` is an optional spaCy Doc of the text, used as a signal when finding toponyms."""
    text = record.get("text") or ""
    spans = record.get("spans")
    if spans is not None:
        places = resolve_spans(text, [(int(s), int(e)) for s, e in spans])
    else:
        places = find_places(text, doc)
    out = []
    for p in places:
        out.append(
            {
                "start": p.start,
                "end": p.end,
                "text": text[p.start : p.end] if p.start is not None else None,
                "name": p.name,
                "lat": p.lat,
                "lon": p.lon,
                "country": p.country,
                "admin1": p.admin1,
                "geonames_id": p.geonames_id,
                "feature": p.feature,
                "precision": p.precision,
                "score": p.score,
            }
        )
    return {"id": record.get("id"), "places": out}


def dumps_record(record: dict[str, Any]) -> str:
    """One output line for the CLI."""
    return json.dumps(places_for_record(record), ensure_ascii=False)


_SPECIFICITY = {"settlement": 0, "near": 1, "admin2": 2, "admin1": 3, "country": 4}
_QUALIFIER_GAP = re.compile(r"\s*(?:,|\(|\[|-|\bin\b(?:\s+the\b)?|\bof\b(?:\s+the\b)?)?\s*")


def _qualified_by(p: Place, area: Place, text: str | None) -> bool:
    """``area`` names the region of ``p`` right after it ("Myrne, Mykolaiv Oblast", "Terny in the
    Luhansk Oblast"), as opposed to a list or a route ("from Melitopol to Crimea")."""
    if p.end is None or area.start is None or area.start < p.end or area.start - p.end > 12:
        return False
    if text is None:
        return True
    return _QUALIFIER_GAP.fullmatch(text, p.end, area.start) is not None


def _outside(p: Place, area: Place) -> bool:
    """``p`` is not in the admin area ``area``: another country, or another admin1 name and far
    from the area's point (the sources spell some admin1 names differently: "Kyiv City")."""
    if p.country != area.country:
        return True
    if p.admin1 is not None and p.admin1 == area.admin1:
        return False
    spans = region_admin1().get((_iso2(area.country or "") or "", normalize_name(area.name)))
    if spans:  # a region made of admin1 areas ("Donbas": Donetsk and Luhansk oblasts)
        return p.admin1 is None or normalize_name(p.admin1) not in spans
    assert p.lat is not None and p.lon is not None and area.lat is not None
    assert area.lon is not None
    return distance_km(p.lat, p.lon, area.lat, area.lon) > 100


def main_place(places: list[Place], text: str | None = None) -> Place | None:
    """The place a short text (a title, an event sentence) is about: its most specific place
    that agrees with the others. A settlement beats the oblast or country that contains it
    ("Myrne, Mykolaiv Oblast" is at Myrne); the oblast named right after a settlement is the
    answer when that settlement was read outside it (a namesake elsewhere); a country or oblast
    alone is the answer only when no settlement is named. Ties go to the higher score, then
    the earlier mention. ``text``, when given, is the text the spans point into."""
    located = [p for p in places if p.lat is not None and p.lon is not None]
    if not located:
        return None
    areas = [p for p in located if p.precision == "admin1"]

    def consistent(p: Place) -> bool:
        if p.precision in ("admin1", "admin2", "country"):
            return True
        return not any(_qualified_by(p, a, text) and _outside(p, a) for a in areas)

    def rank(ip: tuple[int, Place]) -> tuple[int, int, float, int]:
        i, p = ip
        return (
            0 if consistent(p) else 1,
            _SPECIFICITY.get(p.precision or "", 5),
            -(p.score or 0.0),
            i,
        )

    return min(enumerate(located), key=rank)[1]


LOCAL_OVER_COUNTRY = 100_000
"""A town this big called by a country's other name is read as the town ("Gaza")."""


def _own_readings(name: str) -> tuple[Entry, ...]:
    return get_gazetteer().lookup(normalize_name(name), variants=False)


def is_country_name(name: str) -> bool:
    """Whether the name is a country's own name ("Ukraine"; "northern Syria" is a part of one,
    "Gaza" only another name of a territory)."""
    return any(e.feature == "PCLI" and e.kind == KIND_PRIMARY for e in _own_readings(name))


def is_place_name(name: str) -> bool:
    """Whether the gazetteer has a town, region or country of this name."""
    return any(e.feature.startswith("PPL") or e.is_area for e in _own_readings(name))


@lru_cache(maxsize=4096)
def is_local_place(name: str) -> bool:
    """Whether the name is first of all a town, region or territory, not a country's own name
    ("Gaza", "Kharkiv" are; "Israel", "Turkey", "US" and the demonym "Israeli" are not)."""
    if is_country_name(name):
        return False
    entries = _own_readings(name)
    towns = [e.population for e in entries if e.feature.startswith("PPL")]
    if (
        any(e.feature == "PCLI" and e.kind == KIND_ALIAS for e in entries)
        and max(towns, default=0) < LOCAL_OVER_COUNTRY
    ):
        return False  # "US", "U.S.": a country's short name before a village "Us"
    return any(
        e.kind == KIND_PRIMARY
        and (
            e.feature in ("ADM1", "ADM2") or (e.feature.startswith("PPL") and e.population >= 1000)
        )
        for e in entries
    )
