-- Several named sources (issue 17). Contacts are keyed by (source, source_id): the same source id in two sources
-- is two contacts. Existing rows become the contacts of the one source of a single-source configuration, "default".
ALTER TABLE cs_contacts ADD COLUMN source VARCHAR(64) DEFAULT 'default' NOT NULL;
ALTER TABLE cs_contacts DROP CONSTRAINT cs_contacts_source_id_uq;
-- source_id first: a batch's look-up is "source = ? AND source_id IN (...)", and Derby probes an IN list only on an
-- index's first column (with source first it scanned every contact of the source for each batch).
ALTER TABLE cs_contacts ADD CONSTRAINT cs_contacts_source_uq UNIQUE (source_id, source);

-- What each source did in a run: one row per source the run reached, written when the source starts (RUNNING)
-- and when it ends. A run "included" a source when it has a row for it.
CREATE TABLE cs_run_sources (
    run_id              BIGINT         NOT NULL,
    source              VARCHAR(64)    NOT NULL,
    -- the order the run read the sources in (the configured priority order)
    sort_order          INT            NOT NULL,
    engine              VARCHAR(255)   NOT NULL,
    run_type            VARCHAR(16)    NOT NULL,
    status              VARCHAR(16)    NOT NULL,
    contacts_added      INT            DEFAULT 0 NOT NULL,
    contacts_updated    INT            DEFAULT 0 NOT NULL,
    contacts_deleted    INT            DEFAULT 0 NOT NULL,
    contacts_unchanged  INT            DEFAULT 0 NOT NULL,
    contact_errors      INT            DEFAULT 0 NOT NULL,
    error_message       VARCHAR(4000),
    error_detail        VARCHAR(32672),
    CONSTRAINT cs_run_sources_pk PRIMARY KEY (run_id, source),
    CONSTRAINT cs_run_sources_run_fk FOREIGN KEY (run_id) REFERENCES cs_sync_runs (id) ON DELETE CASCADE
);
-- The history of one source, newest first.
CREATE INDEX cs_run_sources_source_ix ON cs_run_sources (source, run_id);
