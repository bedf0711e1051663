import { readFileSync } from 'node:fs';
import type { Browser, BrowserContext, Page as BrowserPage } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuthResponse, ShaderDetail } from '@fractafrag/contracts';
import {
  DESKTOP,
  horizontalOverflow,
  launchChromium,
  logInInBrowser,
  newContext,
  PASSWORD,
  PHONE,
  registerByApi,
  registerInBrowser,
  screenshot,
  uniqueName,
} from './frontend-pages-support.ts';
import { api, BASE_URL, eventually } from './stack.ts';

const imageOnly = (code: string) => ({ passes: [{ name: 'Image', code }] });

const RINGS_V1 = `void mainImage(out vec4 fragColor, in vec2 fragCoord) {
  vec2 uv = (fragCoord - 0.5 * iResolution.xy) / iResolution.y;
  float d = length(uv);
  float rings = 0.5 + 0.5 * sin(24.0 * d - 3.0 * iTime);
  fragColor = vec4(vec3(rings) * vec3(0.3, 0.7, 1.0), 1.0);
}`;
const RINGS_V2 = RINGS_V1.replace('vec3(0.3, 0.7, 1.0)', 'vec3(1.0, 0.5, 0.2)').replace('24.0', '32.0');

const STRIPES = `void mainImage(out vec4 fragColor, in vec2 fragCoord) {
  vec2 uv = fragCoord / iResolution.xy;
  float s = step(0.5, fract(uv.x * 8.0 + iTime * 0.4));
  fragColor = vec4(mix(vec3(0.1, 0.1, 0.3), vec3(0.9, 0.4, 0.6), s), 1.0);
}`;

const BROKEN = `void mainImage(out vec4 fragColor, in vec2 fragCoord) {
  fragColor = vec4(undefinedThing, 1.0);
}`;

async function publish(token: string, title: string, code: string): Promise<ShaderDetail> {
  const res = await api<ShaderDetail>('POST', '/api/v1/shaders', {
    token,
    body: {
      title,
      description: `${title}, for the shader page test.`,
      tags: ['e2e-page'],
      status: 'published',
      source: imageOnly(code),
    },
  });
  if (res.status !== 201) throw new Error(`publish ${title}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

function rendered(id: string): Promise<ShaderDetail> {
  return eventually(
    `shader ${id} to be rendered`,
    async () => {
      const res = await api<ShaderDetail>('GET', `/api/v1/shaders/${id}`);
      if (res.body.renderState === 'failed') throw new Error(`render failed: ${res.body.renderError}`);
      return res.body.renderState === 'ready' && res.body.thumbnailUrl ? res.body : undefined;
    },
    120_000,
  );
}

const card = (page: BrowserPage, id: string) =>
  page.locator(`[data-testid="shader-card"][data-shader-id="${id}"]`);

describe('shader page and account pages in the browser', () => {
  let browser: Browser;
  let context: BrowserContext;
  let page: BrowserPage;
  const username = uniqueName('journey');
  let token: string;
  let other: AuthResponse;
  let mine: ShaderDetail;
  let theirs: ShaderDetail;

  beforeAll(async () => {
    browser = await launchChromium();
    context = await newContext(browser, DESKTOP);
    page = await context.newPage();
    other = await registerByApi(uniqueName('stripes'));
    theirs = await publish(other.accessToken, 'Drifting stripes', STRIPES);
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('registers in the browser, and a shader published through the API appears in the feed with its server thumbnail', async () => {
    await registerInBrowser(page, username, '/');
    await expect(page.getByTestId('account-menu').textContent()).resolves.toContain(username);
    const login = await api<AuthResponse>('POST', '/api/v1/auth/login', {
      body: { login: username, password: PASSWORD },
    });
    token = login.body.accessToken;
    const created = await publish(token, 'Journey rings', RINGS_V1);
    const v2 = await api<ShaderDetail>('PATCH', `/api/v1/shaders/${created.id}`, {
      token,
      body: { source: imageOnly(RINGS_V2), changeNote: 'Warmer colours, tighter rings' },
    });
    expect(v2.body.currentVersion).toBe(2);
    mine = await rendered(created.id);
    theirs = await rendered(theirs.id);

    await page.reload();
    const mineCard = card(page, mine.id);
    await mineCard.waitFor();
    await expect(mineCard.locator('img.thumb').getAttribute('src')).resolves.toBe(mine.thumbnailUrl);
    await page.waitForFunction((id) => {
      const img = document.querySelector<HTMLImageElement>(`[data-shader-id="${id}"] img.thumb`);
      return !!img && img.complete && img.naturalWidth === 640;
    }, mine.id);
    // Authors cannot vote on their own shaders: the card says so instead of failing.
    await expect(mineCard.getByTestId('vote-up').isDisabled()).resolves.toBe(true);
  });

  it('opens a shader from its card: live canvas, controls, code and render state', async () => {
    await card(page, theirs.id).getByRole('link', { name: 'Drifting stripes' }).click();
    await page.waitForURL(`${BASE_URL}/s/${theirs.id}`);
    await expect(page.getByTestId('shader-title').textContent()).resolves.toBe('Drifting stripes');
    await page.locator('[data-testid="player-canvas"][data-live-state="running"]').waitFor();
    await page.locator('[data-testid="render-state"][data-state="ready"]').waitFor();

    // Pause stops the clock; the scrub bar moves it while paused.
    await page.getByRole('button', { name: 'Pause', exact: true }).click();
    const pausedAt = await page.getByTestId('shader-time').textContent();
    await expect.poll(() => page.getByTestId('shader-time').textContent()).toBe(pausedAt);
    await page.getByTestId('time-scrub').fill('12.5');
    await expect.poll(() => page.getByTestId('shader-time').textContent()).toBe('0:12.5');
    await page.getByRole('button', { name: 'Play', exact: true }).click();
    await expect.poll(() => page.getByTestId('shader-time').textContent()).not.toBe('0:12.5');

    // Mouse input: a drag on the canvas is fed to iMouse (no error, the canvas keeps running).
    const box = (await page.getByTestId('player-canvas').boundingBox())!;
    await page.mouse.move(box.x + box.width / 3, box.y + box.height / 3);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.up();
    await expect(page.getByTestId('player-canvas').getAttribute('data-live-state')).resolves.toBe('running');

    await expect(page.getByTestId('code-text').textContent()).resolves.toContain('fract(uv.x * 8.0');
    await screenshot(page, 'shader-page');
  });

  it('votes on the shader and shows the vote when coming back to it', async () => {
    await page.getByTestId('shader-actions').getByTestId('vote-up').click();
    await expect
      .poll(() => page.getByTestId('shader-actions').getByTestId('vote-up').getAttribute('aria-pressed'))
      .toBe('true');
    // Away and back inside the app (a reload would spend a session refresh on the auth rate limit).
    await page.getByRole('link', { name: 'Feed', exact: true }).click();
    await page.waitForURL(`${BASE_URL}/`);
    await page.goBack();
    await page.getByTestId('shader-title').waitFor();
    await expect
      .poll(() => page.getByTestId('shader-actions').getByTestId('vote-up').getAttribute('aria-pressed'))
      .toBe('true');
    const vote = await api<{ myVote: number | null }>('GET', `/api/v1/shaders/${theirs.id}/vote`, { token });
    expect(vote.body.myVote).toBe(1);
  });

  it('adds a comment and deletes it', async () => {
    await page.getByTestId('tab-comments').click();
    await page.getByLabel('Add a comment').fill('Lovely drift. Journey test was here.');
    await page.getByRole('button', { name: 'Post comment' }).click();
    const comment = page.getByTestId('comment').filter({ hasText: 'Journey test was here' });
    await comment.waitFor();
    await screenshot(page, 'shader-page-comments', true);
    await comment.getByRole('button', { name: 'Delete your comment' }).click();
    await page
      .getByTestId('comment')
      .filter({ hasText: 'This comment was deleted' })
      .or(page.getByText('No comments yet'))
      .first()
      .waitFor();
  });

  it('exports the shader as Shadertoy JSON', async () => {
    const download = page.waitForEvent('download');
    await page.getByTestId('export').click();
    const file = await download;
    expect(file.suggestedFilename()).toBe('drifting-stripes.json');
    const json = JSON.parse(readFileSync(await file.path(), 'utf8')) as {
      Shader: { info: { name: string }; renderpass: { code: string; type: string }[] };
    };
    expect(json.Shader.info.name).toBe('Drifting stripes');
    expect(json.Shader.renderpass[0]?.code).toContain('fract(uv.x * 8.0');
  });

  it('forks the shader into a draft of my own', async () => {
    await page.getByTestId('fork').click();
    await page.getByTestId('fork-notice').waitFor();
    expect(page.url()).not.toContain(theirs.id);
    await expect(page.getByTestId('shader-title').textContent()).resolves.toContain('Drifting stripes');
    await expect(page.locator('.chip', { hasText: 'draft' }).count()).resolves.toBe(1);
    const forkId = page.url().split('/s/')[1]!;
    const fork = await api<ShaderDetail>('GET', `/api/v1/shaders/${forkId}`, { token });
    expect(fork.body.author.username).toBe(username);
    expect(fork.body.forkedFrom?.shaderId).toBe(theirs.id);
    await screenshot(page, 'shader-page-fork');
  });

  it('lists versions with a diff, and restores an old one as a new version', async () => {
    await page.getByRole('link', { name: 'Feed', exact: true }).click();
    await card(page, mine.id).getByRole('link', { name: 'Journey rings' }).click();
    await page.waitForURL(`${BASE_URL}/s/${mine.id}`);
    await page.getByTestId('tab-versions').click();
    const rows = page.getByTestId('version-row');
    await expect.poll(() => rows.count()).toBe(2);
    await expect(rows.first().textContent()).resolves.toContain('Warmer colours, tighter rings');

    await rows.first().getByRole('button', { name: 'Diff' }).click();
    const diff = page.getByTestId('source-diff');
    await diff.waitFor();
    await expect(diff.locator('.diff-removed').first().textContent()).resolves.toContain('24.0');
    await expect(diff.locator('.diff-added').first().textContent()).resolves.toContain('32.0');
    await screenshot(page, 'shader-page-versions', true);

    await rows.nth(1).getByTestId('restore-version').click();
    await expect
      .poll(() => page.getByTestId('restore-notice').textContent())
      .toContain('Restored version 1 as the new version 3');
    await expect.poll(() => rows.count()).toBe(3);
    const restored = await api<ShaderDetail>('GET', `/api/v1/shaders/${mine.id}`, { token });
    expect(restored.body.currentVersion).toBe(3);
    expect(restored.body.source.passes[0]?.code).toBe(RINGS_V1);
    // The new version renders again, and the page follows it live to ready.
    await page.locator('[data-testid="render-state"][data-state="ready"]').waitFor({ timeout: 60_000 });
  });

  it('shows a failed render with the reason, live', async () => {
    const broken = await publish(token, 'Broken on purpose', BROKEN);
    await page.goto(`${BASE_URL}/s/${broken.id}`);
    await page.locator('[data-testid="render-state"][data-state="failed"]').waitFor({ timeout: 60_000 });
    await expect(page.getByTestId('render-error').textContent()).resolves.toMatch(/undefinedThing/);
    // The browser's own compile fails the same way, on the author's line.
    await expect(page.locator('.player-overlay').textContent()).resolves.toMatch(/Image:2/);
    await screenshot(page, 'shader-page-render-failed');
  });

  it('creates an API key, shows it once with the MCP config, and revokes it', async () => {
    await page.getByTestId('account-menu').click();
    await page.getByRole('link', { name: 'API keys' }).click();
    await page.waitForURL(`${BASE_URL}/settings/api-keys`);
    await page.getByLabel('Name').fill('Claude Desktop');
    await page.getByLabel(/write/).check();
    await page.getByRole('button', { name: 'Create key' }).click();
    const key = (await page.getByTestId('new-api-key-value').textContent())!;
    expect(key).toMatch(/^ff_/);
    const config = (await page.getByTestId('mcp-config').textContent())!;
    expect(config).toContain(`${BASE_URL}/mcp`);
    expect(config).toContain(`Bearer ${key}`);
    await screenshot(page, 'api-keys', true);

    const me = await api<{ username: string }>('GET', '/api/v1/me', { token: key });
    expect(me.body.username).toBe(username);

    page.once('dialog', (dialog) => void dialog.accept());
    await page.getByRole('button', { name: 'Revoke Claude Desktop' }).click();
    await page.getByTestId('api-key-row').filter({ hasText: 'revoked' }).waitFor();
    const refused = await api('GET', '/api/v1/me', { token: key });
    expect(refused.status).toBe(401);
  });

  it('logs out and back in through the login page', async () => {
    await page.getByTestId('account-menu').click();
    await page.getByRole('button', { name: 'Log out' }).click();
    await page.getByRole('link', { name: 'Log in' }).waitFor();
    await page.getByRole('link', { name: 'Sign up' }).click();
    await page.getByLabel('Username').waitFor();
    await screenshot(page, 'register');
    await page.getByRole('link', { name: 'Log in' }).last().click();
    await page.waitForURL(`${BASE_URL}/login`);
    await screenshot(page, 'login');
    await page.getByLabel('Username or email').fill(username);
    await page.getByLabel('Password').fill('wrong password');
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.getByRole('alert').waitFor();
    await screenshot(page, 'login-error');
    await logInInBrowser(page, username, `/s/${mine.id}`);
    await page.getByTestId('shader-title').waitFor();
    await expect(page.getByTestId('account-menu').textContent()).resolves.toContain(username);
  });

  it('shows the register page, the shader page and API keys on a 375 px phone without sideways scrolling', async () => {
    const phone = await newContext(browser, PHONE);
    const small = await phone.newPage();
    await small.goto(`${BASE_URL}/register`);
    await small.getByLabel('Username').waitFor();
    expect(await horizontalOverflow(small)).toBeLessThanOrEqual(0);
    await screenshot(small, 'register-phone');
    await small.goto(`${BASE_URL}/s/${theirs.id}`);
    await small.locator('[data-testid="player-canvas"][data-live-state="running"]').waitFor();
    expect(await horizontalOverflow(small)).toBeLessThanOrEqual(0);
    await screenshot(small, 'shader-page-phone', true);
    await small.goto(`${BASE_URL}/settings/api-keys`);
    // Signed out: the page asks to log in first and comes back afterwards.
    await small.waitForURL(/\/login\?next=/);
    await phone.close();
  });

  it('answers an unknown shader with a clear not-found state', async () => {
    const visitor = await newContext(browser, DESKTOP);
    const anonymous = await visitor.newPage();
    await anonymous.goto(`${BASE_URL}/s/00000000-0000-4000-8000-00000000ffff`);
    await anonymous.getByRole('heading', { name: 'Shader not found' }).waitFor();
    await screenshot(anonymous, 'shader-page-not-found');
    await visitor.close();
  });
});
