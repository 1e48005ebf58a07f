"""Events told looking back ("had shelled": a date with no start) are not put on the news day,
and neither they nor events whose day is only guessed get the same-day corroboration bonus
(hand-built events)."""

from __future__ import annotations

from ceasewatch.link.clustering import cluster_events, compare, mentions_of
from ceasewatch.model import (
    Actor,
    DateRange,
    Document,
    DocumentResult,
    Event,
    Place,
    content_id,
)

IZIUM = Place("Izium", 49.21, 37.26, "UKR", "Kharkivska", precision="settlement")
RUSSIA = Actor("Russian forces", "RUS", "military")
LOOKED_BACK = DateRange(None, "2025-05-10", "unknown")  # "had shelled": before the news
GUESSED_DAY = DateRange("2025-05-09", "2025-05-10", "unknown")  # "when X shelled Y, ..."


def report(outlet: str, text: str, date: DateRange | None) -> DocumentResult:
    doc = Document(
        id=Document.make_id(outlet + text),
        text=text,
        title=text,
        published="2025-05-10",
        source=outlet,
    )
    event = Event(
        id=content_id(doc.id, "event"),
        type="ASSAULT",
        actor=RUSSIA,
        place=IZIUM,
        date=date,
    )
    return DocumentResult(document=doc, events=(event,))


NEWS = "Russian forces shelled Izium overnight, hitting a school."
BACKGROUND = "Russian forces had shelled Izium before the talks began."


def test_a_looked_back_event_has_no_day_and_does_not_join_the_days_news():
    results = [report("Wire A", NEWS, None), report("Wire B", BACKGROUND, LOOKED_BACK)]
    news, background = mentions_of(results)
    assert news.first_day == news.published
    assert background.first_day is None and background.last_day is None
    link = compare(news, background)
    assert link.status == "compatible" and "other source, same day" not in link.reasons
    clusters = cluster_events(results)
    assert len(clusters) == 2
    (alone,) = [c for c in clusters if c.event_ids == (results[1].events[0].id,)]
    assert alone.date == DateRange(None, "2025-05-10", "unknown")


def test_a_guessed_day_keeps_its_dates_but_earns_no_same_day_bonus():
    results = [report("Wire A", NEWS, None), report("Wire B", NEWS, GUESSED_DAY)]
    news, guessed = mentions_of(results)
    assert guessed.first_day is not None and not guessed.news
    link = compare(news, guessed)
    assert "dates overlap" in link.reasons
    assert "other source, same day" not in link.reasons


def test_two_outlets_with_the_days_news_still_corroborate():
    results = [report("Wire A", NEWS, None), report("Wire B", NEWS, None)]
    a, b = mentions_of(results)
    assert a.news and b.news
    assert "other source, same day" in compare(a, b).reasons


def test_a_region_spanning_provinces_is_no_better_than_its_country():
    from ceasewatch.link.clustering import _place_evidence
    from ceasewatch.model import Place

    region = Place("Eastland", 48.0, 38.0, "UKR", None, precision="admin1", feature="RGN")
    town = Place("Millbrook", 48.2, 38.1, "UKR", "Donetsk", precision="settlement", feature="PPL")
    assert _place_evidence(region, town).status == "country"
    province = Place("Donetsk Oblast", 48.0, 37.8, "UKR", "Donetsk", precision="admin1")
    assert _place_evidence(province, town).status == "near"
