-- Every ContactSync table, index, constraint and sequence carries the prefix cs_, so ContactSync can share a
-- schema with the application that embeds it (which may well have a "contacts" table of its own).
-- Renames keep the data, the identity values and the indexes as they are; Flyway runs this in one transaction.

ALTER TABLE contacts RENAME TO cs_contacts;
ALTER TABLE cs_contacts RENAME CONSTRAINT contacts_pkey TO cs_contacts_pkey;
ALTER TABLE cs_contacts RENAME CONSTRAINT contacts_source_id_uq TO cs_contacts_source_id_uq;
ALTER SEQUENCE contacts_id_seq RENAME TO cs_contacts_id_seq;
ALTER INDEX contacts_name_folded_ix RENAME TO cs_contacts_name_folded_ix;
ALTER INDEX contacts_org_folded_ix RENAME TO cs_contacts_org_folded_ix;

ALTER TABLE contact_phones RENAME TO cs_contact_phones;
ALTER TABLE cs_contact_phones RENAME CONSTRAINT contact_phones_pk TO cs_contact_phones_pk;
ALTER TABLE cs_contact_phones RENAME CONSTRAINT contact_phones_contact_fk TO cs_contact_phones_contact_fk;
ALTER INDEX contact_phones_digits_ix RENAME TO cs_contact_phones_digits_ix;

ALTER TABLE contact_store_version RENAME TO cs_contact_store_version;
ALTER TABLE cs_contact_store_version RENAME CONSTRAINT contact_store_version_pkey TO cs_contact_store_version_pkey;

ALTER TABLE sync_runs RENAME TO cs_sync_runs;
ALTER TABLE cs_sync_runs RENAME CONSTRAINT sync_runs_pkey TO cs_sync_runs_pkey;
ALTER TABLE cs_sync_runs RENAME CONSTRAINT sync_runs_one_active TO cs_sync_runs_one_active;
ALTER TABLE cs_sync_runs RENAME CONSTRAINT sync_runs_active_slot_ck TO cs_sync_runs_active_slot_ck;
ALTER SEQUENCE sync_runs_id_seq RENAME TO cs_sync_runs_id_seq;
ALTER INDEX sync_runs_status_ix RENAME TO cs_sync_runs_status_ix;
ALTER INDEX sync_runs_trigger_ix RENAME TO cs_sync_runs_trigger_ix;

ALTER TABLE sync_lock RENAME TO cs_sync_lock;
ALTER TABLE cs_sync_lock RENAME CONSTRAINT sync_lock_pkey TO cs_sync_lock_pkey;

ALTER TABLE sync_cursors RENAME TO cs_sync_cursors;
ALTER TABLE cs_sync_cursors RENAME CONSTRAINT sync_cursors_pkey TO cs_sync_cursors_pkey;
