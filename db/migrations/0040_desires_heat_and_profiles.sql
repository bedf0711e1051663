-- Desire heat, computed in SQL so a whole cluster (or every open desire, for the periodic decay)
-- is refreshed in one statement. Mirrors services/api/src/desires/desire-heat.ts exactly; the
-- desires integration test pins the two together:
--   heat = (1 + 2·ln(1 + supports) + ln(1 + tip points / 5) + 0.5·ln(cluster size)) · 0.5^(age hours / 72)
CREATE OR REPLACE FUNCTION desire_heat(
  p_supports integer, p_tip_points integer, p_cluster_size integer, p_created_at timestamptz, p_now timestamptz
) RETURNS double precision LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT (1.0
          + 2.0 * ln(1.0 + greatest(p_supports, 0))
          + ln(1.0 + greatest(p_tip_points, 0) / 5.0)
          + 0.5 * ln(greatest(coalesce(p_cluster_size, 1), 1)))
       * power(0.5, greatest(extract(epoch FROM (p_now - p_created_at)), 0) / 3600.0 / 72.0)
$$;

-- A user's published public shaders, newest first (public profiles).
CREATE INDEX IF NOT EXISTS shaders_author_published ON shaders (author_id, published_at DESC, id DESC)
  WHERE status = 'published' AND visibility = 'public' AND deleted_at IS NULL;

-- Desires listed by heat or age in a state other than open (the baseline indexes cover open/all).
CREATE INDEX IF NOT EXISTS desires_status_heat ON desires (status, heat DESC, id DESC);
CREATE INDEX IF NOT EXISTS desires_status_created ON desires (status, created_at DESC, id DESC);

-- The worker's reconciler looks for shaders and desires still without a text embedding.
CREATE INDEX IF NOT EXISTS shaders_unembedded ON shaders (created_at)
  WHERE text_embedding IS NULL AND deleted_at IS NULL;
CREATE INDEX IF NOT EXISTS desires_unembedded ON desires (created_at) WHERE embedding IS NULL;
