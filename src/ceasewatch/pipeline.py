"""Runs the stages over batches of documents and accounts for every input.

``ingest -> extract -> (store) -> link``. Each input unit (file, line, row, feed entry, WARC
record, URL) ends up in exactly one bucket of the RunReport: stored, unchanged (already stored by
this pipeline version), duplicate (same text as another input of this run), skipped (with a
reason) or failed (with a reason).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import hashlib
import logging
import time
import uuid
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ceasewatch import __version__
from ceasewatch import link as link_package
from ceasewatch.config import Config
from ceasewatch.link.about import attach_claims
from ceasewatch.link.clustering import cluster_events
from ceasewatch.link.contradictions import disputed_claim_ids, mark_disputed
from ceasewatch.model import (
    Commitment,
    Contradiction,
    Document,
    DocumentResult,
    Skip,
    Violation,
)
from ceasewatch.resolve.context import localize_parties

if TYPE_CHECKING:
    from ceasewatch.store import Store

log = logging.getLogger(__name__)

PIPELINE_VERSION = f"ceasewatch-{__version__}"

Progress = Callable[[int, str], None]
"""Called after each input unit with the number done so far and the unit's origin."""


@dataclass
class RunReport:
    inputs: list[str]
    started_at: str
    read: int = 0
    stored: int = 0
    unchanged: int = 0
    duplicates: int = 0
    skipped: Counter[str] = field(default_factory=Counter)
    failed: Counter[str] = field(default_factory=Counter)
    records: Counter[str] = field(default_factory=Counter)
    skips: list[Skip] = field(default_factory=list)
    seconds: float = 0.0
    finished_at: str = ""
    interrupted: bool = False
    errors: list[str] = field(default_factory=list)
    links: str = ""
    """``linked``, ``up_to_date`` (computed from exactly the stored documents: not redone),
    ``failed``, or empty when the run did not link."""

    id: str = field(default_factory=lambda: uuid.uuid4().hex[:16])

    def add_skip(self, skip: Skip) -> None:
        self.skips.append(skip)
        (self.failed if skip.failed else self.skipped)[skip.reason] += 1

    @property
    def accounted(self) -> int:
        return (
            self.stored
            + self.unchanged
            + self.duplicates
            + sum(self.skipped.values())
            + sum(self.failed.values())
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "inputs": self.inputs,
            "started_at": self.started_at,
            "finished_at": self.finished_at,
            "read": self.read,
            "stored": self.stored,
            "unchanged": self.unchanged,
            "duplicates": self.duplicates,
            "skipped": dict(self.skipped),
            "failed": dict(self.failed),
            "records": dict(self.records),
            "seconds": round(self.seconds, 3),
            "interrupted": self.interrupted,
            "errors": self.errors,
            "links": self.links,
            "pipeline_version": PIPELINE_VERSION,
        }


def anchor_date(document: Document, config: Config) -> dt.date | None:
    """The date relative expressions are resolved against: the publication date."""
    for value in (document.published, config.published):
        if value:
            try:
                return dt.date.fromisoformat(value[:10])
            except ValueError:
                continue
    return None


def extract_document(doc: Any, document: Document, config: Config) -> DocumentResult:
    """All per-document records of one parsed document."""
    from ceasewatch.extract.claims import extract_claims
    from ceasewatch.extract.commitments import extract_commitments
    from ceasewatch.extract.events import extract_events

    anchor = anchor_date(document, config)
    result = DocumentResult(
        document=document,
        events=tuple(extract_events(doc, document, anchor)),
        commitments=tuple(extract_commitments(doc, document, anchor)),
        claims=tuple(extract_claims(doc, document)),
    )
    return attach_claims(localize_parties(result))


def extract_batch(documents: Sequence[Document], config: Config) -> list[DocumentResult | Skip]:
    """Parse a batch with one ``nlp.pipe`` call and extract; one result or Skip per document.

    Texts over ``config.max_chars`` are skipped before parsing. If the batched parse fails, the
    batch is parsed again one document at a time, so only the document that fails is skipped.
    An empty batch (a re-run where everything is unchanged) does not load the model.
    """
    from ceasewatch.extract.nlp import load_nlp

    if not documents:
        return []
    nlp = load_nlp()
    limit = min(config.max_chars, nlp.max_length)
    parsed: dict[int, Any] = {}
    failed: dict[int, Skip] = {}
    for i, document in enumerate(documents):
        if len(document.text) > limit:
            detail = f"{len(document.text)} characters of text, over the limit of {limit}"
            failed[i] = Skip(document.origin, "too_large", detail)
    todo = [i for i in range(len(documents)) if i not in failed]
    try:
        parsed = dict(zip(todo, nlp.pipe(documents[i].text for i in todo), strict=True))
    except Exception:
        log.exception("batch parse failed; parsing document by document")
        for i in todo:
            try:
                parsed[i] = nlp(documents[i].text)
            except Exception as exc:
                failed[i] = Skip(documents[i].origin, "parse_error", repr(exc)[:500], True)
    out: list[DocumentResult | Skip] = []
    for i, document in enumerate(documents):
        if i in failed:
            out.append(failed[i])
            continue
        try:
            out.append(extract_document(parsed[i], document, config))
        except Exception as exc:  # one bad document never stops the batch
            log.exception("extraction failed for %s", document.origin)
            out.append(Skip(document.origin, "extract_error", repr(exc)[:500], failed=True))
    return out


def link_results(
    results: Sequence[DocumentResult],
) -> tuple[list[Violation], list[Contradiction], list[Commitment]]:
    """Cross-document links over a set of results."""
    from ceasewatch.link.commitments import merge_commitments
    from ceasewatch.link.contradictions import find_contradictions
    from ceasewatch.link.violations import find_violations

    return find_violations(results), find_contradictions(results), merge_commitments(results)


def _batches(items: Iterable[Document | Skip], size: int) -> Iterator[list[Document | Skip]]:
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch


def extract_stream(
    inputs: Sequence[str], config: Config, *, report: RunReport | None = None
) -> Iterator[DocumentResult]:
    """Ingest and extract without a database; each result carries its own in-document links.

    A text that arrives twice (same content hash) is extracted and printed once.
    """
    from ceasewatch.ingest import read_inputs

    seen: set[str] = set()
    for batch in _batches(read_inputs(inputs, config), config.batch_size):
        documents = []
        for item in batch:
            if isinstance(item, Document) and item.id not in seen:
                seen.add(item.id)
                documents.append(item)
            elif report is not None:
                report.read += 1
                if isinstance(item, Skip):
                    report.add_skip(item)
                else:
                    report.duplicates += 1
        for result in extract_batch(documents, config):
            if report is not None:
                report.read += 1
            if isinstance(result, Skip):
                if report is not None:
                    report.add_skip(result)
                continue
            violations, contradictions, _ = link_results([result])
            if report is not None:
                report.stored += 1
            (result,) = mark_disputed([result], contradictions)
            yield dataclasses.replace(
                result, violations=tuple(violations), contradictions=tuple(contradictions)
            )


def run(
    inputs: Sequence[str],
    config: Config,
    store: Store,
    *,
    progress: Progress | None = None,
    force: bool = False,
    link: bool = True,
) -> RunReport:
    """Ingest, extract and store ``inputs``, then recompute cross-document links.

    Each batch is written in one transaction, so a run that is killed loses at most the batch in
    flight, and running it again skips what is stored (``unchanged``) and finishes the rest.
    """
    from ceasewatch.ingest import read_inputs

    started = time.perf_counter()
    report = RunReport(inputs=list(inputs), started_at=utc_now())
    seen: set[str] = set()
    try:
        for batch in _batches(read_inputs(inputs, config), config.batch_size):
            todo: list[Document] = []
            known = store.stored_versions(d.id for d in batch if isinstance(d, Document))
            for item in batch:
                report.read += 1
                if isinstance(item, Skip):
                    report.add_skip(item)
                elif item.id in seen:
                    report.duplicates += 1
                elif not force and known.get(item.id) == PIPELINE_VERSION:
                    report.unchanged += 1
                    seen.add(item.id)
                else:
                    todo.append(item)
                    seen.add(item.id)
                if progress:
                    progress(report.read, item.origin)
            results = []
            for result in extract_batch(todo, config):
                if isinstance(result, Skip):
                    report.add_skip(result)
                else:
                    results.append(result)
            results = _write(store, results, report)
            log.info("stored a batch of %d documents (%d inputs read)", len(results), report.read)
            failed = {d.id for d in todo} - {r.document.id for r in results}
            store.write_sightings(
                [d for d in batch if isinstance(d, Document) and d.id not in failed]
            )
            report.stored += len(results)
            for r in results:
                report.records.update(
                    events=len(r.events), commitments=len(r.commitments), claims=len(r.claims)
                )
        if link:
            link_store(store, report, force=force)
    except KeyboardInterrupt:
        report.interrupted = True
        raise
    finally:
        record_run(store, report, started)
    return report


def record_run(store: Store, report: RunReport, started: float) -> None:
    """Close the report (time, end) and store it with its skips; never raises."""
    report.seconds = time.perf_counter() - started
    report.finished_at = utc_now()
    try:
        store.write_run(report.id, report.to_dict(), report.skips)
    except Exception:  # the report is still returned / printed
        log.exception("could not record the run")


def link_store(store: Store, report: RunReport, *, force: bool = False) -> None:
    """Recompute the cross-document links; a failure here keeps the stored documents.

    Skipped when the stored links were computed, by this link code, from exactly the
    documents stored now (the store's link state), unless ``force``. The state is cleared
    before relinking and recorded only after every link table is written, so a link run that
    fails or is interrupted leaves it stale and the next run relinks.
    """
    try:
        documents, fingerprint = store.document_fingerprint()
        if not force and links_up_to_date(store, documents, fingerprint):
            log.info("links are up to date with the %d stored documents; not relinking", documents)
            report.links = "up_to_date"
            return
        store.clear_link_state()
        results = store.load_results()
        violations, contradictions, merged = link_results(results)
        store.replace_links(violations, contradictions, merged)
        store.set_disputed(disputed_claim_ids(contradictions))
        clusters = cluster_events(results)
        store.replace_clusters(clusters)
        store.record_link_state(documents, fingerprint, link_version())
    except Exception as exc:
        log.exception("linking failed")
        report.errors.append(f"linking failed: {exc!r}"[:500])
        report.links = "failed"
        return
    report.links = "linked"
    report.records.update(
        violations=len(violations),
        contradictions=len(contradictions),
        merged_commitments=len(merged),
        event_clusters=len(clusters),
    )


def links_up_to_date(store: Store, documents: int, fingerprint: str) -> bool:
    """Whether the stored links were computed by this pipeline and link code
    (:func:`link_version`) from the documents whose count and fingerprint
    (``Store.document_fingerprint``) are given."""
    state = store.link_state()
    return (
        state is not None
        and state["documents"] == documents
        and state["fingerprint"] == fingerprint
        and state["pipeline_version"] == link_version()
    )


@functools.lru_cache(maxsize=1)
def link_version() -> str:
    """The pipeline version with a digest of the link stage's code: editing a linker (without
    a version bump) makes the stored links stale, so the next run recomputes them."""
    digest = hashlib.sha256()
    for path in sorted(Path(link_package.__file__).parent.glob("*.py")):
        digest.update(path.read_bytes())
    return f"{PIPELINE_VERSION}+links-{digest.hexdigest()[:12]}"


def _write(store: Store, results: list[DocumentResult], report: RunReport) -> list[DocumentResult]:
    """Write a batch; if the batch fails, write one by one so one bad document costs only itself."""
    try:
        store.write_results(results, PIPELINE_VERSION)
        return results
    except Exception:
        log.exception("batch write failed; retrying document by document")
    written = []
    for result in results:
        try:
            store.write_results([result], PIPELINE_VERSION)
            written.append(result)
        except Exception as exc:
            report.add_skip(Skip(result.document.origin, "store_error", repr(exc)[:500], True))
    return written


def utc_now() -> str:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None).isoformat(timespec="seconds")
