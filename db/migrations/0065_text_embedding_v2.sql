-- Text embeddings moved from the hashed bag of words to the sentence encoder + words recipe
-- (packages/embeddings, TEXT_EMBEDDING_MODEL 'use-lite-pca192+words64 v1'). Same vector(256)
-- columns, different space: an old vector next to a new one would compare as noise. So the old ones
-- go, and the worker's reconciler re-embeds every shader (computing its visual embedding too, when
-- it has a thumbnail) and every desire, which re-clusters the desires from scratch. Taste vectors
-- are means of shader embeddings and are recomputed from engagement the same way.
UPDATE shaders SET text_embedding = NULL WHERE text_embedding IS NOT NULL;
UPDATE desires SET embedding = NULL, cluster_id = NULL WHERE embedding IS NOT NULL OR cluster_id IS NOT NULL;
DELETE FROM desire_clusters;
UPDATE users SET taste_vector = NULL WHERE taste_vector IS NOT NULL;
