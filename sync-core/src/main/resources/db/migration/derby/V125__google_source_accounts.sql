-- Several Google sources (issue 17): each source connects its own account. The credential row's id was always
-- 'default' (the one source of a configuration that names none) and now is the source's name, so the existing
-- token stays the default source's. A pending connect remembers which source started it: a state started for one
-- source cannot finish another's. States pending during the upgrade belonged to the default source.
ALTER TABLE cs_google_oauth_state ADD COLUMN source_name VARCHAR(32) DEFAULT 'default' NOT NULL;
