import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ShaderDetail, ShaderSummary, Page as ApiPage } from '@fractafrag/contracts';
import {
  goTo,
  horizontalOverflow,
  launchChromium,
  logInInBrowser,
  newContext,
  PHONE,
  registerInBrowser,
  screenshot,
  uniqueName,
  settlesTo,
  waitImages,
  waitSignedIn,
  waitText,
} from './frontend-pages-support.ts';
import { api, eventually } from './stack.ts';

/** Line 4 uses a name nothing declares. */
const BROKEN_IMAGE = `void mainImage(out vec4 fragColor, in vec2 fragCoord)
{
    vec2 uv = fragCoord / iResolution.xy;
    vec3 col = vec3(uv, 0.5) * brightness;
    fragColor = vec4(col, 1.0);
}`;

const FIXED_IMAGE = `void mainImage(out vec4 fragColor, in vec2 fragCoord)
{
    vec2 uv = fragCoord / iResolution.xy;
    vec3 col = 0.5 + 0.5 * cos(iTime + uv.xyx * 5.0 + vec3(0.0, 2.0, 4.0));
    fragColor = vec4(col, 1.0);
}`;

/** Line 3 of the Common tab is a syntax error. */
const BROKEN_COMMON = `// shared helpers
float wave(float x) {
    return 0.5 + 0.5 * sin(x) +;
}`;

/** Line 3 of Buffer A reads a field a vec2 does not have. */
const BROKEN_BUFFER = `void mainImage(out vec4 fragColor, in vec2 fragCoord)
{
    float depth = fragCoord.z;
    fragColor = vec4(depth);
}`;

const SHADERTOY_JSON = {
  Shader: {
    ver: '0.1',
    info: {
      id: 'e2eImp',
      name: 'Imported feedback',
      description: 'From Shadertoy',
      tags: ['import', 'feedback'],
    },
    renderpass: [
      {
        inputs: [],
        outputs: [{ id: '4dXGR8', channel: 0 }],
        code: 'void mainImage(out vec4 c, in vec2 p) { c = vec4(p / iResolution.xy, 0.0, 1.0); }',
        name: 'Buffer A',
        type: 'buffer',
      },
      {
        inputs: [{ id: '4dXGR8', channel: 0, ctype: 'buffer', src: '/media/previz/buffer00.png' }],
        outputs: [{ id: '4dfGRr', channel: 0 }],
        code: 'void mainImage(out vec4 c, in vec2 p) { c = texture(iChannel0, p / iResolution.xy); }',
        name: 'Image',
        type: 'image',
      },
    ],
  },
};

/** Replaces the shown tab's whole document, as if the code were pasted. */
async function replaceCode(page: Page, code: string): Promise<void> {
  await page.locator('.cm-content').click();
  await page.keyboard.press('ControlOrMeta+A');
  if (code === '') await page.keyboard.press('Backspace');
  else await page.keyboard.insertText(code);
}

async function editorText(page: Page): Promise<string> {
  return page.evaluate(() =>
    Array.from(document.querySelectorAll('.cm-content .cm-line'))
      .map((line) => line.textContent)
      .join('\n'),
  );
}

/** 1-based lines of the document that carry a CodeMirror error diagnostic. */
async function diagnosticLines(page: Page): Promise<number[]> {
  await page.locator('.cm-lintRange-error').first().waitFor();
  return page.evaluate(() => {
    const lines = Array.from(document.querySelectorAll('.cm-content .cm-line'));
    const marked = Array.from(document.querySelectorAll('.cm-lintRange-error')).map(
      (el) => lines.indexOf(el.closest('.cm-line')!) + 1,
    );
    return [...new Set(marked)].sort((a, b) => a - b);
  });
}

async function waitCompiled(page: Page): Promise<void> {
  await page.getByTestId('compile-ok').waitFor();
  await page.locator('.cm-lintRange-error').waitFor({ state: 'detached' });
}

describe('the editor: write, see errors on their lines, fix, publish', () => {
  const username = uniqueName('ed');
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let published: ShaderDetail;

  beforeAll(async () => {
    browser = await launchChromium();
    context = await newContext(browser);
    page = await context.newPage();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('opens a new shader in the editor after signing up, running on a live canvas', async () => {
    await registerInBrowser(page, username, '/new');
    await page.locator('.cm-content').waitFor();
    await waitCompiled(page);
    await expect(page.getByTestId('editor-canvas').count()).resolves.toBe(1);
    // FPS and resolution of the live canvas.
    await page.waitForFunction(() =>
      /^[1-9]\d* fps$/.test(document.querySelector('[data-testid="preview-fps"]')?.textContent ?? ''),
    );
    await expect(page.getByTestId('preview-resolution').textContent()).resolves.toMatch(
      /^[1-9]\d*×[1-9]\d*$/,
    );
  });

  it('marks a compile error in Image on the line it is on, and clears it once fixed', async () => {
    await replaceCode(page, BROKEN_IMAGE);
    await expect(editorText(page)).resolves.toBe(BROKEN_IMAGE);
    await expect(diagnosticLines(page)).resolves.toEqual([4]);
    await expect(page.locator('.cm-lint-marker-error').count()).resolves.toBeGreaterThan(0);
    const listed = page.getByTestId('compile-error').first();
    await expect(listed.getAttribute('data-pass')).resolves.toBe('Image');
    await expect(listed.getAttribute('data-line')).resolves.toBe('4');
    await expect(listed.textContent()).resolves.toContain('brightness');
    await screenshot(page, 'editor-compile-error');

    await replaceCode(page, FIXED_IMAGE);
    await waitCompiled(page);
  });

  it('marks errors of the Common tab on Common lines, with a badge on its tab', async () => {
    await page.getByRole('tab', { name: /^Common/ }).click();
    await replaceCode(page, BROKEN_COMMON);
    await expect(diagnosticLines(page)).resolves.toEqual([3]);
    await expect(page.getByTestId('editor-tab-Common').textContent()).resolves.toMatch(/Common\s*\d+/);
    await expect(page.getByTestId('compile-error').first().getAttribute('data-pass')).resolves.toBe('Common');
    await replaceCode(page, '');
    await waitCompiled(page);
  });

  it('adds Buffer A with its channels and marks its errors on Buffer A lines', async () => {
    await page.getByRole('button', { name: '+ Buffer' }).click();
    await page.getByRole('tab', { name: 'Buffer A', selected: true }).waitFor();
    // A new buffer reads its own previous frame; channels offer buffers and the built-in textures.
    await expect(page.getByLabel('iChannel0').inputValue()).resolves.toBe('buffer:Buffer A');
    await page.getByLabel('iChannel1').selectOption('texture:rgba-noise-256');
    await waitCompiled(page);
    await replaceCode(page, BROKEN_BUFFER);
    await expect(diagnosticLines(page)).resolves.toEqual([3]);
    await expect(page.getByTestId('compile-error').first().getAttribute('data-pass')).resolves.toBe(
      'Buffer A',
    );
    await screenshot(page, 'editor-buffer-error');
    await page.getByRole('button', { name: 'Remove Buffer A' }).click();
    await waitCompiled(page);
    await settlesTo('the tabs without Buffer A', () => page.getByRole('tab').allTextContents(), [
      'Image',
      'Common',
    ]);
  });

  it('resizes the split with the keyboard', async () => {
    const handle = page.getByRole('separator', { name: 'Resize code and preview' });
    const before = Number(await handle.getAttribute('aria-valuenow'));
    await handle.focus();
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await expect(handle.getAttribute('aria-valuenow')).resolves.toBe(String(before + 10));
    await page.keyboard.press('Home');
    await expect(handle.getAttribute('aria-valuenow')).resolves.toBe('20');
    await page.keyboard.press('End');
    await expect(handle.getAttribute('aria-valuenow')).resolves.toBe('80');
    await page.keyboard.press('Home');
    for (let i = 0; i < 6; i++) await page.keyboard.press('ArrowRight');
  });

  it('publishes with a title and shows the new shader in the feed with its server thumbnail', async () => {
    await page.getByLabel('Title').fill('E2E editor aurora');
    await page.getByText('Description and tags').click();
    await page.getByLabel(/^Tags/).fill('e2e, editor');
    await screenshot(page, 'editor');
    await page.getByTestId('publish-button').click();
    await page.waitForURL(/\/s\/[0-9a-f-]{36}\/edit$/);
    await waitText(page.getByTestId('editor-message'), /^Published/);
    await waitText(page.getByTestId('editor-status'), 'published · v1');
    const id = /\/s\/([0-9a-f-]{36})\/edit$/.exec(page.url())![1]!;

    published = await eventually('the server render of the published shader', async () => {
      const res = await api<ShaderDetail>('GET', `/api/v1/shaders/${id}`);
      if (res.body.renderState === 'failed') throw new Error(`render failed: ${res.body.renderError}`);
      return res.body.renderState === 'ready' ? res.body : undefined;
    });
    expect(published.title).toBe('E2E editor aurora');
    expect(published.tags).toEqual(['e2e', 'editor']);
    expect(published.source.passes[0]?.code).toBe(FIXED_IMAGE);

    await goTo(page, `/`);
    await waitSignedIn(page, username);
    const card = page.locator(`[data-testid="shader-card"][data-shader-id="${id}"]`);
    await card.waitFor({ state: 'visible' });
    await expect(card.textContent()).resolves.toContain('E2E editor aurora');
    await expect(card.locator('img').first().getAttribute('src')).resolves.toBe(published.thumbnailUrl);
    await page.waitForFunction((shaderId) => {
      const img = document.querySelector<HTMLImageElement>(`[data-shader-id="${shaderId}"] img`);
      return !!img && img.complete && img.naturalWidth === 640;
    }, id);
    await goTo(page, `/s/${id}/edit`);
    await waitCompiled(page);
  });

  it('saves an edit as a new version with its change note', async () => {
    await replaceCode(page, FIXED_IMAGE.replace('5.0', '7.0'));
    await waitCompiled(page);
    await expect(page.getByText('Unsaved changes').count()).resolves.toBe(1);
    await page.getByLabel('Change note').fill('tighter bands');
    await page.keyboard.press('ControlOrMeta+S');
    await waitText(page.getByTestId('editor-message'), 'Saved as version 2.');
    const versions = await api<{ items: { version: number; changeNote: string }[] }>(
      'GET',
      `/api/v1/shaders/${published.id}/versions`,
    );
    expect(versions.body.items.find((v) => v.version === 2)?.changeNote).toBe('tighter bands');
  });

  it('opens Shadertoy JSON in the editor, converted in the browser with its buffer wiring', async () => {
    await goTo(page, `/new`);
    await page.getByRole('button', { name: 'Import Shadertoy JSON' }).click();
    const dialog = page.getByTestId('import-dialog');
    await dialog.getByLabel('Shadertoy JSON').fill(JSON.stringify(SHADERTOY_JSON));
    await screenshot(page, 'editor-import');
    await dialog.getByRole('button', { name: 'Open in editor' }).click();
    await settlesTo('the imported title', () => page.getByLabel('Title').inputValue(), 'Imported feedback');
    await settlesTo('the imported tabs', () => page.getByRole('tab').allTextContents(), [
      'Image',
      'Common',
      'Buffer A',
    ]);
    await expect(page.getByLabel('iChannel0').inputValue()).resolves.toBe('buffer:Buffer A');
    await waitCompiled(page);
  });

  it('imports Shadertoy JSON as a new draft on the server and opens it', async () => {
    await page.getByRole('button', { name: 'Import Shadertoy JSON' }).click();
    const dialog = page.getByTestId('import-dialog');
    await dialog.getByLabel('Shadertoy JSON').fill('{"Shader": {"info": {}, "renderpass": "nope"}}');
    await dialog.getByRole('button', { name: 'Import as a new draft' }).click();
    await dialog.getByRole('alert').waitFor();
    await dialog.getByLabel('Shadertoy JSON').fill(JSON.stringify(SHADERTOY_JSON));
    await dialog.getByRole('button', { name: 'Import as a new draft' }).click();
    await page.waitForURL(/\/s\/[0-9a-f-]{36}\/edit$/);
    await waitText(page.getByTestId('editor-status'), 'draft · v1');
    await waitText(page.getByTestId('editor-message'), /^Imported as a draft/);
  });

  it('lists my shaders by status and moves them with the quick actions', async () => {
    const rows = (p: Page) => p.getByTestId('my-shader');
    await goTo(page, `/me/shaders`);
    await expect(page.getByTestId('status-tab-draft').getAttribute('aria-current')).resolves.toBe('page');
    await rows(page).first().waitFor();
    await expect(rows(page).allTextContents()).resolves.toEqual([
      expect.stringContaining('Imported feedback'),
    ]);
    await waitImages(page);
    await screenshot(page, 'my-shaders');

    await page.getByTestId('status-tab-published').click();
    await page.locator('[data-testid="my-shader-list"][data-status="published"]').waitFor();
    await expect(rows(page).allTextContents()).resolves.toEqual([
      expect.stringContaining('E2E editor aurora'),
    ]);
    await rows(page).getByRole('button', { name: 'Archive' }).click();
    await page.getByTestId('empty-state').waitFor();

    await page.getByTestId('status-tab-archived').click();
    await page.locator('[data-testid="my-shader-list"][data-status="archived"]').waitFor();
    await expect(rows(page).allTextContents()).resolves.toEqual([
      expect.stringContaining('E2E editor aurora'),
    ]);
    await rows(page).getByRole('button', { name: 'Publish again' }).click();
    await page.getByTestId('empty-state').waitFor();

    // Delete asks first; Cancel keeps the shader.
    await page.getByTestId('status-tab-draft').click();
    await page.locator('[data-testid="my-shader-list"][data-status="draft"]').waitFor();
    await rows(page).getByRole('button', { name: 'Delete' }).click();
    const confirm = page.getByTestId('confirm-dialog');
    await confirm.getByRole('button', { name: 'Cancel' }).click();
    await expect(rows(page).count()).resolves.toBe(1);
    await rows(page).getByRole('button', { name: 'Delete' }).click();
    await confirm.getByRole('button', { name: 'Delete for good' }).click();
    await page.getByTestId('empty-state').waitFor();

    const mine = await api<ApiPage<ShaderSummary>>('GET', `/api/v1/users/${username}/shaders`);
    expect(mine.body.items.map((s) => s.title)).toEqual(['E2E editor aurora']);
  });

  it('fits the editor and my shaders on a 375 px phone screen', async () => {
    const phone = await newContext(browser, PHONE);
    const mobile = await phone.newPage();
    await logInInBrowser(mobile, username, `/s/${published.id}/edit`);
    await mobile.locator('.cm-content').waitFor();
    await waitCompiled(mobile);
    await mobile.waitForFunction(() =>
      /^[1-9]\d* fps$/.test(document.querySelector('[data-testid="preview-fps"]')?.textContent ?? ''),
    );
    expect(await horizontalOverflow(mobile)).toBeLessThanOrEqual(0);
    await screenshot(mobile, 'editor-mobile', true);
    await goTo(mobile, `/me/shaders?status=published`);
    await mobile.getByTestId('my-shader').first().waitFor();
    await waitImages(mobile);
    expect(await horizontalOverflow(mobile)).toBeLessThanOrEqual(0);
    await screenshot(mobile, 'my-shaders-mobile', true);
    await phone.close();
  });
});
