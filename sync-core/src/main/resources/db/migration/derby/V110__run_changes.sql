-- The contacts each sync run added, updated and deleted (issue 16): the first N of a run (a setting), in the order
-- written, and per run how many more it changed than it listed. Pruned by written_at after a retention time.
CREATE TABLE cs_run_changes (
    run_id        BIGINT         NOT NULL,
    seq           INT            NOT NULL,
    change_kind   VARCHAR(16)    NOT NULL,
    source_name   VARCHAR(255)   NOT NULL,
    source_id     VARCHAR(512)   NOT NULL,
    display_name  VARCHAR(1000)  NOT NULL,
    CONSTRAINT cs_run_changes_pk PRIMARY KEY (run_id, seq),
    CONSTRAINT cs_run_changes_kind_ck CHECK (change_kind IN ('ADD', 'UPDATE', 'DELETE'))
);

-- One row per run that listed changes: how many it listed, how many beyond the cap, when it last wrote.
CREATE TABLE cs_run_change_totals (
    run_id      BIGINT     NOT NULL,
    listed      INT        NOT NULL,
    beyond_cap  BIGINT     NOT NULL,
    written_at  TIMESTAMP  NOT NULL,
    CONSTRAINT cs_run_change_totals_pk PRIMARY KEY (run_id)
);
CREATE INDEX cs_run_change_totals_written_ix ON cs_run_change_totals (written_at);
