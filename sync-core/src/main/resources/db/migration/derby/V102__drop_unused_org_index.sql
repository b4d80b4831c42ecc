-- No query can use this index: name search matches the organisation with LIKE 'text%' OR '% text%' OR '%-text%',
-- and the patterns that start with a wildcard make every database read the table anyway. Each write of a contact
-- still paid for keeping it up to date.
DROP INDEX cs_contacts_org_folded_ix;
