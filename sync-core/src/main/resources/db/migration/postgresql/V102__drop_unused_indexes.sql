-- Indexes that no query uses, while every written contact and phone paid for keeping them up to date:
-- name search matches the organisation with LIKE 'text%' OR '% text%' OR '%-text%', and phone search matches
-- digits with LIKE '%digits%' OR IN (suffixes) inside a look-up by contact_id (the phones' primary key). The
-- patterns that start with a wildcard make every database read the rows anyway.
DROP INDEX cs_contacts_org_folded_ix;
DROP INDEX cs_contact_phones_digits_ix;
