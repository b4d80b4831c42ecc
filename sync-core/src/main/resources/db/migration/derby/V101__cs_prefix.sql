-- Every ContactSync table, index and constraint carries the prefix cs_, so ContactSync can share a database with
-- the application that embeds it (which may well have a "contacts" table of its own).
-- Derby renames a table only when no foreign key or check constraint refers to it, and cannot rename a
-- constraint: those are dropped first and added again under their new names. All of it is one transaction.

ALTER TABLE contact_phones DROP CONSTRAINT contact_phones_contact_fk;
ALTER TABLE sync_runs DROP CONSTRAINT sync_runs_active_slot_ck;

RENAME TABLE contacts TO cs_contacts;
RENAME TABLE contact_phones TO cs_contact_phones;
RENAME TABLE contact_store_version TO cs_contact_store_version;
RENAME TABLE sync_runs TO cs_sync_runs;
RENAME TABLE sync_lock TO cs_sync_lock;
RENAME TABLE sync_cursors TO cs_sync_cursors;

RENAME INDEX contacts_name_folded_ix TO cs_contacts_name_folded_ix;
RENAME INDEX contacts_org_folded_ix TO cs_contacts_org_folded_ix;
RENAME INDEX contact_phones_digits_ix TO cs_contact_phones_digits_ix;
RENAME INDEX sync_runs_status_ix TO cs_sync_runs_status_ix;
RENAME INDEX sync_runs_trigger_ix TO cs_sync_runs_trigger_ix;

ALTER TABLE cs_contacts DROP CONSTRAINT contacts_source_id_uq;
ALTER TABLE cs_contacts ADD CONSTRAINT cs_contacts_source_id_uq UNIQUE (source_id);
ALTER TABLE cs_contact_phones DROP CONSTRAINT contact_phones_pk;
ALTER TABLE cs_contact_phones ADD CONSTRAINT cs_contact_phones_pk PRIMARY KEY (contact_id, sort_order);
ALTER TABLE cs_contact_phones ADD CONSTRAINT cs_contact_phones_contact_fk
    FOREIGN KEY (contact_id) REFERENCES cs_contacts (id) ON DELETE CASCADE;
ALTER TABLE cs_sync_runs DROP CONSTRAINT sync_runs_one_active;
ALTER TABLE cs_sync_runs ADD CONSTRAINT cs_sync_runs_one_active UNIQUE (active_slot);
ALTER TABLE cs_sync_runs ADD CONSTRAINT cs_sync_runs_active_slot_ck CHECK (active_slot = 1);
