import {
  desireClosureSchema,
  desireClusterListSchema,
  desireDetailSchema,
  desireFulfilmentSchema,
  desirePageSchema,
  desireSchema,
  desireSupportResultSchema,
  desireTipResultSchema,
  meSchema,
  type CreateDesireBody,
  type Desire,
  type DesireCluster,
  type DesireClosure,
  type DesireDetail,
  type DesireFulfilment,
  type DesireSupportResult,
  type DesireTipResult,
  type Me,
  type Page,
} from '@fractafrag/contracts';
import { apiFetch } from './client.ts';

/** Desires: the board, one desire, "me too", tips, fulfilment, clusters; and my points balance. */

export type DesireSort = 'heat' | 'new';

const at = (id: string, rest = '') => `/desires/${encodeURIComponent(id)}${rest}`;
const withSignal = (signal?: AbortSignal) => (signal ? { signal } : {});

export const desireKeys = {
  all: ['desires'] as const,
  list: (sort: DesireSort) => ['desires', 'list', sort] as const,
  detail: (id: string) => ['desires', 'detail', id] as const,
  clusters: ['desires', 'clusters'] as const,
};
export const meKey = ['me'] as const;

export function fetchDesires(
  sort: DesireSort,
  cursor: string | null,
  signal?: AbortSignal,
): Promise<Page<Desire>> {
  const params = new URLSearchParams({ sort, status: 'open', limit: '24' });
  if (cursor) params.set('cursor', cursor);
  return apiFetch(`/desires?${params.toString()}`, { schema: desirePageSchema, ...withSignal(signal) });
}

export function fetchDesire(id: string, signal?: AbortSignal): Promise<DesireDetail> {
  return apiFetch(at(id), { schema: desireDetailSchema, ...withSignal(signal) });
}

export function createDesire(body: CreateDesireBody): Promise<Desire> {
  return apiFetch('/desires', { method: 'POST', body, schema: desireSchema });
}

export function setSupport(id: string, supported: boolean): Promise<DesireSupportResult> {
  return apiFetch(at(id, '/support'), {
    method: supported ? 'POST' : 'DELETE',
    schema: desireSupportResultSchema,
  });
}

export function tipDesire(id: string, points: number): Promise<DesireTipResult> {
  return apiFetch(at(id, '/tip'), { method: 'POST', body: { points }, schema: desireTipResultSchema });
}

export function fulfilDesire(id: string, shaderId: string): Promise<DesireFulfilment> {
  return apiFetch(at(id, '/fulfil'), { method: 'POST', body: { shaderId }, schema: desireFulfilmentSchema });
}

export function closeDesire(id: string): Promise<DesireClosure> {
  return apiFetch(at(id, '/close'), { method: 'POST', schema: desireClosureSchema });
}

export async function fetchDesireClusters(signal?: AbortSignal): Promise<DesireCluster[]> {
  const reply = await apiFetch('/desire-clusters?limit=48', {
    schema: desireClusterListSchema,
    ...withSignal(signal),
  });
  return reply.items;
}

export function fetchMe(signal?: AbortSignal): Promise<Me> {
  return apiFetch('/me', { schema: meSchema, ...withSignal(signal) });
}
