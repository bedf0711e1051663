-- Shader lifecycle: "my shaders" lists an author's shaders by status, newest first, with a keyset
-- cursor on (created_at, id); deleted shaders never appear.
CREATE INDEX IF NOT EXISTS shaders_author_status_created
  ON shaders (author_id, status, created_at DESC, id DESC)
  WHERE deleted_at IS NULL;
