import { execFile, spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdir, mkdtemp, open, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import * as config from '../../packages/core/src/config.ts';
import { NGINX_ROUTES, SERVICES, serviceSpec, type ServiceName } from '../../packages/core/src/topology.ts';
import {
  TEMPLATE_PATH,
  TEMPLATE_VARIABLES,
  nativeNginxConf,
  nginxTemplateVars,
  renderNginxTemplate,
} from '../../services/nginx/render-config.ts';

/**
 * Static checks that docker-compose.yml, its override, the Dockerfiles and the nginx template agree
 * with packages/core/src/topology.ts. Each check returns the problems it finds, so a failure names
 * the drift, and the last block proves each check notices a planted mismatch.
 */
const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const DOCKER_COMPOSE = existsSync('/usr/bin/docker-compose') ? '/usr/bin/docker-compose' : 'docker-compose';
const NGINX = existsSync('/usr/sbin/nginx') ? '/usr/sbin/nginx' : 'nginx';
const NODE_SERVICES = ['api', 'renderer', 'worker', 'mcp', 'frontend'] as const;
const TEST_JWT_SECRET = 'static-test-secret-not-for-use';
/** The variable each service reads its listening port from (names as in config.ts, plus nginx's). */
const LISTEN_PORT_ENV: Partial<Record<ServiceName, string>> = {
  api: 'API_PORT',
  renderer: 'RENDERER_PORT',
  worker: 'WORKER_PORT',
  mcp: 'MCP_PORT',
  frontend: 'FRONTEND_PORT',
  nginx: 'NGINX_PORT',
};
const CONFIG_ENV_NAMES = new Set(
  Object.entries(config)
    .filter(([name, value]) => name.endsWith('Env') && typeof value === 'object')
    .flatMap(([, shape]) => Object.keys(shape as object)),
);

// ---------- compose model ----------
type PortSpec = string | { published?: number | string; target: number; host_ip?: string };
type VolumeSpec = string | { source?: string; target: string; read_only?: boolean };
interface ComposeService {
  image?: string;
  build?: { context: string; dockerfile?: string; target?: string };
  command?: string | string[];
  environment?: Record<string, string | null>;
  healthcheck?: { test?: string | string[]; disable?: boolean };
  depends_on?: string[] | Record<string, { condition?: string }>;
  ports?: PortSpec[];
  volumes?: VolumeSpec[];
  restart?: string;
  shm_size?: string | number;
  container_name?: string;
}
interface ComposeProject {
  services: Record<string, ComposeService>;
  volumes?: Record<string, unknown>;
}

interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}
function run(cmd: string, args: string[], env: NodeJS.ProcessEnv = process.env): Promise<RunResult> {
  return new Promise((resolve) => {
    execFile(cmd, args, { cwd: ROOT, env, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
      resolve({ code, stdout, stderr: stderr || (error && code !== 0 ? error.message : '') });
    });
  });
}

/** `docker-compose config` with a clean environment and an empty env file, so a local .env cannot leak in. */
function composeConfig(files: string[], extra: string[], jwtSecret?: string): Promise<RunResult> {
  const envFile = path.join(tmpDir, 'empty.env');
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: process.env.HOME ?? tmpDir };
  if (jwtSecret) env.JWT_SECRET = jwtSecret;
  return run(
    DOCKER_COMPOSE,
    ['--env-file', envFile, ...files.flatMap((f) => ['-f', f]), 'config', ...extra],
    env,
  );
}

const unescape = (value: string): string => value.replaceAll('$$', '$');
const envOf = (s: ComposeService): Record<string, string> =>
  Object.fromEntries(Object.entries(s.environment ?? {}).map(([k, v]) => [k, unescape(v ?? '')]));
const words = (value: string | string[] | undefined): string[] =>
  value === undefined ? [] : Array.isArray(value) ? value : value.split(/\s+/);
const healthText = (s: ComposeService): string => words(s.healthcheck?.test).join(' ');

function dependsOn(s: ComposeService): Map<string, string | undefined> {
  const deps = s.depends_on ?? [];
  return Array.isArray(deps)
    ? new Map(deps.map((d) => [d, undefined]))
    : new Map(Object.entries(deps).map(([d, v]) => [d, v.condition]));
}

function publishedPorts(s: ComposeService): { hostIp: string; published: number; target: number }[] {
  return (s.ports ?? []).map((p) => {
    if (typeof p !== 'string')
      return { hostIp: p.host_ip ?? '', published: Number(p.published), target: p.target };
    const parts = p.split('/')[0]!.split(':');
    const target = Number(parts.at(-1));
    if (parts.length === 1) return { hostIp: '', published: NaN, target };
    return { hostIp: parts.length > 2 ? parts[0]! : '', published: Number(parts.at(-2)), target };
  });
}

function mounts(s: ComposeService): { source: string; target: string; readOnly: boolean }[] {
  return (s.volumes ?? []).map((v) => {
    if (typeof v !== 'string')
      return { source: v.source ?? '', target: v.target, readOnly: v.read_only === true };
    const [source = '', target = '', mode = ''] = v.split(':');
    return { source, target, readOnly: mode.split(',').includes('ro') };
  });
}

// ---------- checks on a compose project (each returns problems) ----------
function checkServiceSet(c: ComposeProject): string[] {
  const want = SERVICES.map((s) => s.name).sort();
  const have = Object.keys(c.services).sort();
  return JSON.stringify(want) === JSON.stringify(have)
    ? []
    : [`services ${have.join(',')} != ${want.join(',')}`];
}

function checkHealthchecks(c: ComposeProject): string[] {
  const problems: string[] = [];
  for (const spec of SERVICES) {
    const s = c.services[spec.name];
    const test = s ? healthText(s) : '';
    if (!s?.healthcheck || s.healthcheck.disable || test === '' || test.startsWith('NONE')) {
      problems.push(`${spec.name}: no healthcheck`);
      continue;
    }
    if (spec.name === 'postgres' && !/pg_isready .*-U fracta -d fractafrag/.test(test))
      problems.push(`postgres: healthcheck is not pg_isready -U fracta -d fractafrag: ${test}`);
    if (spec.name === 'redis' && !test.includes('redis-cli ping'))
      problems.push(`redis: healthcheck is not redis-cli ping: ${test}`);
    if (spec.healthPath !== undefined) {
      const url = /http:\/\/127\.0\.0\.1:(\d+)(\/[^'"\s)]*)/.exec(test);
      if (!url || Number(url[1]) !== spec.port || url[2] !== spec.healthPath)
        problems.push(
          `${spec.name}: healthcheck should GET 127.0.0.1:${spec.port}${spec.healthPath}: ${test}`,
        );
    }
  }
  return problems;
}

function checkDependsOn(c: ComposeProject): string[] {
  const problems: string[] = [];
  for (const spec of SERVICES) {
    const deps = dependsOn(c.services[spec.name] ?? {});
    const have = [...deps.keys()].sort().join(',');
    const want = [...spec.dependsOn].sort().join(',');
    if (have !== want) problems.push(`${spec.name}: depends_on [${have}] != topology [${want}]`);
    for (const [dep, condition] of deps.entries())
      if (condition !== 'service_healthy') problems.push(`${spec.name} -> ${dep}: condition ${condition}`);
  }
  return problems;
}

const HOST_REF = new RegExp(
  `(?:^|@|//)(${SERVICES.map((s) => s.name).join('|')})(?!://)(?::(\\d+))?(?=[/:]|$)`,
  'g',
);

function checkPorts(c: ComposeProject): string[] {
  const problems: string[] = [];
  for (const spec of SERVICES) {
    const s = c.services[spec.name];
    if (!s) continue;
    const env = envOf(s);
    const portVar = LISTEN_PORT_ENV[spec.name];
    if (portVar && env[portVar] !== String(spec.port))
      problems.push(`${spec.name}: ${portVar}=${env[portVar]} but topology port is ${spec.port}`);
    // Every reference to another service (URLs, nginx upstreams) must use that service's port.
    for (const [key, value] of Object.entries(env)) {
      for (const m of value.matchAll(HOST_REF)) {
        const target = serviceSpec(m[1] as ServiceName);
        if (Number(m[2]) !== target.port)
          problems.push(`${spec.name}: ${key}=${value} should reach ${target.name} on ${target.port}`);
      }
    }
  }
  const required: [ServiceName, string, RegExp][] = [
    ['api', 'DATABASE_URL', /@postgres:5432\/fractafrag$/],
    ['api', 'REDIS_URL', /^redis:\/\/redis:6379$/],
    ['worker', 'DATABASE_URL', /@postgres:5432\/fractafrag$/],
    ['worker', 'REDIS_URL', /^redis:\/\/redis:6379$/],
    ['worker', 'RENDERER_URL', /^http:\/\/renderer:3100$/],
    ['mcp', 'API_URL', /^http:\/\/api:8000$/],
  ];
  for (const [name, key, pattern] of required) {
    const value = envOf(c.services[name] ?? {})[key];
    if (value === undefined || !pattern.test(value))
      problems.push(`${name}: ${key}=${value} does not match ${pattern}`);
  }
  return problems;
}

function checkEnvNames(c: ComposeProject): string[] {
  return NODE_SERVICES.flatMap((name) =>
    Object.keys(envOf(c.services[name] ?? {}))
      .filter((key) => !CONFIG_ENV_NAMES.has(key))
      .map((key) => `${name}: ${key} is not a variable config.ts reads`),
  );
}

function checkPublished(c: ComposeProject, mode: 'base' | 'dev'): string[] {
  const problems: string[] = [];
  for (const spec of SERVICES) {
    const ports = publishedPorts(c.services[spec.name] ?? {});
    if (spec.name === 'nginx') {
      if (!ports.some((p) => p.target === spec.port && p.published === spec.port))
        problems.push(`nginx: should publish ${spec.port}`);
      continue;
    }
    if (mode === 'base' && ports.length > 0) problems.push(`${spec.name}: publishes a port in the base file`);
    if (mode === 'dev') {
      const ok = ports.length === 1 && ports[0]!.hostIp === '127.0.0.1' && ports[0]!.target === spec.port;
      if (!ok)
        problems.push(
          `${spec.name}: dev should publish 127.0.0.1:${spec.port} only, has ${JSON.stringify(ports)}`,
        );
    }
  }
  return problems;
}

function checkVolumes(c: ComposeProject): string[] {
  const problems: string[] = [];
  for (const v of ['pgdata', 'redisdata', 'renders'])
    if (!c.volumes || !(v in c.volumes)) problems.push(`volume ${v} is not declared`);
  const has = (svc: string, source: string, target: string, readOnly: boolean): void => {
    const ok = mounts(c.services[svc] ?? {}).some(
      (m) =>
        (m.source === source || m.source.endsWith(source)) && m.target === target && m.readOnly === readOnly,
    );
    if (!ok) problems.push(`${svc}: expected ${source}:${target}${readOnly ? ':ro' : ''}`);
  };
  has('postgres', 'pgdata', '/var/lib/postgresql/data', false);
  has('postgres', '/db/init.sql', '/docker-entrypoint-initdb.d/001-init.sql', true);
  has('redis', 'redisdata', '/data', false);
  has('worker', 'renders', envOf(c.services.worker ?? {}).RENDERS_DIR ?? '(RENDERS_DIR unset)', false);
  has('nginx', 'renders', envOf(c.services.nginx ?? {}).RENDERS_ROOT ?? '(RENDERS_ROOT unset)', true);
  has('nginx', '/services/nginx/templates', '/etc/nginx/templates', true);
  return problems;
}

/**
 * `docker compose up --scale api=N --scale renderer=N --scale worker=N` (README "Scaling"): replicas
 * need no fixed container name or host port, the renderer keeps no state, and every worker writes
 * renders into the one shared named volume that nginx serves.
 */
const SCALABLE = ['api', 'renderer', 'worker', 'mcp', 'frontend'] as const;
function checkScalable(c: ComposeProject): string[] {
  const problems: string[] = [];
  for (const name of SCALABLE) {
    const svc = c.services[name] ?? {};
    if (svc.container_name) problems.push(`${name}: container_name prevents --scale`);
    if ((svc.ports ?? []).length > 0) problems.push(`${name}: a published host port prevents --scale`);
  }
  if (mounts(c.services.renderer ?? {}).length > 0)
    problems.push('renderer: must stay stateless (no volumes)');
  const renders = mounts(c.services.worker ?? {}).find(
    (m) => m.target === envOf(c.services.worker ?? {}).RENDERS_DIR,
  );
  if (!renders || renders.source.includes('/'))
    problems.push('worker: RENDERS_DIR must be a named volume shared by every replica');
  return problems;
}

function checkRedisDurability(c: ComposeProject): string[] {
  const args = words(c.services.redis?.command);
  const option = (name: string): string | undefined => args[args.indexOf(`--${name}`) + 1];
  const problems: string[] = [];
  if (args[0] !== 'redis-server') problems.push(`redis: command is not redis-server: ${args.join(' ')}`);
  if (option('appendonly') !== 'yes') problems.push('redis: --appendonly yes missing');
  if (option('maxmemory-policy') !== 'noeviction')
    problems.push('redis: --maxmemory-policy noeviction missing');
  return problems;
}

// ---------- nginx template model ----------
interface Directive {
  name: string;
  args: string[];
  block?: Directive[];
}
function parseNginx(text: string): Directive[] {
  const tokens: { value: string; quoted: boolean }[] = [];
  for (let i = 0; i < text.length; ) {
    const ch = text[i]!;
    if (/\s/.test(ch)) i++;
    else if (ch === '#') while (i < text.length && text[i] !== '\n') i++;
    else if (ch === ';' || ch === '{' || ch === '}') tokens.push({ value: text[i++]!, quoted: false });
    else if (ch === '"' || ch === "'") {
      const end = text.indexOf(ch, i + 1);
      tokens.push({ value: text.slice(i + 1, end), quoted: true });
      i = end + 1;
    } else {
      let word = '';
      while (i < text.length && !/[\s;{}]/.test(text[i]!)) {
        if (text[i] === '$' && text[i + 1] === '{') {
          const end = text.indexOf('}', i);
          word += text.slice(i, end + 1);
          i = end + 1;
        } else word += text[i++];
      }
      tokens.push({ value: word, quoted: false });
    }
  }
  let pos = 0;
  const block = (): Directive[] => {
    const out: Directive[] = [];
    while (pos < tokens.length && !(tokens[pos]!.value === '}' && !tokens[pos]!.quoted)) {
      const name = tokens[pos++]!.value;
      const args: string[] = [];
      while (pos < tokens.length && (tokens[pos]!.quoted || !';{'.includes(tokens[pos]!.value)))
        args.push(tokens[pos++]!.value);
      if (tokens[pos++]?.value === '{') {
        out.push({ name, args, block: block() });
        pos++; // closing brace
      } else out.push({ name, args });
    }
    return out;
  };
  return block();
}
const find = (ds: Directive[] | undefined, name: string): Directive[] =>
  (ds ?? []).filter((d) => d.name === name);
const argsOf = (ds: Directive[] | undefined, name: string): string[][] => find(ds, name).map((d) => d.args);
const hasDirective = (ds: Directive[] | undefined, name: string, ...args: string[]): boolean =>
  argsOf(ds, name).some((a) => JSON.stringify(a) === JSON.stringify(args));

function locations(template: string): Map<string, Directive[]> {
  const server = find(parseNginx(template), 'server')[0];
  return new Map(find(server?.block, 'location').map((l) => [l.args.at(-1)!, l.block ?? []]));
}

function checkTemplateRoutes(template: string, nginxEnv: Record<string, string>): string[] {
  const problems: string[] = [];
  const top = parseNginx(template);
  const locs = locations(template);
  const want = NGINX_ROUTES.map((r) => r.path).sort();
  if (JSON.stringify([...locs.keys()].sort()) !== JSON.stringify(want))
    problems.push(`template locations [${[...locs.keys()].join(', ')}] != NGINX_ROUTES [${want.join(', ')}]`);
  for (const route of NGINX_ROUTES) {
    const pass = argsOf(locs.get(route.path), 'proxy_pass')[0]?.[0];
    if (route.upstream === null) {
      if (pass) problems.push(`${route.path} should be answered by nginx, proxies to ${pass}`);
      continue;
    }
    const variable = `${route.upstream.toUpperCase()}_UPSTREAM`;
    const upstreamName = pass?.replace(/^http:\/\//, '');
    const upstream = find(top, 'upstream').find((u) => u.args[0] === upstreamName);
    const server = argsOf(upstream?.block, 'server')[0]?.[0] ?? pass?.replace(/^http:\/\//, '');
    if (server !== `\${${variable}}`)
      problems.push(`${route.path} should proxy to \${${variable}}, goes to ${server}`);
    const expected = `${route.upstream}:${serviceSpec(route.upstream).port}`;
    if (nginxEnv[variable] !== expected)
      problems.push(`nginx env ${variable}=${nginxEnv[variable]}, want ${expected}`);
  }
  return problems;
}

// ---------- Dockerfiles ----------
interface Stage {
  name: string | undefined;
  from: string;
  instructions: { op: string; args: string }[];
}
function parseDockerfile(text: string): Stage[] {
  const lines = text
    .split('\n')
    .filter((l) => !/^\s*#/.test(l))
    .join('\n')
    .replace(/\\\n/g, ' ')
    .split('\n');
  const stages: Stage[] = [];
  for (const line of lines) {
    const m = /^\s*([A-Za-z]+)\s+(.*)$/.exec(line);
    if (!m) continue;
    const op = m[1]!.toUpperCase();
    const args = m[2]!.trim();
    if (op === 'FROM') {
      const [from = '', , name] = args.split(/\s+/);
      stages.push({ from, name, instructions: [] });
    } else stages.at(-1)?.instructions.push({ op, args });
  }
  return stages;
}

function workspacePackages(): Map<string, { dir: string; workspaceDeps: string[] }> {
  const result = new Map<string, { dir: string; workspaceDeps: string[] }>();
  for (const group of ['packages', 'services']) {
    for (const entry of readdirNames(path.join(ROOT, group))) {
      const file = path.join(ROOT, group, entry, 'package.json');
      if (!existsSync(file)) continue;
      const pkg = JSON.parse(readFileSync(file, 'utf8')) as {
        name: string;
        dependencies?: Record<string, string>;
      };
      const workspaceDeps = Object.entries(pkg.dependencies ?? {})
        .filter(([, v]) => v.startsWith('workspace:'))
        .map(([k]) => k);
      result.set(pkg.name, { dir: `${group}/${entry}`, workspaceDeps });
    }
  }
  return result;
}
const readdirNames = (dir: string): string[] => (existsSync(dir) ? readdirSync(dir) : []);

const ROOT_PNPM = (
  JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { packageManager: string }
).packageManager;

/** Problems with the Dockerfile that builds `service` (its `target` stage, or the last one). */
function checkDockerfile(service: string, text: string, target?: string): string[] {
  const problems: string[] = [];
  const stages = parseDockerfile(text);
  const byName = new Map(stages.filter((s) => s.name).map((s) => [s.name!, s]));
  const chain: Stage[] = [];
  for (let s = target ? byName.get(target) : stages.at(-1); s; s = byName.get(s.from)) chain.push(s);
  if (chain.length === 0) return [`${service}: no stage ${target ?? '(last)'}`];
  const image = chain.at(-1)!.from;
  if (!/^node:24[.-]/.test(image)) problems.push(`${service}: runtime image ${image} is not node:24`);
  // The last USER of the nearest stage that sets one is the user the container runs as.
  const user = chain.map((s) => s.instructions.filter((i) => i.op === 'USER').at(-1)?.args).find(Boolean);
  if (!user || /^(root|0)(:|$)/.test(user))
    problems.push(`${service}: runtime stage runs as ${user ?? 'root'}`);
  if (!text.includes(ROOT_PNPM)) problems.push(`${service}: does not install ${ROOT_PNPM}`);

  const packages = workspacePackages();
  const pkgName = `@fractafrag/${service}`;
  const install = stages
    .flatMap((s) => s.instructions)
    .filter((i) => i.op === 'RUN' && /pnpm install/.test(i.args));
  if (!install.some((i) => i.args.includes('--frozen-lockfile') && i.args.includes(`--filter ${pkgName}...`)))
    problems.push(`${service}: no pnpm install --frozen-lockfile --filter ${pkgName}...`);
  // Everything the service imports from the workspace must be in the image, manifest first.
  const needed = new Set<string>();
  const visit = (name: string): void => {
    if (needed.has(name) || !packages.has(name)) return;
    needed.add(name);
    packages.get(name)!.workspaceDeps.forEach(visit);
  };
  visit(pkgName);
  const copies = stages
    .flatMap((s) => s.instructions)
    .filter((i) => i.op === 'COPY' && !i.args.startsWith('--from'));
  for (const name of needed) {
    const dir = packages.get(name)!.dir;
    if (!copies.some((c) => c.args.startsWith(`${dir}/package.json `)))
      problems.push(`${service}: does not copy ${dir}/package.json`);
    if (
      !copies.some(
        (c) =>
          c.args.startsWith(`${dir} `) ||
          c.args.startsWith(`${dir}/src `) ||
          c.args.startsWith(`${dir}/server `),
      )
    )
      problems.push(`${service}: does not copy the sources of ${dir}`);
  }
  if (needed.has('@fractafrag/db') && !copies.some((c) => /^db\s/.test(c.args)))
    problems.push(`${service}: imports @fractafrag/db but does not copy db/ (migrations)`);
  return problems;
}

const cmdOf = (text: string, target?: string): unknown => {
  const stages = parseDockerfile(text);
  const stage = target ? stages.find((s) => s.name === target) : stages.at(-1);
  const cmd = stage?.instructions.filter((i) => i.op === 'CMD').at(-1)?.args;
  return cmd ? (JSON.parse(cmd) as unknown) : undefined;
};

// ---------- the tests ----------
let tmpDir: string;
let base: ComposeProject;
let dev: ComposeProject;
let template: string;
const validation: Record<string, RunResult> = {};

beforeAll(async () => {
  tmpDir = await mkdtemp(path.join(os.tmpdir(), 'fracta-compose-'));
  await writeFile(path.join(tmpDir, 'empty.env'), '');
  const both = ['docker-compose.yml', 'docker-compose.override.yml'];
  const [baseQ, devQ, baseOut, devOut, noSecret] = await Promise.all([
    composeConfig(['docker-compose.yml'], ['-q'], TEST_JWT_SECRET),
    composeConfig(both, ['-q'], TEST_JWT_SECRET),
    composeConfig(['docker-compose.yml'], [], TEST_JWT_SECRET),
    composeConfig(both, [], TEST_JWT_SECRET),
    composeConfig(['docker-compose.yml'], ['-q']),
  ]);
  Object.assign(validation, { baseQ, devQ, noSecret });
  base = parse(baseOut.stdout) as ComposeProject;
  dev = parse(devOut.stdout) as ComposeProject;
  template = readFileSync(TEMPLATE_PATH, 'utf8');
}, 60_000);
afterAll(async () => {
  await rm(tmpDir, { recursive: true, force: true });
});

describe('docker-compose files', () => {
  it('base file alone is valid compose (docker-compose config -q)', () => {
    expect(validation.baseQ!.stderr, 'docker-compose.yml is invalid').toBe('');
    expect(validation.baseQ!.code).toBe(0);
  });

  it('base + override is valid compose (docker-compose config -q)', () => {
    expect(validation.devQ!.stderr, 'base + override is invalid').toBe('');
    expect(validation.devQ!.code).toBe(0);
  });

  it('refuses to start without JWT_SECRET, naming the variable', () => {
    expect(validation.noSecret!.code).not.toBe(0);
    expect(validation.noSecret!.stderr).toContain('JWT_SECRET');
  });

  for (const [label, project] of [
    ['base', () => base],
    ['base + override', () => dev],
  ] as const) {
    describe(label, () => {
      it('defines exactly the eight topology services', () => expect(checkServiceSet(project())).toEqual([]));
      it('gives every service a healthcheck on its topology port and health path', () =>
        expect(checkHealthchecks(project())).toEqual([]));
      it('starts each service after exactly its topology dependencies are healthy', () =>
        expect(checkDependsOn(project())).toEqual([]));
      it('makes services listen on, and reach each other at, the topology ports', () =>
        expect(checkPorts(project())).toEqual([]));
      it('sets only environment variables that config.ts reads', () =>
        expect(checkEnvNames(project())).toEqual([]));
      it('declares pgdata, redisdata, renders and mounts renders rw in worker, ro in nginx', () =>
        expect(checkVolumes(project())).toEqual([]));
      it('runs redis with AOF and noeviction (BullMQ)', () =>
        expect(checkRedisDurability(project())).toEqual([]));
    });
  }

  it('publishes only nginx (port 80) in the base file', () =>
    expect(checkPublished(base, 'base')).toEqual([]));

  it('lets api, renderer, worker, mcp and frontend run as several replicas (base file)', () =>
    expect(checkScalable(base)).toEqual([]));

  it('publishes every inner port on 127.0.0.1 only in the override', () =>
    expect(checkPublished(dev, 'dev')).toEqual([]));

  it('runs node services with NODE_ENV=production, development under the override', () => {
    for (const name of NODE_SERVICES) {
      expect(envOf(base.services[name]!).NODE_ENV, name).toBe('production');
      expect(envOf(dev.services[name]!).NODE_ENV, name).toBe('development');
    }
  });

  it('bind-mounts only repository paths that exist (docker would create a missing one as a directory)', () => {
    const missing = Object.entries(dev.services).flatMap(([name, s]) =>
      mounts(s)
        .filter((m) => m.source.startsWith('/') && !existsSync(m.source))
        .map((m) => `${name}: ${path.relative(ROOT, m.source)}`),
    );
    expect(missing).toEqual([]);
  });

  it('runs the Vite dev server for the frontend under the override, the static build otherwise', () => {
    expect(words(dev.services.frontend!.command)).toContain('vite');
    expect(base.services.frontend!.command).toBeUndefined();
  });

  it('restarts every service unless stopped and gives the renderer 1 GB of shared memory', () => {
    for (const spec of SERVICES) expect(base.services[spec.name]!.restart, spec.name).toBe('unless-stopped');
    expect(String(base.services.renderer!.shm_size).toLowerCase()).toBe('1gb');
  });

  it('builds every node service from a Dockerfile that exists, on node:24, as a non-root user', () => {
    for (const [label, project] of [
      ['base', base],
      ['dev', dev],
    ] as const) {
      for (const name of NODE_SERVICES) {
        const build = project.services[name]!.build;
        expect(build, `${label} ${name} build`).toBeDefined();
        const file = path.resolve(build!.context, build!.dockerfile ?? 'Dockerfile');
        expect(path.relative(ROOT, file)).toBe(`services/${name}/Dockerfile`);
        expect(existsSync(file), file).toBe(true);
        expect(checkDockerfile(name, readFileSync(file, 'utf8'), build!.target), `${label} ${name}`).toEqual(
          [],
        );
      }
    }
  });

  it('starts services with node on their TypeScript entry point', () => {
    for (const name of NODE_SERVICES) {
      const text = readFileSync(path.join(ROOT, 'services', name, 'Dockerfile'), 'utf8');
      const entry = name === 'frontend' ? 'server/main.ts' : 'src/main.ts';
      expect(cmdOf(text), name).toEqual(['node', entry]);
    }
  });

  it('ships Chromium and glslangValidator in the renderer image', () => {
    const text = readFileSync(path.join(ROOT, 'services/renderer/Dockerfile'), 'utf8');
    const runtime = parseDockerfile(text).at(-1)!;
    const install = runtime.instructions.find((i) => i.op === 'RUN' && i.args.includes('apt-get install'));
    expect(install?.args).toMatch(/--no-install-recommends/);
    expect(install?.args).toMatch(/\bchromium\b/);
    expect(install?.args).toMatch(/\bglslang-tools\b/);
    expect(
      runtime.instructions.some((i) => i.op === 'ENV' && /CHROMIUM_PATH=\/usr\/bin\/chromium/.test(i.args)),
    ).toBe(true);
  });

  it('keeps host installs and local state out of the build context (.dockerignore)', () => {
    const lines = readFileSync(path.join(ROOT, '.dockerignore'), 'utf8').split('\n');
    for (const entry of ['**/node_modules', '.tools', '.run', '.git', '**/dist'])
      expect(lines).toContain(entry);
  });
});

describe('nginx template', () => {
  it('uses exactly the five template variables, all set in compose for nginx', () => {
    const used = new Set([...template.matchAll(/\$\{([A-Za-z_]+)\}/g)].map((m) => m[1]));
    expect([...used].sort()).toEqual([...TEMPLATE_VARIABLES].sort());
    const env = envOf(base.services.nginx!);
    for (const v of TEMPLATE_VARIABLES) expect(env[v], v).toBeDefined();
  });

  it('gets upstream values from compose that equal the topology (api:8000, mcp:3200, frontend:5173, port 80)', () => {
    const env = envOf(base.services.nginx!);
    const vars = nginxTemplateVars('compose');
    expect(Object.fromEntries(TEMPLATE_VARIABLES.map((v) => [v, env[v]]))).toEqual(vars);
  });

  it('routes exactly the NGINX_ROUTES paths, each to its upstream service', () =>
    expect(checkTemplateRoutes(template, envOf(base.services.nginx!))).toEqual([]));

  it('keeps the route behaviours: body limit, timeouts, SSE streaming, websocket upgrade, immutable renders', () => {
    const locs = locations(template);
    const required: [string, string, ...string[]][] = [
      ['/api/', 'client_max_body_size', '10m'],
      ['/api/', 'proxy_read_timeout', '120s'],
      ['/api/', 'proxy_send_timeout', '120s'],
      ['/mcp', 'proxy_buffering', 'off'],
      ['/mcp', 'proxy_cache', 'off'],
      ['/mcp', 'proxy_http_version', '1.1'],
      ['/mcp', 'proxy_set_header', 'Connection', ''],
      ['/mcp', 'proxy_read_timeout', '600s'],
      ['/', 'proxy_http_version', '1.1'],
      ['/', 'proxy_set_header', 'Upgrade', '$http_upgrade'],
      ['/renders/', 'alias', '${RENDERS_ROOT}/'],
      ['/renders/', 'try_files', '$uri', '=404'],
      ['/renders/', 'add_header', 'Cache-Control', 'public, max-age=31536000, immutable'],
      ['/health', 'return', '200', 'ok\\n'],
    ];
    for (const path of ['/', '/api/', '/mcp']) {
      required.push(
        [path, 'proxy_set_header', 'Host', '$host'],
        [path, 'proxy_set_header', 'X-Request-ID', '$fracta_request_id'],
        // Set, never appended: a client's own X-Forwarded-For must not become the services' req.ip.
        [path, 'proxy_set_header', 'X-Forwarded-For', '$remote_addr'],
        [path, 'proxy_set_header', 'X-Forwarded-Proto', '$scheme'],
      );
    }
    const missing = required.filter(([loc, name, ...args]) => !hasDirective(locs.get(loc), name, ...args));
    expect(missing.map((m) => m.join(' '))).toEqual([]);
    expect(hasDirective(locs.get('/renders/'), 'autoindex', 'on'), 'directory listing').toBe(false);
    // Query strings can carry tokens: the access log names the path only.
    const logFormat = find(parseNginx(template), 'log_format')
      .map((d) => d.args.join(' '))
      .join(' ');
    expect(logFormat).toContain('$fracta_log_path');
    expect(logFormat).not.toMatch(/\$(request_uri|args|query_string|arg_)/);
    // The request id is the caller's X-Request-ID, or nginx's $request_id when absent.
    const map = find(parseNginx(template), 'map').find((m) => m.args[1] === '$fracta_request_id');
    expect(map?.args[0]).toBe('$http_x_request_id');
    expect(argsOf(map?.block, '').concat(argsOf(map?.block, 'default'))).toEqual([
      ['$request_id'],
      ['$http_x_request_id'],
    ]);
  });

  it('renders only the five variables and leaves nginx $variables alone', () => {
    const out = renderNginxTemplate('listen ${NGINX_PORT}; set $x $host${API_UPSTREAM}; $request_id', {
      NGINX_PORT: '8080',
      API_UPSTREAM: '127.0.0.1:8000',
    });
    expect(out).toBe('listen 8080; set $x $host127.0.0.1:8000; $request_id');
    expect(() => renderNginxTemplate('listen ${NGINX_PORT};', {})).toThrow(/NGINX_PORT/);
    expect(() => renderNginxTemplate('x', { API_UPSTREM: 'a:1' })).toThrow(/API_UPSTREM/);
    expect(() => renderNginxTemplate('x', { RENDERS_ROOT: '/a; evil' })).toThrow(/unsafe/);
  });

  it('renders the same text as the nginx image does with envsubst and the compose environment', async () => {
    const env = envOf(base.services.nginx!);
    // The image's 20-envsubst-on-templates.sh, verbatim in substance.
    const script =
      'defined_envs=$(printf \'${%s} \' $(awk "END { for (name in ENVIRON) { print ( name ~ /${NGINX_ENVSUBST_FILTER}/ ) ? name : \\"\\" } }" < /dev/null )); envsubst "$defined_envs" < "$1"';
    const result = await run('sh', ['-c', script, 'sh', TEMPLATE_PATH], {
      PATH: process.env.PATH,
      HOSTNAME: 'nginx',
      ...env,
    });
    expect(result.stderr, 'envsubst (gettext-base) must be installed').toBe('');
    const vars = Object.fromEntries(TEMPLATE_VARIABLES.map((v) => [v, env[v]!]));
    expect(result.stdout).toBe(renderNginxTemplate(template, vars));
  });

  it('renders with native values into a complete nginx.conf that Debian nginx accepts (nginx -t)', async () => {
    const prefixDir = path.join(tmpDir, 'nginx');
    await mkdir(path.join(tmpDir, 'renders'), { recursive: true });
    await mkdir(prefixDir, { recursive: true });
    const vars = nginxTemplateVars('native', { rendersRoot: path.join(tmpDir, 'renders') });
    expect(vars).toEqual({
      NGINX_PORT: '8080',
      API_UPSTREAM: '127.0.0.1:8000',
      MCP_UPSTREAM: '127.0.0.1:3200',
      FRONTEND_UPSTREAM: '127.0.0.1:5173',
      RENDERS_ROOT: path.join(tmpDir, 'renders'),
    });
    const conf = nativeNginxConf({ prefixDir, serverConf: renderNginxTemplate(template, vars) });
    expect(conf).not.toMatch(/\$\{[A-Z_]+\}/);
    expect(conf).toMatch(/access_log \/dev\/stdout fracta_json/);
    expect(conf).toMatch(/"request_id":"\$fracta_request_id"/);
    const result = await nginxConfigTest(prefixDir, 'nginx.conf', conf);
    expect(result.stderr).toContain('test is successful');
    expect(result.code).toBe(0);
  });

  it('can send the native access log to a file instead of stdout, still valid for nginx -t', async () => {
    const prefixDir = path.join(tmpDir, 'nginx-file-log');
    await mkdir(prefixDir, { recursive: true });
    const vars = nginxTemplateVars('native', { rendersRoot: path.join(tmpDir, 'renders') });
    const accessLog = path.join(prefixDir, 'access.log');
    const conf = nativeNginxConf({ prefixDir, serverConf: renderNginxTemplate(template, vars), accessLog });
    expect(conf).toContain(`access_log ${accessLog} fracta_json;`);
    expect(conf).not.toContain('/dev/stdout');
    const result = await nginxConfigTest(prefixDir, 'nginx.conf', conf);
    expect(result.stderr).toContain('test is successful');
  });
});

/**
 * `nginx -t` with stdout on a file, as a supervisor or the image gives it: nginx open()s
 * /dev/stdout for the access log, and that fails when stdout is a socket (execFile's pipes).
 */
async function nginxConfigTest(prefixDir: string, name: string, conf: string): Promise<RunResult> {
  const file = path.join(prefixDir, name);
  await writeFile(file, conf);
  const stdout = await open(path.join(prefixDir, 'stdout.log'), 'w');
  try {
    return await new Promise((resolve) => {
      const child = spawn(NGINX, ['-e', 'stderr', '-t', '-p', prefixDir, '-c', file], {
        stdio: ['ignore', stdout.fd, 'pipe'],
      });
      let stderr = '';
      child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      child.on('error', (error) => resolve({ code: 1, stdout: '', stderr: String(error) }));
      child.on('close', (code) => resolve({ code: code ?? 1, stdout: '', stderr }));
    });
  } finally {
    await stdout.close();
  }
}

describe('the checks catch drift', () => {
  const clone = (): ComposeProject => structuredClone(base);

  it('flags a dependency that differs from topology.ts', () => {
    const c = clone();
    c.services.worker!.depends_on = {
      postgres: { condition: 'service_healthy' },
      redis: { condition: 'service_started' },
    };
    expect(checkDependsOn(c)).toEqual([
      'worker: depends_on [postgres,redis] != topology [postgres,redis,renderer]',
      'worker -> redis: condition service_started',
    ]);
  });

  it('flags a listening port, a URL and a healthcheck that disagree with topology.ts', () => {
    const c = clone();
    c.services.api!.environment!.API_PORT = '8080';
    c.services.worker!.environment!.REDIS_URL = 'redis://redis:6380';
    c.services.nginx!.environment!.MCP_UPSTREAM = 'mcp:3000';
    expect(checkPorts(c).join('\n')).toMatch(
      /API_PORT=8080[\s\S]*REDIS_URL=redis:\/\/redis:6380[\s\S]*MCP_UPSTREAM=mcp:3000/,
    );
    c.services.renderer!.healthcheck = {
      test: ['CMD', 'node', '-e', "fetch('http://127.0.0.1:3101/health')"],
    };
    delete c.services.redis!.healthcheck;
    expect(checkHealthchecks(c)).toEqual([
      'redis: no healthcheck',
      `renderer: healthcheck should GET 127.0.0.1:3100/health: CMD node -e fetch('http://127.0.0.1:3101/health')`,
    ]);
  });

  it('flags a misspelt env var, a lost volume and redis without AOF', () => {
    const c = clone();
    c.services.api!.environment!.REDIS_URI = 'redis://redis:6379';
    c.services.nginx!.volumes = [];
    c.services.redis!.command = ['redis-server'];
    expect(checkEnvNames(c)).toEqual(['api: REDIS_URI is not a variable config.ts reads']);
    expect(checkVolumes(c).some((p) => p.startsWith('nginx: expected renders'))).toBe(true);
    expect(checkRedisDurability(c)).toHaveLength(2);
  });

  it('flags what would break --scale: a container name, a host port, renderer state, a private renders folder', () => {
    const c = clone();
    c.services.worker!.container_name = 'fracta-worker';
    c.services.api!.ports = ['8000:8000'];
    c.services.renderer!.volumes = ['./cache:/cache'];
    c.services.worker!.volumes = ['./renders:/data/renders'];
    expect(checkScalable(c)).toEqual([
      'api: a published host port prevents --scale',
      'worker: container_name prevents --scale',
      'renderer: must stay stateless (no volumes)',
      'worker: RENDERS_DIR must be a named volume shared by every replica',
    ]);
  });

  it('flags a published inner port in the base file and a dev port open beyond localhost', () => {
    const c = clone();
    c.services.postgres!.ports = ['5432:5432'];
    expect(checkPublished(c, 'base')).toEqual(['postgres: publishes a port in the base file']);
    expect(checkPublished(c, 'dev')[0]).toMatch(/^postgres: dev should publish 127\.0\.0\.1:5432 only/);
  });

  it('flags a template route missing from NGINX_ROUTES or proxied to the wrong upstream', () => {
    const moved = template.replace('location /api/ {', 'location /api/v1/ {');
    expect(checkTemplateRoutes(moved, envOf(base.services.nginx!))[0]).toMatch(/template locations/);
    const crossed = template.replace('proxy_pass http://fracta_mcp;', 'proxy_pass http://fracta_api;');
    expect(checkTemplateRoutes(crossed, envOf(base.services.nginx!))).toEqual([
      '/mcp should proxy to ${MCP_UPSTREAM}, goes to ${API_UPSTREAM}',
    ]);
  });

  it('flags a Dockerfile that runs as root, on another Node, or misses a workspace package', () => {
    const text = readFileSync(path.join(ROOT, 'services/api/Dockerfile'), 'utf8');
    expect(checkDockerfile('api', text.replace('USER node', ''))).toEqual([
      'api: runtime stage runs as root',
    ]);
    expect(checkDockerfile('api', text.replaceAll('node:24-bookworm-slim', 'node:22-bookworm-slim'))).toEqual(
      ['api: runtime image node:22-bookworm-slim is not node:24'],
    );
    expect(checkDockerfile('api', text.replace(/^COPY packages\/db .*$/m, ''))).toEqual([
      'api: does not copy the sources of packages/db',
    ]);
  });
});
