"""Cross-article event clustering on hand-built events."""

from __future__ import annotations

from ceasewatch.link.clustering import (
    TextIndex,
    _numbers,
    cluster_events,
    compare,
    mentions_of,
)
from ceasewatch.model import (
    Actor,
    CountRange,
    Counts,
    DateRange,
    Document,
    DocumentResult,
    Event,
    Place,
    content_id,
)

RUSSIA = Actor("Russian forces", "RUS", "military")
KHARKIV = Place("Kharkiv", 49.98, 36.23, "UKR", "Kharkivska", precision="settlement")
CHUHUIV = Place("Chuhuiv", 49.84, 36.69, "UKR", "Kharkivska", precision="settlement")  # ~37 km
ODESA = Place("Odesa", 46.48, 30.73, "UKR", "Odeska", precision="settlement")
KHARKIV_REGION = Place("Kharkiv Oblast", 49.6, 36.6, "UKR", "Kharkivska", precision="admin1")


def report(
    outlet: str,
    place: Place | None,
    drones: int | None,
    *,
    day: str = "2025-03-20",
    actor: Actor | None = RUSSIA,
    type_: str = "ASSAULT",
    text: str | None = None,
) -> DocumentResult:
    text = text or f"{outlet} reports a strike on {place.name if place else 'a town'} on {day}."
    doc = Document(id=Document.make_id(text), text=text, published=day, source=outlet)
    counts = Counts(weapons=CountRange(drones, drones), weapon="drone") if drones else Counts()
    event = Event(
        id=content_id(doc.id, "event"),
        type=type_,
        mode="aerial",
        actor=actor,
        place=place,
        date=DateRange(day, day, "day"),
        counts=counts,
    )
    return DocumentResult(document=doc, events=(event,))


def test_one_strike_reported_by_three_outlets_is_one_cluster_keeping_every_count():
    results = [
        report("Wire A", KHARKIV, 45),
        report("Wire B", KHARKIV, 50),
        report("Wire C", KHARKIV, 45, day="2025-03-21"),
    ]
    clusters = cluster_events(results)
    assert len(clusters) == 1
    cluster = clusters[0]
    assert cluster.size == 3 and len(cluster.document_ids) == 3
    assert sorted(c.counts.weapons.max for c in cluster.counts) == [45, 45, 50]
    assert cluster.sources == ("Wire A", "Wire B", "Wire C")
    assert not cluster.possible_duplicate
    assert cluster.place == KHARKIV and cluster.type == "ASSAULT"
    assert (cluster.date.start, cluster.date.end) == ("2025-03-20", "2025-03-21")


def test_two_strikes_in_different_cities_the_same_night_stay_apart():
    results = [
        report("Wire A", KHARKIV, 45),
        report("Wire B", ODESA, 45),
        report("Wire C", KHARKIV, 47),
        report("Wire D", ODESA, None),
    ]
    clusters = cluster_events(results)
    assert len(clusters) == 2
    names = sorted({c.place.name for c in clusters})
    assert names == ["Kharkiv", "Odesa"]
    assert all(c.size == 2 for c in clusters)


def test_nearby_towns_beyond_settlement_range_stay_apart():
    clusters = cluster_events([report("Wire A", KHARKIV, 45), report("Wire B", CHUHUIV, 45)])
    assert len(clusters) == 2


def test_an_admin1_mention_joins_only_with_matching_type_date_and_actor():
    joined = cluster_events([report("Wire A", KHARKIV, 45), report("Wire B", KHARKIV_REGION, None)])
    assert len(joined) == 1
    assert joined[0].possible_duplicate
    assert any("thin" in r for r in joined[0].reasons)

    other_actor = Actor("Ukrainian forces", "UKR", "military")
    assert (
        len(
            cluster_events(
                [
                    report("Wire A", KHARKIV, 45),
                    report("Wire B", KHARKIV_REGION, None, actor=other_actor),
                ]
            )
        )
        == 2
    )
    unrelated = "Officials in the regional capital opened a new bridge over the river."
    assert (
        len(
            cluster_events(
                [
                    report("Wire A", KHARKIV, 45),
                    report("Wire B", KHARKIV_REGION, None, actor=None, text=unrelated),
                ]
            )
        )
        == 2
    )
    assert (
        len(
            cluster_events(
                [
                    report("Wire A", KHARKIV, 45),
                    report("Wire B", KHARKIV_REGION, None, day="2025-03-25"),
                ]
            )
        )
        == 2
    )
    assert (
        len(
            cluster_events(
                [
                    report("Wire A", KHARKIV, 45),
                    report("Wire B", KHARKIV_REGION, None, type_="AGREE"),
                ]
            )
        )
        == 2
    )


def test_very_different_weapon_counts_are_different_attacks():
    clusters = cluster_events([report("Wire A", KHARKIV, 10), report("Wire B", KHARKIV, 90)])
    assert len(clusters) == 2


def test_a_chain_cannot_glue_conflicting_mentions_together():
    """B is close to A and to C, but A and C conflict (weapon counts): C stays out of A's group."""
    results = [
        report("Wire A", KHARKIV, 10),
        report("Wire B", KHARKIV, None),
        report("Wire C", KHARKIV, 90),
    ]
    clusters = cluster_events(results)
    assert sorted(c.size for c in clusters) == [1, 2]
    for cluster in clusters:
        drones = {c.counts.weapons.max for c in cluster.counts if c.counts.weapons}
        assert drones in ({10}, {90})


def test_similar_wording_joins_reports_without_a_place_as_a_possible_duplicate():
    results = [
        report("Wire A", None, None, text="Shelling of Marinka market kills three civilians."),
        report("Wire B", None, None, text="Three civilians killed as shells hit Marinka market."),
        report("Wire C", None, None, text="Parliament debates the budget for next year."),
    ]
    clusters = cluster_events(results)
    assert sorted(c.size for c in clusters) == [1, 2]
    pair = next(c for c in clusters if c.size == 2)
    assert pair.sources == ("Wire A", "Wire B")
    assert pair.possible_duplicate
    assert any("words overlap" in r for r in pair.reasons)


def test_different_wording_without_a_place_stays_apart():
    results = [
        report("Wire A", None, None, text="Shelling of Marinka market kills three civilians."),
        report("Wire B", None, None, text="Drone downs power line near a northern village."),
    ]
    assert len(cluster_events(results)) == 2


def test_numbers_in_the_text_must_be_compatible():
    def pair(a: int, b: int) -> int:
        return len(
            cluster_events(
                [
                    report("Wire A", None, None, text=f"Russia launched {a} drones at Odesa port."),
                    report("Wire B", None, None, text=f"Russia launched {b} drones at Odesa port."),
                ]
            )
        )

    assert pair(45, 50) == 1
    assert pair(10, 90) == 2


def test_fight_and_assault_reports_of_one_place_can_join():
    results = [
        report("Wire A", KHARKIV, 45, type_="FIGHT"),
        report("Wire B", KHARKIV, 45, type_="ASSAULT"),
    ]
    clusters = cluster_events(results)
    assert len(clusters) == 1 and not clusters[0].possible_duplicate


def test_rare_shared_words_weigh_more_than_common_ones():
    texts = [
        "Shelling hits Ukraine overnight.",
        "Shelling in Ukraine kills two.",
        "Ukraine reports shelling near the front.",
        "Avdiivka coke plant hit.",
        "Avdiivka coke plant burns.",
    ]
    index = TextIndex(texts)
    assert index.similarity(texts[3], texts[4]) > index.similarity(texts[0], texts[1]) > 0
    assert index.similarity(texts[0], texts[3]) == 0.0


def test_counts_in_text_skip_durations_distances_and_dates():
    assert _numbers("Two soldiers and 14 civilians killed in past 24 hours") == {2, 14}
    assert _numbers("Strike 30 km from the city on 2025-03-20 in 2024") == set()
    assert _numbers("1,200 troops moved") == {1200}


def test_compare_gives_reasons_and_a_score():
    a, b = mentions_of([report("Wire A", KHARKIV, 45), report("Wire B", KHARKIV, 50)])
    link = compare(a, b)
    assert link.status == "strong" and link.score > 0
    assert "counts agree" in link.reasons and "same actor side RUS" in link.reasons
    far = mentions_of([report("Wire C", ODESA, 45)])[0]
    assert compare(a, far).status == "conflict"
