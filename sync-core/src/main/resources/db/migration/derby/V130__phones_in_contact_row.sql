-- A contact's phone numbers move into its own row (issue 15): writing a contact was one row plus one row per
-- number in cs_contact_phones, each with its primary key, the foreign key's check and backing index, and 39 % of
-- a full sync's write time went to those phone rows. Nothing queries a phone without its contact.
--   phones:        one number a line, with backslash escapes (like emails): TYPE, '!' if primary, ':', the number
--   phone_digits:  each number's digits between newlines ("\n0301234567\n01715550101\n"), what phone search reads
-- V130.1 (PhonesIntoContactRows, Java) copies the stored phones over, V130.2 drops cs_contact_phones.
ALTER TABLE cs_contacts ADD COLUMN phones VARCHAR(32672);
ALTER TABLE cs_contacts ADD COLUMN phone_digits VARCHAR(32672);
