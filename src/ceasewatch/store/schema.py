"""The DuckDB schema, as numbered migrations. Add a migration; never edit an applied one."""

from __future__ import annotations

EVENT_TERMS_FILL = r"""
    INSERT INTO event_terms
        SELECT DISTINCT term, event_id FROM (
            SELECT id AS event_id, unnest(regexp_extract_all(lower(concat_ws(' ',
                type, mode, acled_event_type, acled_sub_event_type, actor_name, actor_country,
                target_name, target_country, target_category, place_name, place_country,
                admin1, weapon, reported_by)), '[\pL\pN]+')) AS term
            FROM events
            UNION ALL
            SELECT record_id, unnest(regexp_extract_all(lower(text), '[\pL\pN]+'))
            FROM spans WHERE record_kind = 'event'
            UNION ALL
            SELECT e.id, unnest(regexp_extract_all(lower(d.title), '[\pL\pN]+'))
            FROM events e JOIN documents d ON d.id = e.document_id
        )
        ORDER BY term, event_id;
"""
"""Fill ``event_terms`` from the stored events (part of migration 5: do not change).

An event's terms are the words of its flat text columns, its evidence quotes and its document's
title, lowercased and split on anything but letters and digits (``duckdb_store.search_terms``
is the same split in Python, for new rows). Sorted by term, so a term lookup reads few row
groups.
"""

MIGRATIONS: list[str] = [
    # 1: the initial schema
    """
    CREATE TABLE documents (
        id VARCHAR PRIMARY KEY,
        external_id VARCHAR,
        title VARCHAR,
        published VARCHAR,
        published_date DATE,
        source VARCHAR,
        url VARCHAR,
        language VARCHAR,
        author VARCHAR,
        origin VARCHAR,
        text VARCHAR,
        pipeline_version VARCHAR,
        stored_at TIMESTAMP
    );
    CREATE TABLE events (
        id VARCHAR PRIMARY KEY,
        document_id VARCHAR NOT NULL,
        type VARCHAR,
        mode VARCHAR,
        acled_event_type VARCHAR,
        acled_sub_event_type VARCHAR,
        actor_name VARCHAR,
        actor_country VARCHAR,
        actor_kind VARCHAR,
        target_name VARCHAR,
        target_country VARCHAR,
        target_category VARCHAR,
        place_name VARCHAR,
        lat DOUBLE,
        lon DOUBLE,
        place_country VARCHAR,
        admin1 VARCHAR,
        place_precision VARCHAR,
        date_start DATE,
        date_end DATE,
        killed_min INTEGER,
        killed_max INTEGER,
        injured_min INTEGER,
        weapons_min INTEGER,
        weapon VARCHAR,
        reported_by VARCHAR,
        status VARCHAR,
        confidence DOUBLE,
        record JSON
    );
    CREATE TABLE commitments (
        id VARCHAR PRIMARY KEY,
        document_id VARCHAR NOT NULL,
        kind VARCHAR,
        status VARCHAR,
        actor_name VARCHAR,
        actor_country VARCHAR,
        duration_days INTEGER,
        start_date DATE,
        end_date DATE,
        confidence DOUBLE,
        record JSON
    );
    CREATE TABLE claims (
        id VARCHAR PRIMARY KEY,
        document_id VARCHAR NOT NULL,
        speaker_name VARCHAR,
        speaker_country VARCHAR,
        channel VARCHAR,
        quoted BOOLEAN,
        polarity VARCHAR,
        cue VARCHAR,
        text VARCHAR,
        disputed BOOLEAN,
        confidence DOUBLE,
        record JSON
    );
    CREATE TABLE spans (
        record_id VARCHAR NOT NULL,
        record_kind VARCHAR NOT NULL,
        document_id VARCHAR NOT NULL,
        start INTEGER,
        "end" INTEGER,
        text VARCHAR
    );
    CREATE TABLE links (
        id VARCHAR PRIMARY KEY,
        kind VARCHAR NOT NULL,
        subtype VARCHAR,
        a VARCHAR,
        b VARCHAR,
        explanation VARCHAR,
        confidence DOUBLE,
        record JSON
    );
    CREATE TABLE merged_commitments (
        id VARCHAR PRIMARY KEY,
        kind VARCHAR,
        status VARCHAR,
        record JSON
    );
    CREATE TABLE runs (
        id VARCHAR PRIMARY KEY,
        started_at TIMESTAMP,
        finished_at TIMESTAMP,
        inputs JSON,
        read INTEGER,
        stored INTEGER,
        unchanged INTEGER,
        duplicates INTEGER,
        skipped INTEGER,
        failed INTEGER,
        seconds DOUBLE,
        report JSON
    );
    CREATE TABLE skips (
        run_id VARCHAR,
        origin VARCHAR,
        reason VARCHAR,
        detail VARCHAR,
        failed BOOLEAN
    );
    CREATE INDEX events_document ON events(document_id);
    CREATE INDEX commitments_document ON commitments(document_id);
    CREATE INDEX claims_document ON claims(document_id);
    CREATE INDEX spans_document ON spans(document_id);
    """,
    # 2: every input unit that produced a document (the same text may arrive many times)
    """
    CREATE TABLE sightings (
        document_id VARCHAR NOT NULL,
        origin VARCHAR NOT NULL,
        external_id VARCHAR,
        published VARCHAR,
        source VARCHAR,
        url VARCHAR,
        title VARCHAR,
        seen_at TIMESTAMP,
        PRIMARY KEY (document_id, origin)
    );
    INSERT INTO sightings
        SELECT id, coalesce(origin, id), external_id, published, source, url, title, stored_at
        FROM documents;
    """,
    # 3: cross-article event clusters (one row per real-world event, with all its mentions)
    """
    CREATE TABLE event_clusters (
        id VARCHAR PRIMARY KEY,
        type VARCHAR,
        size INTEGER,
        possible_duplicate BOOLEAN,
        lat DOUBLE,
        lon DOUBLE,
        date_start DATE,
        date_end DATE,
        record JSON
    );
    CREATE TABLE event_cluster_members (
        cluster_id VARCHAR NOT NULL,
        event_id VARCHAR NOT NULL
    );
    """,
    # 4: find an event's cluster (and a cluster's events) without scanning
    """
    CREATE INDEX event_cluster_members_event ON event_cluster_members(event_id);
    CREATE INDEX event_cluster_members_cluster ON event_cluster_members(cluster_id);
    """,
    # 5: the words of each event's searchable text, for the text search (see EVENT_TERMS_FILL)
    "CREATE TABLE event_terms (term VARCHAR NOT NULL, event_id VARCHAR NOT NULL);\n"
    + EVENT_TERMS_FILL,
    # 6: what the stored links were computed from (see Store.document_fingerprint); at most one
    # row, none while the links are stale (never computed, or a link run failed half way)
    """
    CREATE TABLE link_state (
        documents BIGINT NOT NULL,
        fingerprint VARCHAR NOT NULL,
        pipeline_version VARCHAR NOT NULL,
        linked_at TIMESTAMP
    );
    """,
]

SCHEMA_VERSION = len(MIGRATIONS)
