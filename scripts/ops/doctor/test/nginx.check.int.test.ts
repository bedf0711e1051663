import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { TEMPLATE_PATH } from '@fractafrag/nginx';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkNginx } from '../nginx.check.ts';

let dir: string;
const RENDERS_DIR = '/var/tmp/fractafrag-renders';
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'fractafrag-doctor-nginx-test-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

async function templateWith(edit: (template: string) => string): Promise<string> {
  const file = path.join(dir, `${Math.random().toString(36).slice(2)}.conf.template`);
  await writeFile(file, edit(await readFile(TEMPLATE_PATH, 'utf8')));
  return file;
}

describe('nginx check', () => {
  it("accepts the repository's template rendered as the native stack renders it", async () => {
    const [result] = await checkNginx({ RENDERS_DIR });
    expect(result).toMatchObject({ name: 'nginx', status: 'ok' });
    expect(result!.detail).toMatch(/nginx -t accepts the rendered default\.conf\.template$/);
  });

  it("fails with nginx's own complaint when the template has a broken directive", async () => {
    const templatePath = await templateWith((t) => t.replace('keepalive 16;', 'keepalive sixteen;'));
    const [result] = await checkNginx({ RENDERS_DIR, templatePath });
    expect(result).toMatchObject({ name: 'nginx', status: 'fail' });
    expect(result!.detail).toContain('nginx -t rejects the config');
    expect(result!.detail).toMatch(/\[emerg\].*keepalive/);
    expect(result!.fix).toContain('git checkout -- services/nginx/templates/default.conf.template');
  });

  it('fails when the template has an unclosed block', async () => {
    const templatePath = await templateWith((t) => `${t}\nserver {\n`);
    const [result] = await checkNginx({ RENDERS_DIR, templatePath });
    expect(result).toMatchObject({ name: 'nginx', status: 'fail' });
    expect(result!.detail).toMatch(/\[emerg\].*unexpected end of file/);
  });

  it('fails when RENDERS_DIR cannot be put into the config safely', async () => {
    const [result] = await checkNginx({ RENDERS_DIR: '/srv/renders; evil' });
    expect(result).toMatchObject({ name: 'nginx', status: 'fail' });
    expect(result!.detail).toContain('unsafe value');
    expect(result!.fix).toContain('RENDERS_DIR');
  });

  it('fails when the template is missing', async () => {
    const [result] = await checkNginx({ RENDERS_DIR, templatePath: path.join(dir, 'missing.template') });
    expect(result).toMatchObject({ name: 'nginx', status: 'fail' });
    expect(result!.fix).toMatch(/^restore the template/);
  });

  it('fails with the install step when nginx is not there', async () => {
    const [result] = await checkNginx({ RENDERS_DIR, nginxBinary: '/nonexistent/nginx' });
    expect(result).toEqual({
      name: 'nginx',
      status: 'fail',
      detail: '/nonexistent/nginx not found',
      fix: 'apt-get install nginx (make bootstrap does)',
    });
  });
});
