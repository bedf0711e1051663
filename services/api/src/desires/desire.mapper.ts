import type { Desire, DesireCluster } from '@fractafrag/contracts';
import type { ClusterRow, DesireRow } from './desire.repository.ts';

export function toDesire(row: DesireRow): Desire {
  return {
    id: row.id,
    prompt: row.prompt,
    details: row.details,
    tags: row.tags,
    status: row.status,
    author: { id: row.author_id, username: row.author_username },
    supportCount: row.support_count,
    tipTotal: row.tip_total,
    heat: row.heat,
    clusterId: row.cluster_id,
    supportedByMe: row.supported_by_me,
    fulfilledBy:
      row.fulfilled_by && row.fulfilled_title !== null
        ? { shaderId: row.fulfilled_by, title: row.fulfilled_title }
        : null,
    fulfilledAt: row.fulfilled_at?.toISOString() ?? null,
    expiresAt: row.expires_at.toISOString(),
    createdAt: row.created_at.toISOString(),
  };
}

export function toDesireCluster(row: ClusterRow): DesireCluster {
  return {
    id: row.id,
    label: row.label,
    size: row.size,
    heat: row.heat,
    openCount: row.open_count,
    createdAt: row.created_at.toISOString(),
  };
}
