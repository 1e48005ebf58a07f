"""Counts: numbers of weapons, killed, injured, evacuated and intercepted in a sentence.

Works on plain strings with regular expressions. A quantity phrase (``at least 12``, ``dozens``,
``two or three``, ``2,500``) only counts when it stands next to the noun or verb it counts, so
ages (``a 45-year-old man``), years, dates, times, calibres (``155mm``) and model names
(``S-300``) are not taken for counts.

Vague quantities become open ranges: ``several`` -> 3.., ``a few`` -> 2.., ``dozens`` -> 24..,
``hundreds`` -> 200.., ``thousands`` -> 2000... ``more than N`` -> N+1.., ``at least N`` -> N..,
``up to N`` -> ..N, ``fewer than N`` -> ..N-1; ``about``/``some``/``around N`` give N exactly.

Figures in a cumulative time frame ("since 2014", "so far this year", "the war has killed ...")
are running totals, not the toll of one event, and are not counted (:func:`cumulative_at`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from ceasewatch.model import CountRange, Counts

_UNITS = {
    "zero": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
}
_TENS = {
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
_SCALES = {"hundred": 100, "thousand": 1000, "million": 1_000_000}

# Vague quantities: (min, max); matched longest first.
_VAGUE = {
    "tens of thousands": (20_000, None),
    "hundreds of thousands": (200_000, None),
    "several dozen": (36, None),
    "several hundred": (300, None),
    "several thousand": (3000, None),
    "a few dozen": (24, None),
    "a few hundred": (200, None),
    "a few thousand": (2000, None),
    "a couple of dozen": (24, None),
    "a couple dozen": (24, None),
    "a couple of": (2, 2),
    "a couple": (2, 2),
    "a dozen": (12, 12),
    "dozens": (24, None),
    "scores": (40, None),
    "hundreds": (200, None),
    "thousands": (2000, None),
    "several": (3, None),
    "a few": (2, None),
    "a handful": (2, None),
    "a number": (2, None),
    "numerous": (2, None),
    "many": (2, None),
    "multiple": (2, None),
    "a single": (1, 1),
    "no": (0, 0),
    "nobody": (0, 0),
    "no one": (0, 0),
    "none": (0, 0),
}

_MOD_MORE = ("more than", "over", "upwards of", "in excess of", "well over", "just over")
_MOD_ATLEAST = ("at least", "no fewer than", "no less than", "a minimum of", "not less than")
_MOD_UPTO = ("up to", "as many as", "at most", "no more than", "not more than", "a maximum of")
_MOD_LESS = ("fewer than", "less than", "under", "just under", "nearly", "almost", "close to")
_MOD_EXACT = (
    "about",
    "around",
    "some",
    "approximately",
    "roughly",
    "an estimated",
    "estimated",
    "a reported",
    "reportedly",
    "a total of",
    "a further",
    "another",
    "an additional",
    "additional",
    "a further",
    "the",
    "all",
    "all of the",
    "only",
    "just",
)
_MODIFIERS = sorted(
    set(_MOD_MORE + _MOD_ATLEAST + _MOD_UPTO + _MOD_LESS + _MOD_EXACT), key=len, reverse=True
)


def _alt(words: Iterable[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


_WORD = _alt(list(_UNITS) + list(_TENS))
_WORDNUM = (
    rf"(?:(?:{_WORD}|a|an)(?:(?:\s+|-)(?:and\s+)?(?:{_WORD}|hundred|thousand|million)\b)*"
    rf"|{_WORD})"
)
_DIGITNUM = r"(?:\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)(?:\s+(?:hundred|thousand|million))?"
_NUM = rf"(?:{_DIGITNUM}|\b{_WORDNUM}\b)"
_VAGUE_RE = rf"\b(?:{_alt(_VAGUE)})(?:\s+of)?"
# Units and suffixes after which a number is an age, size, time or ordinal, never a count.
_NOT_COUNT_AFTER = (
    r"(?!\s?-?\s?(?:years?|yrs?|storey|story|floors?|km|kilomet|miles?|metres?|meters?|m\b|mm|cm|"
    r"kg|tons?|tonnes?|percent|per\s?cent|%|a\.m|p\.m|am\b|pm\b|hours?|minutes?|seconds?|days?|"
    r"weeks?|months?|th\b|st\b|nd\b|rd\b|times\b|-(?!\s)))(?![\w/]|[:.]\d)"
)
# A quantity starts a word; after "<digit>-" only a spelled-out one ("UPDATE 2-Four dead", the
# slug of a wire headline), since "S-300" or "2-3" are no counts of their own.
_Q_START = r"(?:(?<![\w\-.,/$€£])|(?<=\d-)(?=[a-z]))"
Q = (
    rf"{_Q_START}(?:(?:{_alt(_MODIFIERS)})\s+)?"
    rf"(?:between\s+{_NUM}\s+and\s+{_NUM}"
    rf"|{_DIGITNUM}\s*(?:-|–|—)\s*{_DIGITNUM}|{_NUM}\s+(?:to|or)\s+{_NUM}"
    rf"|{_VAGUE_RE}|{_NUM}){_NOT_COUNT_AFTER}"
)
"""A quantity phrase (exported for other resolvers)."""

# Up to three modifier words between a quantity and its noun ("two Ukrainian civilians").
_STOP = (
    r"and|or|but|were|was|is|are|have|has|had|been|being|be|in|on|at|of|by|from|to|with|after|"
    r"when|while|who|which|that|killed|injured|wounded|died|dead|as|for|into|near|than|the|it|"
    r"they|their|its|this|these|those|said|says|including"
)
ADJ = rf"(?:(?!(?:{_STOP})\b)[\w'’\-]+\s+){{0,3}}?"

PERSON = (
    r"(?:people|persons?|civilians?|residents?|inhabitants?|villagers|locals|citizens?|"
    r"(?:wo)?m[ae]n|children|child|kids?|bab(?:y|ies)|infants?|toddlers?|teen(?:ager)?s?|boys?|"
    r"girls?|minors?|adults?|elderly|pensioners?|soldiers?|servicem[ae]n|servicewom[ae]n|troops?|"
    r"fighters?|militants?|rebels?|separatists?|combatants?|insurgents?|guerrillas?|militiamen|"
    r"mercenaries|gunmen|attackers?|invaders?|occupiers?|saboteurs?|defenders?|paratroopers?|"
    r"marines?|militias?|nationalists?|terrorists?|conscripts?|reservists?|snipers?|gunners?|"
    r"artillerymen|crewmen|pows?|prisoners?\s+of\s+war|assailants?|operatives?|commanders?|generals?|officials?|"
    r"police(?:m[ae]n|\s+officers?)?|officers?|guards?|border\s+guards?|workers?|employees?|"
    r"staff(?:ers)?|volunteers?|medics?|doctors?|nurses?|paramedics?|rescuers?|firefighters?|"
    r"journalists?|reporters?|passengers?|drivers?|farmers?|miners?|fishermen|pedestrians?|"
    r"protesters?|demonstrators?|individuals?|others?|more|members?|victims?|bodies|family|"
    r"families|relatives|students?|pupils?|patients?|prisoners?|detainees?|hostages?|personnel|"
    r"crew(?:\s+members)?|sailors?|pilots?|peacekeepers?|refugees?|migrants?|households?|"
    r"newborns?|casualties|lives|(?-i:[A-Z][a-z]+(?:ians|eans|ans|is|ese)))\b"
)

_WEAPON_NOUNS = {
    "drone": r"drones?|uavs?|unmanned\s+aerial\s+vehicles?|shaheds?|gerans?|loitering\s+munitions?",
    "missile": r"missiles?|iskanders?|kalibrs?|kinzhals?|atacms|storm\s+shadows?",
    "rocket": r"rockets?|grads?|himars\s+rockets",
    "bomb": r"bombs?|kabs?",
    "shell": r"shells?|mortar\s+rounds?|artillery\s+rounds?|rounds",
    "mortar": r"mortars?",
    "grenade": r"grenades?",
    "mine": r"(?:land)?mines",
    "projectile": r"projectiles?",
    "munition": r"munitions?",
}
WEAPON = rf"(?:{'|'.join(_WEAPON_NOUNS.values())})\b"
_WEAPON_KIND = [(k, re.compile(rf"^(?:{v})$", re.I)) for k, v in _WEAPON_NOUNS.items()]

_BE = r"(?:(?:were|was|have\s+been|has\s+been|had\s+been|are|is|got|being|had\s+to\s+be|have|has|"
_BE += r"had)\s+)?"
_ADV = r"(?:(?:reportedly|also|later|all|allegedly|confirmed|subsequently|fatally|seriously|"
_ADV += r"critically|badly|slightly|lightly|severely|possibly|probably|likely|presumably|"
_ADV += r"apparently|instantly|immediately|tragically|both)\s+)?"
# "reported killed", "are known to have died", "believed to have been killed", "feared dead"
_HEDGE = (
    r"(?:(?:known|reported|believed|feared|said|thought|presumed)\s+"
    r"(?:to\s+(?:have\s+)?(?:been\s+)?)?)?"
)
# "killed and wounded", "dead or injured": one figure for both, so not a death toll.
_NOT_CASUALTIES = r"(?!\s*(?:and|or|and/or|/)\s+(?:\w+ly\s+)?(?:wounded|injured|hurt|missing)\b)"
_KILL_PASSIVE = r"(?:killed|dead|died|dies|die|slain|perished|lost\s+(?:their|his|her)\s+lives?|"
_KILL_PASSIVE += (
    r"shot\s+dead|executed|murdered|fatally\s+(?:wounded|injured|shot)|burned\s+to\s+death)"
    rf"\b{_NOT_CASUALTIES}"
)
# Military reports count enemy personnel as "destroyed" or "eliminated": deaths when the object
# is a person noun (not "units", "vehicles" or "positions" that may follow it).
_ELIMINATE = r"(?:eliminat(?:ed|ing|es|e)|liquidat(?:ed|ing|es|e)|destroy(?:ed|ing|s)?|"
_ELIMINATE += r"neutrali[sz](?:ed|ing|es|e))"
_NOT_EQUIPMENT = (
    r"(?![\s-]+(?:units?|vehicles?|equipment|positions?|posts?|depots?|trucks?|tanks?|carriers?|"
    r"systems?|pieces?|groups?|teams?|points?|strongholds?|bases?|guns?|weapons?)\b)"
)
_INJ_PASSIVE = r"(?:injured|wounded|hurt|hospitali[sz]ed|maimed|sustained\s+(?:\w+\s+)?injuries)"
_INTERCEPT = (
    r"(?:intercepted|shot\s+down|downed|destroyed|neutrali[sz]ed|suppressed|repelled|eliminated|"
    r"brought\s+down|taken\s+down|jammed|repulsed|thwarted)"
)
_INCLUDING = (
    r"(?:\s*,?\s+(?:including|among\s+them|most\s+of\s+them)\s+[^,;]{1,80}?(?:,|(?=\s+(?:were|"
    r"was|are|is|have|has|had|got|killed|dead|died|dies?|injured|wounded|hurt)\b)))?"
)
_INCLUDING_TAIL = re.compile(
    r"\s*,?\s+(?:including|among\s+them|most\s+of\s+them)\s+[^,;]*$", re.IGNORECASE
)
_LIST_MORE = rf"(?:\s*(?:,|,?\s+and|,?\s+or)\s+(?:{Q}\s+)?{ADJ}{PERSON})*"
_SUBJECTS = rf"{Q}\s+{ADJ}{PERSON}{_INCLUDING}{_LIST_MORE}"
# "three servicemen of the brigade", "two residents of Donetsk": up to three words after "of"
_OF_PHRASE = (
    rf"(?:\s+of\s+(?:the\s+)?(?!(?:{_STOP})\b)[\w'’\-]+(?:\s+(?!(?:{_STOP})\b)[\w'’\-]+){{0,2}}?)?"
)
_SINGULAR = (
    r"(?:man|woman|child|boy|girl|teenager|baby|soldier|serviceman|servicewoman|civilian|"
    r"resident|militiaman|policeman|police\s+officer|officer|volunteer|journalist|driver|"
    r"fighter|rebel|militant|separatist|commander|official|medic|rescuer|pensioner|worker|"
    r"farmer|guard|person|prisoner|militiaman|paratrooper|marine|sniper|saboteur)\b"
)
# "child, man", "a soldier and a civilian": people named one by one, each counting 1.
_SINGULARS = (
    rf"(?:the\s+|an?\s+)?{ADJ}{_SINGULAR}(?:\s*(?:,|,?\s+and)\s+(?:the\s+|an?\s+)?"
    rf"(?:(?!(?:{_STOP})\b)[\w'’\-]+\s+){{0,2}}?{_SINGULAR})*"
)


_POSS = r"(?:(?:her|his|their|its)\s+)?"


def _compile(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.IGNORECASE)


_KILLED = [
    _compile(rf"(?P<q>{_SUBJECTS}){_OF_PHRASE},?\s+{_BE}{_ADV}{_HEDGE}{_KILL_PASSIVE}"),
    _compile(
        rf"\b(?:kill(?:ed|ing|s)?|claim(?:ed|ing|s)?\s+the\s+lives\s+of|"
        rf"left|leaving)\s+{_POSS}(?P<q>{Q}(?:\s+{ADJ}{PERSON}{_LIST_MORE})?)(?P<dead>\s+dead)?"
        rf"{_NOT_CASUALTIES}"
    ),
    _compile(
        rf"(?P<q>{Q})\s+(?:(?:people|persons|others)\s+)?{_BE}(?:killed|dead|fatalities|deaths|"
        rf"(?-i:KIA))\b"
        rf"{_NOT_CASUALTIES}"
    ),
    _compile(
        rf"\b(?:death\s+toll|(?:civilian\s+)?toll|number\s+of\s+(?:dead|deaths|fatalities|"
        rf"victims|those\s+killed|(?:[\w'’-]+\s+){{1,6}}?(?:killed|who\s+(?:have\s+|had\s+)?"
        rf"died|who\s+were\s+killed))|fatalities)(?:\s+[\w'’-]+){{0,8}}?\s+(?:to|at|of|is|was|"
        rf"reached|hit|stood\s+at|stands\s+at)\s+(?P<q>{Q})"
    ),
    _compile(rf"\bclaim(?:ed|ing|s)?\s+(?P<q>{Q})\s+{ADJ}li(?:fe|ves)\b"),
    # "Ukrainian serviceman killed", "shelling kills militiaman", "child, man killed": one person
    # each, no number word.
    _compile(rf"(?<![\w-])(?P<q>{_SINGULARS}),?\s+{_BE}{_ADV}{_HEDGE}{_KILL_PASSIVE}"),
    # "the bodies of four villagers were found": each body one death
    _compile(
        rf"\bbod(?:y|ies)\s+of\s+(?P<q>{_SUBJECTS}|{_SINGULARS}){_OF_PHRASE}\s+{_BE}{_ADV}"
        rf"(?:found|discovered|unearthed|exhumed|pulled\s+from)\b"
    ),
    _compile(
        rf"(?P<q>{Q})\s+(?:more\s+)?bodies\s+{_BE}{_ADV}"
        rf"(?:found|discovered|unearthed|exhumed|pulled\s+from)\b"
    ),
    _compile(rf"\bkill(?:ed|ing|s)\s+(?P<q>{_SINGULARS})"),
    # "a woman wounded in the shelling has died", "a resident of X, injured on Monday, dies"
    _compile(
        rf"(?<![\w-])(?P<q>(?:the\s+|an?\s+)?{ADJ}{_SINGULAR})(?:\s+of\s+[^,;:.]{{1,40}}?)?"
        rf"\s*,?\s+(?:who\s+(?:was|had\s+been)\s+)?{_ADV}(?:wounded|injured|hurt)\b[^;:.]{{0,80}}?"
        rf",?\s+(?:has\s+|had\s+|later\s+)?(?:died|dies|succumbed)\b"
    ),
    # "eliminated as many as 15 enemy fighters", "12 gunmen were liquidated"
    _compile(rf"\b{_ELIMINATE}\s+(?P<q>{Q}\s+{ADJ}{PERSON}){_NOT_EQUIPMENT}"),
    _compile(
        rf"(?P<q>{_SUBJECTS})\s+(?:were|was|have\s+been|has\s+been|had\s+been)\s+{_ADV}"
        rf"{_ELIMINATE}\b"
    ),
]
# "Ihor Petrenko, 45, died in hospital", "volunteer Olena Shevchenko was killed": one named person
# (an age or a role word marks the name as a person's). Only counted where the sentence speaks of
# violence, so an obituary is not a death toll.
_NAME = r"(?-i:[A-Z][a-z'’]+(?:[\s-][A-Z][a-z'’]+){1,2})"
_AGE = r",\s+(?:aged\s+)?\d{1,3},"
_KILLED_NAMED = [
    _compile(rf"(?<![\w-])(?P<q>{_NAME}){_AGE}\s+(?:who\s+)?{_BE}{_ADV}{_KILL_PASSIVE}"),
    _compile(
        rf"(?<![\w-])(?P<q>{_SINGULAR}\s+{_NAME})(?:{_AGE})?,?\s+(?:who\s+)?{_BE}{_ADV}"
        rf"{_KILL_PASSIVE}"
    ),
    _compile(rf"\b(?:kill(?:ed|ing|s)|shot\s+dead|murdered|executed)\s+(?P<q>{_NAME}){_AGE}"),
]
# One person each, whatever the words: "there is a dead man", "shelling kills 8-year-old",
# "46-year-old Ivan Petrenko was killed".
_AGED = r"(?:an?\s+)?\d{1,3}[\s-]year[\s-]old"
_KILLED_ONE = [
    _compile(
        rf"\bthere\s+(?:is|was|has\s+been)\s+(?P<q>(?:a|one)\s+(?:dead|killed|deceased))\b"
        rf"{_NOT_CASUALTIES}"
    ),
    _compile(rf"\bkill(?:ed|ing|s)\s+(?P<q>{_AGED})(?![\w-])(?!\s+{ADJ}{PERSON})"),
    _compile(rf"(?<![\w-])(?P<q>{_AGED}\s+{_NAME}),?\s+(?:who\s+)?{_BE}{_ADV}{_KILL_PASSIVE}"),
]
# "there are dead", "there are dead and wounded": deaths without a figure, at least one.
_KILLED_SOME = [
    _compile(r"\bthere\s+(?:are|were|have\s+been)\s+(?P<q>(?:the\s+)?(?:dead|killed|deceased))\b"),
]
_VIOLENT_CONTEXT = _compile(
    r"\b(?:shell|strike|struck|(?<!heart\s)attack|missile|drone|bomb|explosi|blast|shot|gun|fire|"
    r"wound|injur|killed|shrapnel|artillery|rocket|mines?\b|sniper|assault|fighting|combat|"
    r"front\s+line|battle|airstrike|raid|grenade|stabbed|executed|tortur)"
)
_KILLED_NONE = _compile(
    r"\b(?:no\s+(?:one|body)\s+(?:was|were)\s+(?:killed|hurt)|no\s+(?:fatalities|deaths|casualties|"
    r"victims)|without\s+(?:casualties|fatalities)|no\s+(?:one|body)\s+died)\b"
)
_INJURED = [
    _compile(rf"(?P<q>{_SUBJECTS})\s+{_BE}{_ADV}{_INJ_PASSIVE}"),
    _compile(rf"(?<![\w-])(?P<q>(?:the\s+)?{ADJ}{_SINGULAR})\s+{_BE}{_ADV}{_INJ_PASSIVE}"),
    _compile(
        rf"(?<!killed and )(?<!killing and )(?<!killed or )"
        rf"\b(?:injur(?:ed|ing|es)|wound(?:ed|ing|s)|hurt(?:ing)?|maim(?:ed|ing))\s+{_POSS}"
        rf"(?P<q>{Q})(?:\s+{ADJ}{PERSON})?"
    ),
    _compile(rf"(?P<q>{Q})\s+(?:(?:people|persons|others|more)\s+)?{_BE}{_ADV}{_INJ_PASSIVE}"),
    _compile(rf"\b(?:left|leaving)\s+(?P<q>{Q})\s+{ADJ}(?:{PERSON}\s+)?{_INJ_PASSIVE}"),
    _compile(rf"(?P<q>{Q})\s+(?:were\s+)?(?:injuries|injured|wounded)\b"),
    _compile(
        rf"\bnumber\s+of\s+(?:injured|wounded)(?:\s+\w+){{0,3}}?\s+(?:to|at|is|was)\s+(?P<q>{Q})"
    ),
]
_EVACUATED = [
    _compile(rf"\bevacuat(?:ed|ing|es|e)\s+(?P<q>{Q})(?:\s+{ADJ}{PERSON})?"),
    _compile(rf"\bevacuations?\s+of\s+(?P<q>{Q})"),
    _compile(rf"(?P<q>{_SUBJECTS})\s+{_BE}{_ADV}(?:evacuated|relocated|moved\s+to\s+safety)"),
    _compile(rf"\bforc(?:ed|ing)\s+(?P<q>{Q})\s+{ADJ}{PERSON}\s+to\s+(?:flee|evacuate|leave)"),
]
_INTERCEPTED = [
    # "shot down 40 of the 50 drones"
    _compile(
        rf"\b{_INTERCEPT}(?:\s+and\s+\w+(?:\s+down)?)?\s+(?:\w+\s+){{0,3}}?(?P<q>{Q})\s+of\s+"
        rf"(?:the\s+)?(?P<total>{Q})\s+{ADJ}(?P<w>{WEAPON})"
    ),
    # "40 of the 50 drones were shot down"
    _compile(
        rf"(?P<q>{Q})\s+of\s+(?:the\s+)?(?P<total>{Q})\s+{ADJ}(?P<w>{WEAPON})\s+{_BE}{_ADV}"
        rf"(?:successfully\s+)?{_INTERCEPT}"
    ),
    # "intercepted 57 Ukrainian drones"
    _compile(
        rf"\b{_INTERCEPT}(?:\s+and\s+\w+(?:\s+down)?)?\s+(?:(?!\d)\w+\s+){{0,3}}?(?P<q>{Q})\s+"
        rf"{ADJ}(?P<w>{WEAPON})"
    ),
    # "57 drones were shot down"
    _compile(rf"(?P<q>{Q})\s+{ADJ}(?P<w>{WEAPON})\s+{_BE}{_ADV}(?:successfully\s+)?{_INTERCEPT}"),
    # "of which 30 were shot down", "of them, 30 were intercepted"
    _compile(
        rf"\bof\s+(?:which|them|these)\s*,?\s+(?P<q>{Q})\s+{_BE}{_ADV}(?:successfully\s+)?"
        rf"{_INTERCEPT}"
    ),
]
_WEAPONS = _compile(rf"(?P<q>{Q})\s+{ADJ}(?P<w>{WEAPON})")
_WEAPON_ONLY = _compile(rf"\b(?P<w>{WEAPON})")

_MONTHS = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_NOT_BEFORE_YEAR = re.compile(
    rf"(?:\b(?:in|since|from|until|till|by|of|year|early|late|mid|before|after|during|between|"
    rf"and|to)|{_MONTHS}|,)\s*$",
    re.IGNORECASE,
)
_AFTER_MONTH = re.compile(rf"\b{_MONTHS}\s*$", re.IGNORECASE)


def _word_number(text: str) -> int | None:
    """'twenty-five' -> 25, 'one hundred and twenty' -> 120, 'a' -> 1."""
    total = current = 0
    seen = False
    for word in re.split(r"[\s\-]+", text.lower()):
        if word in ("and", ""):
            continue
        if word in ("a", "an"):
            current += 1
        elif word in _UNITS:
            current += _UNITS[word]
        elif word in _TENS:
            current += _TENS[word]
        elif word == "hundred":
            current = max(current, 1) * 100
        elif word in ("thousand", "million"):
            total += max(current, 1) * _SCALES[word]
            current = 0
        else:
            return None
        seen = True
    return total + current if seen else None


def number_value(text: str) -> int | None:
    """A single value for a number word or figure: '12' -> 12, 'twelve' -> 12, 'a' -> 1; vague
    quantities give their lower bound ('a few' -> 2, 'several' -> 3). None when not a number.

    The one number-word table of the package (dates use it for "three days ago")."""
    text = " ".join(text.lower().split())
    if text in _VAGUE:
        return _VAGUE[text][0]
    return _number(text)


def _number(text: str) -> int | None:
    text = text.strip().lower()
    m = re.fullmatch(r"([\d,]+(?:\.\d+)?)(?:\s+(hundred|thousand|million))?", text)
    if m:
        value = float(m.group(1).replace(",", ""))
        if m.group(2):
            value *= _SCALES[m.group(2)]
        return int(round(value))
    return _word_number(text)


_RANGE_RE = re.compile(
    rf"^(?:between\s+(?P<a>{_NUM})\s+and\s+(?P<b>{_NUM})|(?P<c>{_DIGITNUM})\s*(?:-|–|—)\s*"
    rf"(?P<d>{_DIGITNUM})|(?P<e>{_NUM})\s+(?:to|or)\s+(?P<f>{_NUM}))$",
    re.IGNORECASE,
)


def parse_count(phrase: str) -> CountRange | None:
    """'45' -> 45..45, 'at least 3' -> 3..None, 'over 100' -> 101..None, 'a civilian' -> 1..1.

    Any words after the quantity (the counted noun) are ignored; ``None`` when the phrase does
    not start with a quantity.
    """
    text = " ".join(phrase.strip().split()).lower()
    m = re.match(Q, text, re.IGNORECASE)
    if not m:
        return None
    quantity = m.group(0).strip()
    modifier = ""
    for mod in _MODIFIERS:
        if quantity.startswith(mod + " "):
            rest = quantity[len(mod) + 1 :]
            # "no one" and "a couple" are quantities, not modifier + number.
            if _bare_quantity(rest) is not None:
                modifier, quantity = mod, rest
            break
    base = _bare_quantity(quantity)
    if base is None:
        return None
    lo, hi = base
    if modifier in _MOD_MORE:
        return CountRange(lo + 1 if lo == hi and lo is not None else lo, None)
    if modifier in _MOD_ATLEAST:
        return CountRange(lo, None)
    if modifier in _MOD_UPTO:
        return CountRange(None, hi if hi is not None else lo)
    if modifier in _MOD_LESS:
        top = hi if hi is not None else lo
        return CountRange(None, top - 1 if top else top)
    return CountRange(lo, hi)


def _bare_quantity(text: str) -> tuple[int | None, int | None] | None:
    text = re.sub(r"\s+of$", "", text.strip())
    if text in _VAGUE:
        return _VAGUE[text]
    m = _RANGE_RE.match(text)
    if m:
        a = _number(m.group("a") or m.group("c") or m.group("e"))
        b = _number(m.group("b") or m.group("d") or m.group("f"))
        if a is not None and b is not None:
            return (min(a, b), max(a, b))
    n = _number(text)
    return None if n is None else (n, n)


def _is_count_position(sentence: str, start: int, quantity: str) -> bool:
    """Reject years ('in 2022 people...') and day numbers ('on March 18 people...')."""
    before = sentence[:start]
    if _AFTER_MONTH.search(before) and re.match(r"\d", quantity):
        return False
    m = re.match(r"(?:[a-z]+\s+)*(\d{4})\b(?!,\d)", quantity.strip(), re.IGNORECASE)
    return not (m and 1900 <= int(m.group(1)) <= 2099 and _NOT_BEFORE_YEAR.search(before))


_LIST_SEP = re.compile(r"\s*(?:,|\band\b|\bor\b)\s*", re.I)
_ONE_PERSON = re.compile(rf"(?:the\s+)?{ADJ}{_SINGULAR}", re.I)


def _sum_subjects(text: str) -> CountRange | None:
    """'one soldier and three rebels' -> 4..4 (the sum of the listed quantities); a listed
    person without a number counts one ('three militants, civilian' -> 4..4)."""
    text = _INCLUDING_TAIL.sub("", re.sub(_INCLUDING, "", text, flags=re.I))
    matches = list(re.finditer(rf"(?P<q>{Q})\s+{ADJ}{PERSON}", text, re.I))
    ranges = [parse_count(m.group("q")) for m in matches]
    rest = text
    for m in reversed(matches):
        rest = rest[: m.start()] + "#" + rest[m.end() :]
    singles = sum(1 for part in _LIST_SEP.split(rest) if part and _ONE_PERSON.fullmatch(part))
    ranges += [CountRange(1, 1)] * singles
    ranges_known = [r for r in ranges if r is not None]
    if not ranges_known:
        return parse_count(text)
    if len(ranges_known) == 1:
        return ranges_known[0]
    lo = sum(r.min or 0 for r in ranges_known)
    hi = None if any(r.max is None for r in ranges_known) else sum(r.max or 0 for r in ranges_known)
    return CountRange(lo, hi)


# Cumulative time frames: a figure over the whole war or a long period is a running total, not
# the toll of one event ("8,000 civilians have been killed since 2014", "the war has killed tens
# of thousands", "the death toll since the invasion"). Strong frames decide on their own; weak
# ones ("so far", "in total") only with a perfect tense and no single attack named.
_LONG_PERIOD = (
    r"(?:full[\s-]scale\s+|russian\s+|russia['’]s\s+|the\s+)?(?:war|invasion|conflict|hostilities|"
    r"aggression|occupation|annexation|escalation)(?![\w-])"
)
_CUM_STRONG = _compile(
    rf"\bsince\s+(?:the\s+)?(?:(?:start|beginning|outbreak|onset)\s+of\s+(?:the\s+|this\s+)?"
    rf"(?:{_LONG_PERIOD}|year|fighting)|{_LONG_PERIOD}\b|(?:{_MONTHS}\s+(?:\d{{1,2}},?\s+)?)?"
    rf"(?:19|20)\d\d\b|\d{{1,2}}\s+{_MONTHS}|{_MONTHS}(?:\s+\d{{1,2}})?(?!\w)|"
    rf"(?:it|they|{_LONG_PERIOD})\s+(?:began|started|broke\s+out)\b|(?:russia|moscow)\s+invaded)"
    rf"|\bsince\s+(?:last|this)\s+(?:year|month|week|spring|summer|autumn|fall|winter)\b"
    rf"|\bsince\s+(?:the\s+)?(?:year|month)['’]?s?\s+(?:beginning|start)\b"
    rf"|\bso\s+far\s+this\s+(?:year|month)\b|\bthroughout\s+the\s+(?:{_LONG_PERIOD}|year)\b"
    # a week's or a month's total is a sum of many events ("over the past week", "this year")
    rf"|\b(?:over|in|during|for|within)\s+(?:the\s+|a\s+)?(?:(?:past|last|previous)\s+)?"
    rf"(?:week|month|year)\b(?![\s-]+(?:old|long|ago)\b)"
    rf"|\bthis\s+(?:year|month)\b"
    rf"|\bover\s+the\s+course\s+of\s+the\s+{_LONG_PERIOD}\b"
    rf"|\b(?:over|in|during)\s+the\s+(?:past|last|previous)\s+(?:\w+\s+)?(?:months|years|decade)\b"
    rf"|\b(?:\w+|\d+)[\s-]years?\s+(?:of|long)\s+(?:[\w-]+\s+)?(?:war|conflict|fighting)\b"
    rf"|\b(?:\w+|\d+)[\s-]year(?:[\s-]old|[\s-]long)?\s+(?:war|conflict)\s+(?:that|which)\b"
    rf"|\b(?:war|conflict|invasion|hostilities|aggression)(?:,?\s+(?:waged|launched|started|unleashed|"
    rf"fought|in|against|by|with|on|that|which)\b(?:\s+[\w'’-]+){{0,3}}?)?\s+"
    rf"(?:has|have|had)\s+"
    rf"(?:so\s+far\s+|already\s+|now\s+)?(?:killed|claimed|left|taken|cost)\b"
    rf"|\b(?:killed|died|dead|perished|lost\s+(?:their|his|her)\s+lives?|deaths?|casualties|"
    rf"toll)\s+(?:(?:in|during|of|from)\s+(?:the|this)\s+{_LONG_PERIOD})(?!\s+(?:zone|with))"
    rf"|\b(?:war|conflict|invasion)['’]s\s+(?:\w+\s+)?(?:toll|dead|casualties)\b"
)
_CUM_WEAK = _compile(
    r"\b(?:so\s+far|to\s+date|in\s+total|altogether|all\s+told|overall|in\s+all|this\s+year|"
    r"(?:in|during)\s+the\s+war|cumulative(?:ly)?|thus\s+far|up\s+to\s+now|as\s+of)\b"
)
_PERFECT = _compile(
    r"\b(?:has|have|had|'ve|’ve)\s+(?:(?:so\s+far|already|now|reportedly|also|since|in\s+total)"
    r"\s+)?(?:been|died|killed|claimed|lost|left|taken|shot|destroyed|intercepted|downed|"
    r"evacuated|injured|wounded)\b"
)
# One attack named near a weak frame: "the toll from the strike has risen to 20 so far".
_SINGLE_EVENT = _compile(
    r"\b(?:attack|strike|airstrike|shelling|explosion|blast|bombing|raid|barrage|assault|"
    r"incident|ambush|collapse|crash|today|yesterday|overnight|(?:on|last)\s+(?:monday|tuesday|"
    r"wednesday|thursday|friday|saturday|sunday))\b"
)
# "the deadliest attack since the invasion", "the first strike since January": the frame dates the
# comparison, not the count.
_SUPERLATIVE = _compile(
    r"\b(?:\w+iest|first|most|worst|only|biggest|largest|heaviest|highest|greatest|strongest|"
    r"longest|fiercest|latest|lowest|fewest)\b"
)
_CLAUSE_BREAK = re.compile(r"[;:()\[\]]|,(?=\s)|\s[—–-]\s|\.\s")
_LEAD_FRAME = _compile(
    r"\s*(?:[\"“]\s*)?(?:since|so\s+far|to\s+date|in\s+total|altogether|overall|throughout|"
    r"over\s+the|in\s+the\s+(?:past|last)|during\s+the\s+war|this\s+year)\b"
)


def _clause_window(sentence: str, start: int, end: int) -> str:
    """The clause around ``sentence[start:end]`` (between commas, semicolons, dashes), with the
    time frames set off by commas before it ("Since 2022, ...") added in front."""
    lo = 0
    for m in _CLAUSE_BREAK.finditer(sentence, 0, start):
        lo = m.end()
    if lo > 0 and re.match(r"\s*(?:which|that)\b", sentence[lo:], re.I):
        # "the war, which has killed ...": the relative clause belongs to the noun before it
        breaks = [m.end() for m in _CLAUSE_BREAK.finditer(sentence, 0, lo - 1)]
        lo = breaks[-1] if breaks else 0
    m_after = _CLAUSE_BREAK.search(sentence, end)
    hi = m_after.start() if m_after else len(sentence)
    # earlier segments that are time frames of their own ("Since 2022, ...", ", since Jan 1, ...")
    frames: list[str] = []
    seg_start = 0
    for m in _CLAUSE_BREAK.finditer(sentence, 0, start):
        if m.end() > lo:
            break
        segment = sentence[seg_start : m.start()]
        if _LEAD_FRAME.match(segment) and len(segment) < 60:
            frames.append(segment)
        seg_start = m.end()
    return " ".join([*frames, sentence[lo:hi]])


def _strong_frame(window: str) -> bool:
    for m in _CUM_STRONG.finditer(window):
        if re.match(r"(?i)(?:since|over|in|during|for|within|this)\b", m.group(0)):
            before = window[max(0, m.start() - 60) : m.start()]
            if _SUPERLATIVE.search(before):
                continue
        return True
    return False


_REACH = 300


def cumulative_at(sentence: str, start: int, end: int) -> bool:
    """True when the figure or trigger at ``sentence[start:end]`` sits in a cumulative time frame
    (a running total over the war or a long period, not one event)."""
    # A clause never runs for pages: look at most _REACH characters either side, so that a long
    # comma-free run of figures costs linear, not quadratic, time.
    lo = max(0, start - _REACH)
    sentence, start, end = sentence[lo : end + _REACH], start - lo, end - lo
    window = _clause_window(sentence, start, end)
    if _strong_frame(window):
        return True
    return bool(
        _CUM_WEAK.search(window) and _PERFECT.search(window) and not _SINGLE_EVENT.search(window)
    )


def _collect(
    sentence: str,
    patterns: list[re.Pattern[str]],
    *,
    one: bool = False,
    fixed: CountRange | None = None,
) -> list[tuple[int, int, CountRange, re.Match[str]]]:
    """Count hits of ``patterns``; ``one``: each hit is one person (a name); ``fixed``: each
    hit has this value whatever its words."""
    if one:
        fixed = CountRange(1, 1)
    found: list[tuple[int, int, CountRange, re.Match[str]]] = []
    for pattern in patterns:
        for m in pattern.finditer(sentence):
            q = m.group("q")
            if not _is_count_position(sentence, m.start("q"), q):
                continue
            if cumulative_at(sentence, m.start(), m.end()):
                continue
            left_dead = pattern.groupindex.get("dead") and re.match(r"(?i)left|leaving", m.group(0))
            if left_dead and not m.group("dead"):
                continue
            if fixed is not None:
                value: CountRange | None = fixed
            elif re.search(rf"{_SINGULAR}$", q, re.I) and not re.match(Q + r"\s", q, re.I):
                people = [p for p in _LIST_SEP.split(q) if p]
                value = CountRange(len(people), len(people))
            elif re.search(PERSON, q, re.I):
                value = _sum_subjects(q)
            else:
                value = parse_count(q)
            if value is None:
                continue
            if re.fullmatch(r"(?i)\s*(?:an?|the)\s*", q) and not re.search(
                PERSON, m.group(0), re.I
            ):
                continue
            if any(s <= m.start("q") < e for s, e, _, _ in found):
                continue
            found.append((m.start("q"), m.end("q"), value, m))
    return found


def _largest(values: list[CountRange]) -> CountRange | None:
    if not values:
        return None
    return max(values, key=lambda r: (r.min if r.min is not None else -1, r.max or 0))


def weapon_kind(noun: str) -> str | None:
    """'Shahed drones' -> 'drone', 'cruise missiles' -> 'missile'."""
    words = noun.lower().split()
    for size in range(len(words), 0, -1):
        candidate = " ".join(words[-size:])
        for kind, pattern in _WEAPON_KIND:
            if pattern.match(candidate):
                return kind
    return None


def _killed_hits(sentence: str) -> list[tuple[int, int, CountRange, re.Match[str]]]:
    killed_hits = _collect(sentence, _KILLED)
    for patterns, fixed in ((_KILLED_ONE, CountRange(1, 1)), (_KILLED_SOME, CountRange(1, None))):
        killed_hits += [
            hit
            for hit in _collect(sentence, patterns, fixed=fixed)
            if not any(s <= hit[0] < e or hit[0] <= s < hit[1] for s, e, _, _ in killed_hits)
        ]
    if _VIOLENT_CONTEXT.search(sentence):
        killed_hits += [
            hit
            for hit in _collect(sentence, _KILLED_NAMED, one=True)
            if not any(s <= hit[0] < e or hit[0] <= s < hit[1] for s, e, _, _ in killed_hits)
        ]
    return killed_hits


def killed_figures(sentence: str) -> list[tuple[int, int, CountRange]]:
    """Each death figure of the sentence with its character span (the figure's words), in the
    order ``find_counts`` weighs them; running totals are already left out."""
    return [(s, e, v) for s, e, v, _ in _killed_hits(sentence)]


def largest_count(values: list[CountRange]) -> CountRange | None:
    """The figure ``find_counts`` keeps among several for one field."""
    return _largest(values)


def find_counts(sentence: str) -> Counts:
    """The counts a sentence reports: weapons (and their kind), killed, injured, evacuated,
    intercepted. Where a sentence gives several values for one field the largest is kept
    (a death toll usually includes the earlier partial figures)."""
    killed_hits = _killed_hits(sentence)
    killed = _largest([v for _, _, v, _ in killed_hits])
    if killed is None and _KILLED_NONE.search(sentence):
        killed = CountRange(0, 0)
    # a person counted as killed is not also counted as injured ("a woman injured ... died")
    injured = _largest(
        [
            v
            for s, _, v, _ in _collect(sentence, _INJURED)
            if not any(ks <= s < ke for ks, ke, _, _ in killed_hits)
        ]
    )
    evacuated = _largest([v for _, _, v, _ in _collect(sentence, _EVACUATED)])

    intercepted_hits = _collect(sentence, _INTERCEPTED)
    intercepted = _largest([v for _, _, v, _ in intercepted_hits])
    weapons: CountRange | None = None
    weapon: str | None = None
    for _, _, _, m in intercepted_hits:
        if m.groupdict().get("total"):
            weapons = parse_count(m.group("total"))
            weapon = weapon_kind(m.group("w"))
            break
    if weapons is None:
        for m in _WEAPONS.finditer(sentence):
            q = m.group("q")
            if not _is_count_position(sentence, m.start("q"), q):
                continue
            value = parse_count(q)
            if value is not None and value != CountRange(0, 0):
                weapons, weapon = value, weapon_kind(m.group("w"))
                break
    if weapons is None and intercepted is not None:
        for _, _, value, m in intercepted_hits:
            if m.groupdict().get("w"):
                weapons, weapon = value, weapon_kind(m.group("w"))
                break
    if weapon is None:
        m2 = _WEAPON_ONLY.search(sentence)
        if m2:
            weapon = weapon_kind(m2.group("w"))
    return Counts(
        weapons=weapons,
        weapon=weapon,
        killed=killed,
        injured=injured,
        evacuated=evacuated,
        intercepted=intercepted,
    )
