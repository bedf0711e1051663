import express, { type Express } from 'express';
import { z } from 'zod';
import { errorHandler, validationFailed } from '@fractafrag/core';
import { embedText } from '@fractafrag/embeddings';

export const embedTextBodySchema = z.object({
  text: z.string().trim().min(1, 'text must not be empty').max(2000, 'text must be at most 2000 characters'),
});

export interface EmbedTextReply {
  /** EMBEDDING_DIM (256) numbers, unit length. */
  vector: number[];
}

/**
 * POST /embed/text: the text embedding of a search query, for the API's semantic search, which
 * must not load the sentence encoder itself. The same embedText as the embed jobs (one model per
 * process, loaded on first use and shared with them), with the query as a prompt, so the vector
 * lives in the same space as shaders.text_embedding. Internal: the worker's port is not published.
 */
export function registerEmbedTextRoutes(app: Express): void {
  app.post('/embed/text', express.json({ limit: '16kb' }), async (req, res) => {
    const parsed = embedTextBodySchema.safeParse(req.body ?? {});
    if (!parsed.success) {
      throw validationFailed(
        'The body must be {"text": "…"} with 1 to 2000 characters.',
        parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
      );
    }
    const reply: EmbedTextReply = { vector: await embedText(parsed.data.text) };
    res.json(reply);
  });
  app.use(errorHandler);
}
