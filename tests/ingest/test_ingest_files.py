"""Reading files, directories, tables and WARC archives from tmp_path."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from ceasewatch.config import Config
from ceasewatch.ingest import read_inputs
from ceasewatch.model import Document, Skip
from tests.ingest.ingest_samples import (
    FRENCH_TEXT,
    MYKOLAIV_PARAGRAPHS,
    MYKOLAIV_TITLE,
    SUMY_PARAGRAPHS,
    SUMY_TITLE,
    article_html,
    article_text,
)

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def read(*inputs: object, config: Config | None = None) -> list[Document | Skip]:
    return list(read_inputs([str(i) for i in inputs], config or Config()))


def only(results: list[Document | Skip]) -> Document | Skip:
    assert len(results) == 1, results
    return results[0]


def only_doc(results: list[Document | Skip]) -> Document:
    result = only(results)
    assert isinstance(result, Document), result
    return result


def only_skip(results: list[Document | Skip], reason: str) -> Skip:
    result = only(results)
    assert isinstance(result, Skip), result
    assert result.reason == reason, result
    assert result.detail
    return result


def test_text_file(tmp_path: Path) -> None:
    path = tmp_path / "sumy.txt"
    path.write_text(article_text(SUMY_TITLE, SUMY_PARAGRAPHS), encoding="utf-8")
    doc = only_doc(read(path))
    assert doc.title == SUMY_TITLE
    assert doc.text == "\n\n".join(SUMY_PARAGRAPHS)
    assert doc.id == Document.make_id(doc.text)
    assert doc.origin == str(path)
    assert doc.language == "en"
    assert doc.published is None


def test_config_published_is_the_fallback_date(tmp_path: Path) -> None:
    path = tmp_path / "sumy.txt"
    path.write_text(article_text(SUMY_TITLE, SUMY_PARAGRAPHS), encoding="utf-8")
    assert only_doc(read(path, config=Config(published="2025-03-18"))).published == "2025-03-18"


def test_html_file_with_boilerplate(tmp_path: Path) -> None:
    path = tmp_path / "mykolaiv.html"
    html = article_html(
        MYKOLAIV_TITLE,
        MYKOLAIV_PARAGRAPHS,
        published="2025-03-18T09:30:00Z",
        body_date="1 May 2019",
    )
    path.write_text(html, encoding="utf-8")
    doc = only_doc(read(path))
    assert doc.title == MYKOLAIV_TITLE
    assert doc.text == "\n\n".join(MYKOLAIV_PARAGRAPHS)
    assert doc.published == "2025-03-18T09:30:00+00:00"
    assert doc.source == "Test Wire"
    for junk in ("Sign in", "Most read", "Celebrity chef", "Copyright", "Privacy"):
        assert junk not in doc.text


def test_html_date_never_comes_from_the_body(tmp_path: Path) -> None:
    path = tmp_path / "page.htm"
    html = article_html(SUMY_TITLE, SUMY_PARAGRAPHS, body_date="Published 14 February 2024")
    path.write_text(html, encoding="utf-8")
    assert only_doc(read(path)).published is None


def test_html_json_ld_date(tmp_path: Path) -> None:
    ld = (
        '<script type="application/ld+json">'
        '{"@type": "NewsArticle", "datePublished": "2025-03-17"}</script>'
    )
    path = tmp_path / "page.html"
    path.write_text(article_html(SUMY_TITLE, SUMY_PARAGRAPHS).replace("</head>", ld + "</head>"))
    assert only_doc(read(path)).published == "2025-03-17"


def test_directory_recursion_skips_hidden(tmp_path: Path) -> None:
    (tmp_path / "a" / "b").mkdir(parents=True)
    (tmp_path / ".cache").mkdir()
    (tmp_path / "a" / "one.txt").write_text(article_text(SUMY_TITLE, SUMY_PARAGRAPHS))
    (tmp_path / "a" / "b" / "two.html").write_text(
        article_html(MYKOLAIV_TITLE, MYKOLAIV_PARAGRAPHS)
    )
    (tmp_path / ".cache" / "x.txt").write_text(article_text(SUMY_TITLE, SUMY_PARAGRAPHS))
    results = read(tmp_path)
    assert [type(r) for r in results] == [Document, Document]
    assert {Path(r.origin).name for r in results} == {"one.txt", "two.html"}


def test_jsonl_text_html_url_columns(tmp_path: Path) -> None:
    rows = [
        {
            "id": "row-1",
            "published": "2025-03-18",
            "title": "Sumy attack",
            "source": "Wire A",
            "text": "\n\n".join(SUMY_PARAGRAPHS),
        },
        {"id": 2, "html": article_html(MYKOLAIV_TITLE, MYKOLAIV_PARAGRAPHS)},
        {"id": "row-3", "url": "http://127.0.0.1:9/never"},
        {"id": "row-4", "body": "no usable column"},
    ]
    path = tmp_path / "rows.jsonl"
    lines = [json.dumps(r) for r in rows]
    path.write_text(lines[0] + "\n\n" + "\n".join(lines[1:]) + "\n{not json\n", encoding="utf-8")
    results = read(path)
    assert len(results) == 5
    first, second, third, fourth, fifth = results
    assert isinstance(first, Document) and isinstance(second, Document)
    assert (first.external_id, first.published, first.title, first.source) == (
        "row-1",
        "2025-03-18",
        "Sumy attack",
        "Wire A",
    )
    assert first.origin == f"{path}:1"
    assert second.external_id == "2" and second.title == MYKOLAIV_TITLE
    assert second.origin == f"{path}:3"
    # The default config refuses loopback addresses: the url row is a clean skip.
    assert isinstance(third, Skip) and third.reason == "address_refused"
    assert isinstance(fourth, Skip) and fourth.reason == "bad_record"
    assert isinstance(fifth, Skip) and fifth.reason == "bad_record"
    assert fifth.origin == f"{path}:6"


def test_csv_rows(tmp_path: Path) -> None:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["id", "published", "title", "text"])
    writer.writerow(["c1", "2025-03-19", MYKOLAIV_TITLE, "\n\n".join(MYKOLAIV_PARAGRAPHS)])
    writer.writerow(["c2", "", "", "Too short."])
    path = tmp_path / "table.csv"
    path.write_text(buffer.getvalue(), encoding="utf-8")
    first, second = read(path, config=Config(published="2025-01-01"))
    assert isinstance(first, Document)
    assert first.external_id == "c1" and first.published == "2025-03-19"
    assert first.text == "\n\n".join(MYKOLAIV_PARAGRAPHS)
    assert first.origin == f"{path}:2"
    assert isinstance(second, Skip) and second.reason == "too_short"
    assert second.origin == f"{path}:7"  # the first row spans lines 2-6


def test_csv_without_content_column(tmp_path: Path) -> None:
    path = tmp_path / "table.csv"
    path.write_text("id,headline\n1,Something happened\n2,Something else\n")
    results = read(path)
    assert [r.reason for r in results if isinstance(r, Skip)] == ["bad_record", "bad_record"]


def _warc_record(writer: WARCWriter, url: str, html: str, date: str, status: str = "200 OK"):
    headers = StatusAndHeaders(
        status, [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1"
    )
    return writer.create_warc_record(
        url,
        "response",
        payload=io.BytesIO(html.encode("utf-8")),
        http_headers=headers,
        warc_headers_dict={"WARC-Date": date},
    )


@pytest.mark.parametrize("gzip", [True, False])
def test_warc_records(tmp_path: Path, gzip: bool) -> None:
    path = tmp_path / ("crawl.warc.gz" if gzip else "crawl.warc")
    with path.open("wb") as stream:
        writer = WARCWriter(stream, gzip=gzip)
        writer.write_record(writer.create_warcinfo_record("crawl", {"software": "test"}))
        no_meta = article_html(SUMY_TITLE, SUMY_PARAGRAPHS)
        with_meta = article_html(MYKOLAIV_TITLE, MYKOLAIV_PARAGRAPHS, published="2025-03-10")
        writer.write_record(
            _warc_record(writer, "https://a.example/sumy", no_meta, "2025-03-18T10:00:00Z")
        )
        writer.write_record(
            _warc_record(writer, "https://b.example/myk", with_meta, "2025-03-19T10:00:00Z")
        )
        writer.write_record(
            _warc_record(
                writer, "https://c.example/gone", "", "2025-03-19T11:00:00Z", "404 Not Found"
            )
        )
    results = read(path)
    assert len(results) == 3
    sumy, mykolaiv, gone = results
    assert isinstance(sumy, Document) and isinstance(mykolaiv, Document)
    assert sumy.url == "https://a.example/sumy"
    assert sumy.published == "2025-03-18T10:00:00+00:00"  # WARC-Date: the page has no date
    assert sumy.origin == f"{path}#record-2"
    assert mykolaiv.published == "2025-03-10"  # the page's own metadata date wins
    assert isinstance(gone, Skip) and gone.reason == "http_status"


def test_same_page_gives_same_id(tmp_path: Path) -> None:
    html = article_html(SUMY_TITLE, SUMY_PARAGRAPHS)
    (tmp_path / "a.html").write_text(html)
    (tmp_path / "b.html").write_text(html.replace("Test Wire", "Other Wire"))
    first, second = read(tmp_path)
    assert isinstance(first, Document) and isinstance(second, Document)
    assert first.id == second.id
    assert only_doc(read(tmp_path / "a.html")).id == first.id


# -- bad input: each a Skip with a reason and a detail ---------------------------------------


def test_empty_file(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_text("")
    (tmp_path / "blank.txt").write_text("  \n\n ")
    (tmp_path / "empty.jsonl").write_text("\n")
    assert [r.reason for r in read(tmp_path) if isinstance(r, Skip)] == ["empty"] * 3


def test_binary_file(tmp_path: Path) -> None:
    path = tmp_path / "photo.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    only_skip(read(path), "binary")
    path.write_bytes(b"\x00\x01\x02" * 100)
    only_skip(read(path), "binary")


def test_undeclared_legacy_encoding(tmp_path: Path) -> None:
    path = tmp_path / "latin.txt"
    path.write_bytes(
        article_text(SUMY_TITLE, SUMY_PARAGRAPHS).replace("Sumy", "Sümy").encode("cp1252")
    )
    only_skip(read(path), "encoding")


def test_bom_and_declared_charset_are_decoded(tmp_path: Path) -> None:
    text = article_text(SUMY_TITLE, [p.replace("Sumy", "Sümy") for p in SUMY_PARAGRAPHS])
    (tmp_path / "utf16.txt").write_bytes(text.encode("utf-16"))
    html = article_html(SUMY_TITLE, [p.replace("Sumy", "Sümy") for p in SUMY_PARAGRAPHS])
    html = html.replace('<meta charset="utf-8">', '<meta charset="windows-1252">')
    (tmp_path / "legacy.html").write_bytes(html.encode("cp1252"))
    docs = read(tmp_path)
    assert all(isinstance(d, Document) and "Sümy" in d.text for d in docs), docs
    assert len(docs) == 2


def test_file_over_size_cap(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    path.write_text(article_text(SUMY_TITLE, SUMY_PARAGRAPHS * 20))
    only_skip(read(path, config=Config(max_bytes=1000)), "too_large")


def test_html_without_main_text(tmp_path: Path) -> None:
    path = tmp_path / "nav.html"
    path.write_text("<html><body><nav><a href='/'>Home</a></nav><div></div></body></html>")
    only_skip(read(path), "no_text")
    path.write_text("<html><body><<<>>><p></body")
    assert only(read(path)).reason in ("no_text", "too_short")  # type: ignore[union-attr]


def test_too_short(tmp_path: Path) -> None:
    path = tmp_path / "short.txt"
    path.write_text(SUMY_PARAGRAPHS[0])
    only_skip(read(path, config=Config(min_chars=500)), "too_short")


def test_non_english(tmp_path: Path) -> None:
    path = tmp_path / "fr.txt"
    path.write_text(FRENCH_TEXT, encoding="utf-8")
    only_skip(read(path), "unsupported_language")


def test_missing_path() -> None:
    skip = only_skip(read("/nonexistent/ceasewatch/input.txt"), "not_found")
    assert skip.origin == "/nonexistent/ceasewatch/input.txt"
    assert not skip.failed


def test_unexpected_error_is_a_failed_skip(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from ceasewatch.ingest import sources

    def explode(*args: object, **kwargs: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(sources, "page_from_text", explode)
    (tmp_path / "a.txt").write_text(article_text(SUMY_TITLE, SUMY_PARAGRAPHS))
    (tmp_path / "b.jsonl").write_text(json.dumps({"text": "\n\n".join(MYKOLAIV_PARAGRAPHS)}))
    error, row = read(tmp_path)
    assert isinstance(error, Skip) and error.failed and error.reason == "error"
    assert "boom" in error.detail
    assert isinstance(row, Document)  # the run goes on


@pytest.mark.skipif(not EXAMPLES.is_dir(), reason="examples folder not present")
def test_bundled_examples() -> None:
    results = read(EXAMPLES)
    assert results and all(isinstance(r, Document) for r in results), results
    assert all(r.title for r in results if isinstance(r, Document))
    junk = [r for r in results if isinstance(r, Document) and ("image" in r.text.split("\n\n"))]
    assert not junk


def test_jsonl_line_not_utf8_and_too_large(tmp_path: Path) -> None:
    good = json.dumps({"text": "\n\n".join(SUMY_PARAGRAPHS)}).encode()
    bad = json.dumps({"text": "caf\u00e9 " * 50}, ensure_ascii=False).encode("latin-1")
    huge = json.dumps({"text": " ".join(MYKOLAIV_PARAGRAPHS * 40)}).encode()
    path = tmp_path / "mixed.jsonl"
    path.write_bytes(b"\n".join([good, bad, huge]))
    results = read(path, config=Config(max_bytes=5000))
    assert [type(r).__name__ for r in results] == ["Document", "Skip", "Skip"]
    assert [r.reason for r in results[1:]] == ["encoding", "too_large"]  # type: ignore[union-attr]


def test_html_fragments_in_a_table_are_read(tmp_path):
    from ceasewatch.config import Config
    from ceasewatch.ingest import read_inputs

    paragraph = (
        "<p>Shelling damaged a water pumping station in the suburbs of Kherson on Monday, "
        "the regional administration said. Repair crews restored supply by the evening.</p>"
        "<p>Officials said three workers were lightly injured and taken to hospital.</p>"
    )
    path = tmp_path / "rows.jsonl"
    path.write_text(json.dumps({"id": "f1", "html": paragraph}) + "\n")
    (item,) = list(read_inputs([str(path)], Config()))
    assert getattr(item, "reason", None) is None, item
    assert "water pumping station" in item.text and "<p>" not in item.text


def test_warc_records_that_are_not_pages_are_skipped(tmp_path):
    import io

    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    from ceasewatch.config import Config
    from ceasewatch.ingest import read_inputs

    path = tmp_path / "mixed.warc.gz"
    with path.open("wb") as fh:
        writer = WARCWriter(fh, gzip=True)
        body = json.dumps({"note": "Shelling hit Kherson on Monday, officials said. " * 10})
        headers = StatusAndHeaders(
            "200 OK", [("Content-Type", "application/json")], protocol="HTTP/1.1"
        )
        record = writer.create_warc_record(
            "https://example.org/api",
            "response",
            payload=io.BytesIO(body.encode()),
            http_headers=headers,
        )
        writer.write_record(record)
    (item,) = list(read_inputs([str(path)], Config()))
    assert item.reason == "unsupported_type"
