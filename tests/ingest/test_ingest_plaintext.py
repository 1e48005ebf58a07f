"""The plain-text cleaner: headline, paragraphs, and page furniture removed."""

from __future__ import annotations

from pathlib import Path

import pytest

from ceasewatch.ingest import clean_plain_text
from ceasewatch.ingest.plaintext import is_boilerplate, is_prose
from tests.ingest.ingest_samples import (
    MYKOLAIV_PARAGRAPHS,
    MYKOLAIV_TITLE,
    SUMY_PARAGRAPHS,
    SUMY_TITLE,
)

SEED_PAGE = Path("/work/shared/mission/seed-page.txt")


def paragraphs(text: str) -> list[str]:
    return text.split("\n\n")


def test_credit_lines_and_trailing_headlines_are_dropped() -> None:
    page = "\n".join(
        [
            SUMY_TITLE,
            "",
            "image",
            "By Jane Roe – example.org, CC BY-SA 4.0, https://commons.example.org/file/123",
            "",
            *(p + "\n" for p in SUMY_PARAGRAPHS),
            "7b",
            "",
            "photo",
            "",
            "Ten Ways to Improve Your Morning Routine",
            "",
            "Lena Fischer ()",
            "",
            "Stock Markets Close Higher on Tech Rally",
        ]
    )
    cleaned = clean_plain_text(page)
    assert cleaned.title == SUMY_TITLE
    assert paragraphs(cleaned.text) == SUMY_PARAGRAPHS
    for junk in ("image", "CC BY-SA", "7b", "Morning Routine", "Lena Fischer", "Stock Markets"):
        assert junk not in cleaned.text
    assert "Lena Fischer ()" in cleaned.dropped


def test_byline_dateline_and_mid_article_furniture() -> None:
    page = "\n\n".join(
        [
            MYKOLAIV_TITLE,
            "By Petro Kovalenko",
            "18 March 2025",
            MYKOLAIV_PARAGRAPHS[0],
            "Advertisement",
            MYKOLAIV_PARAGRAPHS[1],
            "Read more: Black Sea shipping insurance costs climb",
            "https://news.example.com/black-sea-insurance",
            MYKOLAIV_PARAGRAPHS[2],
            "Photo: Ukrainian Navy press service",
            "Share this article",
            "Tags",
            "Related: Kherson ferry service resumes",
        ]
    )
    cleaned = clean_plain_text(page)
    assert cleaned.title == MYKOLAIV_TITLE
    assert cleaned.author == "Petro Kovalenko"
    assert paragraphs(cleaned.text) == MYKOLAIV_PARAGRAPHS


def test_hard_wrapped_paragraphs_are_joined() -> None:
    wrapped = []
    for paragraph in SUMY_PARAGRAPHS:
        words, line, lines = paragraph.split(), "", []
        for word in words:
            if len(line) + len(word) + 1 > 72:
                lines.append(line)
                line = word
            else:
                line = f"{line} {word}".strip()
        lines.append(line)
        wrapped.append("\n".join(lines))
    cleaned = clean_plain_text(SUMY_TITLE + "\n\n" + "\n\n".join(wrapped))
    assert paragraphs(cleaned.text) == SUMY_PARAGRAPHS


def test_subheading_between_paragraphs_is_kept() -> None:
    page = "\n\n".join(
        [SUMY_TITLE, SUMY_PARAGRAPHS[0], "Talks in Riyadh", SUMY_PARAGRAPHS[1], SUMY_PARAGRAPHS[2]]
    )
    cleaned = clean_plain_text(page)
    assert paragraphs(cleaned.text) == [SUMY_PARAGRAPHS[0], "Talks in Riyadh", *SUMY_PARAGRAPHS[1:]]


def test_text_without_headline_keeps_every_paragraph() -> None:
    cleaned = clean_plain_text("\n\n".join(MYKOLAIV_PARAGRAPHS))
    assert cleaned.title is None
    assert paragraphs(cleaned.text) == MYKOLAIV_PARAGRAPHS
    assert cleaned.dropped == ()


def test_windows_newlines_and_single_newline_paragraphs() -> None:
    cleaned = clean_plain_text("\r\n".join([SUMY_TITLE, *SUMY_PARAGRAPHS, "Sponsored"]))
    assert cleaned.title == SUMY_TITLE
    assert paragraphs(cleaned.text) == SUMY_PARAGRAPHS


def test_line_classifiers() -> None:
    assert is_boilerplate("image")
    assert is_boilerplate("4o")
    assert is_boilerplate("Getty Images / AFP")
    assert is_boilerplate("https://example.org/a/b")
    assert not is_boilerplate(SUMY_PARAGRAPHS[0])
    assert not is_boilerplate("Talks in Riyadh")
    assert is_prose(SUMY_PARAGRAPHS[1])
    assert not is_prose("Zak Brown Forecasts a Switch in 2026")
    assert not is_prose("He said.")


@pytest.mark.skipif(not SEED_PAGE.exists(), reason="seed page not available")
def test_seed_page() -> None:
    cleaned = clean_plain_text(SEED_PAGE.read_text(encoding="utf-8"))
    first_line = SEED_PAGE.read_text(encoding="utf-8").splitlines()[0].strip()
    assert cleaned.title == first_line
    body = paragraphs(cleaned.text)
    assert len(body) == 13
    assert all(is_prose(p) for p in body)
    lines = {line.strip() for line in cleaned.text.splitlines()}
    assert "image" not in lines and "4o" not in lines
    assert "CC BY 4.0" not in cleaned.text and "kremlin.ru" not in cleaned.text
    assert "()" not in cleaned.text
    assert body[-1].endswith(".")
