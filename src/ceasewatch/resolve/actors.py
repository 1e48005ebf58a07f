"""Actors: countries, forces, leaders, institutions, armed groups; and target categories.

The tables live in ``data/actors.json`` (people with their roles and terms, organisations and
armed groups, country names/demonyms/capitals beyond pycountry, ethnic groups, nouns that give an
actor's kind) and ``data/targets.json`` (target category phrases). Matching order in
:func:`resolve_actor`:

1. pronouns and empty phrases give ``None``;
2. a named person (full name or alias) -> that person, with the role they held at ``when``;
3. a named organisation or armed group (``RSF``, ``IDF``, ``the UN``);
4. a country word (name, demonym, capital, metonym such as ``the Kremlin``) plus a kind noun:
   ``Russian forces`` -> military, ``Kyiv`` -> government, ``Ukrainian civilians`` -> civilians;
   ``pro-Russian separatists`` -> RUS militia (``pro-X`` is read as aligned with X);
   an ethnic group word (``Kurdish fighters``) gives a country only when the table has one;
5. a kind noun alone (``unknown gunmen`` -> militia, ``police``) with no country.

Dotted abbreviations match with or without their dots (``U.S.``, ``the U.S``, ``US``). A country
word inside a longer non-state phrase (``Latin American``, ``the Washington Post``) is not a
country, nor is a country word that is also a given name when a surname follows (``Chad Smith``).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

from ceasewatch.model import Actor

_PRONOUNS = {
    "he",
    "she",
    "it",
    "they",
    "we",
    "i",
    "you",
    "him",
    "her",
    "them",
    "us",
    "who",
    "which",
    "this",
    "that",
    "these",
    "those",
    "one",
    "someone",
    "somebody",
    "everyone",
    "his",
    "its",
    "their",
}
_DETERMINERS = re.compile(r"^(?:the|a|an|some|several|many|two|three)\s+", re.IGNORECASE)
_UNKNOWN_WORDS = re.compile(r"(?i)\b(?:unknown|unidentified|masked|armed)\b")
_DOTTED = re.compile(r"\b((?:[A-Z]\.)+[A-Z])\.?(?!\w)")
_NEXT_NAME = re.compile(r"\s+[A-Z][a-z]+\b")
_ETHNIC_GROUP = "ethnic group"


@dataclass(frozen=True)
class _Person:
    name: str
    country: str | None
    kind: str
    terms: tuple[tuple[str, str, str | None], ...]  # (role, start, end)


@dataclass(frozen=True)
class _Org:
    name: str
    country: str | None
    kind: str
    role: str | None


def _load(name: str) -> dict[str, Any]:
    text = resources.files("ceasewatch").joinpath("data", name).read_text(encoding="utf-8")
    data: dict[str, Any] = json.loads(text)
    return data


def _undot(text: str) -> str:
    """'U.S.' -> 'US', 'U.A.E.' -> 'UAE', 'J.D. Vance' -> 'JD Vance': one spelling for matching."""
    return _DOTTED.sub(lambda m: m.group(1).replace(".", ""), text)


def _pattern(phrases: list[str], *, case_sensitive: bool) -> re.Pattern[str]:
    alternation = "|".join(re.escape(p) for p in sorted(set(phrases), key=len, reverse=True))
    flags = 0 if case_sensitive else re.IGNORECASE
    return re.compile(rf"(?<!\w)(?:{alternation})(?!\w)", flags)


@dataclass(frozen=True)
class _Group:
    name: str
    country: str | None


@dataclass(frozen=True)
class _Tables:
    country_by_phrase: dict[str, str | None]  # None: a non-state phrase that shadows a country
    country_re: re.Pattern[str]
    first_names: frozenset[str]
    lowercase_words: frozenset[str]
    group_by_alias: dict[str, _Group]
    group_re: re.Pattern[str]
    person_by_alias: dict[str, _Person]
    person_re: re.Pattern[str]
    org_by_alias: dict[str, _Org]
    org_re: re.Pattern[str]
    kind_by_noun: dict[str, str]
    kind_re: re.Pattern[str]
    role_by_noun: dict[str, str]
    role_re: re.Pattern[str]


def _pycountry_names() -> dict[str, str]:
    names: dict[str, str] = {}
    try:
        import pycountry
    except ImportError:  # pragma: no cover - pycountry is a dependency
        return names
    for country in pycountry.countries:
        for attr in ("name", "official_name", "common_name"):
            value = getattr(country, attr, None)
            if value and "," not in value:
                names[value] = country.alpha_3
    return names


@lru_cache(maxsize=1)
def _tables() -> _Tables:
    data = _load("actors.json")
    countries: dict[str, str | None] = {
        _undot(name): iso for name, iso in _pycountry_names().items()
    }
    for entry in data["countries"]:
        for key in ("names", "demonyms", "capitals", "metonyms"):
            for phrase in entry[key]:
                countries[_undot(phrase)] = entry["iso3"]
    for phrase in data.get("not_countries", []):
        countries[_undot(phrase)] = None
    groups: dict[str, _Group] = {}
    for entry in data.get("groups", []):
        group = _Group(entry["name"], entry.get("country"))
        for alias in [entry["name"], *entry["aliases"]]:
            groups[alias] = group
    people: dict[str, _Person] = {}
    for entry in data["people"]:
        person = _Person(
            entry["name"],
            entry.get("country"),
            entry.get("kind") or "government",
            tuple((t["role"], t["start"], t.get("end")) for t in entry["terms"]),
        )
        for alias in [entry["name"], *entry["aliases"]]:
            people[_undot(alias)] = person
    orgs: dict[str, _Org] = {}
    for entry in data["organisations"]:
        org = _Org(entry["name"], entry.get("country"), entry["kind"], entry.get("role"))
        for alias in [entry["name"], *entry["aliases"]]:
            orgs[_undot(alias)] = org
    kinds = {noun: kind for kind, nouns in data["kind_nouns"].items() for noun in nouns}
    roles: dict[str, str] = data["role_nouns"]
    return _Tables(
        countries,
        _pattern(list(countries), case_sensitive=True),
        frozenset(data.get("first_name_collisions", [])),
        frozenset(data.get("lowercase_words", [])),
        groups,
        _pattern(list(groups), case_sensitive=True),
        people,
        _pattern(list(people), case_sensitive=True),
        orgs,
        _pattern(list(orgs), case_sensitive=True),
        kinds,
        _pattern(list(kinds), case_sensitive=False),
        roles,
        _pattern(list(roles), case_sensitive=False),
    )


def _clean(text: str) -> str:
    text = " ".join(text.replace("’", "'").split()).strip(" \t\n,.;:!?\"'()[]")
    text = _DETERMINERS.sub("", text)
    text = re.sub(r"'s?$", "", text).strip()
    if re.search(r"\b(?:[A-Z]\.)+[A-Z]$", text):
        text += "."  # 'the U.S.' lost its last dot to the strip above
    return text


def _is_pronoun(text: str) -> bool:
    """'they', 'us'; but 'US' in capitals is the country."""
    return text.lower() in _PRONOUNS and not (len(text) > 1 and text.isupper())


def _headline_case(text: str) -> bool:
    """True when every longer word of a longer text is capitalised ('Jordan Condemns Strike'):
    capitals then carry no name cue."""
    words = [w for w in text.split() if len(w) > 3 and w[0].isalpha()]
    return len(words) > 2 and all(w[0].isupper() for w in words)


def _country_match(tables: _Tables, text: str) -> tuple[re.Match[str], str] | None:
    """The earliest country word that names a state, with its ISO3 code.

    Non-state phrases (``Latin American``) are matched first and skipped; a country word that is
    also a given name is skipped when a capitalised surname follows it (``Chad Smith``).
    """
    headline = _headline_case(text)
    for m in tables.country_re.finditer(text):
        iso3 = tables.country_by_phrase[m.group(0)]
        if iso3 is None:
            continue
        if m.group(0) in tables.first_names and not headline:
            surname = _NEXT_NAME.match(text, m.end())
            word = surname.group(0).strip() if surname else ""
            if word and word not in tables.country_by_phrase and not tables.kind_re.fullmatch(word):
                continue
        return m, iso3
    return None


def _first(pattern: re.Pattern[str], text: str) -> re.Match[str] | None:
    """The earliest match, the longest one at that position (the alternation is longest-first)."""
    return pattern.search(text)


def role_at(person_terms: tuple[tuple[str, str, str | None], ...], when: str | None) -> str | None:
    """The role held at ``when`` (ISO date); the current role when ``when`` is None; a past
    role as 'former <role>' when the person no longer held one then."""
    day = when[:10] if when else None
    held = [t for t in person_terms if day is None or t[1] <= day]
    current = [role for role, _, end in held if end is None or (day is not None and day < end)]
    if current:
        return current[0]
    if held:
        last = max(held, key=lambda t: t[2] or "")
        return f"former {last[0]}"
    return None


def _person_actor(person: _Person, when: str | None) -> Actor:
    return Actor(person.name, person.country, person.kind, role_at(person.terms, when))


def resolve_actor(text: str, *, when: str | None = None) -> Actor | None:
    """'Russian forces' -> Actor('Russian forces', 'RUS', 'military'); None when unknown.

    ``when`` (an ISO date) picks a leader's role at that time.
    """
    cleaned = _clean(text)
    if not cleaned or _is_pronoun(cleaned):
        return None
    tables = _tables()
    plain = _undot(cleaned)
    m = _first(tables.person_re, plain)
    if m:
        return _person_actor(tables.person_by_alias[m.group(0)], when)
    m = _first(tables.org_re, plain)
    if m:
        org = tables.org_by_alias[m.group(0)]
        role = org.role
        role_match = _first(tables.role_re, plain)
        if role_match and org.kind == "organisation":
            role = tables.role_by_noun[role_match.group(0).lower()]
        return Actor(org.name, org.country, org.kind, role)
    found = _country_match(tables, plain)
    country = found[1] if found else None
    rest = plain
    if found:
        rest = plain[: found[0].start()] + " " + plain[found[0].end() :]
    group_match = _first(tables.group_re, rest)
    group = tables.group_by_alias[group_match.group(0)] if group_match else None
    if group is not None and country is None:
        country = group.country
    kind_match = _first(tables.kind_re, rest)
    kind = tables.kind_by_noun[kind_match.group(0).lower()] if kind_match else None
    role_match = _first(tables.role_re, rest)
    role = tables.role_by_noun[role_match.group(0).lower()] if role_match else None
    if kind is None and _UNKNOWN_WORDS.search(cleaned) and re.search(r"(?i)\bmen\b", cleaned):
        kind = "militia"
    if kind is None and group is not None:
        kind = _ETHNIC_GROUP
    if country is None:
        if kind is None:
            return None
        return Actor(cleaned, None, kind, role)
    if kind is None:
        kind = "government"  # a bare country word, capital or metonym stands for the state
    if found and found[0].group(0) in ("the Pentagon", "Pentagon"):
        role = role or "defence ministry"
    return Actor(cleaned, country, kind, role)


def country_of(text: str) -> str | None:
    """ISO3 country named or implied by a word or phrase (names, demonyms, capitals).

    Falls back to the country of a named person or organisation (``Zelensky`` -> UKR).
    """
    cleaned = _clean(text)
    if not cleaned:
        return None
    tables = _tables()
    plain = _undot(cleaned)
    found = _country_match(tables, plain)
    if found:
        return found[1]
    lowered = plain.lower()
    if plain != lowered or lowered not in tables.lowercase_words:
        iso3 = _lowercase_countries().get(lowered)
        if iso3:
            return iso3
    m = _first(tables.person_re, plain)
    if m:
        return tables.person_by_alias[m.group(0)].country
    m = _first(tables.org_re, plain)
    if m:
        return tables.org_by_alias[m.group(0)].country
    m = _first(tables.group_re, plain)
    if m:
        return tables.group_by_alias[m.group(0)].country
    return None


@lru_cache(maxsize=1)
def _lowercase_countries() -> dict[str, str]:
    return {
        phrase.lower(): iso
        for phrase, iso in _tables().country_by_phrase.items()
        if iso is not None
    }


@lru_cache(maxsize=1)
def _targets() -> tuple[re.Pattern[str], dict[str, str]]:
    data = _load("targets.json")
    by_phrase: dict[str, str] = {}
    for category, phrases in data["categories"].items():
        for phrase in phrases:
            by_phrase.setdefault(phrase.lower(), category)
    return _pattern(list(by_phrase), case_sensitive=False), by_phrase


def target_category(text: str) -> str | None:
    """'an oil depot' -> 'energy', 'a hospital' -> 'health', 'homes' -> 'residential'.

    The earliest phrase in the text decides (the head of a noun phrase usually comes first:
    'a school near the railway station' -> education), the longest one at that position
    ('power station' is energy, 'station' alone transport).
    """
    pattern, by_phrase = _targets()
    m = pattern.search(text.replace("’", "'"))
    return by_phrase[m.group(0).lower()] if m else None


NON_STATE_KINDS = frozenset({"rebel", "militia"})


@lru_cache(maxsize=4096)
def known_group(name: str) -> bool:
    """Whether ``name`` is the canonical name of an organisation in the actor table ("Hamas",
    "Rapid Support Forces"), not a description ("Palestinian militants")."""
    return any(org.name == name for org in _tables().org_by_alias.values())


def party_of(actor: Actor) -> str:
    """The side an actor stands for: its country (Moscow, the Kremlin and Russian forces are one
    side), but a rebel group or militia is a side of its own, so that two sides of one country
    ("the army and the Rapid Support Forces") stay two: a named group by its name ("SDN/Rapid
    Support Forces"), an unnamed one by its kind ("Syrian rebels": "SYR/rebel", so that
    "Russian-backed" and "pro-Russian separatists" are one side); no country, the name."""
    if actor.kind in NON_STATE_KINDS and actor.country:
        if known_group(actor.name):
            return f"{actor.country}/{actor.name}"
        return f"{actor.country}/{actor.kind}"
    return actor.country or actor.name


def unnamed_group(party: str) -> bool:
    """ "SYR/rebel": a party that stands for an unnamed armed group of a country."""
    return "/" in party and party.split("/", 1)[1] in NON_STATE_KINDS
