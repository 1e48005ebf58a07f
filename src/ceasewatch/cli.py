"""The command line: parse arguments, call the library, print. Nothing else lives here."""

from __future__ import annotations

import datetime as dt
import json
import logging
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table
from rich.text import Text

from ceasewatch.config import Config

app = typer.Typer(
    help="ceasewatch: events, commitments and claims from conflict news, with evidence.",
    no_args_is_help=True,
    add_completion=False,
)
console = Console(stderr=True)
out = Console()

DbOption = Annotated[Path, typer.Option("--db", help="DuckDB file to use.", envvar="CEASEWATCH_DB")]
Inputs = Annotated[
    list[str],
    typer.Argument(help="Files, directories, URLs, RSS/Atom feeds, JSONL/CSV or WARC files."),
]


def _config(**overrides: object) -> Config:
    return Config(**{k: v for k, v in overrides.items() if v is not None})  # type: ignore[arg-type]


def _iso_date(value: str | None, param: str) -> str | None:
    """A YYYY-MM-DD option, checked; a bad one is a clear usage error."""
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value).isoformat()
    except ValueError:
        raise typer.BadParameter(
            f"{value!r} is not a date (YYYY-MM-DD)", param_hint=param
        ) from None


def _setup_logging(verbose: bool) -> None:
    logging.basicConfig(
        level=logging.INFO if verbose else logging.WARNING,
        format="%(levelname)s %(name)s: %(message)s",
        stream=sys.stderr,
    )
    if not verbose:  # their complaints about individual pages become our skips with reasons
        for noisy in ("trafilatura", "htmldate", "courlan", "charset_normalizer"):
            logging.getLogger(noisy).setLevel(logging.CRITICAL)


@app.command()
def run(
    inputs: Inputs,
    db: DbOption = Path("ceasewatch.duckdb"),
    published: Annotated[
        str | None, typer.Option(help="Publication date (YYYY-MM-DD) for inputs without one.")
    ] = None,
    max_bytes: Annotated[int | None, typer.Option(help="Skip inputs larger than this.")] = None,
    allow_private: Annotated[
        bool, typer.Option(help="Allow fetching loopback and private addresses.")
    ] = False,
    force: Annotated[
        bool, typer.Option(help="Re-extract documents already stored and recompute all links.")
    ] = False,
    engine: Annotated[str, typer.Option(help="local (one process) or dask.")] = "local",
    scheduler: Annotated[
        str | None, typer.Option(help="Dask scheduler address; a local cluster without it.")
    ] = None,
    workers: Annotated[int, typer.Option(help="Workers of the local Dask cluster.")] = 2,
    report_json: Annotated[
        Path | None, typer.Option("--report-json", help="Also write the run report here.")
    ] = None,
    verbose: Annotated[bool, typer.Option("--verbose", "-v")] = False,
) -> None:
    """Ingest, extract and store INPUTS into the DuckDB file, then print the run report."""
    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    from ceasewatch.pipeline import run as run_pipeline
    from ceasewatch.store import Store, StoreError

    _setup_logging(verbose)
    if engine not in {"local", "dask"}:
        raise typer.BadParameter("use local or dask", param_hint="--engine")
    config = _config(
        db_path=db,
        published=_iso_date(published, "--published"),
        max_bytes=max_bytes,
        allow_private=allow_private,
    )
    try:
        store = Store(db)
    except StoreError as exc:
        raise typer.BadParameter(str(exc), param_hint="--db") from exc
    with (
        store,
        Progress(
            SpinnerColumn(),
            TextColumn("{task.description}"),
            TextColumn("{task.completed} inputs"),
            TimeElapsedColumn(),
            console=console,
            disable=not console.is_terminal,
            transient=True,
        ) as bar,
    ):
        task = bar.add_task("reading", total=None)

        def progress(done: int, origin: str) -> None:
            bar.update(task, completed=done, description=escape(origin[-60:]))

        try:
            if engine == "dask":
                from ceasewatch.scale.dask_engine import run_dask

                report = run_dask(
                    inputs,
                    config,
                    store,
                    scheduler=scheduler,
                    workers=workers,
                    progress=progress,
                    force=force,
                )
            else:
                report = run_pipeline(inputs, config, store, progress=progress, force=force)
        except KeyboardInterrupt:
            console.print("[yellow]interrupted: stored batches are kept; run again to finish")
            raise typer.Exit(130) from None
    data = report.to_dict()
    if report_json:
        report_json.write_text(json.dumps(data, indent=2))
    _print_report(data, db)
    for skip in report.skips[:20]:
        console.print(
            f"  [dim]{escape(skip.reason)}[/]: {escape(skip.origin)} {escape(skip.detail)}"
        )
    if len(report.skips) > 20:
        console.print(f"  [dim]... {len(report.skips) - 20} more (table skips in {db})[/]")


def _print_report(data: dict, db: Path) -> None:
    table = Table(title=f"run report ({db})", show_header=False)
    table.add_row("inputs read", str(data["read"]))
    table.add_row("documents stored", str(data["stored"]))
    table.add_row("unchanged (already stored)", str(data["unchanged"]))
    table.add_row("duplicates in this run", str(data["duplicates"]))
    for label, key in (("skipped", "skipped"), ("failed", "failed")):
        reasons = data[key]
        detail = ", ".join(f"{k}: {v}" for k, v in sorted(reasons.items()))
        table.add_row(label, f"{sum(reasons.values())}" + (f" ({detail})" if detail else ""))
    order = [
        "events",
        "commitments",
        "claims",
        "event_clusters",
        "merged_commitments",
        "violations",
        "contradictions",
    ]
    records = data["records"]
    for name in sorted(records, key=lambda n: order.index(n) if n in order else len(order)):
        label = "candidate violations" if name == "violations" else name.replace("_", " ")
        table.add_row(f"  {label}", str(records[name]))
    links = data.get("links", "")
    if links == "up_to_date":
        table.add_row("links", "up to date (no document changed; not recomputed)")
    elif links == "failed":
        table.add_row("links", "[red]failed[/] (they are recomputed on the next run)")
    table.add_row("seconds", f"{data['seconds']:.2f}")
    for error in data.get("errors", []):
        table.add_row("[red]error", escape(error))
    out.print(table)


@app.command()
def extract(
    inputs: Inputs,
    published: Annotated[
        str | None, typer.Option(help="Publication date (YYYY-MM-DD) anchoring relative dates.")
    ] = None,
    allow_private: Annotated[bool, typer.Option(help="Allow loopback/private URLs.")] = False,
    verbose: Annotated[bool, typer.Option("--verbose", "-v")] = False,
) -> None:
    """Print one JSON object per document (JSON Lines), without touching a database."""
    from ceasewatch.pipeline import RunReport, extract_stream

    _setup_logging(verbose)
    config = _config(published=_iso_date(published, "--published"), allow_private=allow_private)
    report = RunReport(inputs=list(inputs), started_at="")
    for result in extract_stream(inputs, config, report=report):
        sys.stdout.write(json.dumps(result.to_dict(), ensure_ascii=False) + "\n")
    for skip in report.skips:
        console.print(f"skipped {escape(skip.origin)}: {escape(skip.reason)} {escape(skip.detail)}")


@app.command()
def show(
    document: Annotated[str, typer.Argument(help="Document id, id prefix or input id.")],
    db: DbOption = Path("ceasewatch.duckdb"),
) -> None:
    """Pretty-print one stored document with its records and their evidence highlighted."""
    from ceasewatch.store import Store, StoreError

    try:
        store = Store(db, read_only=True)
    except StoreError as exc:
        raise typer.BadParameter(str(exc), param_hint="--db") from exc
    with store:
        ids = store.find_document_ids(document)
        if not ids:
            console.print(f"no stored document matches {document!r}")
            raise typer.Exit(1)
        if len(ids) > 1:
            console.print(f"{len(ids)} documents match {document!r}: {', '.join(ids[:10])}")
            raise typer.Exit(1)
        (result,) = store.load_results(ids)
    from ceasewatch.model import to_dict

    d = result.document
    out.rule(escape(d.title or d.id))
    out.print(
        f"id {d.id}  published {d.published}  source {escape(str(d.source))}  "
        f"url {escape(str(d.url))}"
    )
    text = Text(d.text)
    styles = {"event": "bold red", "commitment": "bold green", "claim": "bold blue"}
    records = (
        [("event", r) for r in result.events]
        + [("commitment", r) for r in result.commitments]
        + [("claim", r) for r in result.claims]
    )
    for kind, record in records:
        for span in record.evidence:
            text.stylize(styles[kind], span.start, span.end)
    out.print(text)
    for kind, record in records:
        data = to_dict(record)
        data.pop("evidence", None)
        out.rule(f"{kind} {record.id}", style=styles[kind])
        out.print_json(json.dumps(data, ensure_ascii=False))
        for span in record.evidence:
            out.print(Text("  > ") + Text(span.text, style=styles[kind]))


@app.command()
def places(
    input_file: Annotated[
        Path, typer.Argument(help='JSONL, one {"id", "text", "spans"?: [[start, end], ...]} a line')
    ],
    ner: Annotated[
        bool, typer.Option(help="Use spaCy's entities as a signal when finding toponyms.")
    ] = True,
) -> None:
    """Find and resolve place names; with "spans" resolve exactly those spans.

    Each output line is {"id", "places": [{start, end, text, name, lat, lon, country, admin1,
    geonames_id, feature, precision, score}]}. A bad line is reported on stderr and skipped.
    """
    from ceasewatch.resolve.places import places_for_record

    nlp = None
    with input_file.open(encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                record = _place_record(json.loads(line))
            except (json.JSONDecodeError, ValueError) as exc:
                console.print(f"line {n}: skipped: {escape(str(exc))}")
                continue
            if ner and record.get("spans") is None:
                from ceasewatch.extract.nlp import load_nlp

                nlp = nlp or load_nlp()
                result = places_for_record(record, doc=nlp(record["text"]))
            else:
                result = places_for_record(record)
            sys.stdout.write(json.dumps(result, ensure_ascii=False) + "\n")


def _place_record(record: object) -> dict:
    """Check one ``places`` input record; ValueError says what is wrong."""
    if not isinstance(record, dict):
        raise ValueError("not a JSON object")
    text = record.get("text")
    if not isinstance(text, str):
        raise ValueError('"text" must be a string')
    spans = record.get("spans")
    if spans is not None:
        if not isinstance(spans, list):
            raise ValueError('"spans" must be a list of [start, end] pairs')
        for span in spans:
            ok = isinstance(span, list) and len(span) == 2 and all(type(v) is int for v in span)
            if not ok or not 0 <= span[0] < span[1] <= len(text):
                raise ValueError(
                    f"span {span!r} is not [start, end] with 0 <= start < end <= {len(text)}"
                )
    return record


@app.command()
def report(
    db: DbOption = Path("ceasewatch.duckdb"),
    commitment: Annotated[str | None, typer.Option(help="Only this commitment id.")] = None,
    since: Annotated[str | None, typer.Option(help="Only documents from this date.")] = None,
    fmt: Annotated[str, typer.Option("--format", help="markdown or json")] = "markdown",
) -> None:
    """Per commitment: declarations, status history, candidate violations; and contradictions."""
    from ceasewatch.link.report import build_report, render_markdown
    from ceasewatch.store import Store, StoreError

    if fmt not in {"markdown", "json"}:
        raise typer.BadParameter("use markdown or json", param_hint="--format")
    try:
        store = Store(db, read_only=True)
    except StoreError as exc:
        raise typer.BadParameter(str(exc), param_hint="--db") from exc
    with store:
        results = store.load_results(since=_iso_date(since, "--since"))
    data = build_report(results, commitment_id=commitment, since=since)
    if commitment and not data["commitments"]:
        console.print(f"no commitment {commitment!r} in {db}")
        raise typer.Exit(1)
    if fmt == "json":
        sys.stdout.write(json.dumps(data, indent=2, ensure_ascii=False) + "\n")
    else:
        sys.stdout.write(render_markdown(data))


@app.command()
def serve(
    db: DbOption = Path("ceasewatch.duckdb"),
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
    tile_url: Annotated[
        str | None, typer.Option(help="Map tile URL template for users online ({z}/{x}/{y}).")
    ] = None,
) -> None:
    """Serve the web UI and the HTTP API (read-only) over the DuckDB file."""
    from ceasewatch.serve.server import serve as serve_db

    if not db.exists():
        raise typer.BadParameter(
            f"{db} does not exist; run `ceasewatch run` first", param_hint="--db"
        )
    console.print(f"ceasewatch at http://{host}:{port}/  (API under /api/v1/)")
    serve_db(db, host, port, tile_url=tile_url)


@app.command()
def export(
    fmt: Annotated[
        str,
        typer.Option("--format", help="acled-csv, plover-json, geojson, parquet or claimreview."),
    ],
    out_path: Annotated[Path, typer.Option("--out", help="Output file (a folder for parquet).")],
    db: DbOption = Path("ceasewatch.duckdb"),
) -> None:
    """Export the stored records in a standard format."""
    from ceasewatch.export import FORMATS
    from ceasewatch.export import export as export_db

    if fmt not in FORMATS:
        raise typer.BadParameter(f"use one of {', '.join(FORMATS)}", param_hint="--format")
    if not db.exists():
        raise typer.BadParameter(f"{db} does not exist", param_hint="--db")
    n = export_db(db, fmt, out_path)
    console.print(f"wrote {n} rows to {out_path}")


if __name__ == "__main__":
    app()
