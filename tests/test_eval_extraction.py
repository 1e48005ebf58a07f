"""The shingle metric of eval/extraction.py on hand-made texts (no corpus needed)."""

from __future__ import annotations

import importlib.util
from pathlib import Path

SPEC = importlib.util.spec_from_file_location(
    "eval_extraction", Path(__file__).resolve().parents[1] / "eval" / "extraction.py"
)
assert SPEC and SPEC.loader
extraction = importlib.util.module_from_spec(SPEC)
SPEC.loader.exec_module(extraction)

GOLD = "Drones struck the port overnight. Two workers were hurt, the governor said."


def test_identical_text_scores_one_and_case_and_punctuation_do_not_matter():
    tp, fp, fn = extraction.compare(GOLD, GOLD.upper().replace(".", " ;"))
    assert (fp, fn) == (0, 0) and tp == len(extraction.TOKEN.findall(GOLD)) - 3
    assert extraction.prf(tp, fp, fn) == (1.0, 1.0, 1.0)


def test_junk_costs_precision_and_a_missing_sentence_costs_recall():
    junk = GOLD + " Subscribe to our newsletter for more stories like this one."
    tp, fp, fn = extraction.compare(GOLD, junk)
    assert fn == 0 and fp > 0
    precision, recall, _ = extraction.prf(tp, fp, fn)
    assert recall == 1.0 and precision < 1.0
    tp, fp, fn = extraction.compare(GOLD, "Drones struck the port overnight.")
    precision, recall, _ = extraction.prf(tp, fp, fn)
    assert precision == 1.0 and recall < 0.5


def test_an_empty_extraction_scores_zero():
    assert extraction.prf(*extraction.compare(GOLD, "")) == (0.0, 0.0, 0.0)
