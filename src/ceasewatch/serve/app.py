"""The FastAPI application: JSON API under ``/api/v1/`` and the server-rendered web UI.

Read-only: every request opens the DuckDB file read-only (see :class:`ReadStore`), so a writer
can update it between requests. Every API error has one shape,
``{"error": {"code": ..., "message": ..., "details": [...]}}``.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterator
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import urlsplit

from fastapi import Depends, FastAPI, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from jinja2 import Environment, FileSystemLoader, select_autoescape
from pydantic import BaseModel, Field
from starlette.exceptions import HTTPException as StarletteHTTPException

from ceasewatch import __version__
from ceasewatch.serve import render
from ceasewatch.store import StoreError
from ceasewatch.store.queries import (
    MAX_PAGE,
    QUERY_SECONDS,
    ClusterFilter,
    EventFilter,
    QueryTimeout,
    ReadStore,
)

log = logging.getLogger(__name__)

HERE = Path(__file__).parent
API = "/api/v1"
MAP_EVENTS = 2000
"""Events (or clusters) drawn on the map page (newest first)."""
UI_PAGE = 50
"""Items per page in the web UI's lists."""


# response models (the HTTP edge is the one place for pydantic) ------------------


class ErrorDetail(BaseModel):
    code: str = Field(description="Machine-readable code, e.g. not_found, invalid_request")
    message: str
    details: list[dict[str, Any]] = Field(default_factory=list)


class ErrorResponse(BaseModel):
    error: ErrorDetail


class Page(BaseModel):
    total: int = Field(description="Items matching the filters, over all pages")
    limit: int
    offset: int
    items: list[dict[str, Any]]


class Stats(BaseModel):
    version: str
    counts: dict[str, int]


ERRORS: dict[int | str, dict[str, Any]] = {
    code: {"model": ErrorResponse, "description": text}
    for code, text in (
        (404, "Not found"),
        (422, "Invalid parameters"),
        (500, "Internal error"),
        (503, "Database unavailable"),
        (504, "Query took too long"),
    )
}


class BadParameter(Exception):
    def __init__(self, name: str, message: str) -> None:
        super().__init__(message)
        self.name = name


def error_response(
    status: int, code: str, message: str, details: list[dict[str, Any]] | None = None
) -> JSONResponse:
    body = ErrorResponse(error=ErrorDetail(code=code, message=message, details=details or []))
    return JSONResponse(body.model_dump(), status_code=status)


HTTP_CODES = {
    400: "bad_request",
    404: "not_found",
    405: "method_not_allowed",
    413: "too_large",
    429: "too_many_requests",
}


# parameters ---------------------------------------------------------------------------

Limit = Annotated[int, Query(ge=1, le=MAX_PAGE, description=f"Page size, at most {MAX_PAGE}")]
Offset = Annotated[int, Query(ge=0, le=10_000_000, description="Items to skip")]
Country = Annotated[str | None, Query(pattern=r"^[A-Za-z]{3}$", description="ISO 3166-1 alpha-3")]
Text = Annotated[str | None, Query(max_length=200, description="Case-insensitive substring")]


def parse_bbox(value: str | None) -> tuple[float, float, float, float] | None:
    if not value:
        return None
    try:
        parts = tuple(float(p) for p in value.split(","))
    except ValueError:
        parts = ()
    if len(parts) != 4:
        raise BadParameter("bbox", "bbox must be minlon,minlat,maxlon,maxlat")
    minlon, minlat, maxlon, maxlat = parts
    if not (-180 <= minlon <= 180 and -180 <= maxlon <= 180 and -90 <= minlat <= maxlat <= 90):
        raise BadParameter(
            "bbox", "bbox out of range: lon in [-180, 180], lat in [-90, 90], minlat <= maxlat"
        )
    return minlon, minlat, maxlon, maxlat


def event_filter(
    since: Annotated[
        dt.date | None, Query(description="Events ending on or after (YYYY-MM-DD)")
    ] = None,
    until: Annotated[dt.date | None, Query(description="Events starting on or before")] = None,
    country: Country = None,
    type: Annotated[str | None, Query(max_length=40, description="PLOVER event type")] = None,  # noqa: A002
    category: Annotated[str | None, Query(max_length=40, description="Target category")] = None,
    bbox: Annotated[str | None, Query(description="minlon,minlat,maxlon,maxlat")] = None,
    q: Text = None,
    document_id: Annotated[str | None, Query(max_length=64)] = None,
) -> EventFilter:
    if since and until and since > until:
        raise BadParameter("since", "since is after until")
    return EventFilter(
        since=since,
        until=until,
        country=country,
        type=type,
        category=category,
        bbox=parse_bbox(bbox),
        q=q,
        document_id=document_id,
    )


def cluster_filter(
    since: Annotated[
        dt.date | None, Query(description="Clusters ending on or after (YYYY-MM-DD)")
    ] = None,
    until: Annotated[dt.date | None, Query(description="Clusters starting on or before")] = None,
    type: Annotated[str | None, Query(max_length=40, description="PLOVER event type")] = None,  # noqa: A002
    bbox: Annotated[str | None, Query(description="minlon,minlat,maxlon,maxlat")] = None,
    min_size: Annotated[
        int | None, Query(ge=1, le=100_000, description="At least this many mentions")
    ] = None,
    possible_duplicate: Annotated[
        bool | None, Query(description="Only clusters joined on thin evidence (or only not)")
    ] = None,
    document_id: Annotated[
        str | None, Query(max_length=64, description="Clusters with a mention in this document")
    ] = None,
    event_id: Annotated[
        str | None, Query(max_length=64, description="The cluster of this event")
    ] = None,
) -> ClusterFilter:
    if since and until and since > until:
        raise BadParameter("since", "since is after until")
    return ClusterFilter(
        since=since,
        until=until,
        type=type,
        bbox=parse_bbox(bbox),
        min_size=min_size,
        possible_duplicate=possible_duplicate,
        document_id=document_id,
        event_id=event_id,
    )


def get_store(request: Request) -> Iterator[ReadStore]:
    """A read-only store for one request."""
    store = ReadStore(request.app.state.db_path, timeout=request.app.state.timeout)
    try:
        yield store
    finally:
        store.close()


Db = Annotated[ReadStore, Depends(get_store)]
Filters = Annotated[EventFilter, Depends(event_filter)]
ClusterFilters = Annotated[ClusterFilter, Depends(cluster_filter)]
UiLimit = Annotated[int, Query(ge=1, le=MAX_PAGE)]


# the app ----------------------------------------------------------------------------------


def create_app(
    db_path: Path, *, tile_url: str | None = None, timeout: float = QUERY_SECONDS
) -> FastAPI:
    """The web app over the DuckDB file at ``db_path`` (opened read-only per request).

    ``tile_url`` is an optional ``https://.../{z}/{x}/{y}.png`` raster tile template drawn under
    the country outlines; without it the map is fully offline.
    """
    db_path = Path(db_path)
    app = FastAPI(
        title="ceasewatch",
        version=__version__,
        description="Events, commitments and claims from conflict news, with evidence spans.",
        docs_url=None,
        redoc_url=None,
    )
    templates = Environment(
        loader=FileSystemLoader(str(HERE / "templates")),
        autoescape=select_autoescape(default=True, default_for_string=True),
    )
    templates.globals.update(
        safe_url=render.safe_url,
        color=render.type_color,
        api=API,
        label=render.event_label,
        cluster_label=render.cluster_label,
        count_text=render.count_text,
        version=__version__,
    )
    tile_origin = ""
    if tile_url:
        parts = urlsplit(tile_url)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise ValueError("tile_url must be an http(s) URL template with {z}/{x}/{y}")
        tile_origin = f" {parts.scheme}://{parts.netloc}"
    csp = (
        "default-src 'none'; script-src 'self'; style-src 'self'; "
        f"img-src 'self' data:{tile_origin}; connect-src 'self'; base-uri 'none'; "
        "form-action 'self'; frame-ancestors 'none'"
    )

    app.state.db_path = db_path
    app.state.timeout = timeout

    @app.middleware("http")
    async def security_headers(request: Request, call_next: Any) -> Response:
        response: Response = await call_next(request)
        response.headers.setdefault("Content-Security-Policy", csp)
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Referrer-Policy"] = "no-referrer"
        return response

    # errors -------------------------------------------------------------------

    def wants_html(request: Request) -> bool:
        return not request.url.path.startswith("/api/") and request.url.path != "/openapi.json"

    def html_error(status: int, message: str) -> HTMLResponse:
        page = templates.get_template("error.html").render(status=status, message=message)
        return HTMLResponse(page, status_code=status)

    def respond(
        request: Request,
        status: int,
        code: str,
        message: str,
        details: list[dict[str, Any]] | None = None,
    ) -> Response:
        if wants_html(request):
            return html_error(status, message)
        return error_response(status, code, message, details)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        code = HTTP_CODES.get(exc.status_code, "http_error")
        return respond(request, exc.status_code, code, str(exc.detail))

    @app.exception_handler(RequestValidationError)
    async def validation_error(request: Request, exc: RequestValidationError) -> Response:
        details = [
            {"loc": [str(p) for p in e.get("loc", ())], "message": e.get("msg", "")}
            for e in exc.errors()
        ]
        first = details[0] if details else {"loc": [], "message": "invalid request"}
        message = f"{'.'.join(first['loc'][1:]) or 'request'}: {first['message']}"
        return respond(request, 422, "invalid_request", message, details)

    @app.exception_handler(BadParameter)
    async def bad_parameter(request: Request, exc: BadParameter) -> Response:
        details = [{"loc": ["query", exc.name], "message": str(exc)}]
        return respond(request, 422, "invalid_request", f"{exc.name}: {exc}", details)

    @app.exception_handler(QueryTimeout)
    async def query_timeout(request: Request, exc: QueryTimeout) -> Response:
        return respond(request, 504, "query_timeout", str(exc))

    @app.exception_handler(StoreError)
    async def store_error(request: Request, exc: StoreError) -> Response:
        log.warning("store unavailable: %s", exc)
        return respond(request, 503, "store_unavailable", "the database cannot be opened")

    @app.exception_handler(Exception)
    async def internal_error(request: Request, exc: Exception) -> Response:
        log.exception("error serving %s", request.url.path)
        return respond(request, 500, "internal_error", "internal server error")

    # JSON API ---------------------------------------------------------------------

    @app.get(f"{API}/stats", response_model=Stats, responses=ERRORS, tags=["meta"])
    def stats(store: Db) -> dict[str, Any]:
        """Rows per table."""
        return {"version": __version__, "counts": store.counts()}

    @app.get(f"{API}/documents", response_model=Page, responses=ERRORS, tags=["documents"])
    def list_documents(
        store: Db, q: Text = None, limit: Limit = 100, offset: Offset = 0
    ) -> dict[str, Any]:
        """Documents (without text), newest first, with their record counts."""
        items, total = store.documents(q=q, limit=limit, offset=offset)
        return {"total": total, "limit": limit, "offset": offset, "items": items}

    @app.get(
        f"{API}/documents/{{document_id}}",
        response_model=dict[str, Any],
        responses=ERRORS,
        tags=["documents"],
    )
    def get_document(store: Db, document_id: str) -> dict[str, Any]:
        """One document with its text, records, evidence spans and links."""
        doc = store.document(document_id)
        if doc is None:
            raise StarletteHTTPException(404, f"no document {document_id!r}")
        return doc

    @app.get(f"{API}/events", response_model=Page, responses=ERRORS, tags=["events"])
    def list_events(
        store: Db, f: Filters, limit: Limit = 100, offset: Offset = 0
    ) -> dict[str, Any]:
        """Events, newest first, filtered by date, country, type, category, box and text."""
        items, total = store.events(f, limit=limit, offset=offset)
        return {"total": total, "limit": limit, "offset": offset, "items": items}

    @app.get(f"{API}/events/timeline", response_model=Page, responses=ERRORS, tags=["events"])
    def event_timeline(store: Db, f: Filters) -> dict[str, Any]:
        """Events per day and type (same filters as the event list)."""
        rows = [{**r, "day": r["day"].isoformat()} for r in store.event_days(f)]
        return {"total": len(rows), "limit": len(rows), "offset": 0, "items": rows}

    @app.get(f"{API}/commitments", response_model=Page, responses=ERRORS, tags=["commitments"])
    def list_commitments(
        store: Db,
        kind: Annotated[str | None, Query(max_length=40)] = None,
        status: Annotated[str | None, Query(max_length=40)] = None,
        limit: Limit = 100,
        offset: Offset = 0,
    ) -> dict[str, Any]:
        """Merged commitments with declarations, sources and candidate violations."""
        items, total = store.commitments(kind=kind, status=status, limit=limit, offset=offset)
        return {"total": total, "limit": limit, "offset": offset, "items": items}

    @app.get(f"{API}/claims", response_model=Page, responses=ERRORS, tags=["claims"])
    def list_claims(
        store: Db,
        q: Text = None,
        disputed: bool | None = None,
        country: Country = None,
        limit: Limit = 100,
        offset: Offset = 0,
    ) -> dict[str, Any]:
        """Claims (who said what, where), newest document first."""
        items, total = store.claims(
            q=q, disputed=disputed, country=country, limit=limit, offset=offset
        )
        return {"total": total, "limit": limit, "offset": offset, "items": items}

    @app.get(f"{API}/contradictions", response_model=Page, responses=ERRORS, tags=["claims"])
    def list_contradictions(
        store: Db,
        kind: Annotated[str | None, Query(max_length=40)] = None,
        limit: Limit = 100,
        offset: Offset = 0,
    ) -> dict[str, Any]:
        """Contradictions with both sides resolved to their records and documents."""
        items, total = store.contradictions(kind=kind, limit=limit, offset=offset)
        return {"total": total, "limit": limit, "offset": offset, "items": items}

    @app.get(f"{API}/clusters", response_model=Page, responses=ERRORS, tags=["events"])
    def list_clusters(
        store: Db, f: ClusterFilters, limit: Limit = 100, offset: Offset = 0
    ) -> dict[str, Any]:
        """Event clusters (one per real-world event), newest first, with every mention.

        Each item keeps the counts each source gives (``counts``), the ``sources``, the
        ``reasons`` the mentions were joined and the ``possible_duplicate`` flag; ``mentions``
        holds each event record with its document.
        """
        items, total = store.clusters(f, limit=limit, offset=offset)
        return {"total": total, "limit": limit, "offset": offset, "items": items}

    @app.get(
        f"{API}/clusters/{{cluster_id}}",
        response_model=dict[str, Any],
        responses=ERRORS,
        tags=["events"],
    )
    def get_cluster(store: Db, cluster_id: str) -> dict[str, Any]:
        """One event cluster with its mentions."""
        item = store.cluster(cluster_id)
        if item is None:
            raise StarletteHTTPException(404, f"no cluster {cluster_id!r}")
        return item

    # web UI -------------------------------------------------------------------------

    def page(name: str, **context: Any) -> HTMLResponse:
        return HTMLResponse(templates.get_template(name).render(**context))

    def all_pages(fetch: Any) -> tuple[list[dict[str, Any]], int]:
        items: list[dict[str, Any]] = []
        total = 0
        while len(items) < MAP_EVENTS:
            batch, total = fetch(limit=MAX_PAGE, offset=len(items))
            items += batch
            if len(batch) < MAX_PAGE:
                break
        return items, total

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def map_page(
        store: Db,
        f: Filters,
        show: Annotated[str, Query(pattern="^(events|clusters)$")] = "events",
    ) -> HTMLResponse:
        events, total = store.map_events(f, limit=MAP_EVENTS)
        clusters: list[dict[str, Any]] = []
        if show == "clusters":
            cf = ClusterFilter(since=f.since, until=f.until, type=f.type, bbox=f.bbox)
            clusters, _ = all_pages(lambda **kw: store.clusters(cf, mentions=False, **kw))
            view = render.cluster_map_view(clusters, tile_url=tile_url)
        else:
            view = render.map_view(events, tile_url=tile_url)
        params = {
            "since": f.since,
            "until": f.until,
            "country": f.country,
            "type": f.type,
            "q": f.q,
        }
        return page(
            "map.html",
            view=view,
            timeline=render.timeline(store.event_days(f)),
            events=events,
            clusters=clusters,
            total=total,
            f=f,
            show=show,
            events_url=render.query_url("/", params),
            clusters_url=render.query_url("/", {**params, "show": "clusters"}),
            types=store.event_types(),
            nav="map",
        )

    @app.get("/commitments", response_class=HTMLResponse, include_in_schema=False)
    def commitments_page(store: Db, offset: Offset = 0, limit: UiLimit = UI_PAGE) -> HTMLResponse:
        items, total = store.commitments(limit=limit, offset=offset)
        axes = {i["id"]: render.commitment_axis(i) for i in items}
        pages = render.pager(
            "/commitments",
            {"limit": limit if limit != UI_PAGE else None},
            offset=offset,
            limit=limit,
            shown=len(items),
            total=total,
        )
        return page(
            "commitments.html", items=items, total=total, axes=axes, pages=pages, nav="commitments"
        )

    @app.get("/claims", response_class=HTMLResponse, include_in_schema=False)
    def claims_page(
        store: Db,
        q: Text = None,
        offset: Offset = 0,
        xoffset: Offset = 0,
        limit: UiLimit = UI_PAGE,
    ) -> HTMLResponse:
        claims, claims_total = store.claims(q=q, limit=limit, offset=offset)
        contradictions, total = store.contradictions(limit=limit, offset=xoffset)
        params = {"q": q, "offset": offset, "xoffset": xoffset}
        if limit != UI_PAGE:
            params["limit"] = limit
        return page(
            "claims.html",
            claims=claims,
            claims_total=claims_total,
            contradictions=contradictions,
            total=total,
            q=q,
            claim_pages=render.pager(
                "/claims",
                params,
                offset=offset,
                limit=limit,
                shown=len(claims),
                total=claims_total,
            ),
            contradiction_pages=render.pager(
                "/claims",
                params,
                offset=xoffset,
                limit=limit,
                shown=len(contradictions),
                total=total,
                key="xoffset",
            ),
            nav="claims",
        )

    @app.get("/clusters", response_class=HTMLResponse, include_in_schema=False)
    def clusters_page(
        store: Db, f: ClusterFilters, offset: Offset = 0, limit: UiLimit = UI_PAGE
    ) -> HTMLResponse:
        items, total = store.clusters(f, limit=limit, offset=offset)
        params = {
            "since": f.since,
            "until": f.until,
            "type": f.type,
            "min_size": f.min_size,
            "possible_duplicate": (
                None if f.possible_duplicate is None else str(f.possible_duplicate).lower()
            ),
            "limit": limit if limit != UI_PAGE else None,
        }
        return page(
            "clusters.html",
            items=items,
            total=total,
            f=f,
            counts={i["id"]: render.cluster_counts(i) for i in items},
            types=store.event_types(),
            pages=render.pager(
                "/clusters", params, offset=offset, limit=limit, shown=len(items), total=total
            ),
            nav="clusters",
        )

    @app.get("/clusters/{cluster_id}", response_class=HTMLResponse, include_in_schema=False)
    def cluster_page(store: Db, cluster_id: str) -> HTMLResponse:
        item = store.cluster(cluster_id)
        if item is None:
            raise StarletteHTTPException(404, f"no cluster {cluster_id!r}")
        return page(
            "cluster.html",
            c=item,
            counts=render.cluster_counts(item),
            view=render.map_view(
                [{**m["event"], "document": m["document"]} for m in item["mentions"] if m["event"]],
                height=320,
                tile_url=tile_url,
            ),
            nav="clusters",
        )

    @app.get("/documents", response_class=HTMLResponse, include_in_schema=False)
    def documents_page(store: Db, q: Text = None, offset: Offset = 0) -> HTMLResponse:
        items, total = store.documents(q=q, limit=100, offset=offset)
        return page("documents.html", items=items, total=total, q=q, offset=offset, nav="documents")

    @app.get("/documents/{document_id}", response_class=HTMLResponse, include_in_schema=False)
    def document_page(store: Db, document_id: str) -> HTMLResponse:
        doc = store.document(document_id)
        if doc is None:
            raise StarletteHTTPException(404, f"no document {document_id!r}")
        segs = render.segments(doc["text"] or "", doc["spans"])
        return page(
            "document.html",
            doc=doc,
            segments=segs,
            first=render.first_segment(segs),
            nav="documents",
        )

    app.mount("/static", StaticFiles(directory=str(HERE / "static")), name="static")
    return app
