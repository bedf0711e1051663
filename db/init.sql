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

-- Curated seed shaders, written for Fractafrag by its team and owned by the system user.
-- Ids are fixed ('00000000-0000-4000-8000-0000000001NN'); published_at is staggered by an hour
-- each so feed ordering is stable. They start with render_state 'queued' so the worker renders
-- their thumbnails. code_hash = sha256(common_code || passes::text), computed here in SQL.
WITH seed (n, title, description, tags, type, common_code, passes) AS (VALUES
-- 01. Plasma Drift
(1, 'Plasma Drift', 'Four interfering sine fields summed into one value and run through a cosine palette: the demoscene classic, drifting slowly.',
 ARRAY['plasma', 'palette', 'sine', 'classic', 'demoscene'], '2d', '',
 jsonb_build_array(
  jsonb_build_object('name', 'Image', 'channels', '[]'::jsonb, 'code', $glsl$// Plasma Drift: four interfering sine fields summed into one value,
// then coloured with a cosine palette. The oldest trick in the demoscene book.

vec3 palette(float t) {
    return 0.5 + 0.5 * cos(6.28318 * (t + vec3(0.0, 0.33, 0.67)));
}

void mainImage(out vec4 fragColor, in vec2 fragCoord) {
    vec2 uv = (2.0 * fragCoord - iResolution.xy) / iResolution.y;
    float t = iTime * 0.6;

    float v = sin(uv.x * 3.0 + t);
    v += sin(uv.y * 2.4 + t * 0.8);
    v += sin(uv.x * 2.0 + uv.y * 2.5 + t * 1.3);
    vec2 c = uv + 0.8 * vec2(sin(t * 0.7), cos(t * 0.5));
    v += sin(sqrt(dot(c, c) * 16.0 + 1.0) - t * 1.5);
    v *= 0.25;

    vec3 col = palette(v + t * 0.1);
    col *= 0.85 + 0.15 * sin(v * 12.0);   // soft contour bands
    fragColor = vec4(col, 1.0);
}
$glsl$))),

-- 02. Truchet Weave
(2, 'Truchet Weave', 'Quarter-circle Truchet tiles flipped at random join up into endless glowing tubes, with stripes flowing along them.',
 ARRAY['truchet', 'tiling', 'pattern', 'hash', 'tubes'], '2d', '',
 jsonb_build_array(
  jsonb_build_object('name', 'Image', 'channels', '[]'::jsonb, 'code', $glsl$// Truchet Weave: every grid cell holds two quarter-circle arcs, flipped at random.
// The arcs always meet at cell edges, so they join into endless winding tubes.

float hash21(vec2 p) {
    p = fract(p * vec2(123.34, 456.21));
    p += dot(p, p + 45.32);
    return fract(p.x * p.y);
}

void mainImage(out vec4 fragColor, in vec2 fragCoord) {
    vec2 uv = (fragCoord - 0.5 * iResolution.xy) / iResolution.y;
    vec2 p = uv * 6.0 + vec2(iTime * 0.25, iTime * 0.1);

    vec2 id = floor(p);
    vec2 gv = fract(p) - 0.5;
    float h = hash21(id);
    if (h < 0.5) gv.x = -gv.x;

    // distance to the nearer of the two arcs (centred on opposite corners)
    float s = gv.x + gv.y > 0.0 ? 1.0 : -1.0;
    vec2 cv = gv - s * 0.5;
    float arc = abs(length(cv) - 0.5);
    float w = 0.14;

    // stripes that run along the tube
    float checker = mod(id.x + id.y, 2.0) * 2.0 - 1.0;
    float ang = atan(cv.x, cv.y);
    float flow = sin(checker * s * ang * 10.0 + iTime * 4.0);

    float tube = smoothstep(w, w - 0.02, arc);
    float shade = sqrt(max(0.0, 1.0 - (arc / w) * (arc / w)));

    vec3 bg = mix(vec3(0.02, 0.12, 0.15), vec3(0.05, 0.22, 0.25), 0.5 + 0.5 * sin(id.x * 0.7 + id.y * 1.3));
    bg *= 0.75 + 0.25 * smoothstep(0.5, 0.0, length(gv));
    vec3 tubeCol = mix(vec3(0.95, 0.45, 0.1), vec3(1.0, 0.85, 0.35), 0.5 + 0.5 * flow);
    tubeCol *= 0.35 + 0.65 * shade;
    tubeCol += pow(shade, 12.0) * 0.35;   // specular ridge

    // soft drop shadow around the tube
    float shadow = smoothstep(w + 0.08, w, arc);
    vec3 col = bg * (1.0 - 0.6 * shadow);
    col = mix(col, tubeCol, tube);

    col *= 1.0 - 0.35 * dot(uv, uv);     // vignette
    fragColor = vec4(col, 1.0);
}
$glsl$))),

-- 03. Kaleidoscope Bloom
(3, 'Kaleidoscope Bloom', 'The plane is folded into eight mirrored wedges and then folded again with rotations; thin rings in the folded space bloom into neon lace.',
 ARRAY['kaleidoscope', 'symmetry', 'folding', 'polar', 'glow'], '2d', '',
 jsonb_build_array(
  jsonb_build_object('name', 'Image', 'channels', '[]'::jsonb, 'code', $glsl$// Kaleidoscope Bloom: fold the plane into mirrored wedges, then fold it again
// a few times with rotations. Thin rings drawn in the folded space bloom into lace.

const float TAU = 6.28318530718;

mat2 rot(float a) {
    float c = cos(a), s = sin(a);
    return mat2(c, -s, s, c);
}

vec3 palette(float t) {
    return 0.55 + 0.45 * cos(TAU * (t + vec3(0.0, 0.15, 0.35)));
}

vec2 kaleido(vec2 p, float n) {
    float seg = TAU / n;
    float a = atan(p.y, p.x);
    a = mod(a, seg);
    a = abs(a - 0.5 * seg);
    return length(p) * vec2(cos(a), sin(a));
}

void mainImage(out vec4 fragColor, in vec2 fragCoord) {
    vec2 uv = (2.0 * fragCoord - iResolution.xy) / iResolution.y;
    float r = length(uv);
    float t = iTime;

    vec2 p = kaleido(rot(t * 0.1) * uv, 8.0);
    vec3 col = vec3(0.03, 0.0, 0.06);
    float scale = 1.0;

    for (int i = 0; i < 5; i++) {
        float fi = float(i);
        p = abs(p) - vec2(0.42, 0.18) * scale;
        p = rot(0.55 + 0.25 * sin(t * 0.3 + fi)) * p;
        scale *= 0.75;
        float d = abs(length(p) - 0.16 * scale);
        vec3 c = palette(fi * 0.18 + r * 0.4 - t * 0.05);
        col += c * smoothstep(0.012, 0.0, d);       // crisp ring
        col += c * 0.0035 / (d + 0.004);           // glow
    }

    col *= smoothstep(1.9, 0.3, r);
    col = 1.0 - exp(-col * 1.1);                    // soft tone map
    fragColor = vec4(col, 1.0);
}
$glsl$))),

-- 04. Spiral Tunnel
(4, 'Spiral Tunnel', 'Polar coordinates turned into an endless tunnel: depth is 1/r, and twisting the angle by log(r) winds the checkerboard into spiral arms.',
 ARRAY['tunnel', 'spiral', 'polar', 'hypnotic', 'checker'], '2d', '',
 jsonb_build_array(
  jsonb_build_object('name', 'Image', 'channels', '[]'::jsonb, 'code', $glsl$// Spiral Tunnel: polar coordinates turned into a tunnel. Depth is 1/r, angle is the
// other texture axis; twisting the angle with depth turns the checkerboard into spirals.

const float PI = 3.14159265359;

void mainImage(out vec4 fragColor, in vec2 fragCoord) {
    vec2 uv = (2.0 * fragCoord - iResolution.xy) / iResolution.y;
    // wander the vanishing point a little
    uv -= 0.25 * vec2(sin(iTime * 0.4), cos(iTime * 0.3));
    float r = length(uv) + 1e-4;
    float a = atan(uv.y, uv.x);

    float depth = 0.35 / r + iTime * 0.9;
    float u = a / PI * 6.0 + log(r) * 4.0 + iTime * 0.5;   // angle twisted by log(r): spiral arms
    float v = depth * 2.0;

    float checker = sign(sin(u * PI)) * sign(sin(v * PI));
    float arms = 0.5 + 0.5 * sin(u * PI * 2.0);
    float edge = 1.0 - smoothstep(0.0, 0.15, min(abs(fract(u) - 0.5), abs(fract(v) - 0.5)));

    vec3 deep = vec3(0.12, 0.05, 0.35);
    vec3 bright = vec3(0.35, 0.55, 1.0);
    vec3 pink = vec3(1.0, 0.35, 0.7);
    vec3 col = mix(deep, bright, 0.5 + 0.5 * checker);
    col = mix(col, pink, arms * 0.35);
    col += edge * 0.25 * vec3(0.8, 0.9, 1.0);

    // fog: far away (small r) fades to a glow, near walls get darker at the screen edge
    float fog = exp(-0.25 / r);
    col = mix(vec3(1.0, 0.8, 0.95), col, fog);
    col *= smoothstep(2.2, 0.4, r);
    fragColor = vec4(col, 1.0);
}
$glsl$))),

-- 05. Warped Nebula
(5, 'Warped Nebula', 'Fractal value noise fed back into its own coordinates twice. Domain warping turns plain cloudy noise into swirling filaments of gas.',
 ARRAY['fbm', 'value-noise', 'domain-warping', 'noise', 'nebula', 'clouds'], '2d', '',
 jsonb_build_array(
  jsonb_build_object('name', 'Image', 'channels', '[]'::jsonb, 'code', $glsl$// Warped Nebula: fractal value noise (fbm), fed back into its own coordinates twice.
// Domain warping turns plain cloudy noise into swirling filaments.

float hash(vec2 p) {
    vec3 p3 = fract(vec3(p.xyx) * 0.1031);
    p3 += dot(p3, p3.yzx + 33.33);
    return fract((p3.x + p3.y) * p3.z);
}

float valueNoise(vec2 p) {
    vec2 i = floor(p);
    vec2 f = fract(p);
    vec2 u = f * f * (3.0 - 2.0 * f);
    float a = hash(i);
    float b = hash(i + vec2(1.0, 0.0));
    float c = hash(i + vec2(0.0, 1.0));
    float d = hash(i + vec2(1.0, 1.0));
    return mix(mix(a, b, u.x), mix(c, d, u.x), u.y);
}

const mat2 OCT = mat2(1.6, 1.2, -1.2, 1.6);

float fbm(vec2 p) {
    float sum = 0.0;
    float amp = 0.5;
    for (int i = 0; i < 5; i++) {
        sum += amp * valueNoise(p);
        p = OCT * p;
        amp *= 0.5;
    }
    return sum;
}

void mainImage(out vec4 fragColor, in vec2 fragCoord) {
    vec2 uv = (2.0 * fragCoord - iResolution.xy) / iResolution.y;
    vec2 p = uv * 1.6;
    float t = iTime * 0.12;

    vec2 q = vec2(fbm(p + vec2(0.0, t)), fbm(p + vec2(5.2, 1.3 - t)));
    vec2 r = vec2(fbm(p + 3.5 * q + vec2(1.7, 9.2) + 0.7 * t),
                  fbm(p + 3.5 * q + vec2(8.3, 2.8) - 0.5 * t));
    float f = fbm(p + 3.5 * r);

    vec3 col = mix(vec3(0.05, 0.07, 0.22), vec3(0.55, 0.12, 0.45), clamp(f * f * 2.5, 0.0, 1.0));
    col = mix(col, vec3(1.0, 0.62, 0.22), clamp(length(q) * length(q) * 0.9 - 0.25, 0.0, 1.0));
    col = mix(col, vec3(0.35, 0.85, 0.95), clamp(r.y * r.y * 1.2 - 0.3, 0.0, 1.0));
    col *= 0.4 + 1.4 * f;
    col += vec3(1.0, 0.9, 0.8) * pow(max(f - 0.55, 0.0) * 2.5, 3.0);

    col = pow(clamp(col, 0.0, 1.0), vec3(0.9));
    fragColor = vec4(col, 1.0);
}
$glsl$))),

-- 06. Pebble Garden
(6, 'Pebble Garden', 'A sphere-traced signed-distance scene: a sphere, a torus and a rounded box melted together with smooth unions, lit with soft shadows and ambient occlusion.',
 ARRAY['raymarching', 'sdf', 'soft-shadows', 'ambient-occlusion', 'smooth-union', 'lighting'], '3d', '',
 jsonb_build_array(
  jsonb_build_object('name', 'Image', 'channels', '[]'::jsonb, 'code', $glsl$// Pebble Garden: a small signed-distance-field scene, sphere-traced.
// Smooth unions melt the shapes together; soft shadows and ambient occlusion
// come from sampling the same distance field a few more times.

mat2 rot(float a) {
    float c = cos(a), s = sin(a);
    return mat2(c, -s, s, c);
}

float smin(float a, float b, float k) {
    float h = clamp(0.5 + 0.5 * (b - a) / k, 0.0, 1.0);
    return mix(b, a, h) - k * h * (1.0 - h);
}

float sdBox(vec3 p, vec3 b, float r) {
    vec3 q = abs(p) - b;
    return length(max(q, 0.0)) + min(max(q.x, max(q.y, q.z)), 0.0) - r;
}

float sdTorus(vec3 p, vec2 t) {
    vec2 q = vec2(length(p.xz) - t.x, p.y);
    return length(q) - t.y;
}

// returns distance in x, material id in y
vec2 map(vec3 p) {
    float ground = p.y;
    float bob = 0.15 * sin(iTime * 1.3);
    float sphere = length(p - vec3(0.0, 0.75 + bob, 0.0)) - 0.55;
    vec3 bp = p - vec3(1.15, 0.45, 0.3);
    bp.xz = rot(iTime * 0.5) * bp.xz;
    float box = sdBox(bp, vec3(0.3), 0.08);
    vec3 tp = p - vec3(-1.1, 0.3, 0.2);
    tp.xy = rot(0.6) * tp.xy;
    float torus = sdTorus(tp, vec2(0.42, 0.14));
    float blob = smin(sphere, smin(box, torus, 0.35), 0.35);
    float d = smin(blob, ground, 0.2);
    return vec2(d, blob < ground + 0.05 ? 1.0 : 0.0);
}

vec3 calcNormal(vec3 p) {
    const vec2 e = vec2(0.001, 0.0);
    return normalize(vec3(map(p + e.xyy).x - map(p - e.xyy).x,
                          map(p + e.yxy).x - map(p - e.yxy).x,
                          map(p + e.yyx).x - map(p - e.yyx).x));
}

float softShadow(vec3 ro, vec3 rd) {
    float res = 1.0;
    float t = 0.03;
    for (int i = 0; i < 32; i++) {
        float h = map(ro + rd * t).x;
        res = min(res, 10.0 * h / t);
        t += clamp(h, 0.02, 0.3);
        if (res < 0.002 || t > 8.0) break;
    }
    return clamp(res, 0.0, 1.0);
}

float ambientOcclusion(vec3 p, vec3 n) {
    float occ = 0.0;
    float w = 1.0;
    for (int i = 1; i <= 5; i++) {
        float h = 0.04 * float(i);
        occ += (h - map(p + n * h).x) * w;
        w *= 0.7;
    }
    return clamp(1.0 - 3.0 * occ, 0.0, 1.0);
}

void mainImage(out vec4 fragColor, in vec2 fragCoord) {
    vec2 uv = (2.0 * fragCoord - iResolution.xy) / iResolution.y;

    float ang = 0.6 + iTime * 0.2;
    vec3 ro = vec3(3.6 * sin(ang), 1.7, 3.6 * cos(ang));
    vec3 ta = vec3(0.0, 0.45, 0.0);
    vec3 ww = normalize(ta - ro);
    vec3 uu = normalize(cross(ww, vec3(0.0, 1.0, 0.0)));
    vec3 vv = cross(uu, ww);
    vec3 rd = normalize(uv.x * uu + uv.y * vv + 1.8 * ww);

    vec3 sky = mix(vec3(0.8, 0.6, 0.5), vec3(0.15, 0.35, 0.75), clamp(rd.y * 2.0 + 0.3, 0.0, 1.0));
    vec3 col = sky;

    float t = 0.0;
    vec2 h = vec2(0.0);
    bool hit = false;
    for (int i = 0; i < 80; i++) {
        h = map(ro + rd * t);
        if (h.x < 0.001 * t) { hit = true; break; }
        t += h.x;
        if (t > 20.0) break;
    }

    if (hit) {
        vec3 p = ro + rd * t;
        vec3 n = calcNormal(p);
        vec3 lightDir = normalize(vec3(-0.7, 0.5, 0.2));
        vec3 mat = h.y > 0.5 ? vec3(0.8, 0.18, 0.08) : vec3(0.3, 0.42, 0.32);
        if (h.y < 0.5) {
            // faint checker on the ground
            float c = mod(floor(p.x * 1.5) + floor(p.z * 1.5), 2.0);
            mat *= 0.85 + 0.15 * c;
        }
        float dif = clamp(dot(n, lightDir), 0.0, 1.0) * softShadow(p + n * 0.002, lightDir);
        float occ = ambientOcclusion(p, n);
        float skyLight = 0.5 + 0.5 * n.y;
        vec3 hal = normalize(lightDir - rd);
        float spe = pow(clamp(dot(n, hal), 0.0, 1.0), 32.0) * dif;

        col = mat * dif * vec3(1.3, 1.1, 0.9);
        col += mat * skyLight * occ * vec3(0.18, 0.24, 0.38);
        col += mat * occ * 0.15 * clamp(1.0 - n.y, 0.0, 1.0) * vec3(0.9, 0.6, 0.4); // bounce
        col += spe * 0.6 * (h.y > 0.5 ? 1.0 : 0.2);
        col = mix(col, sky, 1.0 - exp(-0.0015 * t * t * t));   // distance fog
    }

    col = pow(col, vec3(0.4545));    // gamma
    col *= 1.0 - 0.2 * dot(uv * 0.5, uv * 0.5);
    fragColor = vec4(col, 1.0);
}
$glsl$))),

-- 07. Julia Explorer
(7, 'Julia Explorer', 'Drag the mouse to pick the Julia constant. Without a mouse the constant travels around a circle through some of the prettiest sets; smooth iteration counts give the colour bands.',
 ARRAY['fractal', 'julia', 'mouse', 'interactive', 'escape-time'], '2d', '',
 jsonb_build_array(
  jsonb_build_object('name', 'Image', 'channels', '[]'::jsonb, 'code', $glsl$// Julia Explorer: drag the mouse to choose the Julia constant c.
// Without a mouse (or before the first click) c travels slowly around a circle,
// passing through some of the prettiest sets. Smooth iteration count gives the bands.

vec3 palette(float t) {
    return 0.5 + 0.5 * cos(6.28318 * (t * vec3(1.0, 1.0, 1.0) + vec3(0.0, 0.1, 0.2)) + vec3(0.0, 0.6, 1.2));
}

void mainImage(out vec4 fragColor, in vec2 fragCoord) {
    vec2 uv = (2.0 * fragCoord - iResolution.xy) / iResolution.y;

    vec2 c;
    if (iMouse.x <= 0.0 && iMouse.y <= 0.0) {
        float a = 2.2 + 0.25 * iTime;
        c = 0.7885 * vec2(cos(a), sin(a));
    } else {
        vec2 m = abs(iMouse.xy) / iResolution.xy;      // Shadertoy sign convention
        c = (m - 0.5) * vec2(3.0, 2.0);
    }

    vec2 z = uv * 1.25;
    float n = 0.0;
    const float MAX_ITER = 96.0;
    float escaped = 0.0;
    for (int i = 0; i < 96; i++) {
        z = vec2(z.x * z.x - z.y * z.y, 2.0 * z.x * z.y) + c;
        if (dot(z, z) > 256.0) { escaped = 1.0; break; }
        n += 1.0;
    }

    vec3 col = vec3(0.02, 0.01, 0.05);
    if (escaped > 0.5) {
        float sn = n - log2(log2(dot(z, z))) + 4.0;    // smooth iteration count
        float k = sn / MAX_ITER;
        col = palette(pow(k, 0.5) * 2.0 + 0.55);
        col = mix(vec3(0.02, 0.03, 0.12), col, smoothstep(0.02, 0.2, k));   // dark far field
    } else {
        // interior: a faint glow that depends on where the orbit ended up
        col += vec3(0.15, 0.05, 0.25) * (0.5 + 0.5 * sin(length(z) * 8.0));
    }

    fragColor = vec4(col, 1.0);
}
$glsl$))),

-- 08. Hex Pulse
(8, 'Hex Pulse', 'A hexagonal grid breathing in waves from the centre. The hexagon maths (cell coordinates, distance, palette) lives in the Common tab.',
 ARRAY['hexagon', 'tiling', 'common-tab', 'grid', 'pulse'], '2d', $glsl$// Common: shared helpers, pasted before every pass of this shader.

const float PI = 3.14159265359;
const float TAU = 6.28318530718;

float hash12(vec2 p) {
    vec3 p3 = fract(vec3(p.xyx) * 0.1031);
    p3 += dot(p3, p3.yzx + 33.33);
    return fract((p3.x + p3.y) * p3.z);
}

mat2 rot2(float a) {
    float c = cos(a), s = sin(a);
    return mat2(c, -s, s, c);
}

vec3 cosPalette(float t, vec3 a, vec3 b, vec3 c, vec3 d) {
    return a + b * cos(TAU * (c * t + d));
}

// Hexagonal tiling: xy = offset from the cell centre, zw = cell id.
vec4 hexCoords(vec2 p) {
    const vec2 s = vec2(1.0, 1.7320508);
    vec4 centres = floor(vec4(p, p - vec2(0.5, 1.0)) / s.xyxy) + 0.5;
    vec4 offsets = vec4(p - centres.xy * s, p - (centres.zw + 0.5) * s);
    return dot(offsets.xy, offsets.xy) < dot(offsets.zw, offsets.zw)
        ? vec4(offsets.xy, centres.xy)
        : vec4(offsets.zw, centres.zw + 0.5);
}

// Distance from the centre of a hexagon to its edge along p (1 at the edge when size is 0.5).
float hexDist(vec2 p) {
    p = abs(p);
    return max(dot(p, normalize(vec2(1.0, 1.7320508))), p.x);
}
$glsl$,
 jsonb_build_array(
  jsonb_build_object('name', 'Image', 'channels', '[]'::jsonb, 'code', $glsl$// Hex Pulse: the hexagon maths lives in the Common tab (hexCoords, hexDist, palette),
// so this pass only decides what each cell looks like.

void mainImage(out vec4 fragColor, in vec2 fragCoord) {
    vec2 uv = (fragCoord - 0.5 * iResolution.xy) / iResolution.y;
    vec2 p = rot2(0.15) * uv * 7.0;

    vec4 h = hexCoords(p);
    vec2 local = h.xy;
    vec2 id = h.zw;

    float rnd = hash12(id);
    float distFromCentre = length(id * vec2(1.0, 1.7320508)) * 0.35;
    // a wave that ripples out from the middle, plus a per-cell random offset
    float pulse = 0.5 + 0.5 * sin(iTime * 2.0 - distFromCentre * 1.6 + rnd * 1.5);

    float edge = hexDist(local);                   // 0 at centre, 0.5 at the edge
    float size = 0.22 + 0.2 * pulse;
    float cell = smoothstep(size + 0.015, size - 0.015, edge);
    float ring = smoothstep(0.025, 0.0, abs(edge - 0.46));

    vec3 tint = cosPalette(rnd * 0.35 + distFromCentre * 0.08 + iTime * 0.05,
                           vec3(0.45, 0.55, 0.5), vec3(0.4, 0.35, 0.4),
                           vec3(1.0), vec3(0.3, 0.2, 0.45));

    vec3 col = vec3(0.02, 0.05, 0.06);
    col += ring * vec3(0.1, 0.35, 0.35) * (0.4 + 0.6 * pulse);
    col = mix(col, tint * (0.6 + 0.6 * pulse), cell);
    col += tint * 0.25 * smoothstep(0.5, 0.0, edge) * pulse;   // inner glow
    col *= 1.0 - 0.6 * dot(uv, uv);
    fragColor = vec4(col, 1.0);
}
$glsl$))),

-- 09. Neon Ink Trails
(9, 'Neon Ink Trails', 'Buffer A reads its own previous frame, fades and swirls it, and paints three orbiting sparks on top; the Image pass adds a soft bloom. Everything the trails remember lives in the buffer.',
 ARRAY['multipass', 'feedback', 'buffer', 'trails', 'neon'], '2d', '',
 jsonb_build_array(
  jsonb_build_object('name', 'Buffer A', 'channels', jsonb_build_array(jsonb_build_object('kind', 'buffer', 'pass', 'Buffer A')), 'code', $glsl$// Buffer A: reads its own previous frame on iChannel0, fades it, swirls it a little,
// and paints three orbiting sparks on top. The trails are just old frames fading away.

vec2 sparkPos(int i, float t) {
    float fi = float(i);
    return vec2(0.9 * sin(t * (0.9 + 0.23 * fi) + fi * 2.1),
                0.6 * sin(t * (1.3 + 0.17 * fi) + fi * 1.3));
}

void mainImage(out vec4 fragColor, in vec2 fragCoord) {
    vec2 p = (2.0 * fragCoord - iResolution.xy) / iResolution.y;

    // sample the previous frame slightly rotated and zoomed, so trails curl outward
    vec2 src = p * 0.995;
    float a = 0.004;
    src = mat2(cos(a), -sin(a), sin(a), cos(a)) * src;
    vec2 srcUv = (src * iResolution.y + iResolution.xy) * 0.5 / iResolution.xy;
    vec3 prev = texture(iChannel0, srcUv).rgb;
    if (iFrame == 0) prev = vec3(0.0);
    prev = max(prev * 0.97 - 0.002, 0.0);

    vec3 cols[3];
    cols[0] = vec3(1.0, 0.25, 0.6);
    cols[1] = vec3(0.2, 0.9, 1.0);
    cols[2] = vec3(1.0, 0.8, 0.2);

    vec3 paint = vec3(0.0);
    for (int i = 0; i < 3; i++) {
        float d = length(p - sparkPos(i, iTime));
        paint += cols[i] * smoothstep(0.07, 0.0, d);
    }

    fragColor = vec4(clamp(max(prev, paint), 0.0, 1.0), 1.0);
}
$glsl$),
  jsonb_build_object('name', 'Image', 'channels', jsonb_build_array(jsonb_build_object('kind', 'buffer', 'pass', 'Buffer A')), 'code', $glsl$// Ink Trails (Image): shows Buffer A (bound to iChannel0) with a little bloom,
// over a dark backdrop. All the memory lives in Buffer A.

void mainImage(out vec4 fragColor, in vec2 fragCoord) {
    vec2 uv = fragCoord / iResolution.xy;
    vec2 px = 1.0 / iResolution.xy;

    vec3 trail = texture(iChannel0, uv).rgb;
    // cheap 8-tap bloom
    vec3 glow = vec3(0.0);
    for (int i = 0; i < 8; i++) {
        float a = float(i) * 0.785398;
        glow += texture(iChannel0, uv + vec2(cos(a), sin(a)) * px * 6.0).rgb;
    }
    glow /= 8.0;

    vec2 p = (2.0 * fragCoord - iResolution.xy) / iResolution.y;
    vec3 bg = mix(vec3(0.03, 0.02, 0.08), vec3(0.08, 0.03, 0.12), 0.5 + 0.5 * p.y);
    bg += 0.03 * vec3(0.3, 0.5, 1.0) * (0.5 + 0.5 * sin(p.x * 3.0 + iTime * 0.3));

    vec3 col = bg + trail * 1.1 + glow * 0.6;
    col = 1.0 - exp(-col * 1.3);
    fragColor = vec4(col, 1.0);
}
$glsl$))),

-- 10. Lava Marble
(10, 'Lava Marble', 'Fractal noise built from the built-in 256x256 RGBA noise texture instead of a hash function, bent into glowing veins of molten rock.',
 ARRAY['noise-texture', 'texture', 'fbm', 'lava', 'marble'], '2d', '',
 jsonb_build_array(
  jsonb_build_object('name', 'Image', 'channels', jsonb_build_array(jsonb_build_object('kind', 'texture', 'name', 'rgba-noise-256')), 'code', $glsl$// Lava Marble: fbm built from the built-in 256x256 RGBA noise texture on iChannel0
// instead of a hash function. texelFetch + manual smooth interpolation keeps it
// independent of how the texture is filtered or wrapped.

float texNoise(vec2 x) {
    vec2 size = max(vec2(textureSize(iChannel0, 0)), vec2(1.0));
    vec2 i = floor(x);
    vec2 f = fract(x);
    f = f * f * (3.0 - 2.0 * f);
    float a = texelFetch(iChannel0, ivec2(mod(i, size)), 0).r;
    float b = texelFetch(iChannel0, ivec2(mod(i + vec2(1.0, 0.0), size)), 0).r;
    float c = texelFetch(iChannel0, ivec2(mod(i + vec2(0.0, 1.0), size)), 0).r;
    float d = texelFetch(iChannel0, ivec2(mod(i + vec2(1.0, 1.0), size)), 0).r;
    return mix(mix(a, b, f.x), mix(c, d, f.x), f.y);
}

float fbm(vec2 p) {
    float sum = 0.0;
    float amp = 0.5;
    for (int i = 0; i < 6; i++) {
        sum += amp * texNoise(p);
        p = mat2(1.6, 1.2, -1.2, 1.6) * p + 17.0;
        amp *= 0.5;
    }
    return sum;
}

void mainImage(out vec4 fragColor, in vec2 fragCoord) {
    vec2 uv = (2.0 * fragCoord - iResolution.xy) / iResolution.y;
    vec2 p = uv * 3.0 + vec2(iTime * 0.15, 0.0);

    float warp = fbm(p + vec2(0.0, iTime * 0.1));
    float veins = sin(p.x * 1.3 + p.y * 0.7 + warp * 9.0 + iTime * 0.4);
    float v = 1.0 - abs(veins);              // sharp bright ridges where veins cross zero
    v = pow(v, 6.0);
    float crust = fbm(p * 2.0 - 5.0);

    vec3 rock = mix(vec3(0.06, 0.03, 0.03), vec3(0.25, 0.12, 0.08), crust);
    vec3 hot = mix(vec3(0.9, 0.15, 0.02), vec3(1.0, 0.85, 0.3), v);
    vec3 col = mix(rock, hot, clamp(v * 1.6, 0.0, 1.0));
    col += vec3(1.0, 0.4, 0.1) * 0.25 * smoothstep(0.6, 0.9, warp);   // glow under thin crust
    col *= 1.0 - 0.25 * dot(uv * 0.6, uv * 0.6);
    fragColor = vec4(col, 1.0);
}
$glsl$))),

-- 11. Stained Glass
(11, 'Stained Glass', 'Animated Voronoi cells: the nearest and second-nearest feature points give each pane its colour and draw the lead between them.',
 ARRAY['voronoi', 'cellular', 'worley', 'glass', 'pattern'], '2d', '',
 jsonb_build_array(
  jsonb_build_object('name', 'Image', 'channels', '[]'::jsonb, 'code', $glsl$// Stained Glass: animated Voronoi cells. For each pixel we find the nearest and second
// nearest feature point in the 3x3 neighbouring cells; their difference draws the leading.

vec2 hash22(vec2 p) {
    vec3 p3 = fract(vec3(p.xyx) * vec3(0.1031, 0.1030, 0.0973));
    p3 += dot(p3, p3.yzx + 33.33);
    return fract((p3.xx + p3.yz) * p3.zy);
}

void mainImage(out vec4 fragColor, in vec2 fragCoord) {
    vec2 uv = (fragCoord - 0.5 * iResolution.xy) / iResolution.y;
    vec2 p = uv * 5.0;
    vec2 ip = floor(p);
    vec2 fp = fract(p);

    float d1 = 8.0, d2 = 8.0;
    vec2 nearestId = vec2(0.0);
    vec2 nearestVec = vec2(0.0);
    for (int y = -1; y <= 1; y++) {
        for (int x = -1; x <= 1; x++) {
            vec2 g = vec2(float(x), float(y));
            vec2 o = hash22(ip + g);
            o = 0.5 + 0.3 * sin(iTime * 0.8 + 6.2831 * o);   // points drift, but stay apart
            vec2 r = g + o - fp;
            float d = dot(r, r);
            if (d < d1) {
                d2 = d1; d1 = d; nearestId = ip + g; nearestVec = r;
            } else if (d < d2) {
                d2 = d;
            }
        }
    }
    float border = sqrt(d2) - sqrt(d1);

    vec2 h = hash22(nearestId * 1.7 + 3.1);
    vec3 glass = 0.5 + 0.5 * cos(6.2831 * (h.x + vec3(0.0, 0.33, 0.67)));
    glass = mix(glass, vec3(0.2, 0.5, 0.9), 0.25);
    // light shining through: brighter towards the middle of each pane and to the top
    float light = 0.6 + 0.4 * (1.0 - sqrt(d1)) + 0.25 * uv.y;
    light *= 0.85 + 0.15 * sin(iTime * 1.5 + h.y * 6.2831);
    vec3 col = glass * light;
    col += 0.25 * pow(max(0.0, 1.0 - length(nearestVec + 0.2)), 4.0);  // glint

    float lead = smoothstep(0.06, 0.1, border);
    col = mix(vec3(0.04, 0.035, 0.03), col, lead);
    col *= 1.0 - 0.5 * dot(uv, uv);
    fragColor = vec4(col, 1.0);
}
$glsl$))),

-- 12. Aurora Ridge
(12, 'Aurora Ridge', 'Curtains of northern lights built from stacked, noise-bent bands over a twinkling starfield and two layers of mountains.',
 ARRAY['aurora', 'night', 'stars', 'landscape', 'sky'], '2d', '',
 jsonb_build_array(
  jsonb_build_object('name', 'Image', 'channels', '[]'::jsonb, 'code', $glsl$// Aurora Ridge: curtains of light built from stacked, noise-bent sine bands,
// a hashed starfield and a mountain silhouette from 1D fbm.

float hash11(float p) {
    p = fract(p * 0.1031);
    p *= p + 33.33;
    p *= p + p;
    return fract(p);
}

float hash21(vec2 p) {
    vec3 p3 = fract(vec3(p.xyx) * 0.1031);
    p3 += dot(p3, p3.yzx + 33.33);
    return fract((p3.x + p3.y) * p3.z);
}

float noise1(float x) {
    float i = floor(x);
    float f = fract(x);
    return mix(hash11(i), hash11(i + 1.0), f * f * (3.0 - 2.0 * f));
}

float ridge(float x) {
    float h = 0.0;
    float amp = 0.5;
    for (int i = 0; i < 5; i++) {
        h += amp * noise1(x);
        x *= 2.1;
        amp *= 0.5;
    }
    return h;
}

void mainImage(out vec4 fragColor, in vec2 fragCoord) {
    vec2 uv = fragCoord / iResolution.xy;
    vec2 p = (2.0 * fragCoord - iResolution.xy) / iResolution.y;

    vec3 col = mix(vec3(0.02, 0.05, 0.12), vec3(0.0, 0.01, 0.04), uv.y);

    // stars
    vec2 sg = floor(fragCoord / 3.0);
    float s = hash21(sg);
    col += vec3(0.9, 0.95, 1.0) * step(0.995, s) * (0.5 + 0.5 * sin(iTime * 3.0 + s * 100.0)) * uv.y;

    // aurora: 12 thin bands at rising heights, each bent by slow noise
    vec3 aur = vec3(0.0);
    for (int i = 0; i < 12; i++) {
        float fi = float(i);
        float y0 = 0.05 + fi * 0.045;
        float bend = 0.25 * sin(p.x * 1.3 + iTime * 0.35 + fi * 0.4)
                   + 0.15 * (noise1(p.x * 2.0 + iTime * 0.5 + fi * 3.0) - 0.5);
        float d = p.y - y0 - bend;
        // sharp lower edge, long soft fade upward
        float band = smoothstep(-0.02, 0.0, d) * exp(-max(d, 0.0) * 6.0);
        float flicker = 0.6 + 0.4 * sin(p.x * 9.0 + fi * 1.7 - iTime * 1.5);
        vec3 c = mix(vec3(0.1, 1.0, 0.55), vec3(0.55, 0.25, 1.0), fi / 11.0);
        aur += c * band * flicker * 0.22;
    }
    col += aur;

    // mountains
    float m = -0.55 + 0.45 * ridge(p.x * 1.2 + 3.0);
    float m2 = -0.75 + 0.35 * ridge(p.x * 2.0 + 11.0);
    col = mix(col, vec3(0.02, 0.04, 0.07) + aur * 0.08, smoothstep(0.005, 0.0, p.y - m));
    col = mix(col, vec3(0.01, 0.015, 0.02), smoothstep(0.005, 0.0, p.y - m2));

    col = 1.0 - exp(-col * 1.5);
    fragColor = vec4(col, 1.0);
}
$glsl$))),

-- 13. Endless Colonnade
(13, 'Endless Colonnade', 'One fluted pillar, repeated forever with mod(), walked through at sunset. Distance fog hides the horizon and the low sun casts soft shadows across the floor.',
 ARRAY['raymarching', 'sdf', 'domain-repetition', 'architecture', 'fog', 'sunset'], '3d', '',
 jsonb_build_array(
  jsonb_build_object('name', 'Image', 'channels', '[]'::jsonb, 'code', $glsl$// Endless Colonnade: one pillar, repeated forever with mod() (domain repetition),
// walked through at sunset. Distance fog hides the horizon; the sun gets a soft shadow pass.

float sdCylinder(vec2 p, float r) {
    return length(p) - r;
}

float map(vec3 p) {
    vec3 q = p;
    q.xz = mod(q.xz + 2.0, 4.0) - 2.0;          // repeat every 4 units in x and z
    float radius = 0.45 + 0.02 * cos(atan(q.z, q.x) * 16.0);  // fluting
    float pillar = 0.8 * sdCylinder(q.xz, radius);
    pillar = max(pillar, p.y - 3.2);
    float cap = length(max(abs(q - vec3(0.0, 3.2, 0.0)) - vec3(0.65, 0.15, 0.65), 0.0)) - 0.03;
    float base = length(max(abs(q - vec3(0.0, 0.1, 0.0)) - vec3(0.6, 0.1, 0.6), 0.0)) - 0.03;
    float ground = p.y;
    return min(min(pillar, cap), min(base, ground));
}

vec3 normalAt(vec3 p) {
    const vec2 e = vec2(0.002, 0.0);
    return normalize(vec3(map(p + e.xyy) - map(p - e.xyy),
                          map(p + e.yxy) - map(p - e.yxy),
                          map(p + e.yyx) - map(p - e.yyx)));
}

float shadow(vec3 ro, vec3 rd) {
    float res = 1.0;
    float t = 0.05;
    for (int i = 0; i < 24; i++) {
        float h = map(ro + rd * t);
        res = min(res, 8.0 * h / t);
        t += clamp(h, 0.05, 0.5);
        if (res < 0.005 || t > 10.0) break;
    }
    return clamp(res, 0.0, 1.0);
}

void mainImage(out vec4 fragColor, in vec2 fragCoord) {
    vec2 uv = (2.0 * fragCoord - iResolution.xy) / iResolution.y;

    vec3 ro = vec3(0.0 + 0.3 * sin(iTime * 0.3), 1.4, iTime * 0.8);
    ro.x += 2.0;                                   // walk down the aisle between pillars
    vec3 rd = normalize(vec3(uv.x, uv.y * 0.9 + 0.05, 1.6));
    float yaw = 0.15 * sin(iTime * 0.25) + 0.12;
    rd.xz = mat2(cos(yaw), -sin(yaw), sin(yaw), cos(yaw)) * rd.xz;

    vec3 sunDir = normalize(vec3(-0.75, 0.3, 0.55));
    vec3 skyCol = mix(vec3(1.0, 0.55, 0.3), vec3(0.35, 0.3, 0.55), clamp(rd.y * 1.5, 0.0, 1.0));
    skyCol += vec3(1.0, 0.7, 0.4) * pow(max(dot(rd, sunDir), 0.0), 16.0);

    float t = 0.0;
    bool hit = false;
    for (int i = 0; i < 80; i++) {
        float d = map(ro + rd * t);
        if (d < 0.001 * t + 0.0005) { hit = true; break; }
        t += d;
        if (t > 40.0) break;
    }

    vec3 col = skyCol;
    if (hit) {
        vec3 p = ro + rd * t;
        vec3 n = normalAt(p);
        vec3 stone = vec3(0.85, 0.7, 0.55);
        if (p.y < 0.01) stone *= 0.7 + 0.3 * mod(floor(p.x) + floor(p.z), 2.0);
        float dif = max(dot(n, sunDir), 0.0) * shadow(p + n * 0.01, sunDir);
        float amb = 0.3 + 0.2 * n.y;
        col = stone * (dif * vec3(1.6, 1.0, 0.55) + amb * vec3(0.2, 0.22, 0.4));
        float fog = 1.0 - exp(-t * 0.05);
        col = mix(col, skyCol * 0.9, fog);
    }

    col = pow(col, vec3(0.4545));
    fragColor = vec4(col, 1.0);
}
$glsl$))),

-- 14. Gooey Metaballs
(14, 'Gooey Metaballs', 'Six drifting charges add up to one field; thresholding it gives blobs that merge and split, and its gradient lights them like glossy goo.',
 ARRAY['metaballs', 'implicit', 'blobs', 'field', 'organic'], '2d', '',
 jsonb_build_array(
  jsonb_build_object('name', 'Image', 'channels', '[]'::jsonb, 'code', $glsl$// Gooey Metaballs: six drifting charges, each adding 1/d^2 to a field.
// Thresholding the field gives blobs that merge; its gradient gives them a rim light.

vec2 ballPos(int i, float t) {
    float fi = float(i);
    return vec2(0.95 * sin(t * (0.5 + 0.13 * fi) + fi * 1.9),
                0.55 * cos(t * (0.7 + 0.11 * fi) + fi * 2.7));
}

float field(vec2 p, float t) {
    float f = 0.0;
    for (int i = 0; i < 6; i++) {
        vec2 d = p - ballPos(i, t);
        f += 0.035 / (dot(d, d) + 0.001);
    }
    return f;
}

void mainImage(out vec4 fragColor, in vec2 fragCoord) {
    vec2 p = (2.0 * fragCoord - iResolution.xy) / iResolution.y;
    float t = iTime;

    float f = field(p, t);
    vec2 e = vec2(2.0 / iResolution.y, 0.0);
    vec2 grad = vec2(field(p + e.xy, t) - field(p - e.xy, t),
                     field(p + e.yx, t) - field(p - e.yx, t)) / (2.0 * e.x);

    vec3 bg = mix(vec3(0.12, 0.04, 0.2), vec3(0.25, 0.08, 0.35), 0.5 + 0.5 * p.y);
    bg += 0.05 * smoothstep(0.3, 0.9, f) * vec3(0.6, 1.0, 0.2);   // halo
    float iso = 1.0;
    float inside = smoothstep(iso - 0.03, iso + 0.03, f);

    // fake 3D: treat the field gradient as a surface normal
    vec3 n = normalize(vec3(-grad * 0.08, 1.0));
    vec3 l = normalize(vec3(-0.5, 0.6, 0.8));
    float dif = max(dot(n, l), 0.0);
    float spec = pow(max(dot(reflect(-l, n), vec3(0.0, 0.0, 1.0)), 0.0), 24.0);
    vec3 goo = mix(vec3(0.25, 0.65, 0.05), vec3(0.75, 1.0, 0.25), dif) + spec * 0.6;
    goo *= 0.8 + 0.2 * smoothstep(1.0, 3.0, f);

    vec3 col = mix(bg, goo, inside);
    col += vec3(0.6, 1.0, 0.3) * 0.6 * smoothstep(0.06, 0.0, abs(f - iso)) * (1.0 - inside);
    col *= 1.0 - 0.3 * dot(p * 0.6, p * 0.6);
    fragColor = vec4(col, 1.0);
}
$glsl$)))
),
inserted AS (
  INSERT INTO shaders (id, author_id, title, description, tags, type, status, visibility,
                       current_version, render_state, thumbnail_time, published_at, created_at, updated_at)
  SELECT ('00000000-0000-4000-8000-' || lpad((100 + n)::text, 12, '0'))::uuid,
         '00000000-0000-4000-8000-000000000001', title, description, tags, type::shader_type,
         'published', 'public', 1, 'queued', 2,
         now() - n * interval '1 hour', now() - n * interval '1 hour', now() - n * interval '1 hour'
  FROM seed
  RETURNING id, published_at
)
INSERT INTO shader_versions (shader_id, version, passes, common_code, change_note, author_id, code_hash, created_at)
SELECT i.id, 1, s.passes, s.common_code, 'Initial version', '00000000-0000-4000-8000-000000000001',
       encode(sha256(convert_to(s.common_code || s.passes::text, 'UTF8')), 'hex'), i.published_at
FROM seed s
JOIN inserted i ON i.id = ('00000000-0000-4000-8000-' || lpad((100 + s.n)::text, 12, '0'))::uuid;
