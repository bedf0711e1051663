-- Social and discovery (votes, engagement, comments, search, feeds).

-- A shader starts at the hot score of one published this instant with no votes or engagement:
-- hotScore() with its prior of one up- and one down-vote = wilsonLowerBound(1, 1) (packages/ranking,
-- NEW_SHADER_HOT_SCORE; a test pins that the two agree). Age counts from published_at, so a draft
-- published later enters the trending feed at this score too, before any vote or periodic refresh.
ALTER TABLE shaders ALTER COLUMN hot_score SET DEFAULT 0.09452865480086611;

-- Existing published shaders nobody has engaged with yet: their hotScore() reduces exactly to
-- prior × 2^(−age/48 h). Everything else is left to the periodic refresh.
UPDATE shaders
SET hot_score = 0.09452865480086611
              * power(2, -greatest(0, extract(epoch FROM now() - published_at)) / 3600.0 / 48.0)
WHERE status = 'published' AND hot_score = 0 AND vote_up = 0 AND vote_down = 0
  AND replay_count = 0 AND dwell_ms_total = 0;

-- GET /feed/top and ?sort=top: net votes, newest id first on ties.
CREATE INDEX IF NOT EXISTS shaders_feed_top ON shaders ((vote_up - vote_down) DESC, id DESC)
  WHERE status = 'published' AND visibility = 'public' AND deleted_at IS NULL;

-- "Has this user seen that shader?" for the personal feed.
CREATE INDEX IF NOT EXISTS engagement_user_shader ON engagement_events (user_id, shader_id) WHERE user_id IS NOT NULL;

-- Deleted comments stay as placeholders only while they have live replies.
CREATE INDEX IF NOT EXISTS comments_parent ON comments (parent_id) WHERE parent_id IS NOT NULL;
