"""Event detection on small hand-written articles (and the seed page when it is present)."""

from __future__ import annotations

import datetime as dt
import math
from pathlib import Path

import pytest

from ceasewatch.extract import events as events_mod
from ceasewatch.extract.event_types import (
    classify_doc,
    classify_lemmas,
    normalise_lemmas,
    score_labels,
)
from ceasewatch.extract.events import extract_events
from ceasewatch.extract.nlp import load_nlp
from ceasewatch.model import CountRange, Document, Event

ANCHOR = dt.date(2024, 6, 12)

ARTICLE = (
    "Overnight, Russian forces launched 30 drones at Odesa, Ukrainian officials said. "
    "In Kharkiv, a missile strike on a school damaged classrooms, while a separate attack in a "
    "nearby village killed two residents. "
    "The Russian defence ministry claimed it shot down 12 Ukrainian drones over the Belgorod "
    "region. "
    "Meanwhile, Ukraine kept up its drone attacks on Russia, reportedly hitting a refinery in "
    "Ryazan."
)


def run(text: str) -> list[Event]:
    document = Document(id=Document.make_id(text), text=text)
    return extract_events(load_nlp()(text), document, ANCHOR)


def run_cues(text: str) -> list[Event]:
    """The cue extractor alone, without the PLOVER coder's diplomatic acts."""
    document = Document(id=Document.make_id(text), text=text)
    return extract_events(load_nlp()(text), document, ANCHOR, coder=False)


def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = (
        math.sin((p2 - p1) / 2) ** 2
        + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    )
    return 12742.0 * math.asin(math.sqrt(a))


def near(event: Event, lat: float, lon: float, limit: float = 25.0) -> bool:
    p = event.place
    return (
        p is not None
        and p.lat is not None
        and p.lon is not None
        and (km(p.lat, p.lon, lat, lon) <= limit)
    )


def sentence_of(events: list[Event], needle: str) -> list[Event]:
    return [e for e in events if any(needle in s.text for s in e.evidence)]


@pytest.fixture(scope="module")
def article_events() -> list[Event]:
    return run(ARTICLE)


def test_evidence_spans_point_into_the_text(article_events: list[Event]) -> None:
    assert article_events
    for e in article_events:
        assert e.evidence
        for span in e.evidence:
            assert ARTICLE[span.start : span.end] == span.text
    ids = [e.id for e in article_events]
    assert len(ids) == len(set(ids))
    assert ids == [e.id for e in run(ARTICLE)]  # stable across runs


def test_reported_attack_has_reporter_actor_and_weapon(article_events: list[Event]) -> None:
    [odesa] = sentence_of(article_events, "Odesa")
    assert odesa.type == "FIGHT"
    assert odesa.acled_sub_event_type == "Air/drone strike"
    assert odesa.actor is not None and odesa.actor.country == "RUS"
    assert odesa.reported_by == "Ukrainian officials"
    assert odesa.status == "reported"


def test_separate_attacks_in_one_sentence_are_two_events(article_events: list[Event]) -> None:
    kharkiv = sentence_of(article_events, "Kharkiv")
    assert len(kharkiv) == 2
    school, village = kharkiv
    assert school.acled_sub_event_type == "Shelling/artillery/missile attack"
    assert school.target is not None and "school" in school.target.name
    assert village.place is None or village.place.precision == "near"


def test_claimed_interception(article_events: list[Event]) -> None:
    [intercept] = sentence_of(article_events, "shot down")
    assert intercept.acled_sub_event_type == "Disrupted weapons use"
    assert intercept.status == "claimed"
    assert intercept.reported_by is not None and "defence ministry" in intercept.reported_by
    assert intercept.actor is not None and intercept.actor.country == "RUS"


def test_subject_country_and_clause_place_merge(article_events: list[Event]) -> None:
    [strike] = sentence_of(article_events, "Ryazan")
    assert strike.actor is not None and strike.actor.country == "UKR"
    assert strike.acled_sub_event_type == "Air/drone strike"


def test_passive_voice_by_agent() -> None:
    [event] = run("A hospital in Kherson was hit by Russian artillery on Monday.")
    assert event.actor is not None and event.actor.country == "RUS"
    assert event.target is not None and "hospital" in event.target.name
    assert event.acled_sub_event_type == "Shelling/artillery/missile attack"


@pytest.mark.parametrize(
    "text",
    [
        "Moscow pledged to halt strikes on energy facilities.",
        "The army did not attack the town.",
        "Russia has systematically shelled the region for years.",
        "Officials said the ceasefire would hold if nobody attacked the bridge.",
    ],
)
def test_no_event_for_pledges_negations_and_habits(text: str) -> None:
    assert run_cues(text) == []
    # the coder may record the pledge itself as an act (AGREE), never as a strike
    assert {e.type for e in run(text)} <= {"AGREE"}


def test_agreement_and_arrest_are_events() -> None:
    events = run(
        "The two sides agreed to a prisoner exchange on Tuesday. "
        "Police arrested four men in Lviv on suspicion of sabotage."
    )
    types = [e.type for e in events]
    assert "AGREE" in types
    assert "COERCE" in types
    arrest = next(e for e in events if e.type == "COERCE")
    assert arrest.acled_sub_event_type == "Arrests"


def words(text: str) -> list[str]:
    return text.split()


def test_lexicon_longest_match_and_protest_subtypes() -> None:
    launcher = score_labels(normalise_lemmas(words("they fire a grenade launcher")))
    assert "GRENADE" not in launcher
    assert classify_lemmas(words("police use tear gas to disperse the protester")) == (
        "PROTEST_WITH_INTER"
    )
    assert classify_lemmas(words("a flood hit the valley after heavy rain")) == ("NATURAL_DISASTER")
    assert classify_lemmas(words("she like green tea")) is None


SEED = Path(__file__).resolve().parents[3] / "shared" / "mission" / "seed-page.txt"
# Known coordinates (public knowledge).
KYIV, BUCHA, SUMY = (50.45, 30.52), (50.55, 30.21), (50.91, 34.80)
KRASNODAR, KURSK = (45.04, 38.98), (51.73, 36.19)


@pytest.mark.skipif(not SEED.exists(), reason="seed page not present")
def test_seed_page_six_violent_events() -> None:
    events = run(SEED.read_text(encoding="utf-8"))

    def one(pred: object) -> Event:
        found = [e for e in events if pred(e)]  # type: ignore[operator]
        assert found, "missing event"
        return found[0]

    def killed(e: Event) -> int | None:
        return e.counts.killed.min if e.counts.killed else None

    kyiv = one(lambda e: e.counts.weapons and e.counts.weapons.min == 45)
    assert kyiv.actor is not None and kyiv.actor.country == "RUS"
    assert near(kyiv, *KYIV)
    bucha = one(lambda e: e.counts.injured and e.counts.injured.min == 2)
    assert near(bucha, *BUCHA)
    hospital = one(lambda e: e.target is not None and e.target.category == "health")
    assert hospital.counts.evacuated is not None and (hospital.counts.evacuated.min or 0) > 100
    assert near(hospital, *SUMY)
    village = one(lambda e: killed(e) == 1)
    assert near(village, *SUMY)
    depot = one(lambda e: e.target is not None and e.target.category == "energy")
    assert depot.actor is not None and depot.actor.country == "UKR"
    assert depot.place is not None and depot.place.country == "RUS"
    assert near(depot, *KRASNODAR)
    intercept = one(lambda e: e.counts.intercepted and e.counts.intercepted.min == 57)
    assert intercept.status == "claimed"
    assert intercept.reported_by is not None and "defen" in intercept.reported_by.lower()
    assert near(intercept, *KURSK)


# --- second round: region qualifiers, coded places, clashes, territory, violent protests -------


def only_violent(text: str) -> Event:
    events = [e for e in run(text) if e.type in ("FIGHT", "ASSAULT")]
    assert events, "no violent event"
    return events[0]


@pytest.mark.parametrize(
    ("text", "admin1"),
    [
        ("Russian forces shelled Volodymyrivka, Kherson, with artillery.", "Kherson"),
        ("Russian forces shelled Volodymyrivka, Mykolaiv, with artillery.", "Mykolaiv"),
        ("Russian forces shelled near Volodymyrivka (Kherson). Nobody was hurt.", "Kherson"),
        ("Artillery hit the village of Volodymyrivka in Kherson oblast on Monday.", "Kherson"),
    ],
)
def test_region_after_settlement_chooses_the_namesake(text: str, admin1: str) -> None:
    event = only_violent(text)
    assert event.place is not None
    assert event.place.admin1 == admin1
    assert event.place.precision in ("settlement", "near")
    assert event.place.start is not None and text[event.place.start :].startswith("Volodymyrivka")


def test_unknown_settlement_falls_back_to_the_named_region() -> None:
    text = "Russian forces shelled Zrazkivka, Sumy, with mortars. Casualties unknown."
    event = only_violent(text)
    assert event.place is not None
    assert event.place.precision == "admin1"
    assert event.place.admin1 == "Sumy"
    assert event.place.start == text.index("Zrazkivka")


def test_region_spelling_variant_is_understood() -> None:
    event = only_violent("Russian forces shelled Volodymyrivka, Zaporizhia, with artillery.")
    assert event.place is not None and event.place.admin1 == "Zaporizhzhia"


def test_lists_of_regions_are_not_qualifiers() -> None:
    text = "Russian drones struck Kharkiv, Sumy and Odesa overnight."
    kharkiv = [e for e in run(text) if e.place is not None and e.place.start == 22]
    assert all(e.place is not None and e.place.precision != "admin1" for e in kharkiv)
    event = only_violent(text)
    assert event.place is not None and event.place.precision == "settlement"


def test_coded_to_place_wins() -> None:
    event = only_violent(
        "Ukrainian forces shot down a Russian drone over the Poltava region (coded to Kremenchuk)."
    )
    assert near(event, 49.06, 33.40)


def test_place_named_outside_the_trigger_clause() -> None:
    [event] = [
        e
        for e in run("About 200 demonstrators held a peaceful protest in Kremenchuk on Sunday.")
        if e.type == "PROTEST"
    ]
    assert near(event, 49.06, 33.40)


def test_small_arms_against_positions_is_a_clash() -> None:
    event = only_violent(
        "Rebel forces fired at army positions near Kremenchuk using mortars, heavy machine guns "
        "and small arms."
    )
    assert event.acled_sub_event_type == "Armed clash"
    event = only_violent(
        "Russian forces shelled, assaulted and were repulsed from Ukrainian positions near "
        "Kremenchuk."
    )
    assert event.acled_sub_event_type == "Armed clash"


def test_shelling_of_a_town_stays_shelling() -> None:
    event = only_violent("Russian forces shelled Kremenchuk with artillery, damaging two houses.")
    assert event.acled_sub_event_type == "Shelling/artillery/missile attack"


def classify(text: str) -> str | None:
    return classify_doc(load_nlp()(text))


def test_territory_gain_follows_the_subject() -> None:
    assert classify("Government troops captured the town from the rebels on Sunday.") == (
        "GOV_REGAINS_TERIT"
    )
    assert classify("Rebel fighters captured the town from government forces on Sunday.") == (
        "NON_STATE_ACTOR_OVERTAKES_TER"
    )
    assert classify("Insurgents recaptured the village after heavy fighting.") == (
        "NON_STATE_ACTOR_OVERTAKES_TER"
    )


def test_territory_events_follow_the_subject() -> None:
    events = run("Militants seized control of the town of Kremenchuk on Sunday.")
    assert any(e.acled_sub_event_type == "Non-state actor overtakes territory" for e in events)


def test_violent_and_peaceful_protests() -> None:
    assert classify("Protesters clashed with police and threw stones at the ministry.") == (
        "VIOL_DEMONSTR"
    )
    assert classify("Hundreds of protesters rallied peacefully outside the parliament.") == (
        "PEACE_PROTEST"
    )
    assert classify("Police used excessive force against the demonstrators at the rally.") == (
        "FORCE_AGAINST_PROTEST"
    )


# --- per-document indexes (long documents) give the answers of the plain definitions ----------


def test_doc_index_matches_spacy_and_a_scan() -> None:
    import re

    from ceasewatch.extract import events as mod

    text = (
        'Officials in Kharkiv said "Russian drones hit Odesa" on Monday.\n\n'
        "Talks in Istanbul with Recep Tayyip Erdogan ended. “We agreed,” he said.\n"
        'An unclosed "quote in Sumy.\nThe capital Kyiv was calm. Near  Dnipro,  shelling went on.'
    ) * 3
    doc = load_nlp()(text)
    places = mod._find_places(text, doc)
    index = mod._DocIndex.build(doc, places, mod._quote_ranges(text))
    assert index.text == doc.text and places
    for sent in doc.sents:
        assert index.sent_ents(sent) == list(sent.ents)
        assert index.places_between(sent.start_char, sent.end_char) == [
            p for p in places if sent.start_char <= (p.start or 0) < sent.end_char
        ]
    near = re.compile(r"\b(?:near|outskirts of|vicinity of|direction of)\s+$")
    for pos in range(len(text) + 1):
        assert index.in_quote(pos) == any(a <= pos < b for a, b in index.quotes)
        assert mod._sentence_lead(text, pos) == bool(mod._SENTENCE_LEAD.search(text[:pos]))
        tail = mod._tail_start(text, pos, 16)
        assert bool(mod._NEAR_BEFORE.search(text, tail, pos)) == bool(near.search(text[:pos]))
    for start in (0, 1, 2):
        assert mod._sentence_lead(" \n  x"[:start], start) == bool(
            mod._SENTENCE_LEAD.search(" \n  x"[:start])
        )


@pytest.mark.slow
def test_a_long_document_gives_the_events_of_its_parts() -> None:
    """Many paragraphs far apart: each one's events are found as in the paragraph alone."""
    part = (
        "Russian drones struck a power plant in Odesa on Monday, officials said. "
        "Talks between the two delegations resumed in Istanbul."
    )
    filler = "The weather was mild and the markets were open as usual. " * 3
    alone = [(e.type, e.place.name if e.place else None) for e in run(part)]
    assert alone
    long_events = run("\n\n".join([part, filler] * 40))
    got = [(e.type, e.place.name if e.place else None) for e in long_events]
    assert got == alone * 40


@pytest.mark.parametrize(
    ("text", "killed"),
    [
        ("Regional governor says shelling left five dead in the town", 5),
        ("Border guards eliminated 25 enemy soldiers near the river", 25),
        ("Rebels vow new assault as artillery fire kills 12 in the city", 12),
    ],
)
def test_death_reports_without_a_usual_trigger(text: str, killed: int) -> None:
    tolls = [e.counts.killed.min for e in run(text) if e.counts.killed is not None]
    assert tolls == [killed]


@pytest.mark.parametrize(
    "text",
    [
        "The minister promised to eliminate red tape for exporters.",
        "Officials found the dead battery in the car.",
    ],
)
def test_death_words_without_a_toll_are_no_event(text: str) -> None:
    assert run_cues(text) == []
    assert {e.type for e in run(text)} <= {"AGREE"}  # 'promised to ...' is a promise


@pytest.mark.parametrize(
    "text",
    [
        "Nearly 8,000 civilians have been killed since 2014, the agency said.",
        "The war has killed tens of thousands of people on both sides.",
        "Every day, about 100 soldiers are killed on the front.",
        "The retired general died on Tuesday after a long illness.",
        "The poet died in 1861 in the capital.",
        "The conflict has claimed the lives of 9,300 people, wounded at least 21,000 and driven "
        "half a million from their homes since 2015.",
        "A relief agency said on Friday that 14 people in the camp had died of malnutrition.",
        "Nine displaced children died this week owing to freezing temperatures, medics said.",
        "Two older men in the shelter died from hypothermia on Sunday night.",
    ],
)
def test_running_totals_and_natural_deaths_are_no_event(text: str) -> None:
    assert [e.counts.killed for e in run(text) if e.counts.killed is not None] == []
    assert [e for e in run(text) if e.type in ("ASSAULT", "FIGHT", "COERCE")] == []


@pytest.mark.parametrize(
    ("text", "toll"),
    [
        (  # a running total in the same sentence
            "A Russian missile strike killed three people in Odesa on Monday, bringing the "
            "number of civilians killed in the region since 2022 to 1,200.",
            3,
        ),
        (  # "cold-blooded" is no death from the cold
            "Three workers died in the cold-blooded shooting at the depot on Monday.",
            3,
        ),
        (  # a death from hardship in a clause of its own
            "Four soldiers died in the shelling on Monday, and two refugees died of hypothermia.",
            4,
        ),
        (  # a death from hardship in the next sentence
            "Shelling killed four people in Kherson on Monday. Elsewhere, two residents of a "
            "village without power died of hypothermia.",
            4,
        ),
    ],
)
def test_event_toll_kept_beside_a_total_or_a_natural_death(text: str, toll: int) -> None:
    tolls = [e.counts.killed for e in run(text) if e.counts.killed is not None]
    assert tolls == [CountRange(toll, toll)]


def test_named_victim_counts_one() -> None:
    text = "Ivan Sydorenko, 45, was killed when a Russian shell hit his car in Kherson."
    tolls = [e.counts.killed for e in run(text) if e.counts.killed is not None]
    assert tolls == [CountRange(1, 1)]


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("Government troops and allied fighters captured the town on Friday.", "GOV_REGAINS_TERIT"),
        (
            "Security forces in a crackdown on rebel militants recaptured the district.",
            "GOV_REGAINS_TERIT",
        ),
        (
            "Rebel fighters captured the town after government troops fled.",
            "NON_STATE_ACTOR_OVERTAKES_TER",
        ),
        ("The militant group took credit for the bombing of the checkpoint.", "ATTRIB"),
        ("Officials said the insurgents were responsible for the attack on the convoy.", "ATTRIB"),
    ],
)
def test_classify_doc_side_and_attribution(text: str, label: str) -> None:
    assert classify_doc(load_nlp()(text)) == label


# --- diplomatic and strategic acts from the PLOVER coder ---------------------------------------

DIPLOMACY = (
    "A Russian drone struck a school in Kharkiv on Monday, killing two people. "
    "Ukraine condemned the attack on the school. "
    "The Polish foreign minister met his Lithuanian counterpart in Vilnius on Tuesday. "
    "Officials said Russia could invade Moldova. "
    "Germany rejected the proposal from Hungary. "
    "No European leader knows what the talks will bring."
)


@pytest.fixture(scope="module")
def diplomacy_events() -> list[Event]:
    return run(DIPLOMACY)


def test_diplomatic_acts_follow_the_violent_events(diplomacy_events: list[Event]) -> None:
    [strike] = sentence_of(diplomacy_events, "drone struck")
    assert strike.type == "FIGHT"
    assert diplomacy_events[0] is strike  # the violent event stays first (eval's main event)
    kinds = [e.type for e in diplomacy_events]
    assert kinds.index("FIGHT") < kinds.index("REJECT")
    [rejected] = sentence_of(diplomacy_events, "rejected the proposal")
    assert rejected.type == "REJECT"
    assert rejected.actor is not None and rejected.actor.country == "DEU"
    assert rejected.target is not None and rejected.target.country == "HUN"
    assert rejected.acled_event_type is None and rejected.acled_sub_event_type is None
    assert (
        rejected.evidence[0].text
        == DIPLOMACY[rejected.evidence[0].start : rejected.evidence[0].end]
    )
    assert rejected.date is not None


def test_a_meeting_is_a_consultation_placed_where_it_was_held(
    diplomacy_events: list[Event],
) -> None:
    [meeting] = sentence_of(diplomacy_events, "counterpart")
    assert meeting.type == "CONSULT"
    assert meeting.actor is not None and meeting.actor.country == "POL"
    assert meeting.place is not None and meeting.place.country == "LTU"


def test_condemnation_of_an_attack_coexists_with_it(diplomacy_events: list[Event]) -> None:
    found = sentence_of(diplomacy_events, "condemned")
    [condemned] = [e for e in found if e.type == "DISAPPROVE"]
    assert condemned.actor is not None and condemned.actor.country == "UKR"


def test_speculation_and_no_one_are_not_events(diplomacy_events: list[Event]) -> None:
    assert not sentence_of(diplomacy_events, "could invade")
    assert not sentence_of(diplomacy_events, "No European leader")


def test_coder_can_be_switched_off() -> None:
    document = Document(id=Document.make_id(DIPLOMACY), text=DIPLOMACY)
    events = extract_events(load_nlp()(DIPLOMACY), document, ANCHOR, coder=False)
    assert {e.type for e in events} <= {"FIGHT", "ASSAULT"}


def test_agreement_found_by_both_extractors_is_one_event() -> None:
    events = run("Armenia and Azerbaijan signed a peace agreement in Washington on Friday.")
    assert [e.type for e in events] == ["AGREE"]
    assert events[0].acled_sub_event_type == "Agreement"


def test_plover_acled_mapping_uses_acled_labels() -> None:
    from ceasewatch.extract.event_types import plover_acled

    assert plover_acled("AGREE") == ("Strategic developments", "Agreement")
    assert plover_acled("COERCE", "arrest") == ("Strategic developments", "Arrests")
    assert plover_acled("COERCE", "ban") == ("Strategic developments", "Other")
    assert plover_acled("MOBILIZE", "troops") == (
        "Strategic developments",
        "Change to group/activity",
    )
    assert plover_acled("CONSULT", "visit") == (None, None)
    assert plover_acled("FIGHT") == (None, None)


def test_event_without_a_place_takes_the_last_place_of_its_paragraph() -> None:
    text = (
        "Rebel forces fired at army positions near Kremenchuk using mortars. "
        "During the day two soldiers were wounded at unspecified locations."
    )
    [wounded] = sentence_of(run_cues(text), "wounded")
    assert "near Kremenchuk" not in wounded.evidence[0].text  # its own sentence names no place
    assert near(wounded, 49.06, 33.40)
    assert wounded.place is not None and wounded.place.precision == "near"
    assert wounded.target is None or wounded.target.name != wounded.place.name


def test_a_borrowed_place_stays_in_its_paragraph_and_skips_parties() -> None:
    other_paragraph = "Fighting continued near Kremenchuk.\nTwo soldiers were killed overnight."
    [killed] = sentence_of(run_cues(other_paragraph), "killed")
    assert killed.place is None
    party = "Kyiv said the night was calm. Two soldiers were killed in the morning."
    [killed] = sentence_of(run_cues(party), "killed")
    assert killed.place is None


def test_a_later_place_counts_only_for_a_sentence_cut_inside_a_quotation() -> None:
    later = "Two soldiers were killed on Monday. One of them was born in Kremenchuk."
    [killed] = sentence_of(run_cues(later), "killed")
    assert killed.place is None
    quoted = (
        "About 30 demonstrators held a peaceful protest 'Stop the war! Bring them home!' in "
        "Kremenchuk, demanding talks."
    )
    [protest] = [e for e in run_cues(quoted) if e.type == "PROTEST"]
    assert near(protest, 49.06, 33.40)


def test_cut_quotations() -> None:
    assert events_mod._cut_quote("They held a protest 'Stop the war!")
    assert events_mod._cut_quote("Bring them home!'")
    assert not events_mod._cut_quote("They chanted 'stop the war' in the square.")
    assert not events_mod._cut_quote("Russia's forces didn't advance.")


def test_a_settlement_of_the_sentence_beats_a_country_in_the_clause() -> None:
    text = (
        "About 50 people demonstrated in Kremenchuk, urging efforts on facilitating the prisoner "
        "swap between Ukraine and Russia."
    )
    [swap] = sentence_of(run_cues(text), "swap")
    assert near(swap, 49.06, 33.40)
