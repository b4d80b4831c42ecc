-- ContactSync schema for embedded Apache Derby. Released migrations are never edited: add V2__..., V3__... instead.
-- Timestamps are TIMESTAMP columns holding UTC wall-clock time (Derby has no time-zone type).

-- The local copy of the address book.
CREATE TABLE contacts (
    id            BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    source_id     VARCHAR(512)   NOT NULL,
    display_name  VARCHAR(1000)  NOT NULL,
    -- SearchText.fold(display_name): what name search and ordering use
    name_folded   VARCHAR(1000)  NOT NULL,
    given_name    VARCHAR(1000),
    family_name   VARCHAR(1000),
    organization  VARCHAR(1000),
    org_folded    VARCHAR(1000),
    -- lists are stored one item a line, with backslash escapes
    emails        VARCHAR(32672),
    group_names   VARCHAR(32672),
    etag          VARCHAR(1000),
    content_hash  VARCHAR(64)    NOT NULL,
    updated_at    TIMESTAMP,
    CONSTRAINT contacts_source_id_uq UNIQUE (source_id)
);
CREATE INDEX contacts_name_folded_ix ON contacts (name_folded, id);
CREATE INDEX contacts_org_folded_ix ON contacts (org_folded);

CREATE TABLE contact_phones (
    contact_id    BIGINT         NOT NULL,
    sort_order    INT            NOT NULL,
    phone_number  VARCHAR(1000)  NOT NULL,
    phone_type    VARCHAR(16)    NOT NULL,
    -- PhoneNumbers.digits(phone_number): what phone search uses
    digits        VARCHAR(255)   NOT NULL,
    is_primary    BOOLEAN        NOT NULL,
    CONSTRAINT contact_phones_pk PRIMARY KEY (contact_id, sort_order),
    CONSTRAINT contact_phones_contact_fk FOREIGN KEY (contact_id) REFERENCES contacts (id) ON DELETE CASCADE
);
CREATE INDEX contact_phones_digits_ix ON contact_phones (digits);

-- Changes with every write to the contacts, for readers' cache keys.
CREATE TABLE contact_store_version (
    id       SMALLINT NOT NULL PRIMARY KEY,
    version  BIGINT   NOT NULL
);
INSERT INTO contact_store_version (id, version) VALUES (1, 0);

-- Sync runs, their progress and their lease.
CREATE TABLE sync_runs (
    id                  BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    requested_type      VARCHAR(16)    NOT NULL,
    run_type            VARCHAR(16)    NOT NULL,
    run_trigger         VARCHAR(16)    NOT NULL,
    status              VARCHAR(16)    NOT NULL,
    started_at          TIMESTAMP      NOT NULL,
    completed_at        TIMESTAMP,
    contacts_added      INT            DEFAULT 0 NOT NULL,
    contacts_updated    INT            DEFAULT 0 NOT NULL,
    contacts_deleted    INT            DEFAULT 0 NOT NULL,
    contacts_unchanged  INT            DEFAULT 0 NOT NULL,
    contact_errors      INT            DEFAULT 0 NOT NULL,
    percent_done        INT            DEFAULT 0 NOT NULL,
    current_operation   VARCHAR(1000),
    error_message       VARCHAR(4000),
    error_detail        VARCHAR(32672),
    owner_id            VARCHAR(255)   NOT NULL,
    lease_until         TIMESTAMP,
    cancel_requested    BOOLEAN        DEFAULT FALSE NOT NULL,
    -- 1 while RUNNING, NULL otherwise: the unique constraint makes a second running run impossible
    active_slot         SMALLINT,
    CONSTRAINT sync_runs_one_active UNIQUE (active_slot),
    CONSTRAINT sync_runs_active_slot_ck CHECK (active_slot = 1)
);
CREATE INDEX sync_runs_status_ix ON sync_runs (status);
CREATE INDEX sync_runs_trigger_ix ON sync_runs (run_trigger, id);

-- One row. Opening a run locks it first, so openers on every instance take turns.
CREATE TABLE sync_lock (
    id         SMALLINT     NOT NULL PRIMARY KEY,
    holder     VARCHAR(255),
    locked_at  TIMESTAMP
);
INSERT INTO sync_lock (id) VALUES (1);

-- The engines' cursors (e.g. a Google sync token), by key.
CREATE TABLE sync_cursors (
    cursor_key    VARCHAR(255)    NOT NULL PRIMARY KEY,
    cursor_value  VARCHAR(32672)  NOT NULL,
    updated_at    TIMESTAMP       NOT NULL
);
