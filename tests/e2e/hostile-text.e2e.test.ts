import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Comment, Desire, ShaderDetail } from '@fractafrag/contracts';
import { launchChromium, newContext, registerByApi, uniqueName } from './frontend-pages-support.ts';
import { api, BASE_URL } from './stack.ts';

/**
 * User text that looks like HTML is shown as text: a shader titled like an <img> with an onerror
 * handler, a comment holding a <script>, a desire with both. The feed, the shader page and the
 * desires board must show the characters literally, create no such element and run no script.
 */
const IMG = '<img src=x onerror="window.__xss=1">';
const SCRIPT = '<script>window.__xss=2</script>';
const CODE = 'void mainImage(out vec4 c, in vec2 p) { c = vec4(p / iResolution.xy, 0.5, 1.0); }';

/** What the page did with the hostile text: markup it created, and whether a script ran. */
async function injected(page: Page) {
  return page.evaluate(() => ({
    xss: (window as unknown as { __xss?: unknown }).__xss,
    images: document.querySelectorAll('img[src="x"]').length,
    scripts: Array.from(document.querySelectorAll('script')).filter((s) => s.textContent?.includes('__xss'))
      .length,
  }));
}

describe('hostile titles, comments and desires are rendered as text', () => {
  let browser: Browser;
  let page: Page;
  let shader: ShaderDetail;
  let desire: Desire;

  beforeAll(async () => {
    const { accessToken: token } = await registerByApi(uniqueName('xss'));
    const created = await api<ShaderDetail>('POST', '/api/v1/shaders', {
      token,
      body: {
        title: IMG,
        description: SCRIPT,
        status: 'published',
        source: { passes: [{ name: 'Image', code: CODE }] },
      },
    });
    expect(created.status).toBe(201);
    shader = created.body;
    const comment = await api<Comment>('POST', `/api/v1/shaders/${shader.id}/comments`, {
      token,
      body: { body: SCRIPT },
    });
    expect(comment.status).toBe(201);
    const posted = await api<Desire>('POST', '/api/v1/desires', {
      token,
      body: { prompt: IMG, details: SCRIPT },
    });
    expect(posted.status).toBe(201);
    desire = posted.body;
    browser = await launchChromium();
    page = await (await newContext(browser)).newPage();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('shows the title literally on the feed', async () => {
    await page.goto(`${BASE_URL}/`);
    const card = page.locator(`[data-testid="shader-card"][data-shader-id="${shader.id}"]`);
    await card.waitFor();
    expect(await card.locator('.card-title').textContent()).toBe(IMG);
    expect(await injected(page)).toEqual({ xss: undefined, images: 0, scripts: 0 });
  });

  it('shows the title, description and comment literally on the shader page', async () => {
    await page.goto(`${BASE_URL}/s/${shader.id}`);
    const title = page.getByTestId('shader-title');
    await title.waitFor();
    expect(await title.textContent()).toBe(IMG);
    await page.getByText(SCRIPT, { exact: true }).first().waitFor();
    await page.getByTestId('tab-comments').click();
    const comment = page.getByTestId('comment').filter({ hasText: SCRIPT });
    await comment.waitFor();
    expect(await comment.textContent()).toContain(SCRIPT);
    expect(await injected(page)).toEqual({ xss: undefined, images: 0, scripts: 0 });
  });

  it('shows the desire literally on the desires board and its own page', async () => {
    await page.goto(`${BASE_URL}/desires?sort=new`);
    const card = page.getByTestId('desire-card').filter({ hasText: IMG });
    await card.waitFor();
    expect(await card.locator('.desire-prompt').textContent()).toBe(IMG);
    expect(await card.locator('.desire-details').textContent()).toBe(SCRIPT);
    expect(await injected(page)).toEqual({ xss: undefined, images: 0, scripts: 0 });

    await page.goto(`${BASE_URL}/desires/${desire.id}`);
    await page.getByText(SCRIPT, { exact: true }).first().waitFor();
    expect(await page.title()).toContain(IMG);
    expect(await injected(page)).toEqual({ xss: undefined, images: 0, scripts: 0 });
  });
});
