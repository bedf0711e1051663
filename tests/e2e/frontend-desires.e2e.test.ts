import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Desire, DesireDetail, Me, ShaderDetail } from '@fractafrag/contracts';
import {
  goTo,
  horizontalOverflow,
  launchChromium,
  logInInBrowser,
  newContext,
  PHONE,
  registerByApi,
  screenshot,
  uniqueName,
  waitImages,
  waitSignedIn,
  waitText,
} from './frontend-pages-support.ts';
import { api, BASE_URL, eventually } from './stack.ts';

const PROMPT = 'slow dark ragdoll physics with neon glow';
const SIMILAR_PROMPT = 'dark neon glow ragdoll physics, slow motion';

const MAKER_SHADER = `void mainImage(out vec4 fragColor, in vec2 fragCoord)
{
    vec2 uv = (fragCoord - 0.5 * iResolution.xy) / iResolution.y;
    float glow = 0.02 / abs(length(uv) - 0.3 + 0.05 * sin(iTime));
    fragColor = vec4(glow * vec3(0.2, 1.0, 0.8), 1.0);
}`;

async function points(token: string): Promise<number> {
  return (await api<Me>('GET', '/api/v1/me', { token })).body.points;
}

describe('desires: post, me too, tip, fulfil with a shader, clusters; profiles', () => {
  const requester = uniqueName('wish');
  const maker = uniqueName('maker');
  let requesterToken: string;
  let makerToken: string;
  let shader: ShaderDetail;
  let desireId: string;
  let browser: Browser;
  let requesterContext: BrowserContext;
  let makerContext: BrowserContext;
  let requesterPage: Page;
  let makerPage: Page;

  const card = (page: Page, prompt: string) => page.getByTestId('desire-card').filter({ hasText: prompt });

  beforeAll(async () => {
    requesterToken = (await registerByApi(requester)).accessToken;
    makerToken = (await registerByApi(maker)).accessToken;
    const created = await api<ShaderDetail>('POST', '/api/v1/shaders', {
      token: makerToken,
      body: {
        title: 'Neon ragdoll ring',
        tags: ['neon'],
        status: 'published',
        source: { passes: [{ name: 'Image', code: MAKER_SHADER }] },
      },
    });
    expect(created.status).toBe(201);
    shader = created.body;
    browser = await launchChromium();
    requesterContext = await newContext(browser);
    makerContext = await newContext(browser);
    requesterPage = await requesterContext.newPage();
    makerPage = await makerContext.newPage();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('posts a desire from the board', async () => {
    const page = requesterPage;
    await logInInBrowser(page, requester, '/desires?sort=new');
    await waitSignedIn(page, requester);
    await page.getByRole('button', { name: 'Post a desire' }).click();
    const form = page.getByTestId('desire-form');
    await form.getByLabel('Desire').fill(PROMPT);
    await form.getByLabel(/^Details/).fill('Bodies tumbling in the dark, outlined in cyan.');
    await form.getByLabel(/^Tags/).fill('neon, physics');
    await form.getByRole('button', { name: 'Post desire' }).click();
    await form.waitFor({ state: 'detached' });
    const posted = card(page, PROMPT);
    await posted.waitFor();
    await expect(posted.textContent()).resolves.toContain('#physics');
    desireId = (await posted.getAttribute('data-desire-id'))!;
    expect(desireId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('tips points from my balance, which the form shows', async () => {
    const page = requesterPage;
    const posted = card(page, PROMPT);
    await posted.getByRole('button', { name: 'Tip' }).click();
    const tip = posted.getByTestId('tip-form');
    await waitText(tip.getByTestId('balance'), 'You have 100 points');
    await tip.getByLabel('Points').fill('15');
    await tip.getByRole('button', { name: 'Tip', exact: true }).click();
    await tip.waitFor({ state: 'detached' });
    await posted.getByTestId('tip-total').filter({ hasText: '15 points bounty' }).waitFor();
    expect(await points(requesterToken)).toBe(85);
    await screenshot(page, 'desires');
  });

  it('lets another user say "me too" and fulfil it with one of their published shaders', async () => {
    const page = makerPage;
    await logInInBrowser(page, maker, '/desires?sort=new');
    await waitSignedIn(page, maker);
    const wanted = card(page, PROMPT);
    await wanted.getByTestId('me-too').click();
    await wanted.getByTestId('support-count').filter({ hasText: '1 person wants this' }).waitFor();
    await expect(wanted.getByTestId('me-too').getAttribute('aria-pressed')).resolves.toBe('true');

    await wanted.getByTestId('fulfil-open').click();
    const dialog = page.getByTestId('fulfil-dialog');
    await dialog.getByLabel('Neon ragdoll ring').check();
    await screenshot(page, 'desires-fulfil-picker');
    await dialog.getByTestId('fulfil-submit').click();
    // Fulfilled desires leave the board of open ones.
    await wanted.waitFor({ state: 'detached' });
    expect(await points(makerToken)).toBe(115);

    await goTo(page, `/desires/${desireId}`);
    await page.getByTestId('desire-fulfilled').filter({ hasText: 'Neon ragdoll ring' }).waitFor();
    const link = page.getByRole('link', { name: 'Neon ragdoll ring' });
    await expect(link.getAttribute('href')).resolves.toBe(`/s/${shader.id}`);
    const reply = await api<DesireDetail>('GET', `/api/v1/desires/${desireId}`);
    expect(reply.body.status).toBe('fulfilled');
    expect(reply.body.fulfilledBy?.shaderId).toBe(shader.id);
  });

  it('shows a desire with its cluster and similar desires, and the clusters view', async () => {
    const other = await api<Desire>('POST', '/api/v1/desires', {
      token: makerToken,
      body: { prompt: SIMILAR_PROMPT, tags: ['neon'] },
    });
    expect(other.status).toBe(201);
    await eventually('both desires to be embedded and clustered', async () => {
      const detail = await api<DesireDetail>('GET', `/api/v1/desires/${other.body.id}`);
      return detail.body.cluster && detail.body.similar.some((d) => d.id === desireId)
        ? detail.body
        : undefined;
    });

    const page = requesterPage;
    await goTo(page, `/desires/${other.body.id}`);
    await waitSignedIn(page, requester);
    await page.getByTestId('desire-cluster').waitFor();
    await page.getByTestId('similar-desires').getByRole('link', { name: PROMPT }).waitFor();
    await screenshot(page, 'desire-detail');

    await goTo(page, `/desires?sort=clusters`);
    await page.getByTestId('cluster').first().waitFor();
    await expect(page.getByTestId('desires-view-clusters').getAttribute('aria-current')).resolves.toBe(
      'page',
    );
    await screenshot(page, 'desires-clusters');

    await goTo(page, `/desires?sort=heat`);
    await card(page, SIMILAR_PROMPT).waitFor();
  });

  it("shows a user's profile with their published shaders", async () => {
    await eventually('the maker shader thumbnail', async () => {
      const res = await api<ShaderDetail>('GET', `/api/v1/shaders/${shader.id}`);
      if (res.body.renderState === 'failed') throw new Error(`render failed: ${res.body.renderError}`);
      return res.body.renderState === 'ready' ? res.body : undefined;
    });
    const page = requesterPage;
    await goTo(page, `/u/${maker}`);
    await page.getByRole('heading', { level: 1, name: maker }).waitFor();
    await expect(page.getByTestId('published-count').textContent()).resolves.toBe('1 published shader');
    const shaderCard = page.locator(`[data-testid="shader-card"][data-shader-id="${shader.id}"]`);
    await shaderCard.waitFor();
    await waitImages(page);
    await screenshot(page, 'profile');

    await goTo(page, `/u/nobody_by_that_name`);
    await page.getByRole('heading', { name: 'No such user' }).waitFor();
  });

  it('fits the desires board and a profile on a 375 px phone screen, signed out', async () => {
    const phone = await newContext(browser, PHONE);
    const page = await phone.newPage();
    await page.goto(`${BASE_URL}/desires?sort=heat`);
    await card(page, SIMILAR_PROMPT).waitFor();
    await page.getByRole('link', { name: 'Log in to post a desire' }).waitFor();
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await screenshot(page, 'desires-mobile', true);
    await goTo(page, `/u/${maker}`);
    await page.locator(`[data-testid="shader-card"][data-shader-id="${shader.id}"]`).waitFor();
    await waitImages(page);
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await screenshot(page, 'profile-mobile', true);
    await phone.close();
  });
});
