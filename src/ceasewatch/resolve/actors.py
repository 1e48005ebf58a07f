"""Actors: countries, forces, leaders, institutions, armed groups; and target categories.

The tables live in ``data/actors.json`` (people with their roles and terms, organisations and
armed groups, country names/demonyms/capitals beyond pycountry, nouns that give an actor's kind)
and ``data/targets.json`` (target category phrases). Matching order in :func:`resolve_actor`:

1. pronouns and empty phrases give ``None``;
2. a named person (full name or alias) -> that person, with the role they held at ``when``;
3. a named organisation or armed group (``RSF``, ``IDF``, ``the UN``);
4. a country word (name, demonym, capital, metonym such as ``the Kremlin``) plus a kind noun:
   ``Russian forces`` -> military, ``Kyiv`` -> government, ``Ukrainian civilians`` -> civilians;
   ``pro-Russian separatists`` -> RUS militia (``pro-X`` is read as aligned with X);
5. a kind noun alone (``unknown gunmen`` -> militia, ``police``) with no country.
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


def _pattern(phrases: list[str], *, case_sensitive: bool) -> re.Pattern[str]:
    alternation = "|".join(re.escape(p) for p in sorted(set(phrases), key=len, reverse=True))
    flags = 0 if case_sensitive else re.IGNORECASE
    return re.compile(rf"(?<!\w)(?:{alternation})(?!\w)", flags)


@dataclass(frozen=True)
class _Tables:
    country_by_phrase: dict[str, str]
    country_re: re.Pattern[str]
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
    countries = _pycountry_names()
    for entry in data["countries"]:
        for key in ("names", "demonyms", "capitals", "metonyms"):
            for phrase in entry[key]:
                countries[phrase] = entry["iso3"]
    people: dict[str, _Person] = {}
    for entry in data["people"]:
        person = _Person(
            entry["name"],
            entry.get("country"),
            entry.get("kind") or "government",
            tuple((t["role"], t["start"], t.get("end")) for t in entry["terms"]),
        )
        for alias in [entry["name"], *entry["aliases"]]:
            people[alias] = person
    orgs: dict[str, _Org] = {}
    for entry in data["organisations"]:
        org = _Org(entry["name"], entry.get("country"), entry["kind"], entry.get("role"))
        for alias in [entry["name"], *entry["aliases"]]:
            orgs[alias] = org
    kinds = {noun: kind for kind, nouns in data["kind_nouns"].items() for noun in nouns}
    roles: dict[str, str] = data["role_nouns"]
    return _Tables(
        countries,
        _pattern(list(countries), case_sensitive=True),
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
    return re.sub(r"'s?$", "", text).strip()


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
    if not cleaned or cleaned.lower() in _PRONOUNS:
        return None
    tables = _tables()
    m = _first(tables.person_re, cleaned)
    if m:
        return _person_actor(tables.person_by_alias[m.group(0)], when)
    m = _first(tables.org_re, cleaned)
    if m:
        org = tables.org_by_alias[m.group(0)]
        role = org.role
        role_match = _first(tables.role_re, cleaned)
        if role_match and org.kind == "organisation":
            role = tables.role_by_noun[role_match.group(0).lower()]
        return Actor(org.name, org.country, org.kind, role)
    country_match = _first(tables.country_re, cleaned)
    country = tables.country_by_phrase[country_match.group(0)] if country_match else None
    rest = cleaned
    if country_match:
        rest = cleaned[: country_match.start()] + " " + cleaned[country_match.end() :]
    kind_match = _first(tables.kind_re, rest)
    kind = tables.kind_by_noun[kind_match.group(0).lower()] if kind_match else None
    role_match = _first(tables.role_re, rest)
    role = tables.role_by_noun[role_match.group(0).lower()] if role_match else None
    if kind is None and _UNKNOWN_WORDS.search(cleaned) and re.search(r"(?i)\bmen\b", cleaned):
        kind = "militia"
    if country is None:
        if kind is None:
            return None
        return Actor(cleaned, None, kind, role)
    if kind is None:
        kind = "government"  # a bare country word, capital or metonym stands for the state
    if country_match and country_match.group(0) in ("the Pentagon", "Pentagon"):
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
    m = _first(tables.country_re, cleaned)
    if m:
        return tables.country_by_phrase[m.group(0)]
    lowered = _lowercase_countries().get(cleaned.lower())
    if lowered:
        return lowered
    m = _first(tables.person_re, cleaned)
    if m:
        return tables.person_by_alias[m.group(0)].country
    m = _first(tables.org_re, cleaned)
    if m:
        return tables.org_by_alias[m.group(0)].country
    return None


@lru_cache(maxsize=1)
def _lowercase_countries() -> dict[str, str]:
    return {phrase.lower(): iso for phrase, iso in _tables().country_by_phrase.items()}


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
