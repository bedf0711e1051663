/**
 * The traffic of the load run: what each request is, who sends it, and the little state real
 * clients carry (a reader's cursor in the new feed, the shaders they have seen).
 */
import { typicalShader } from '../pipeline/typical-shaders.ts';
import { timedRequest, type TimedReply } from './http.ts';
import type { LoadRecorder } from './recorder.ts';

export interface MixShares {
  reads: number;
  votes: number;
  comments: number;
  submissions: number;
}

/** "70,15,10,5" → reads, votes, comments, submissions (any scale; normalised when picking). */
export function parseMix(text: string): MixShares {
  const [reads, votes, comments, submissions] = text.split(',').map(Number);
  const shares = { reads, votes, comments, submissions };
  for (const [name, v] of Object.entries(shares))
    if (v === undefined || !Number.isFinite(v) || v < 0)
      throw new Error(`BENCH_MIX: ${name} must be a non-negative number (got "${text}")`);
  return shares as MixShares;
}

/** How reads split between pages (of all reads). */
const READ_SPLIT = { trending: 0.3, newFirst: 0.15, newNext: 0.2, shader: 0.35 };
/** Half the readers are signed in; the other half are anonymous visitors (per-IP limits). */
const ANONYMOUS_READ_SHARE = 0.5;
/** Readers paging through the new feed at once, each with its own cursor. */
const READERS = 25;

export interface LoadUser {
  id: string;
  token: string;
}

export type RateClass = 'read' | 'write' | 'publish';
/** Every anonymous request comes from this machine: one rate-limit identity. */
export const ANONYMOUS = 'anonymous (one IP)';

type Send = (route: string, method: string, path: string, body?: unknown) => Promise<TimedReply | undefined>;

export interface Submission {
  id: string;
  /** Wall clock (Date.now()) when the 201 arrived. */
  acceptedAt: number;
}

export class TrafficMix {
  readonly submissions: Submission[] = [];
  /** Requests per rate-limit identity and class: shows how far below the per-user limits we stay. */
  readonly identityCounts = new Map<string, number>();
  /** Each class's per-identity limit as the API reports it (X-RateLimit-Limit, already scaled). */
  readonly limits = new Map<RateClass, number>();
  private readonly cursors: (string | null)[] = Array.from({ length: READERS }, () => null);
  private readonly authorOf = new Map<string, string>();
  private readonly random: () => number;
  private readonly base: string;
  private readonly users: LoadUser[];
  private readonly shaderIds: string[];
  private readonly shares: MixShares;

  /** `shaderIds` seeds the pool of shaders to read, vote on and comment on; submissions join it. */
  constructor(base: string, users: LoadUser[], shaderIds: string[], shares: MixShares, seed = 1) {
    this.base = base;
    this.users = users;
    this.shaderIds = [...shaderIds];
    this.shares = shares;
    this.random = mulberry32(seed);
  }

  /** Request i of the run, due at `dueAt`, recorded in `recorder`. */
  async fire(i: number, dueAt: number, recorder: LoadRecorder): Promise<void> {
    const kind = this.pickKind();
    const cls: RateClass = kind === 'reads' ? 'read' : kind === 'submissions' ? 'publish' : 'write';
    // Readers may be anonymous; everyone else is signed in.
    const user = cls === 'read' && this.random() < ANONYMOUS_READ_SHARE ? undefined : this.pick(this.users);
    this.count(cls, user?.id ?? ANONYMOUS);
    const send: Send = async (route, method, path, body) => {
      const reply = await timedRequest(this.base, recorder, {
        route,
        method,
        path,
        dueAt,
        token: user?.token,
        body,
      });
      const limit = Number(reply?.headers.get('x-ratelimit-limit'));
      if (limit > 0 && user) this.limits.set(cls, limit);
      return reply;
    };
    if (kind === 'reads') return this.read(send);
    if (kind === 'submissions') {
      const reply = await send('POST /shaders', 'POST', '/api/v1/shaders', {
        title: `Load ${i}`,
        status: 'published',
        tags: ['load'],
        source: { passes: [{ name: 'Image', code: typicalShader(i).code }] },
      });
      if (reply?.status === 201) {
        const { id } = reply.body as { id: string };
        this.submissions.push({ id, acceptedAt: Date.now() });
        this.shaderIds.push(id);
        this.authorOf.set(id, user!.id);
      }
      return;
    }
    const shaderId = this.shaderNotBy(user!.id);
    if (kind === 'votes') {
      const value = this.random() < 0.8 ? 1 : -1;
      await send('PUT /shaders/:id/vote', 'PUT', `/api/v1/shaders/${shaderId}/vote`, { value });
    } else {
      await send('POST /shaders/:id/comments', 'POST', `/api/v1/shaders/${shaderId}/comments`, {
        body: `Load comment ${i}: the colours drift beautifully.`,
      });
    }
  }

  private async read(send: Send): Promise<void> {
    let r = this.random();
    if ((r -= READ_SPLIT.trending) < 0) {
      await send('GET /feed/trending', 'GET', '/api/v1/feed/trending?limit=24');
      return;
    }
    if ((r -= READ_SPLIT.shader) < 0) {
      const id = this.pick(this.shaderIds);
      await send('GET /shaders/:id', 'GET', `/api/v1/shaders/${id}`);
      return;
    }
    const reader = Math.floor(this.random() * READERS);
    const cursor = (r -= READ_SPLIT.newFirst) < 0 ? null : this.cursors[reader];
    const reply = await send(
      cursor ? 'GET /feed/new?cursor=…' : 'GET /feed/new (page 1)',
      'GET',
      `/api/v1/feed/new?limit=24${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
    );
    if (reply?.status === 200)
      this.cursors[reader] = (reply.body as { nextCursor: string | null }).nextCursor;
  }

  private pickKind(): keyof MixShares {
    const { reads, votes, comments, submissions } = this.shares;
    let r = this.random() * (reads + votes + comments + submissions);
    if ((r -= reads) < 0) return 'reads';
    if ((r -= votes) < 0) return 'votes';
    if ((r -= comments) < 0) return 'comments';
    return 'submissions';
  }

  /** A shader the user may vote on (authors cannot vote on their own). */
  private shaderNotBy(userId: string): string {
    for (;;) {
      const id = this.pick(this.shaderIds);
      if (this.authorOf.get(id) !== userId) return id;
    }
  }

  private pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.random() * items.length)]!;
  }

  private count(cls: RateClass, identity: string): void {
    const key = `${cls}\t${identity}`;
    this.identityCounts.set(key, (this.identityCounts.get(key) ?? 0) + 1);
  }
}

/** A small seeded PRNG: every run sends the same kinds of request, from the same users, in the same order. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
