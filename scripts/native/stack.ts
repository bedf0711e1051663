/**
 * The native stack: the same eight services as compose, as local processes supervised by
 * supervisord, started in topology order behind the same health gates.
 *   node scripts/native/stack.ts up [--foreground] | down | ps | logs
 */
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { nativePort, serviceSpec, startOrder, type ServiceName } from '@fractafrag/core/topology';
import {
  nativeNginxConf,
  nginxTemplateVars,
  renderNginxTemplate,
  TEMPLATE_PATH,
} from '../../services/nginx/render-config.ts';
import { commandSucceeds, httpHealthy, waitFor } from './health.ts';
import {
  ensureCluster,
  ensureRoleAndDatabase,
  managedPostgres,
  postgresProgram,
} from './managed-postgres.ts';
import { supervisorConf, type Program } from './supervisor-conf.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const RUN = path.join(ROOT, '.run');
const NODE = process.execPath;
const env = process.env;
const NGINX_PORT = Number(env.NGINX_PORT ?? nativePort('nginx'));
const REDIS_PORT = Number(env.REDIS_PORT ?? nativePort('redis'));
/** external: the machine's Postgres at DATABASE_URL; managed: a private cluster supervisord runs. */
const STACK_POSTGRES = env.STACK_POSTGRES ?? 'external';
if (STACK_POSTGRES !== 'external' && STACK_POSTGRES !== 'managed') {
  console.error(`stack: STACK_POSTGRES must be external or managed, not ${STACK_POSTGRES}`);
  process.exit(2);
}
const CONFIGURED_DATABASE_URL = env.DATABASE_URL ?? 'postgres://fracta:fracta@127.0.0.1:5432/fractafrag';
const MANAGED_PG = STACK_POSTGRES === 'managed' ? managedPostgres(env, CONFIGURED_DATABASE_URL) : undefined;
const DATABASE_URL = MANAGED_PG?.url ?? CONFIGURED_DATABASE_URL;
const START_TIMEOUT_MS = Number(env.STACK_START_TIMEOUT_MS ?? 120_000);
const PUBLIC_URL = `http://localhost:${NGINX_PORT}`;

const serviceEnv: Record<string, string> = {
  NODE_ENV: env.NODE_ENV ?? 'development',
  DATABASE_URL,
  REDIS_URL: `redis://127.0.0.1:${REDIS_PORT}`,
  RENDERS_DIR: path.resolve(env.RENDERS_DIR ?? path.join(RUN, 'renders')),
  PUBLIC_URL,
  MCP_ALLOWED_HOSTS: env.MCP_ALLOWED_HOSTS ?? 'localhost,127.0.0.1',
};

function ctl(...args: string[]): string {
  return execFileSync('supervisorctl', ['-c', path.join(RUN, 'supervisord.conf'), ...args], {
    encoding: 'utf8',
  });
}

function supervisordRunning(): boolean {
  if (!existsSync(path.join(RUN, 'supervisor.sock'))) return false;
  return spawnSync('supervisorctl', ['-c', path.join(RUN, 'supervisord.conf'), 'pid']).status === 0;
}

function programs(): Program[] {
  const node = (service: string) => ({
    command: `${NODE} src/main.ts`,
    directory: path.join(ROOT, 'services', service),
  });
  return [
    ...(MANAGED_PG ? [postgresProgram(MANAGED_PG)] : []),
    {
      name: 'redis',
      command: `redis-server --port ${REDIS_PORT} --bind 127.0.0.1 --appendonly yes --appendfsync everysec --maxmemory-policy noeviction --save "" --dir ${path.join(RUN, 'redis')}`,
      directory: RUN,
      env: {},
    },
    { name: 'api', ...node('api'), env: serviceEnv },
    { name: 'renderer', ...node('renderer'), env: serviceEnv },
    { name: 'worker', ...node('worker'), env: serviceEnv },
    { name: 'mcp', ...node('mcp'), env: serviceEnv },
    {
      name: 'frontend',
      command: `${NODE} server/main.ts`,
      directory: path.join(ROOT, 'services', 'frontend'),
      env: serviceEnv,
    },
    {
      name: 'nginx',
      command: `nginx -e stderr -p ${path.join(RUN, 'nginx')} -c ${path.join(RUN, 'nginx', 'nginx.conf')} -g "daemon off;"`,
      directory: RUN,
      env: {},
    },
  ];
}

function writeConfigs(): void {
  for (const dir of ['logs', 'redis', 'renders', 'nginx'])
    mkdirSync(path.join(RUN, dir), { recursive: true });
  const template = readFileSync(TEMPLATE_PATH, 'utf8');
  const vars = {
    ...nginxTemplateVars('native', { rendersRoot: serviceEnv.RENDERS_DIR! }),
    NGINX_PORT: String(NGINX_PORT),
  };
  const prefixDir = path.join(RUN, 'nginx');
  writeFileSync(
    path.join(prefixDir, 'nginx.conf'),
    nativeNginxConf({ prefixDir, serverConf: renderNginxTemplate(template, vars) }),
  );
  writeFileSync(path.join(RUN, 'supervisord.conf'), supervisorConf(RUN, programs()));
}

function healthCheck(name: ServiceName): () => Promise<boolean> {
  if (name === 'postgres') {
    // A managed cluster is checked as its superuser: DATABASE_URL's role does not exist yet at first start.
    const target = MANAGED_PG
      ? ['-h', '127.0.0.1', '-p', String(MANAGED_PG.port), '-U', 'postgres']
      : ['-d', DATABASE_URL];
    return () => commandSucceeds('pg_isready', ['-q', ...target]);
  }
  if (name === 'redis') return () => commandSucceeds('redis-cli', ['-p', String(REDIS_PORT), 'ping']);
  const spec = serviceSpec(name);
  const port = name === 'nginx' ? NGINX_PORT : nativePort(name);
  return () => httpHealthy(`http://127.0.0.1:${port}${spec.healthPath ?? '/health'}`);
}

function logTail(name: string): string {
  try {
    return readFileSync(path.join(RUN, 'logs', `${name}.log`), 'utf8')
      .split('\n')
      .slice(-30)
      .join('\n');
  } catch {
    return '(no log)';
  }
}

async function up(foreground: boolean): Promise<void> {
  const started = Date.now();
  if (supervisordRunning()) {
    console.log('stack: already running; stopping it first');
    await down();
  }
  console.log('stack: building the frontend');
  execFileSync('pnpm', ['--filter', '@fractafrag/frontend', 'build'], { cwd: ROOT, stdio: 'ignore' });
  writeConfigs();
  if (MANAGED_PG && ensureCluster(MANAGED_PG))
    console.log(`stack: created a Postgres cluster in ${MANAGED_PG.dataDir}`);
  execFileSync('supervisord', ['-c', path.join(RUN, 'supervisord.conf')], { stdio: 'inherit' });
  for (const name of startOrder()) {
    const t0 = Date.now();
    if (name !== 'postgres' || MANAGED_PG) ctl('start', name);
    if (!(await waitFor(healthCheck(name), START_TIMEOUT_MS))) {
      console.error(
        `stack: ${name} did not become healthy within ${START_TIMEOUT_MS / 1000} s. Last log lines:\n${logTail(name)}`,
      );
      await down();
      process.exit(1);
    }
    if (name === 'postgres' && MANAGED_PG) ensureRoleAndDatabase(MANAGED_PG);
    console.log(`stack: ${name.padEnd(9)} healthy (${Date.now() - t0} ms)`);
  }
  console.log(`stack: up in ${((Date.now() - started) / 1000).toFixed(1)} s — open ${PUBLIC_URL}`);
  if (!foreground) return;
  console.log('stack: following logs; Ctrl-C stops everything');
  const tail = spawn('tail', ['-n', '0', '-F', ...logFiles()], { stdio: 'inherit' });
  const stop = () => {
    tail.kill();
    void down().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

/** Stops every service (supervisord sends TERM, waits for the grace period), then supervisord. */
async function down(): Promise<void> {
  if (!supervisordRunning()) {
    console.log('stack: not running');
    return;
  }
  spawnSync('supervisorctl', ['-c', path.join(RUN, 'supervisord.conf'), 'shutdown'], { stdio: 'ignore' });
  await waitFor(() => Promise.resolve(!existsSync(path.join(RUN, 'supervisord.pid'))), 60_000);
  console.log('stack: stopped');
}

function logFiles(): string[] {
  return programs().map((p) => path.join(RUN, 'logs', `${p.name}.log`));
}

const [command = 'up', ...flags] = process.argv.slice(2);
switch (command) {
  case 'up':
    await up(flags.includes('--foreground'));
    break;
  case 'down':
    await down();
    break;
  case 'ps':
    if (supervisordRunning())
      process.stdout.write(
        spawnSync('supervisorctl', ['-c', path.join(RUN, 'supervisord.conf'), 'status'], { encoding: 'utf8' })
          .stdout,
      );
    else console.log('stack: not running');
    break;
  case 'logs':
    spawn('tail', ['-n', '50', '-F', ...logFiles()], { stdio: 'inherit' });
    break;
  default:
    console.error(`unknown command ${command}: use up [--foreground] | down | ps | logs`);
    process.exit(2);
}
