-- The phones live in their contact's row since V130 (copied by V130.1): the table of phone rows goes, with its
-- primary key and its foreign key.
DROP TABLE cs_contact_phones;
