import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuthResponse, DashboardLink } from '@fractafrag/contracts';
import { launchChromium, PASSWORD, registerByApi, uniqueName } from './frontend-pages-support.ts';
import { api, BASE_URL, E2E_DATABASE_URL } from './stack.ts';

/** The queue dashboard (bull-board), through nginx, for an admin; a browser opens it by a link. */
describe('queue dashboard behind nginx', () => {
  let token: string;

  beforeAll(async () => {
    const name = uniqueName('queueadmin');
    const user = await registerByApi(name);
    const db = new pg.Client({ connectionString: E2E_DATABASE_URL });
    await db.connect();
    await db.query(`UPDATE users SET role = 'admin' WHERE id = $1`, [user.user.id]);
    await db.end();
    // A fresh login carries the admin role in its access token.
    const login = await api<AuthResponse>('POST', '/api/v1/auth/login', {
      body: { login: name, password: PASSWORD },
    });
    token = login.body.accessToken;
  });

  it('refuses anonymous visitors with 401 and a hint where to get a link', async () => {
    const res = await fetch(`${BASE_URL}/api/admin/queues/`);
    expect(res.status).toBe(401);
    expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(/dashboard-link/);
  });

  it('serves the dashboard data to an admin token through nginx', async () => {
    const res = await fetch(`${BASE_URL}/api/admin/queues/api/queues`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { queues: { name: string }[] };
    expect(body.queues.map((q) => q.name).sort()).toEqual(['desire', 'embed', 'render', 'score', 'taste']);
  });

  describe('in a browser', () => {
    let browser: Awaited<ReturnType<typeof launchChromium>>;
    beforeAll(async () => {
      browser = await launchChromium();
    });
    afterAll(async () => {
      await browser?.close();
    });

    it('opens from a one-time link and shows every queue', async () => {
      const link = await api<DashboardLink>('POST', '/api/v1/admin/dashboard-link', { token });
      expect(link.status).toBe(201);
      const url = new URL(link.body.url);
      const page = await browser.newPage();
      const blocked: string[] = [];
      page.on('console', (m) => {
        if (m.type() === 'error') blocked.push(m.text());
      });
      // PUBLIC_URL is the stack's own nginx address here, so the link opens as it is.
      await page.goto(`${BASE_URL}${url.pathname}${url.search}`);
      expect(page.url()).toBe(`${BASE_URL}/api/admin/queues/`);
      for (const queue of ['render', 'embed', 'score', 'taste', 'desire']) {
        await expect
          .poll(() => page.getByText(queue, { exact: true }).count(), { timeout: 20_000 })
          .toBeGreaterThan(0);
      }
      expect(blocked.filter((m) => /Content Security Policy/i.test(m))).toEqual([]);
      await page.close();
    });
  });
});
