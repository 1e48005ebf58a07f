"""Document context for parties named without a country: "the army", "the health ministry".

A report names its parties in full once ("Sudan's army and the Rapid Support Forces agreed ...")
and then shortly ("the army denied ..."). A generic party left without a country matches
nothing across documents (no commitment's party, no denial's speaker). Here such a party takes
its country from the document, only where the document says so:

1. the text qualifies the same words with one country ("Sudan's army", "the Sudanese army",
   "Ukraine's health ministry"): that country;
2. a government body ("the health ministry", "officials") with no such qualifier: the country
   where the document's events happen, when one country holds at least ``PLACE_SHARE`` of
   them. Not an army: the place of a strike is often the other side's country ("the army
   said it struck launchers in southern Lebanon").

Two or more countries qualifying the words leave the party unresolved. The party then becomes
the known organisation of that country when there is one ("the army" with "Sudan's army" ->
Sudanese Armed Forces), else keeps its name with the country.
"""

from __future__ import annotations

import dataclasses
import re
from collections import Counter
from collections.abc import Callable, Iterable

from ceasewatch.model import Actor, Claim, Commitment, DocumentResult, Event
from ceasewatch.resolve.actors import country_of, resolve_actor

Local = Callable[[Actor | None], Actor | None]
GENERIC_KINDS = frozenset({"military", "government", "police"})
PLACE_KINDS = frozenset({"government"})
PLACE_SHARE = 0.8


def localize_parties(result: DocumentResult) -> DocumentResult:
    """``result`` with its generic parties given the document's country (see the module)."""
    actors = list(_all_actors(result))
    text = result.document.text
    where = _place_country(result.events)
    cache: dict[tuple[str, str | None], Actor | None] = {}

    def local(actor: Actor | None) -> Actor | None:
        if actor is None or actor.country or actor.kind not in GENERIC_KINDS:
            return actor
        if not _generic(actor.name):
            return actor
        key = (actor.name.lower(), actor.kind)
        if key not in cache:
            country = _qualified_country(text, actor.name)
            if country is None and actor.kind in PLACE_KINDS:
                country = where
            cache[key] = _country_actor(actor, country) if country else None
        return cache[key] or actor

    if not any(local(a) is not a for a in actors):
        return result
    return dataclasses.replace(
        result,
        events=tuple(_event(e, local) for e in result.events),
        claims=tuple(_claim(c, local) for c in result.claims),
        commitments=tuple(_commitment(c, local) for c in result.commitments),
    )


def _qualified_country(text: str, name: str) -> str | None:
    """The country the text puts before the party's words at their first mention ("Sudan's
    army ... the army" for "army"); None when the first mention names no country ("The army
    said it repelled the Russian army": the other side's army comes later) or when the text
    qualifies the words with two countries."""
    words = " ".join(w for w in name.split() if w.lower() != "the")
    first = re.search(r"\b" + re.escape(words) + r"\b", text, re.IGNORECASE)
    if first is None:
        return None
    pattern = re.compile(
        r"\b((?-i:[A-Z][\w'’-]+(?:[ \t][A-Z][\w'’-]+)?))(?:['’]s)?[ \t]+(?="
        + re.escape(words)
        + r"\b)",
        re.IGNORECASE,
    )
    countries = {country_of(m.group(1)) for m in pattern.finditer(text)} - {None}
    if len(countries) != 1:
        return None  # none, or the armies of both sides
    for m in pattern.finditer(text, max(0, first.start() - 60), first.end()):
        if m.end() == first.start():
            return country_of(m.group(1))
    return None


def _all_actors(result: DocumentResult) -> Iterable[Actor]:
    for e in result.events:
        if e.actor is not None:
            yield e.actor
    for c in result.claims:
        if c.speaker is not None:
            yield c.speaker
    for m in result.commitments:
        if m.actor is not None:
            yield m.actor
        yield from m.counterparts
        yield from (d.actor for d in m.declarations)


def _generic(name: str) -> bool:
    """No proper name in it: "army", "the military", "health ministry"."""
    words = [w for w in name.split() if w.lower() != "the"]
    return bool(words) and not any(w[:1].isupper() for w in words)


def _place_country(events: Iterable[Event]) -> str | None:
    counts = Counter(e.place.country for e in events if e.place is not None and e.place.country)
    total = sum(counts.values())
    if not total:
        return None
    country, n = counts.most_common(1)[0]
    return country if n / total >= PLACE_SHARE else None


def _country_actor(actor: Actor, country: str) -> Actor:
    """The known organisation for the generic name in ``country`` ("Sudan's army" -> Sudanese
    Armed Forces), else the generic name with the country."""
    import pycountry

    found = pycountry.countries.get(alpha_3=country)
    names = [getattr(found, "common_name", None), getattr(found, "name", None)] if found else []
    generic = " ".join(w for w in actor.name.split() if w.lower() != "the")
    for name in filter(None, names):
        query = f"{name}'s {generic}"
        known = resolve_actor(query)
        if (
            known is not None
            and known.country == country
            and known.kind == actor.kind
            and known.name != query  # an organisation's own name, not the query read back
        ):
            return dataclasses.replace(known, role=known.role or actor.role)
    return dataclasses.replace(actor, country=country)


def _event(e: Event, local: Local) -> Event:
    actor = local(e.actor)
    return e if actor is e.actor else dataclasses.replace(e, actor=actor)


def _claim(c: Claim, local: Local) -> Claim:
    speaker = local(c.speaker)
    return c if speaker is c.speaker else dataclasses.replace(c, speaker=speaker)


def _commitment(c: Commitment, local: Local) -> Commitment:
    return dataclasses.replace(
        c,
        actor=local(c.actor),
        counterparts=tuple(local(a) or a for a in c.counterparts),
        declarations=tuple(
            dataclasses.replace(d, actor=local(d.actor) or d.actor) for d in c.declarations
        ),
    )
