import type { EngagementEventBody, EngagementResult } from '@fractafrag/contracts';
import { validationFailed } from '@fractafrag/core';
import { withTransaction, type Pool } from '@fractafrag/db';
import type { AuthContext } from '../auth/auth-context.ts';
import { findShaderAccess, lockShaderCounters, saveShaderCounters } from '../feed/shader-state.repository.ts';
import { assertShaderId, assertVisible } from '../shaders/shader-access.ts';
import { insertEvent, lockActorEvents, recentEvents, type Actor } from './engagement.repository.ts';

export interface EngagementDeps {
  pool: Pool;
  /** Debounced recompute of the user's taste vector (the API's taste queue); never throws. */
  requestTasteRefresh?: (userId: string) => void;
}

/** A view or replay repeated by the same user or session within this window counts once. */
export const EVENT_WINDOW_MINUTES = 30;
/** Dwell accumulates per user or session and shader up to this much per window; the rest is ignored. */
export const DWELL_CAP_MS = 10 * 60_000;

/**
 * Records a view, dwell or replay and updates the shader's counters and hot score in the same
 * transaction. Anonymous callers identify their session with `sessionId`. Not counted (202 with
 * counted: false): repeats within the window, dwell beyond the cap, events on one's own shader and
 * on shaders that are not published.
 */
export async function recordEngagement(
  deps: EngagementDeps,
  shaderId: string,
  auth: AuthContext | undefined,
  body: EngagementEventBody,
): Promise<EngagementResult> {
  assertShaderId(shaderId);
  const actor: Actor = { userId: auth?.userId ?? null, sessionId: body.sessionId ?? null };
  if (!actor.userId && !actor.sessionId) {
    throw validationFailed(
      'Anonymous events need a sessionId: send a random id kept for the browsing session.',
      [{ path: 'sessionId', message: 'required when not logged in' }],
    );
  }
  const result = await withTransaction(deps.pool, async (client): Promise<EngagementResult> => {
    const shader = assertVisible(await findShaderAccess(client, shaderId), auth);
    if (shader.author_id === actor.userId || shader.status !== 'published') return { counted: false };

    await lockActorEvents(client, shaderId, body.kind, actor);
    const recent = await recentEvents(client, shaderId, body.kind, actor, EVENT_WINDOW_MINUTES);
    let dwellMs: number | null = null;
    if (body.kind === 'dwell') {
      dwellMs = Math.min(body.dwellMs ?? 0, DWELL_CAP_MS - recent.dwellMs);
      if (dwellMs <= 0) return { counted: false };
    } else if (recent.count > 0) {
      return { counted: false };
    }
    await insertEvent(client, shaderId, body.kind, actor, dwellMs);

    const counters = (await lockShaderCounters(client, shaderId))!;
    if (body.kind === 'view') counters.view_count += 1;
    else if (body.kind === 'replay') counters.replay_count += 1;
    else counters.dwell_ms_total += dwellMs!;
    await saveShaderCounters(client, counters);
    return { counted: true };
  });
  // Replays and dwell are taste signals; views are not.
  if (result.counted && actor.userId && body.kind !== 'view') deps.requestTasteRefresh?.(actor.userId);
  return result;
}
