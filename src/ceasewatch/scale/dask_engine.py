"""The pipeline on a Dask cluster: partitions ingested and extracted on worker processes.

1. The driver plans partitions (``scale.partition``) and reads the ids already stored by this
   pipeline version (they are ``unchanged`` and not extracted again, unless ``force``).
2. Each worker process ingests and extracts its partitions (spaCy and the place index load once
   per process, see :func:`warm_worker`) and writes one Parquet shard per partition
   (``store.parquet``), named by the partition key. A shard that exists is not computed again,
   so a run that was interrupted resumes where it stopped. A failing document is a Skip; a task
   that fails is retried twice, then its partition becomes one failed Skip.
3. The driver reads the shards' ``units`` in input order and accounts for every input unit like
   ``pipeline.run`` (stored, unchanged, duplicate, skipped, failed), bulk-loads the kept
   documents into DuckDB (``read_parquet``), recomputes the cross-document links (unless they
   are up to date with the stored documents, see ``pipeline.link_store``) and deletes the
   shards. With ``parquet_dir`` the shards are written there and left as a Parquet dataset
   instead of being loaded (``store.parquet.load_dataset`` loads one later).

Workers must see the inputs and the shard folder at the same paths as the driver (a local
cluster always does; a remote one needs a shared file system), and have ceasewatch and the
spaCy model installed.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
import time
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import pyarrow as pa

from ceasewatch.config import Config
from ceasewatch.model import Document, DocumentResult, Skip
from ceasewatch.pipeline import (
    PIPELINE_VERSION,
    Progress,
    RunReport,
    extract_batch,
    link_store,
    record_run,
    utc_now,
)
from ceasewatch.scale.partition import DEFAULT_SIZE, Partition, plan_partitions, read_partition
from ceasewatch.store import Store
from ceasewatch.store import parquet as pqstore

log = logging.getLogger(__name__)

RETRIES = 2


def default_shard_dir(store: Store) -> Path:
    """Where shards wait to be loaded: next to the database file."""
    return store.path.with_name(store.path.name + ".shards")


def warm_worker() -> float:
    """Load the spaCy model and the place index in this process; returns the seconds it took."""
    from ceasewatch.extract.nlp import load_nlp
    from ceasewatch.resolve.gazetteer import get_gazetteer

    started = time.perf_counter()
    load_nlp()
    get_gazetteer()
    return time.perf_counter() - started


def process_partition(
    partition: Partition, config: Config, root: str, known: frozenset[str], force: bool = False
) -> str:
    """Ingest and extract one partition on a worker and write its shard; returns the shard name.

    Every unit gets one ``units`` row. Documents already stored by this pipeline version are
    ``unchanged``; a document seen earlier in the partition is listed again (the driver counts
    it as a duplicate) but extracted once.
    """
    shard = partition.key
    if pqstore.shard_done(Path(root), shard):
        return shard
    units: list[dict[str, Any]] = []
    sightings: list[dict[str, Any]] = []
    now = _utcnow()
    todo: list[Document] = []
    seen: set[str] = set()
    for position, item in enumerate(read_partition(partition, config)):
        unit: dict[str, Any] = {
            "partition": partition.ordinal,
            "position": position,
            "origin": item.origin,
        }
        if isinstance(item, Skip):
            unit.update(outcome="skip", reason=item.reason, detail=item.detail, failed=item.failed)
            units.append(unit)
            continue
        sightings.append(
            {
                "document_id": item.id,
                "origin": item.origin or item.id,
                "external_id": item.external_id,
                "published": item.published,
                "source": item.source,
                "url": item.url,
                "title": item.title,
                "seen_at": now,
            }
        )
        if not force and item.id in known:
            unit.update(outcome="unchanged", document_id=item.id)
        else:
            unit.update(outcome="document", document_id=item.id)
            if item.id not in seen:
                todo.append(item)
                seen.add(item.id)
        units.append(unit)
    results: dict[str, DocumentResult] = {}
    failures: dict[str, Skip] = {}
    for i in range(0, len(todo), config.batch_size):
        batch = todo[i : i + config.batch_size]
        for document, result in zip(batch, extract_batch(batch, config), strict=True):
            if isinstance(result, Skip):
                failures[document.id] = result
            else:
                results[document.id] = result
    for unit in units:
        doc_id = unit.get("document_id")
        if unit["outcome"] != "document":
            continue
        if doc_id in failures:
            skip = failures[doc_id]
            unit.update(outcome="skip", reason=skip.reason, detail=skip.detail, failed=True)
        elif doc_id in results:
            r = results[doc_id]
            unit.update(events=len(r.events), commitments=len(r.commitments), claims=len(r.claims))
    tables = pqstore.shard_tables(list(results.values()), PIPELINE_VERSION, now)
    tables["sightings"] = pqstore.typed_table(sightings, "sightings")
    tables["units"] = pqstore.typed_table(units, "units")
    tables["skips"] = pqstore.typed_table(
        [
            {
                "origin": u["origin"],
                "reason": u["reason"],
                "detail": u["detail"],
                "failed": u["failed"],
            }
            for u in units
            if u["outcome"] == "skip"
        ],
        "skips",
    )
    pqstore.write_shard(Path(root), shard, tables)
    return shard


@contextlib.contextmanager
def dask_client(scheduler: str | None = None, workers: int = 2) -> Iterator[Any]:
    """A client of the cluster at ``scheduler``, or of a new local cluster of worker processes
    (one thread each: spaCy and the place index are per-process caches)."""
    from distributed import Client, LocalCluster

    if scheduler:
        with Client(scheduler) as client:
            yield client
        return
    with (
        LocalCluster(
            n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=":0"
        ) as cluster,
        Client(cluster) as client,
    ):
        yield client


def run_dask(
    inputs: Sequence[str],
    config: Config,
    store: Store,
    *,
    scheduler: str | None = None,
    workers: int = 2,
    progress: Progress | None = None,
    force: bool = False,
    parquet_dir: Path | None = None,
    client: Any | None = None,
    partition_size: int = DEFAULT_SIZE,
    link: bool = True,
) -> RunReport:
    """``pipeline.run`` on Dask workers; the same records and the same accounting."""
    started = time.perf_counter()
    report = RunReport(inputs=list(inputs), started_at=utc_now())
    root = Path(parquet_dir) if parquet_dir else default_shard_dir(store)
    root = root.resolve()
    try:
        partitions = plan_partitions(inputs, config, size=partition_size)
        known = (
            frozenset()
            if force
            else frozenset(pqstore.stored_document_ids(store, PIPELINE_VERSION))
        )
        _drop_stale_shards(root, partitions, known)
        log.info("%d partitions, %d documents already stored", len(partitions), len(known))
        with contextlib.ExitStack() as stack:
            if client is None:
                client = stack.enter_context(dask_client(scheduler, workers))
            failed = _compute_shards(client, partitions, config, root, known, force)
        winners = _account(report, partitions, failed, root, known, force, progress, config)
        if parquet_dir is None:
            loaded = pqstore.load_shards(store, root, winners)
            loaded["sightings"] = pqstore.load_sightings(
                store, root, [p.key for p in partitions if p.ordinal not in failed]
            )
            log.info("loaded %s", loaded)
            for p in partitions:
                pqstore.remove_shard(root, p.key)
            pqstore.remove_empty_dataset(root)
        if link and parquet_dir is None:
            link_store(store, report, force=force)
    except KeyboardInterrupt:
        report.interrupted = True
        raise
    finally:
        record_run(store, report, started)
    return report


def _drop_stale_shards(root: Path, partitions: Sequence[Partition], known: frozenset[str]) -> None:
    """A left-over shard that relied on documents no longer stored is computed again."""
    for p in partitions:
        if not pqstore.shard_done(root, p.key):
            continue
        units = pqstore.read_shard_table(root, "units", p.key).to_pylist()
        if any(u["outcome"] == "unchanged" and u["document_id"] not in known for u in units):
            pqstore.remove_shard(root, p.key)


def _compute_shards(
    client: Any,
    partitions: Sequence[Partition],
    config: Config,
    root: Path,
    known: frozenset[str],
    force: bool,
) -> dict[int, str]:
    """Run the partitions that have no shard yet; returns {ordinal: error} of failed ones."""
    from distributed import as_completed

    todo = [p for p in partitions if not pqstore.shard_done(root, p.key)]
    if not todo:
        return {}
    client.run(warm_worker)
    known_future = client.scatter([known], broadcast=True)[0]
    futures = {
        client.submit(
            process_partition,
            p,
            config,
            str(root),
            known_future,
            force,
            retries=RETRIES,
            pure=False,
        ): p
        for p in todo
    }
    failed: dict[int, str] = {}
    for future in as_completed(futures):
        partition = futures[future]
        if future.status == "error":
            error = repr(future.exception())[:500]
            log.error("partition %s failed after %d retries: %s", partition.label, RETRIES, error)
            failed[partition.ordinal] = error
        future.release()
    return failed


def _unit_origins(partition: Partition, config: Config) -> list[str]:
    """The origins of a partition's input units, read again on the driver (ingest only); the
    partition's label when even that fails."""
    try:
        return [item.origin for item in read_partition(partition, config)]
    except Exception:
        log.exception("cannot list the units of failed partition %s", partition.label)
        return [partition.label]


def _account(
    report: RunReport,
    partitions: Sequence[Partition],
    failed: dict[int, str],
    root: Path,
    known: frozenset[str],
    force: bool,
    progress: Progress | None,
    config: Config,
) -> dict[str, str]:
    """Count every unit like ``pipeline.run``; returns {document id: shard} of documents to load.

    A document met again (in this or a later partition) is a duplicate; the first copy is kept.
    Each unit of a partition that failed on the workers is one failed skip.
    """
    winners: dict[str, str] = {}
    seen: set[str] = set()
    for p in partitions:
        if p.ordinal in failed:
            for origin in _unit_origins(p, config):
                report.read += 1
                report.add_skip(Skip(origin, "partition_error", failed[p.ordinal], failed=True))
            continue
        units = pqstore.read_shard_table(root, "units", p.key)
        for u in units.sort_by([("position", "ascending")]).to_pylist():
            report.read += 1
            doc_id = u["document_id"]
            if doc_id is not None and doc_id in seen:
                report.duplicates += 1
            elif u["outcome"] == "skip":
                report.add_skip(
                    Skip(u["origin"], u["reason"], u["detail"] or "", failed=bool(u["failed"]))
                )
            elif u["outcome"] == "unchanged" or (not force and doc_id in known):
                report.unchanged += 1
            else:
                report.stored += 1
                winners[doc_id] = p.key
                report.records.update(
                    events=u["events"] or 0,
                    commitments=u["commitments"] or 0,
                    claims=u["claims"] or 0,
                )
            if doc_id is not None:
                seen.add(doc_id)
            if progress:
                progress(report.read, u["origin"])
    return winners


def _utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


def shard_units(root: Path, shard: str) -> pa.Table:
    """The accounting rows of one shard (for inspection and tests)."""
    return pqstore.read_shard_table(root, "units", shard)
