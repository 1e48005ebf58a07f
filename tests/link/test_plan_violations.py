"""Across documents: a truce read from one synthetic article, strikes from another. A truce that
only appears as a step of a plan, a condition or a question opens no violation window."""

from __future__ import annotations

import datetime as dt

import pytest

from ceasewatch.extract.commitments import extract_commitments
from ceasewatch.extract.nlp import load_nlp
from ceasewatch.link.violations import find_violations
from ceasewatch.model import Document, DocumentResult
from tests.link.link_records import RESULT_B

ANCHOR = dt.date(2025, 5, 5)


@pytest.fixture(scope="module")
def nlp():
    return load_nlp()


def truce_article(nlp, text: str) -> DocumentResult:
    document = Document(id=Document.make_id(text), text=text, published=ANCHOR.isoformat())
    return DocumentResult(
        document, commitments=tuple(extract_commitments(nlp(text), document, ANCHOR))
    )


def test_agreed_truce_matches_a_later_strike(nlp):
    agreed = truce_article(nlp, "Russia agreed to a truce with Ukraine on Monday.")
    assert find_violations([agreed, RESULT_B])


@pytest.mark.parametrize(
    "text",
    [
        "Envoys are close to a deal under which grain would sail, with Russia agreeing to a truce "
        "while ships move.",
        "Elements of the plan include Turkish boats guiding ships; Russia agreeing to a truce "
        "while ships move; and Ukraine clearing mines.",
        "If Russia agreed to a truce, Ukraine would stop its drone strikes.",
        "Would Russia agree to a truce with Ukraine?",
    ],
)
def test_plan_condition_or_question_gives_no_violation(nlp, text):
    article = truce_article(nlp, text)
    assert find_violations([article, RESULT_B]) == []
