"""Actors: countries, forces, leaders, institutions, armed groups. (Interface stub.)"""

from __future__ import annotations

from ceasewatch.model import Actor


def resolve_actor(text: str, *, when: str | None = None) -> Actor | None:
    """'Russian forces' -> Actor('Russian forces', 'RUS', 'military'); None when unknown."""
    return None


def country_of(text: str) -> str | None:
    """ISO3 country named or implied by a word or phrase (names, demonyms, capitals)."""
    return None


def target_category(text: str) -> str | None:
    """'an oil depot' -> 'energy', 'a hospital' -> 'health', 'homes' -> 'residential'."""
    return None
