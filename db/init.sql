-- Fractafrag baseline schema: what a fresh database gets (compose mounts this into the Postgres
-- init folder; natively the API's migration runner applies it when schema_migrations is missing).
-- Later changes go in db/migrations/NNNN_name.sql, applied at API start under an advisory lock.
-- Text embeddings: 256 dimensions; visual embeddings: 64 dimensions (fixed here, see README).

CREATE EXTENSION IF NOT EXISTS vector;
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE EXTENSION IF NOT EXISTS citext;
CREATE EXTENSION IF NOT EXISTS pgcrypto;

CREATE TABLE IF NOT EXISTS schema_migrations (
  name        text PRIMARY KEY,
  applied_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TYPE user_role AS ENUM ('user', 'moderator', 'admin');
CREATE TYPE shader_type AS ENUM ('2d', '3d', 'audio-reactive');
CREATE TYPE shader_status AS ENUM ('draft', 'published', 'archived');
CREATE TYPE shader_visibility AS ENUM ('public', 'unlisted', 'private');
CREATE TYPE render_state AS ENUM ('queued', 'rendering', 'ready', 'failed');
CREATE TYPE desire_status AS ENUM ('open', 'fulfilled', 'closed', 'expired');
CREATE TYPE engagement_kind AS ENUM ('view', 'dwell', 'replay');
CREATE TYPE render_kind AS ENUM ('thumbnail', 'preview', 'poster');
CREATE TYPE report_status AS ENUM ('open', 'resolved', 'dismissed');

CREATE TABLE users (
  id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  username        citext NOT NULL UNIQUE CHECK (length(username) BETWEEN 3 AND 32),
  email           citext NOT NULL UNIQUE CHECK (length(email) <= 254),
  password_hash   text,                       -- argon2id; NULL for the system user
  role            user_role NOT NULL DEFAULT 'user',
  is_system       boolean NOT NULL DEFAULT false,
  display_name    text CHECK (length(display_name) <= 64),
  bio             text CHECK (length(bio) <= 2000),
  avatar_url      text CHECK (length(avatar_url) <= 500),
  website_url     text CHECK (length(website_url) <= 500),
  points          integer NOT NULL DEFAULT 100 CHECK (points >= 0),
  taste_vector    vector(256),
  taste_updated_at timestamptz,
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX users_taste_hnsw ON users USING hnsw (taste_vector vector_cosine_ops);

CREATE TABLE api_keys (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id       uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  name          text NOT NULL CHECK (length(name) BETWEEN 1 AND 64),
  prefix        text NOT NULL,                 -- shown to the user; the secret is never stored
  key_hash      text NOT NULL UNIQUE,          -- sha256 of the whole key
  scopes        text[] NOT NULL DEFAULT '{read}' CHECK (scopes <@ ARRAY['read','write']::text[]),
  last_used_at  timestamptz,
  revoked_at    timestamptz,
  created_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX api_keys_user ON api_keys (user_id);

CREATE TABLE refresh_token_families (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id       uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  current_hash  text NOT NULL,                 -- sha256 of the only valid refresh token
  revoked_at    timestamptz,                   -- set on logout or on reuse of a rotated token
  created_at    timestamptz NOT NULL DEFAULT now(),
  rotated_at    timestamptz NOT NULL DEFAULT now(),
  expires_at    timestamptz NOT NULL
);
CREATE INDEX refresh_families_user ON refresh_token_families (user_id);
CREATE TABLE refresh_tokens_used (
  token_hash    text PRIMARY KEY,              -- rotated-away tokens: presenting one revokes its family
  family_id     uuid NOT NULL REFERENCES refresh_token_families(id) ON DELETE CASCADE,
  used_at       timestamptz NOT NULL DEFAULT now()
);

-- array_to_string is only STABLE; tags are plain text, so this wrapper is safe to mark IMMUTABLE.
CREATE FUNCTION tags_to_text(text[]) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$ SELECT array_to_string($1, ' ') $$;

CREATE TABLE shaders (
  id                    uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  author_id             uuid NOT NULL REFERENCES users(id),
  title                 text NOT NULL CHECK (length(title) BETWEEN 1 AND 120),
  description           text NOT NULL DEFAULT '' CHECK (length(description) <= 5000),
  tags                  text[] NOT NULL DEFAULT '{}' CHECK (cardinality(tags) <= 10),
  type                  shader_type NOT NULL DEFAULT '2d',
  status                shader_status NOT NULL DEFAULT 'draft',
  visibility            shader_visibility NOT NULL DEFAULT 'public',
  current_version       integer NOT NULL DEFAULT 1 CHECK (current_version >= 1),
  forked_from_shader_id uuid REFERENCES shaders(id) ON DELETE SET NULL,
  forked_from_version   integer,
  vote_up               integer NOT NULL DEFAULT 0 CHECK (vote_up >= 0),
  vote_down             integer NOT NULL DEFAULT 0 CHECK (vote_down >= 0),
  view_count            integer NOT NULL DEFAULT 0,
  replay_count          integer NOT NULL DEFAULT 0,
  dwell_ms_total        bigint NOT NULL DEFAULT 0,
  comment_count         integer NOT NULL DEFAULT 0,
  fork_count            integer NOT NULL DEFAULT 0,
  hot_score             double precision NOT NULL DEFAULT 0,
  render_state          render_state NOT NULL DEFAULT 'queued',
  render_error          text,
  rendered_version      integer,
  thumbnail_path        text,
  preview_path          text,
  poster_path           text,
  thumbnail_time        real NOT NULL DEFAULT 2 CHECK (thumbnail_time >= 0 AND thumbnail_time <= 3600),
  text_embedding        vector(256),
  visual_embedding      vector(64),
  visual_hash           bit(64),
  search_vector         tsvector GENERATED ALWAYS AS (
                          setweight(to_tsvector('english', coalesce(title, '')), 'A') ||
                          setweight(to_tsvector('english', tags_to_text(tags)), 'B') ||
                          setweight(to_tsvector('english', coalesce(description, '')), 'C')
                        ) STORED,
  published_at          timestamptz,
  created_at            timestamptz NOT NULL DEFAULT now(),
  updated_at            timestamptz NOT NULL DEFAULT now(),
  deleted_at            timestamptz,
  CHECK ((forked_from_shader_id IS NULL) = (forked_from_version IS NULL)),
  CHECK (status = 'draft' OR published_at IS NOT NULL)
);
CREATE INDEX shaders_author ON shaders (author_id, created_at DESC);
CREATE INDEX shaders_feed_new ON shaders (published_at DESC, id DESC)
  WHERE status = 'published' AND visibility = 'public' AND deleted_at IS NULL;
CREATE INDEX shaders_feed_hot ON shaders (hot_score DESC, id DESC)
  WHERE status = 'published' AND visibility = 'public' AND deleted_at IS NULL;
CREATE INDEX shaders_render_state ON shaders (render_state) WHERE render_state IN ('queued', 'rendering');
CREATE INDEX shaders_tags ON shaders USING gin (tags);
CREATE INDEX shaders_search ON shaders USING gin (search_vector);
CREATE INDEX shaders_title_trgm ON shaders USING gin (title gin_trgm_ops);
CREATE INDEX shaders_text_embedding_hnsw ON shaders USING hnsw (text_embedding vector_cosine_ops);
CREATE INDEX shaders_visual_embedding_hnsw ON shaders USING hnsw (visual_embedding vector_cosine_ops);

CREATE TABLE shader_versions (
  shader_id     uuid NOT NULL REFERENCES shaders(id) ON DELETE CASCADE,
  version       integer NOT NULL CHECK (version >= 1),
  passes        jsonb NOT NULL,                -- [{ name, code, channels }], see packages/contracts
  common_code   text NOT NULL DEFAULT '',
  change_note   text NOT NULL DEFAULT '' CHECK (length(change_note) <= 500),
  author_id     uuid NOT NULL REFERENCES users(id),
  code_hash     text NOT NULL,                 -- sha256 of the canonical source JSON
  created_at    timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (shader_id, version)
);
ALTER TABLE shaders ADD CONSTRAINT shaders_forked_version_fk
  FOREIGN KEY (forked_from_shader_id, forked_from_version) REFERENCES shader_versions (shader_id, version)
  DEFERRABLE INITIALLY DEFERRED;
-- Versions are immutable: rows may be added, never changed.
CREATE FUNCTION shader_versions_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'shader_versions rows are immutable';
END $$;
CREATE TRIGGER shader_versions_no_update BEFORE UPDATE ON shader_versions
  FOR EACH ROW EXECUTE FUNCTION shader_versions_immutable();

CREATE TABLE votes (
  user_id     uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  shader_id   uuid NOT NULL REFERENCES shaders(id) ON DELETE CASCADE,
  value       smallint NOT NULL CHECK (value IN (-1, 1)),
  created_at  timestamptz NOT NULL DEFAULT now(),
  updated_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (user_id, shader_id)
);
CREATE INDEX votes_shader ON votes (shader_id);

CREATE TABLE engagement_events (
  id          bigserial PRIMARY KEY,
  shader_id   uuid NOT NULL REFERENCES shaders(id) ON DELETE CASCADE,
  user_id     uuid REFERENCES users(id) ON DELETE SET NULL,
  session_id  text CHECK (length(session_id) <= 128),
  kind        engagement_kind NOT NULL,
  dwell_ms    integer CHECK (dwell_ms IS NULL OR dwell_ms BETWEEN 0 AND 86400000),
  created_at  timestamptz NOT NULL DEFAULT now(),
  CHECK (user_id IS NOT NULL OR session_id IS NOT NULL),
  CHECK ((kind = 'dwell') = (dwell_ms IS NOT NULL))
);
CREATE INDEX engagement_shader ON engagement_events (shader_id, created_at DESC);
CREATE INDEX engagement_user ON engagement_events (user_id, created_at DESC) WHERE user_id IS NOT NULL;
CREATE INDEX engagement_dedup ON engagement_events (shader_id, kind, coalesce(user_id::text, session_id), created_at DESC);

CREATE TABLE comments (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  shader_id   uuid NOT NULL REFERENCES shaders(id) ON DELETE CASCADE,
  author_id   uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  parent_id   uuid REFERENCES comments(id) ON DELETE CASCADE,
  body        text NOT NULL CHECK (length(body) BETWEEN 1 AND 5000),
  created_at  timestamptz NOT NULL DEFAULT now(),
  deleted_at  timestamptz
);
CREATE INDEX comments_shader ON comments (shader_id, created_at, id);

CREATE TABLE desire_clusters (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  label       text NOT NULL DEFAULT '' CHECK (length(label) <= 120),
  centroid    vector(256) NOT NULL,
  size        integer NOT NULL DEFAULT 0 CHECK (size >= 0),
  created_at  timestamptz NOT NULL DEFAULT now(),
  updated_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX desire_clusters_centroid_hnsw ON desire_clusters USING hnsw (centroid vector_cosine_ops);

CREATE TABLE desires (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  author_id     uuid NOT NULL REFERENCES users(id),
  prompt        text NOT NULL CHECK (length(prompt) BETWEEN 3 AND 500),
  details       text NOT NULL DEFAULT '' CHECK (length(details) <= 5000),
  tags          text[] NOT NULL DEFAULT '{}' CHECK (cardinality(tags) <= 10),
  status        desire_status NOT NULL DEFAULT 'open',
  embedding     vector(256),
  cluster_id    uuid REFERENCES desire_clusters(id) ON DELETE SET NULL,
  heat          double precision NOT NULL DEFAULT 0,
  support_count integer NOT NULL DEFAULT 0 CHECK (support_count >= 0),
  tip_total     integer NOT NULL DEFAULT 0 CHECK (tip_total >= 0),
  fulfilled_by  uuid REFERENCES shaders(id) ON DELETE SET NULL,
  fulfilled_at  timestamptz,
  expires_at    timestamptz NOT NULL DEFAULT now() + interval '90 days',
  created_at    timestamptz NOT NULL DEFAULT now(),
  updated_at    timestamptz NOT NULL DEFAULT now(),
  CHECK ((status = 'fulfilled') = (fulfilled_by IS NOT NULL))
);
CREATE INDEX desires_heat ON desires (heat DESC, id DESC) WHERE status = 'open';
CREATE INDEX desires_new ON desires (created_at DESC, id DESC);
CREATE INDEX desires_cluster ON desires (cluster_id);
CREATE INDEX desires_prompt_trgm ON desires USING gin (prompt gin_trgm_ops);
CREATE INDEX desires_embedding_hnsw ON desires USING hnsw (embedding vector_cosine_ops);

CREATE TABLE desire_supports (
  desire_id   uuid NOT NULL REFERENCES desires(id) ON DELETE CASCADE,
  user_id     uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  created_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (desire_id, user_id)
);

CREATE TABLE bounty_tips (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  desire_id   uuid NOT NULL REFERENCES desires(id) ON DELETE CASCADE,
  user_id     uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  points      integer NOT NULL CHECK (points BETWEEN 1 AND 10000),
  created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX bounty_tips_desire ON bounty_tips (desire_id);

CREATE TABLE renders (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  shader_id   uuid NOT NULL,
  version     integer NOT NULL,
  kind        render_kind NOT NULL,
  path        text NOT NULL,                   -- relative to the renders volume; name carries a content hash
  width       integer NOT NULL CHECK (width > 0),
  height      integer NOT NULL CHECK (height > 0),
  format      text NOT NULL CHECK (format IN ('webp', 'png', 'webm', 'gif')),
  bytes       integer NOT NULL CHECK (bytes > 0),
  render_ms   integer NOT NULL CHECK (render_ms >= 0),
  is_blank    boolean NOT NULL DEFAULT false,
  created_at  timestamptz NOT NULL DEFAULT now(),
  FOREIGN KEY (shader_id, version) REFERENCES shader_versions (shader_id, version) ON DELETE CASCADE,
  UNIQUE (shader_id, version, kind)
);

CREATE TABLE reports (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  reporter_id   uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  shader_id     uuid REFERENCES shaders(id) ON DELETE CASCADE,
  comment_id    uuid REFERENCES comments(id) ON DELETE CASCADE,
  desire_id     uuid REFERENCES desires(id) ON DELETE CASCADE,
  reason        text NOT NULL CHECK (length(reason) BETWEEN 3 AND 2000),
  status        report_status NOT NULL DEFAULT 'open',
  resolved_by   uuid REFERENCES users(id),
  resolved_at   timestamptz,
  created_at    timestamptz NOT NULL DEFAULT now(),
  CHECK (num_nonnulls(shader_id, comment_id, desire_id) = 1)
);
CREATE INDEX reports_open ON reports (created_at) WHERE status = 'open';

-- The system user owns the curated seed shaders. Its id is fixed so code and tests can name it.
INSERT INTO users (id, username, email, password_hash, role, is_system, display_name, bio)
VALUES ('00000000-0000-4000-8000-000000000001', 'fractafrag', 'system@fractafrag.local', NULL, 'admin', true,
        'Fractafrag', 'Curated shaders from the Fractafrag team.');

INSERT INTO schema_migrations (name) VALUES ('0000_baseline');

-- SEED SHADERS (below)
