import type { Browser, Page as BrowserPage } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page, ShaderDetail, ShaderSummary } from '@fractafrag/contracts';
import {
  DESKTOP,
  horizontalOverflow,
  launchChromium,
  newContext,
  PHONE,
  registerByApi,
  registerInBrowser,
  screenshot,
  uniqueName,
} from './frontend-pages-support.ts';
import { api, BASE_URL, eventually } from './stack.ts';

/** A cheap, distinct shader per index, so 60 cards look different and render fast. */
function paletteShader(index: number): string {
  const phase = ((index * 0.37) % 1).toFixed(3);
  const freq = (3 + (index % 7)).toFixed(1);
  return `void mainImage(out vec4 fragColor, in vec2 fragCoord) {
  vec2 uv = fragCoord / iResolution.xy;
  float t = iTime * 0.5 + ${phase} * 6.2831;
  vec3 col = 0.5 + 0.5 * cos(t + uv.xyx * ${freq} + vec3(0.0, 2.0, 4.0));
  fragColor = vec4(col, 1.0);
}`;
}

const FEED_SIZE = 60;
const MAX_LIVE = 8;

/**
 * Counts WebGL contexts that are alive (created and not lost) and the most alive at once, sampled
 * every animation frame, before the app's code runs.
 */
const COUNT_CONTEXTS = () => {
  const contexts: (WebGLRenderingContext | WebGL2RenderingContext)[] = [];
  const prototype = HTMLCanvasElement.prototype as unknown as { getContext: (...a: unknown[]) => unknown };
  const original = prototype.getContext;
  prototype.getContext = function (this: HTMLCanvasElement, ...args: unknown[]) {
    const context = original.apply(this, args);
    const type = args[0];
    if (context && (type === 'webgl2' || type === 'webgl')) {
      const gl = context as WebGL2RenderingContext;
      if (!contexts.includes(gl)) contexts.push(gl);
    }
    return context;
  };
  const live = () => contexts.filter((gl) => !gl.isContextLost()).length;
  const w = window as unknown as { __liveContexts: () => number; __maxLive: number; __created: () => number };
  w.__liveContexts = live;
  w.__created = () => contexts.length;
  w.__maxLive = 0;
  const sample = () => {
    w.__maxLive = Math.max(w.__maxLive, live());
    requestAnimationFrame(sample);
  };
  requestAnimationFrame(sample);
};

interface CardView {
  id: string;
  title: string;
  thumbnailLoaded: boolean;
  canvasDrawn: boolean;
  /** The reason a server render failed, shown in place of the thumbnail (a seed may time out). */
  renderFailure: string | null;
}

/**
 * The cards at least half in view, and what each shows: a loaded thumbnail, a drawn live canvas, or
 * the reason its render failed. Anything else (an empty box, a thumbnail still loading) is blank.
 */
function visibleCards(page: BrowserPage): Promise<CardView[]> {
  return page.evaluate(() => {
    const height = window.innerHeight;
    return Array.from(document.querySelectorAll<HTMLElement>('[data-testid="shader-card"]'))
      .filter((card) => {
        const media = card.querySelector('.card-media')?.getBoundingClientRect();
        if (!media || media.height === 0) return false;
        const shown = Math.min(media.bottom, height) - Math.max(media.top, 0);
        return shown >= media.height / 2;
      })
      .map((card) => {
        const img = card.querySelector<HTMLImageElement>('img.thumb');
        return {
          id: card.dataset.shaderId ?? '',
          title: card.querySelector('.card-title')?.textContent ?? '',
          thumbnailLoaded: !!img && img.complete && img.naturalWidth > 0,
          canvasDrawn: !!card.querySelector('canvas[data-drawn="true"]'),
          renderFailure:
            card.querySelector('[data-testid="thumbnail-placeholder"][data-render-state="failed"]')
              ?.textContent || null,
        };
      });
  });
}

const liveContexts = (page: BrowserPage) =>
  page.evaluate(() => (window as unknown as { __liveContexts: () => number }).__liveContexts());
const maxLiveContexts = (page: BrowserPage) =>
  page.evaluate(() => (window as unknown as { __maxLive: number }).__maxLive);

describe('feed in the browser', () => {
  let browser: Browser;
  const authors: { username: string; token: string; id: string }[] = [];
  const shaders: ShaderDetail[] = [];

  beforeAll(async () => {
    browser = await launchChromium();
    // Two authors (the publish limit is per user), 30 shaders each, newest last.
    for (const name of ['feed_a', 'feed_b']) {
      const auth = await registerByApi(uniqueName(name));
      authors.push({ username: auth.user.username, token: auth.accessToken, id: auth.user.id });
    }
    for (let i = 0; i < FEED_SIZE; i++) {
      const author = authors[i % 2]!;
      const created = await api<ShaderDetail>('POST', '/api/v1/shaders', {
        token: author.token,
        body: {
          title: `Feed palette ${String(i + 1).padStart(2, '0')}`,
          tags: ['e2e-feed'],
          status: 'published',
          source: { passes: [{ name: 'Image', code: paletteShader(i) }] },
        },
      });
      if (created.status !== 201)
        throw new Error(`create ${i}: ${created.status} ${JSON.stringify(created.body)}`);
      shaders.push(created.body);
    }
    // Every card gets its server thumbnail before the browser looks.
    await eventually(
      `all ${FEED_SIZE} feed shaders to be rendered`,
      async () => {
        const items: ShaderSummary[] = [];
        let cursor: string | null = null;
        do {
          const query: string = `/api/v1/shaders?tags=e2e-feed&limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
          const res = await api<Page<ShaderSummary>>('GET', query);
          items.push(...res.body.items);
          cursor = res.body.nextCursor;
        } while (cursor);
        const failed = items.filter((s) => s.renderState === 'failed');
        if (failed.length) throw new Error(failed.map((s) => `${s.title}: ${s.renderError}`).join('; '));
        return items.length === FEED_SIZE && items.every((s) => s.thumbnailUrl) ? items : undefined;
      },
      240_000,
    );
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
  });

  it('scrolls a 60-card feed with at most 8 live WebGL contexts and no blank visible card', async () => {
    const context = await newContext(browser, DESKTOP);
    await context.addInitScript(COUNT_CONTEXTS);
    const page = await context.newPage();
    await page.goto(`${BASE_URL}/`);
    await page.locator('[data-testid="shader-card"]').first().waitFor();

    // Live canvases start for the cards in view and draw over their thumbnails.
    await eventually('live canvases drawing in view', async () => {
      const drawn = (await visibleCards(page)).filter((card) => card.canvasDrawn).length;
      return drawn > 0 ? drawn : undefined;
    });
    await screenshot(page, 'feed-desktop');

    const seen = new Set<string>();
    let reachedEnd = false;
    for (let step = 0; step < 80 && !reachedEnd; step++) {
      const cards = await eventually(
        `every visible card to show pixels (scroll step ${step})`,
        async () => {
          const view = await visibleCards(page);
          const blank = view.filter(
            (card) => !card.thumbnailLoaded && !card.canvasDrawn && !card.renderFailure,
          );
          if (blank.length) throw new Error(`blank: ${blank.map((card) => card.title).join(', ')}`);
          return view;
        },
        20_000,
      );
      for (const card of cards) seen.add(card.id);
      expect(await liveContexts(page)).toBeLessThanOrEqual(MAX_LIVE);
      if (step === 6) await screenshot(page, 'feed-scrolled');
      reachedEnd = await page.evaluate(() => {
        const atBottom = window.scrollY + window.innerHeight >= document.documentElement.scrollHeight - 4;
        return atBottom && !!document.body.textContent?.includes('You have reached the end');
      });
      // Half a screen per step, so every row is at least half in view at one of the steps.
      await page.evaluate((dy) => window.scrollBy({ top: dy, behavior: 'instant' }), DESKTOP.height / 2);
    }

    expect(reachedEnd).toBe(true);
    const ours = shaders.filter((shader) => seen.has(shader.id));
    expect(ours).toHaveLength(FEED_SIZE);
    expect(await maxLiveContexts(page)).toBeLessThanOrEqual(MAX_LIVE);
    expect(await maxLiveContexts(page)).toBeGreaterThan(0);
    // Contexts were handed back and recreated as the feed scrolled, not just capped once.
    expect(
      await page.evaluate(() => (window as unknown as { __created: () => number }).__created()),
    ).toBeGreaterThan(MAX_LIVE);
    await context.close();
  });

  it('starts a live canvas on hover and recreates a canvas whose context was lost', async () => {
    const context = await newContext(browser, DESKTOP);
    await context.addInitScript(COUNT_CONTEXTS);
    const page = await context.newPage();
    await page.goto(`${BASE_URL}/`);
    await page.locator('[data-testid="shader-card"]').first().waitFor();
    await page.locator('[data-live="playing"] canvas[data-drawn="true"]').first().waitFor();

    // A card in view without a canvas (the pool is full) goes live when hovered.
    const idle = page.locator('[data-testid="shader-card"][data-live="off"]').first();
    await idle.scrollIntoViewIfNeeded();
    const idleId = await idle.getAttribute('data-shader-id');
    const hovered = page.locator(`[data-testid="shader-card"][data-shader-id="${idleId}"]`);
    await hovered.hover();
    await hovered.locator('canvas[data-drawn="true"]').waitFor();
    await expect(hovered.getAttribute('data-live')).resolves.toBe('playing');
    expect(await liveContexts(page)).toBeLessThanOrEqual(MAX_LIVE);

    // The browser drops that card's context: the card gets a fresh canvas that draws again.
    await hovered.locator('canvas').evaluate((canvas: HTMLCanvasElement) => {
      canvas.getContext('webgl2')?.getExtension('WEBGL_lose_context')?.loseContext();
      canvas.dataset.lostByTest = 'true';
    });
    await hovered.locator('canvas[data-drawn="true"]:not([data-lost-by-test])').waitFor();
    expect(await maxLiveContexts(page)).toBeLessThanOrEqual(MAX_LIVE);
    await context.close();
  });

  it('reports dwell time with a session id kept in localStorage for an anonymous visitor', async () => {
    const context = await newContext(browser, DESKTOP);
    const page = await context.newPage();
    await page.goto(`${BASE_URL}/`);
    await page.locator('[data-testid="shader-card"]').first().waitFor();
    const dwell = page.waitForRequest((request) => {
      if (!request.url().endsWith('/events') || request.method() !== 'POST') return false;
      return (request.postDataJSON() as { kind?: string }).kind === 'dwell';
    });
    // Watch the first cards for over a second, then hide the tab: what was watched is reported.
    await page.waitForTimeout(1500);
    await page.evaluate(() => {
      Object.defineProperty(document, 'visibilityState', { value: 'hidden', configurable: true });
      document.dispatchEvent(new Event('visibilitychange'));
    });
    const request = await dwell;
    const body = request.postDataJSON() as { kind: string; dwellMs: number; sessionId: string };
    expect(body.dwellMs).toBeGreaterThanOrEqual(1000);
    const stored = await page.evaluate(() => localStorage.getItem('fractafrag.sessionId'));
    expect(body.sessionId).toBe(stored);
    expect(request.headers().authorization).toBeUndefined();
    const response = await request.response();
    expect(response?.status()).toBe(202);
    await context.close();
  });

  it('votes and replays from a card, and shows the tabs with Top periods', async () => {
    const context = await newContext(browser, DESKTOP);
    const page = await context.newPage();
    await registerInBrowser(page, uniqueName('voter'), '/');
    const target = shaders[FEED_SIZE - 1]!;
    const card = page.locator(`[data-testid="shader-card"][data-shader-id="${target.id}"]`);
    await card.waitFor();

    await card.getByTestId('vote-up').click();
    await expect.poll(() => card.getByTestId('vote-up').getAttribute('aria-pressed')).toBe('true');
    await expect.poll(() => card.getByTestId('vote-up').textContent()).toContain('1');
    const after = await api<ShaderDetail>('GET', `/api/v1/shaders/${target.id}`);
    expect(after.body.votes.up).toBe(1);

    const replay = page.waitForRequest((r) => r.url().endsWith(`/shaders/${target.id}/replay`));
    await card.getByTestId('replay').click();
    expect((await (await replay).response())?.status()).toBe(202);

    await page.getByRole('link', { name: 'Trending' }).click();
    await page.waitForURL(`${BASE_URL}/trending`);
    await page.locator('[data-testid="shader-card"]').first().waitFor();
    await screenshot(page, 'feed-trending');

    await page.getByRole('link', { name: 'Top' }).click();
    await page.waitForURL(`${BASE_URL}/top`);
    await page.getByTestId('period-select').selectOption('day');
    await page.waitForURL(`${BASE_URL}/top?period=day`);
    // Voted on today: the shader leads today's top list.
    await page.locator(`[data-testid="shader-card"][data-shader-id="${target.id}"]`).waitFor();
    await screenshot(page, 'feed-top');

    await page.getByRole('link', { name: 'For you' }).click();
    await page.waitForURL(`${BASE_URL}/for-you`);
    await page.locator('[data-testid="shader-card"]').first().waitFor();
    await screenshot(page, 'feed-for-you');
    await context.close();
  });

  it('fits a 375 px wide phone without sideways scrolling', async () => {
    const context = await newContext(browser, PHONE);
    const page = await context.newPage();
    await page.goto(`${BASE_URL}/`);
    await page.locator('[data-testid="shader-card"] img.thumb').first().waitFor();
    await page.waitForFunction(() => {
      const img = document.querySelector<HTMLImageElement>('[data-testid="shader-card"] img.thumb');
      return !!img && img.complete && img.naturalWidth > 0;
    });
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await screenshot(page, 'feed-phone');
    await context.close();
  });
});
