"""Partitions cover every input unit once, with the origins of a local read."""

from __future__ import annotations

import csv
import json

from ceasewatch.config import Config
from ceasewatch.ingest import read_inputs
from ceasewatch.model import Document
from ceasewatch.scale.partition import plan_partitions, read_partition

TEXT = (
    "Officials in the northern district said artillery shells hit a grain depot near the "
    "river crossing on Tuesday evening, and rescue crews worked through the night to put out "
    "the fire. The local council said the damage would delay the harvest by several weeks."
)


def origins(items):
    return [(i.origin, i.id if isinstance(i, Document) else i.reason) for i in items]


def test_jsonl_ranges_cover_every_line_once(tmp_path):
    path = tmp_path / "news.jsonl"
    lines = [json.dumps({"id": str(i), "text": f"Report {i}. {TEXT}"}) for i in range(11)]
    lines.insert(4, "")  # blank lines are not units
    lines.insert(7, "{broken")
    path.write_text("\n".join(lines) + "\n")
    config = Config()
    parts = plan_partitions([str(path)], config, size=3)
    assert [p.kind for p in parts] == ["lines"] * 4
    assert [p.ordinal for p in parts] == [0, 1, 2, 3]
    assert len({p.key for p in parts}) == 4
    got = [item for p in parts for item in read_partition(p, config)]
    assert origins(got) == origins(read_inputs([str(path)], config))


def test_csv_rows_with_newlines_in_fields_keep_their_line_origins(tmp_path):
    path = tmp_path / "news.csv"
    with path.open("w", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(["id", "title", "text"])
        for i in range(7):
            writer.writerow([str(i), f"Title\n{i}", f"Report {i}.\n{TEXT}"])
    config = Config()
    parts = plan_partitions([str(path)], config, size=2)
    assert [p.kind for p in parts] == ["rows"] * 4
    got = [item for p in parts for item in read_partition(p, config)]
    assert origins(got) == origins(read_inputs([str(path)], config))


def test_small_files_directories_and_missing_paths_are_grouped_in_order(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    for i in range(5):
        (folder / f"a{i}.txt").write_text(f"Report {i}. {TEXT}")
    (folder / ".hidden.txt").write_text(TEXT)
    empty = tmp_path / "empty"
    empty.mkdir()
    inputs = [str(folder), str(empty), str(tmp_path / "missing.txt")]
    config = Config()
    parts = plan_partitions(inputs, config, size=3)
    assert all(p.kind == "inputs" for p in parts)
    got = [item for p in parts for item in read_partition(p, config)]
    assert origins(got) == origins(read_inputs(inputs, config))
    assert len(got) == 7


def test_a_changed_file_gets_a_new_partition_key(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(TEXT)
    before = plan_partitions([str(path)], Config())[0].key
    path.write_text(TEXT + " More.")
    assert plan_partitions([str(path)], Config())[0].key != before


def test_every_unit_of_a_failed_partition_is_one_failed_skip(tmp_path):
    import json

    from ceasewatch.config import Config
    from ceasewatch.pipeline import RunReport
    from ceasewatch.scale.dask_engine import _account
    from ceasewatch.scale.partition import plan_partitions

    path = tmp_path / "rows.jsonl"
    text = "Drones struck a depot near Kharkiv overnight, the regional governor said. " * 3
    path.write_text(
        "".join(json.dumps({"id": str(i), "text": f"{i}. {text}"}) + "\n" for i in range(5))
    )
    config = Config()
    partitions = plan_partitions([str(path)], config)
    report = RunReport(inputs=[str(path)], started_at="")
    failed = {p.ordinal: "worker died" for p in partitions}
    winners = _account(report, partitions, failed, tmp_path, frozenset(), False, None, config)
    assert winners == {}
    assert report.read == 5 and report.failed == {"partition_error": 5}
    assert sorted(s.origin for s in report.skips) == [f"{path}:{n}" for n in range(1, 6)]
