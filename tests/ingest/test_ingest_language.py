"""The cheap English check must pass short English news and refuse other languages."""

from __future__ import annotations

import pytest

from ceasewatch.ingest import detect_language
from ceasewatch.ingest.language import english_score
from tests.ingest.ingest_samples import FRENCH_TEXT, MYKOLAIV_PARAGRAPHS, SUMY_PARAGRAPHS

ENGLISH_SHORT = [
    "Kyiv says 14 drones downed overnight; Moscow denies hitting power plants.",
    "Russian missiles hit Zaporizhzhia as talks on a truce resume in Istanbul.",
    "Two killed in Kherson shelling, governor says on Telegram.",
    *SUMY_PARAGRAPHS,
    *MYKOLAIV_PARAGRAPHS,
]
OTHER = [
    FRENCH_TEXT,
    "Russische Truppen haben die Stadt in der Nacht mit zwölf Drohnen angegriffen. Die "
    "Luftabwehr schoss neun davon ab, zwei Bewohner wurden durch Splitter verletzt, teilte "
    "die Gebietsverwaltung mit.",
    "Las fuerzas rusas atacaron la ciudad durante la noche con doce drones. La defensa aérea "
    "derribó nueve y dos vecinos resultaron heridos por la metralla, según la administración.",
    "Російські війська вночі атакували місто дванадцятьма дронами. Сили протиповітряної "
    "оборони збили дев'ять із них, двоє мешканців дістали поранення.",
    "Российские войска ночью атаковали город двенадцатью беспилотниками, сообщили власти.",
]


@pytest.mark.parametrize("text", ENGLISH_SHORT)
def test_english_news_is_english(text: str) -> None:
    assert detect_language(text) == "en"


@pytest.mark.parametrize("text", OTHER)
def test_other_languages_are_not_english(text: str) -> None:
    assert detect_language(text) == "und"


def test_score_separates_the_two() -> None:
    assert english_score(" ".join(SUMY_PARAGRAPHS)) > 0.25
    assert english_score(FRENCH_TEXT) < 0.1
    assert detect_language("") == "und"
    assert detect_language("12 345 --- 67") == "und"
