-- Configuration changes shown in the timeline next to the sync runs (owned by org.contactsync.audit): the contact
-- source, group selection, the Google account, pausing and resuming automatic syncs, with who made them.
-- Never a secret. recorded_at is the database's clock.
CREATE TABLE cs_config_events (
    id           BIGINT GENERATED ALWAYS AS IDENTITY,
    recorded_at  TIMESTAMP NOT NULL,
    kind         VARCHAR(200) NOT NULL,
    actor        VARCHAR(200) NOT NULL,
    summary      VARCHAR(1000) NOT NULL,
    source_name  VARCHAR(200) NOT NULL,
    CONSTRAINT cs_config_events_pk PRIMARY KEY (id)
);
CREATE INDEX cs_config_events_recorded_ix ON cs_config_events (recorded_at, id);
CREATE INDEX cs_config_events_kind_ix ON cs_config_events (kind, source_name, id);
