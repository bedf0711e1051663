import type pg from 'pg';
import { eventually } from '../../tests/support/eventually.ts';

/**
 * Waits until the stack is idle: the init.sql seed shaders rendered and embedded, so they do not
 * compete with what a benchmark measures.
 */
export async function waitForIdleSeed(db: pg.Client): Promise<void> {
  await eventually(
    'the seed shaders to be rendered and embedded',
    async () => {
      const { rows } = await db.query<{ busy: number }>(
        `SELECT count(*)::int AS busy FROM shaders
         WHERE deleted_at IS NULL AND (render_state IN ('queued', 'rendering') OR text_embedding IS NULL)`,
      );
      return rows[0]!.busy === 0 ? true : undefined;
    },
    300_000,
    500,
  );
}
