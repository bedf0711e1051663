import type { VoteState } from '@fractafrag/contracts';
import { conflict, forbidden } from '@fractafrag/core';
import { withTransaction, type Pool } from '@fractafrag/db';
import type { AuthContext } from '../auth/auth-context.ts';
import { lockShaderCounters, saveShaderCounters } from '../feed/shader-state.repository.ts';
import { assertShaderId, assertVisible } from '../shaders/shader-access.ts';
import {
  deleteVote,
  findVote,
  findVoteCounts,
  upsertVote,
  type VoteCountsRow,
  type VoteValue,
} from './vote.repository.ts';

export interface VoteDeps {
  pool: Pool;
  /** Debounced recompute of the voter's taste vector (the API's taste queue); never throws. */
  requestTasteRefresh?: (userId: string) => void;
}

const state = (row: VoteCountsRow, hot: number, myVote: VoteValue | null): VoteState => ({
  shaderId: row.id,
  votes: { up: row.vote_up, down: row.vote_down },
  hotScore: hot,
  myVote,
});

/**
 * Casts, switches (value) or removes (null) the caller's vote. The shader row is locked for the
 * whole transaction, so the vote, both counters and the hot score recomputed from them commit
 * together, and concurrent votes queue instead of losing updates.
 *
 * Rules: 404 for a shader the caller cannot see; 403 for one's own shader (self-votes would let
 * every author start at +1, which says nothing); 409 for a draft or archived shader, which take no
 * votes. Removing a vote only needs the shader to be visible and is idempotent.
 */
export async function setVote(
  deps: VoteDeps,
  shaderId: string,
  auth: AuthContext,
  value: VoteValue | null,
): Promise<VoteState> {
  assertShaderId(shaderId);
  const result = await withTransaction(deps.pool, async (client) => {
    const shader = assertVisible(await lockShaderCounters(client, shaderId), auth);
    if (value !== null) {
      if (shader.author_id === auth.userId) throw forbidden('You cannot vote on your own shader.');
      if (shader.status !== 'published') {
        throw conflict(`Only published shaders take votes; this one is ${shader.status}.`);
      }
    }
    const previous = await findVote(client, auth.userId, shaderId);
    if (previous === value) return state(shader, shader.hot_score, value);

    if (value === null) await deleteVote(client, auth.userId, shaderId);
    else await upsertVote(client, auth.userId, shaderId, value);
    const next = {
      ...shader,
      vote_up: shader.vote_up - (previous === 1 ? 1 : 0) + (value === 1 ? 1 : 0),
      vote_down: shader.vote_down - (previous === -1 ? 1 : 0) + (value === -1 ? 1 : 0),
    };
    const hot = await saveShaderCounters(client, next);
    return state(next, hot, value);
  });
  deps.requestTasteRefresh?.(auth.userId);
  return result;
}

/** The shader's counts and the caller's current vote. */
export async function getVote(deps: VoteDeps, shaderId: string, auth: AuthContext): Promise<VoteState> {
  assertShaderId(shaderId);
  const shader = assertVisible(await findVoteCounts(deps.pool, shaderId), auth);
  return state(shader, shader.hot_score, await findVote(deps.pool, auth.userId, shaderId));
}
