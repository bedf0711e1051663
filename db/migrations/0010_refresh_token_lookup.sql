-- Refresh rotation looks a family up by the hash of the presented token; without this index every
-- refresh would scan all families. Unique: two families never share a 256-bit random token.
CREATE UNIQUE INDEX IF NOT EXISTS refresh_families_current_hash ON refresh_token_families (current_hash);
-- Cascading deletes of a family walk its used tokens.
CREATE INDEX IF NOT EXISTS refresh_tokens_used_family ON refresh_tokens_used (family_id);
