import path from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuthResponse, Page, ShaderDetail, ShaderSummary } from '@fractafrag/contracts';
import { api, ARTIFACTS_DIR, BASE_URL, eventually } from './stack.ts';

const SHADER_CODE = `void mainImage(out vec4 fragColor, in vec2 fragCoord) {
  vec2 uv = fragCoord / iResolution.xy;
  vec3 col = 0.5 + 0.5 * cos(iTime + uv.xyx * 6.0 + vec3(0.0, 2.0, 4.0));
  fragColor = vec4(col, 1.0);
}`;

describe('one shader end to end, through nginx', () => {
  const username = `e2e_${Date.now().toString(36)}`;
  let token: string;
  let shader: ShaderDetail;
  let browser: Browser;

  beforeAll(async () => {
    browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('registers and logs in a new user', async () => {
    const reg = await api<AuthResponse>('POST', '/api/v1/auth/register', {
      body: { username, email: `${username}@example.com`, password: 'correct horse battery' },
    });
    expect(reg.status).toBe(201);
    expect(reg.headers.get('x-request-id')).toBeTruthy();
    const login = await api<AuthResponse>('POST', '/api/v1/auth/login', {
      body: { login: `${username}@EXAMPLE.com`, password: 'correct horse battery' },
    });
    expect(login.status).toBe(200);
    expect(login.body.user.username).toBe(username);
    token = login.body.accessToken;
  });

  it('rejects a shader without an Image pass with 422 and says what to fix', async () => {
    const res = await api<{ error: { code: string; message: string } }>('POST', '/api/v1/shaders', {
      token,
      body: { title: 'broken', status: 'published', source: { passes: [{ name: 'Buffer A', code: 'x' }] } },
    });
    expect(res.status).toBe(422);
    expect(res.body.error.message).toMatch(/Image pass is required/);
  });

  it('publishes a shader, which the worker renders through the renderer', async () => {
    const created = await api<ShaderDetail>('POST', '/api/v1/shaders', {
      token,
      body: {
        title: 'E2E sunset bands',
        description: 'A cosine palette drifting over time.',
        tags: ['e2e', 'palette'],
        status: 'published',
        source: { passes: [{ name: 'Image', code: SHADER_CODE }] },
      },
    });
    expect(created.status).toBe(201);
    expect(created.body.renderState).toBe('queued');
    shader = await eventually('the render to finish', async () => {
      const res = await api<ShaderDetail>('GET', `/api/v1/shaders/${created.body.id}`);
      if (res.body.renderState === 'failed') throw new Error(`render failed: ${res.body.renderError}`);
      return res.body.renderState === 'ready' ? res.body : undefined;
    });
    expect(shader.thumbnailUrl).toMatch(/^\/renders\/.+\.webp$/);
  });

  it('lists it in the new feed with its thumbnail, served by nginx as an immutable WebP', async () => {
    const feed = await api<Page<ShaderSummary>>('GET', '/api/v1/feed/new?limit=50');
    expect(feed.status).toBe(200);
    const item = feed.body.items.find((s) => s.id === shader.id);
    expect(item?.thumbnailUrl).toBe(shader.thumbnailUrl);
    const image = await fetch(`${BASE_URL}${shader.thumbnailUrl}`);
    expect(image.status).toBe(200);
    expect(image.headers.get('cache-control')).toMatch(/immutable/);
    const bytes = Buffer.from(await image.arrayBuffer());
    expect(bytes.subarray(0, 4).toString('latin1')).toBe('RIFF');
    expect(bytes.subarray(8, 12).toString('latin1')).toBe('WEBP');
    expect(bytes.length).toBeGreaterThan(1000);
  });

  it('renders every curated seed shader on the server', { timeout: 200_000 }, async () => {
    // Filtered by author: other e2e files publish enough shaders to push the seeds off a first page.
    const seeds = await eventually(
      'all seed shaders to be rendered',
      async () => {
        const list = await api<Page<ShaderSummary>>(
          'GET',
          '/api/v1/shaders?author=fractafrag&sort=new&limit=100',
        );
        const failed = list.body.items.filter((s) => s.renderState === 'failed');
        if (failed.length) throw new Error(failed.map((s) => `${s.title}: ${s.renderError}`).join('; '));
        return list.body.items.length >= 12 && list.body.items.every((s) => s.renderState === 'ready')
          ? list.body.items
          : undefined;
      },
      180_000,
    );
    expect(seeds.length).toBeGreaterThanOrEqual(12);
    expect(seeds.every((s) => s.thumbnailUrl?.endsWith('.webp'))).toBe(true);
  });

  it('shows the card with its server thumbnail in the browser feed', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(`${BASE_URL}/`);
    const card = page.locator(`[data-testid="shader-card"][data-shader-id="${shader.id}"]`);
    await card.waitFor({ state: 'visible', timeout: 30_000 });
    await expect(card.textContent()).resolves.toContain('E2E sunset bands');
    const img = card.locator('img');
    await expect(img.getAttribute('src')).resolves.toBe(shader.thumbnailUrl);
    await page.waitForFunction(
      (id) => {
        const el = document.querySelector<HTMLImageElement>(`[data-shader-id="${id}"] img`);
        return !!el && el.complete && el.naturalWidth === 640;
      },
      shader.id,
      { timeout: 30_000 },
    );
    await page.screenshot({ path: path.join(ARTIFACTS_DIR, 'feed.png'), fullPage: false });
    await page.close();
  });

  it('answers initialize, tools/list and get_shader over MCP through nginx', async () => {
    const client = new Client({ name: 'fractafrag-e2e', version: '1.0.0' });
    await client.connect(new StreamableHTTPClientTransport(new URL(`${BASE_URL}/mcp`)));
    expect(client.getServerVersion()?.name).toBe('fractafrag');
    const { tools } = await client.listTools();
    expect(tools.map((t) => t.name)).toEqual(expect.arrayContaining(['get_shader', 'browse_shaders']));
    const result = await client.callTool({ name: 'get_shader', arguments: { id: shader.id } });
    expect(result.isError).toBeFalsy();
    const structured = result.structuredContent as { shader: ShaderDetail };
    expect(structured.shader.id).toBe(shader.id);
    expect(structured.shader.title).toBe('E2E sunset bands');
    expect(structured.shader.source.passes[0]?.code).toContain('mainImage');
    const missing = await client.callTool({
      name: 'get_shader',
      arguments: { id: '00000000-0000-4000-8000-00000000ffff' },
    });
    expect(missing.isError).toBe(true);
    await client.close();
  });
});
