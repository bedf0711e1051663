import type {
  CreateDesireBody,
  Desire,
  DesireCluster,
  DesireClosure,
  DesireDetail,
  DesireFulfilment,
  DesireListQuery,
  DesireSupportResult,
  DesireTipResult,
  Page,
} from '@fractafrag/contracts';
import { badRequest, conflict, forbidden, notFound } from '@fractafrag/core';
import { withTransaction, type Pool, type PoolClient } from '@fractafrag/db';
import { isModerator, type AuthContext } from '../auth/auth-context.ts';
import { decodeCursor, encodeCursor } from '../http/cursor.ts';
import { enqueueDesireEmbed, type EmbedQueueDeps } from '../queue/embed-queue.ts';
import { refundTips } from '@fractafrag/db';
import { creditPoints, debitPoints, pointsOf } from './bounty.repository.ts';
import { desireHeat } from './desire-heat.ts';
import { toDesire, toDesireCluster } from './desire.mapper.ts';
import {
  addSupport,
  bumpCounters,
  findClusterRef,
  findDesire,
  findFulfillingShader,
  findSimilarDesires,
  insertDesire,
  insertTip,
  listClusters,
  listDesires,
  lockDesire,
  markClosed,
  markFulfilled,
  removeSupport,
  setHeat,
  type HeatInputsRow,
  type LockedDesire,
} from './desire.repository.ts';

export interface DesireDeps extends EmbedQueueDeps {
  pool: Pool;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const SIMILAR_LIMIT = 5;

/** Stores the desire (heat 1, the prior) and enqueues its embedding; clustering follows in the worker. */
export async function createDesire(
  deps: DesireDeps,
  authorId: string,
  body: CreateDesireBody,
  requestId?: string,
): Promise<Desire> {
  const heat = desireHeat({
    supports: 0,
    tipPoints: 0,
    clusterSize: 1,
    createdAt: new Date(),
    now: new Date(),
  });
  const id = await insertDesire(deps.pool, authorId, body, heat);
  await enqueueDesireEmbed(deps, id, requestId);
  return toDesire((await findDesire(deps.pool, id, authorId))!);
}

export async function listDesirePage(
  deps: DesireDeps,
  query: DesireListQuery,
  viewerId: string | null,
): Promise<Page<Desire>> {
  const after = query.cursor ? decodeCursor(query.cursor) : undefined;
  if (after && typeof after.sortKey !== (query.sort === 'heat' ? 'number' : 'string')) {
    throw badRequest(`This cursor belongs to another sort order: pass it back with the sort it came from.`);
  }
  const rows = await listDesires(deps.pool, {
    sort: query.sort,
    status: query.status,
    limit: query.limit,
    viewerId,
    after: after ? { key: after.sortKey, id: after.id } : undefined,
  });
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    items: page.map(toDesire),
    nextCursor:
      rows.length > query.limit && last
        ? encodeCursor(query.sort === 'heat' ? last.heat : last.created_key, last.id)
        : null,
  };
}

/** A desire with its cluster and its nearest neighbours (both empty until the worker embedded it). */
export async function getDesire(
  deps: DesireDeps,
  id: string,
  viewerId: string | null,
): Promise<DesireDetail> {
  const row = UUID.test(id) ? await findDesire(deps.pool, id, viewerId) : null;
  if (!row) throw notFound('Desire');
  const [cluster, similar] = await Promise.all([
    row.cluster_id ? findClusterRef(deps.pool, row.cluster_id) : null,
    findSimilarDesires(deps.pool, id, viewerId, SIMILAR_LIMIT),
  ]);
  return {
    ...toDesire(row),
    cluster,
    similar: similar.map((r) => ({ ...toDesire(r), similarity: r.similarity })),
  };
}

/** Locks the desire for this transaction, or 404. */
async function lockOrNotFound(client: PoolClient, id: string): Promise<LockedDesire> {
  const desire = UUID.test(id) ? await lockDesire(client, id) : null;
  if (!desire) throw notFound('Desire');
  return desire;
}

function assertOpen(desire: LockedDesire, action: string): void {
  if (desire.status !== 'open')
    throw conflict(`This desire is ${desire.status}; only open desires can be ${action}.`);
  if (desire.expired) throw conflict(`This desire has expired; only open desires can be ${action}.`);
}

async function refreshHeat(client: PoolClient, id: string, inputs: HeatInputsRow): Promise<number> {
  const heat = desireHeat({
    supports: inputs.support_count,
    tipPoints: inputs.tip_total,
    clusterSize: inputs.cluster_size ?? 1,
    createdAt: inputs.created_at,
    now: new Date(),
  });
  await setHeat(client, id, heat);
  return heat;
}

/**
 * "Me too". Idempotent: supporting twice counts once. The author cannot support their own desire
 * (posting it already says they want it), and only open desires gather support.
 */
export async function supportDesire(
  deps: DesireDeps,
  id: string,
  userId: string,
): Promise<DesireSupportResult> {
  return withTransaction(deps.pool, async (client) => {
    const desire = await lockOrNotFound(client, id);
    if (desire.author_id === userId) {
      throw forbidden(
        'You posted this desire; your support is already implied. Support other desires instead.',
      );
    }
    assertOpen(desire, 'supported');
    const added = await addSupport(client, id, userId);
    const inputs = await bumpCounters(client, id, added ? 1 : 0, 0);
    const heat = await refreshHeat(client, id, inputs);
    return { desireId: id, supported: true, supportCount: inputs.support_count, heat };
  });
}

/** Withdraws a "me too"; idempotent, and allowed in any state. */
export async function unsupportDesire(
  deps: DesireDeps,
  id: string,
  userId: string,
): Promise<DesireSupportResult> {
  return withTransaction(deps.pool, async (client) => {
    await lockOrNotFound(client, id);
    const removed = await removeSupport(client, id, userId);
    const inputs = await bumpCounters(client, id, removed ? -1 : 0, 0);
    const heat = await refreshHeat(client, id, inputs);
    return { desireId: id, supported: false, supportCount: inputs.support_count, heat };
  });
}

/**
 * Moves points from the caller's balance into the desire's bounty, atomically: the desire row and
 * then the caller's row are locked, and the debit only happens if the balance covers it, so
 * concurrent tips can never overdraw. Tipping your own desire is allowed (it raises its bounty).
 */
export async function tipDesire(
  deps: DesireDeps,
  id: string,
  userId: string,
  points: number,
): Promise<DesireTipResult> {
  return withTransaction(deps.pool, async (client) => {
    const desire = await lockOrNotFound(client, id);
    assertOpen(desire, 'tipped');
    const balance = await debitPoints(client, userId, points);
    if (balance === null) {
      const current = await pointsOf(client, userId);
      throw conflict(`Not enough points: you have ${current} and tried to tip ${points}.`, {
        balance: current,
        requested: points,
      });
    }
    await insertTip(client, id, userId, points);
    const inputs = await bumpCounters(client, id, 0, points);
    const heat = await refreshHeat(client, id, inputs);
    return { desireId: id, points, tipTotal: inputs.tip_total, heat, balance };
  });
}

/**
 * Marks an open desire fulfilled by one of the caller's published (public or unlisted) shaders
 * and credits the whole bounty (tip total) to the caller. Authors cannot fulfil their own desire,
 * so nobody can collect tips on a request they posted themselves.
 */
export async function fulfilDesire(
  deps: DesireDeps,
  id: string,
  userId: string,
  shaderId: string,
): Promise<DesireFulfilment> {
  const credited = await withTransaction(deps.pool, async (client) => {
    const desire = await lockOrNotFound(client, id);
    const shader = await findFulfillingShader(client, shaderId);
    const visible =
      shader &&
      (shader.author_id === userId || (shader.status !== 'draft' && shader.visibility !== 'private'));
    if (!shader || !visible) throw notFound('Shader');
    if (shader.author_id !== userId)
      throw forbidden('You can only fulfil a desire with a shader of your own.');
    if (desire.author_id === userId) {
      throw forbidden('You cannot fulfil your own desire; close it instead if you no longer need it.');
    }
    if (shader.status !== 'published' || shader.visibility === 'private') {
      throw conflict('The shader must be published and public or unlisted before it can fulfil a desire.');
    }
    assertOpen(desire, 'fulfilled');
    await markFulfilled(client, id, shaderId);
    const balance = await creditPoints(client, userId, desire.tip_total);
    return { points: desire.tip_total, balance };
  });
  const row = await findDesire(deps.pool, id, userId);
  return { desire: toDesire(row!), creditedPoints: credited.points, balance: credited.balance };
}

/** The author or a moderator closes an open desire; its tips go back to the people who gave them. */
export async function closeDesire(deps: DesireDeps, id: string, auth: AuthContext): Promise<DesireClosure> {
  const refunded = await withTransaction(deps.pool, async (client) => {
    const desire = await lockOrNotFound(client, id);
    if (desire.author_id !== auth.userId && !isModerator(auth)) {
      throw forbidden('Only the author of a desire or a moderator can close it.');
    }
    if (desire.status !== 'open') throw conflict(`This desire is already ${desire.status}.`);
    await markClosed(client, id);
    return refundTips(client, id);
  });
  const row = await findDesire(deps.pool, id, auth.userId);
  return { desire: toDesire(row!), refundedPoints: refunded };
}

export async function listDesireClusters(
  deps: DesireDeps,
  limit: number,
): Promise<{ items: DesireCluster[] }> {
  return { items: (await listClusters(deps.pool, limit)).map(toDesireCluster) };
}
