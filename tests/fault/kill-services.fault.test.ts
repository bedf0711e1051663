import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuthResponse, CreatedApiKey, ShaderDetail } from '@fractafrag/contracts';
import type { ServiceName } from '@fractafrag/core/topology';
import {
  ARTIFACTS_DIR,
  BASE_URL,
  eventually,
  healthGate,
  failedStarts,
  processesMentioning,
  profileDirs,
  programStatus,
  startBusyBackend,
} from './fault-stack.ts';
import { api, isPending, myShaders } from './fault-api.ts';
import { BROKEN_IDENTIFIER, startSubmissionStream, type SubmissionStream } from './submission-stream.ts';

/**
 * Under a steady stream of submissions, each service is killed with SIGKILL in turn. supervisord
 * restarts it, its health gate passes again, it does its job again, and in the end every accepted
 * shader is ready (with its thumbnail served by nginx) or failed with the compiler's reason.
 */
const KILL_ORDER: ServiceName[] = ['api', 'worker', 'renderer', 'mcp', 'redis', 'postgres'];
const RECOVERY_DEADLINE_MS = 90_000;
const SETTLE_DEADLINE_MS = 150_000;
/** Accepted submissions between one recovery and the next kill: the stream runs steadily again. */
const STEADY_SUBMISSIONS = 8;

interface TimelineEntry {
  service: ServiceName;
  killedPid: number;
  newPid: number;
  /** From the kill until supervisord reports the new process RUNNING. */
  runningMs: number;
  /** From the kill until the health gate passes. */
  healthyMs: number;
  /** From the kill until the service was seen doing its job again (see proveWorking). */
  workingMs: number;
  /** The user's shaders rendering just before the kill. */
  inFlightAtKill: number;
  /** From the kill until those renders were ready or failed. */
  inFlightDoneMs: number;
  /** Restarts that exited at once before one stayed up (supervisord retried them). */
  restartsFailed: number;
  refusedDuringOutage: number;
}
const timeline: TimelineEntry[] = [];

describe('kill -9 of each service under a stream of submissions', () => {
  const username = `fault_${Date.now().toString(36)}`;
  let token: string;
  let apiKey: string;
  let stream: SubmissionStream;

  /** A good shader submitted after `since` renders: the whole submit → queue → render path works. */
  async function renderedAfter(since: number): Promise<ShaderDetail> {
    const submission = await eventually(
      'a submission accepted after recovery',
      () => Promise.resolve(stream.acceptedAfter(since, false)),
      RECOVERY_DEADLINE_MS,
    );
    return eventually(
      `shader ${submission.id} to render`,
      async () => {
        const res = await api<ShaderDetail>('GET', `/shaders/${submission.id}`, token);
        if (res.body.renderState === 'failed') throw new Error(`render failed: ${res.body.renderError}`);
        return res.body.renderState === 'ready' ? res.body : undefined;
      },
      RECOVERY_DEADLINE_MS,
    );
  }

  /** After a service is healthy again: it is seen doing its own job through nginx. */
  const proveWorking: Record<string, (since: number, killedPid: number) => Promise<void>> = {
    api: async (since) => {
      const earlier = stream.accepted()[0]!;
      const res = await api<ShaderDetail>('GET', `/shaders/${earlier.id}`, token);
      expect(res.status).toBe(200);
      await renderedAfter(since);
    },
    renderer: async (since, killedPid) => {
      await renderedAfter(since);
      // The killed renderer's browsers exit with it (their DevTools pipe closes), and the new
      // renderer removes their profile folders.
      const owned = `fractafrag-chromium-${killedPid}-`;
      await eventually(
        'the killed renderer’s browsers and profiles to be gone',
        () =>
          Promise.resolve(
            (processesMentioning(owned).length === 0 && profileDirs(owned).length === 0) || undefined,
          ),
        RECOVERY_DEADLINE_MS,
      );
    },
    mcp: async (since) => {
      const shader = await renderedAfter(since);
      const client = new Client({ name: 'fractafrag-fault-suite', version: '1.0.0' });
      await client.connect(
        new StreamableHTTPClientTransport(new URL(`${BASE_URL}/mcp`), {
          requestInit: { headers: { authorization: `Bearer ${apiKey}` } },
        }),
      );
      try {
        const status = (await client.callTool({
          name: 'get_render_status',
          arguments: { id: shader.id },
        })) as CallToolResult;
        expect(status.isError).toBeFalsy();
        expect(status.structuredContent).toMatchObject({ state: 'ready', done: true });
      } finally {
        await client.close();
      }
    },
  };

  beforeAll(async () => {
    const reg = await api<AuthResponse>('POST', '/auth/register', undefined, {
      username,
      email: `${username}@example.com`,
      password: 'correct horse battery',
    });
    expect(reg.status).toBe(201);
    token = reg.body.accessToken;
    const key = await api<CreatedApiKey>('POST', '/me/api-keys', token, {
      name: 'fault suite',
      scopes: ['read'],
    });
    expect(key.status).toBe(201);
    apiKey = key.body.key;
    stream = startSubmissionStream(BASE_URL, token, 250);
    // Something accepted (and rendering) before the first kill.
    await renderedAfter(0);
  }, RECOVERY_DEADLINE_MS * 2);

  afterAll(async () => {
    await stream?.stop();
    const counts: Record<string, number> = {};
    for (const s of stream?.submissions ?? []) counts[s.outcome] = (counts[s.outcome] ?? 0) + 1;
    console.table(timeline);
    console.log('fault suite submissions:', counts);
    writeFileSync(
      path.join(ARTIFACTS_DIR, 'timeline.json'),
      `${JSON.stringify({ timeline, submissions: counts }, null, 2)}\n`,
    );
  });

  for (const service of KILL_ORDER) {
    it(
      `${service} comes back by itself after kill -9 and works again`,
      { timeout: RECOVERY_DEADLINE_MS * 3 },
      async () => {
        const acceptedSoFar = stream.accepted().length;
        await eventually(
          'the stream to run steadily',
          () => Promise.resolve(stream.accepted().length >= acceptedSoFar + STEADY_SUBMISSIONS || undefined),
          RECOVERY_DEADLINE_MS,
        );
        const before = programStatus(service);
        expect(before.state).toBe('RUNNING');
        const killedPid = before.pid!;
        // Aim the kill at renders in flight (a thumbnail takes ~0.1 s: poll fast, kill at once).
        const inFlight = await eventually(
          'a render in flight',
          async () => {
            const ids = (await myShaders(token, 1)).filter((s) => s.renderState === 'rendering');
            return ids.length ? ids.map((s) => s.id) : undefined;
          },
          15_000,
          20,
        ).catch(() => [] as string[]);
        // Postgres' hard case: a backend still computing holds the old shared memory after the
        // kill, so the new postmaster fails until it ends and supervisord must keep retrying.
        const busyBackend = service === 'postgres' ? await startBusyBackend() : undefined;
        const failedStartsBefore = failedStarts(service);
        const refusedBefore = stream.submissions.filter((s) => s.outcome !== 'accepted').length;
        const killedAt = Date.now();
        process.kill(killedPid, 'SIGKILL');

        const newPid = await eventually(
          `supervisord to run ${service} again`,
          () => {
            const now = programStatus(service);
            return Promise.resolve(now.state === 'RUNNING' && now.pid !== killedPid ? now.pid : undefined);
          },
          RECOVERY_DEADLINE_MS,
        );
        const runningAt = Date.now();
        await eventually(
          `${service}'s health gate`,
          async () => ((await healthGate(service)) ? true : undefined),
          RECOVERY_DEADLINE_MS,
        );
        const healthyAt = Date.now();
        const restartsFailed = failedStarts(service) - failedStartsBefore;
        if (busyBackend) {
          await busyBackend.exited;
          expect(restartsFailed, 'the busy backend made the first restarts fail').toBeGreaterThan(0);
        }
        await (proveWorking[service] ?? renderedAfter)(healthyAt, killedPid);
        const workingAt = Date.now();
        // The renders the kill interrupted finish too (a killed worker's after its lock expires).
        await eventually(
          'the renders in flight at the kill to finish',
          async () => {
            const states = await Promise.all(
              inFlight.map(async (id) => (await api<ShaderDetail>('GET', `/shaders/${id}`, token)).body),
            );
            return states.some(isPending) ? undefined : true;
          },
          RECOVERY_DEADLINE_MS,
        );
        timeline.push({
          service,
          killedPid,
          newPid,
          runningMs: runningAt - killedAt,
          healthyMs: healthyAt - killedAt,
          workingMs: workingAt - killedAt,
          inFlightAtKill: inFlight.length,
          inFlightDoneMs: Date.now() - killedAt,
          restartsFailed,
          refusedDuringOutage:
            stream.submissions.filter((s) => s.outcome !== 'accepted').length - refusedBefore,
        });
      },
    );
  }

  it(
    'ends every accepted shader ready with a served thumbnail or failed with the compiler’s reason',
    { timeout: SETTLE_DEADLINE_MS + 60_000 },
    async () => {
      await stream.stop();
      const violations = stream.submissions.filter((s) => s.outcome === 'violation');
      expect(
        violations,
        'every refusal is a 503 unavailable in the error shape, or a connection error',
      ).toEqual([]);
      const accepted = stream.accepted();
      expect(accepted.length).toBeGreaterThanOrEqual(KILL_ORDER.length * STEADY_SUBMISSIONS);

      // Everything the user owns settles: accepted shaders, and any stored whose reply never came.
      const settledAt = Date.now();
      const shaders = await eventually(
        'every shader to be ready or failed',
        async () => {
          const mine = await myShaders(token);
          return mine.some(isPending) ? undefined : mine;
        },
        SETTLE_DEADLINE_MS,
        1000,
      );
      console.log(
        `fault suite: ${shaders.length} shaders settled ${Date.now() - settledAt} ms after the stream stopped`,
      );
      const byId = new Map(shaders.map((s) => [s.id, s]));

      const lost = accepted.filter((s) => !byId.has(s.id!));
      expect(lost, 'accepted shaders missing from the author’s list').toEqual([]);
      for (const submission of accepted) {
        const shader = byId.get(submission.id!)!;
        if (submission.broken) {
          expect(shader, `broken submission ${submission.index}`).toMatchObject({ renderState: 'failed' });
          expect(shader.renderError).toMatch(/^compile error: /);
          expect(shader.renderError).toContain(BROKEN_IDENTIFIER);
        } else {
          expect(
            { index: submission.index, state: shader.renderState, error: shader.renderError },
            'a good submission renders',
          ).toEqual({ index: submission.index, state: 'ready', error: null });
          expect(shader.thumbnailUrl).toMatch(/^\/renders\/.+\.webp$/);
        }
      }
      // Including shaders stored although their reply was lost (a crash between commit and reply).
      for (const shader of shaders.filter((s) => s.renderState === 'failed'))
        expect(shader.renderError?.trim(), `shader ${shader.id} failed without a reason`).toBeTruthy();

      // nginx serves every good thumbnail.
      const good = accepted.filter((s) => !s.broken).map((s) => byId.get(s.id!)!);
      for (const shader of good) {
        const image = await fetch(`${BASE_URL}${shader.thumbnailUrl}`);
        expect(image.status, shader.thumbnailUrl!).toBe(200);
        const bytes = Buffer.from(await image.arrayBuffer());
        expect(bytes.subarray(8, 12).toString('latin1')).toBe('WEBP');
      }
    },
  );
});
