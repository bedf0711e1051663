import { fail, runWithDeadline, type CheckResult } from './check.ts';
import { checkChromium } from './chromium.check.ts';
import { checkConfiguration, type Env } from './config.check.ts';
import { checkDisk } from './disk.check.ts';
import { readDoctorSettings, type DoctorConfig, type DoctorKey } from './doctor-config.ts';
import { checkGlslang } from './glslang.check.ts';
import { checkNginx } from './nginx.check.ts';
import { checkPostgres } from './postgres.check.ts';
import { checkRedis } from './redis.check.ts';

interface MachineCheck {
  name: string;
  /** Variables it reads: when one of them is invalid the check is not run on a default instead. */
  needs: readonly DoctorKey[];
  /** Multiplies DOCTOR_TIMEOUT_MS. */
  timeoutFactor: number;
  fixOnTimeout: string;
  run: (config: DoctorConfig) => Promise<CheckResult[]>;
}

export const MACHINE_CHECKS: readonly MachineCheck[] = [
  {
    name: 'postgres',
    needs: ['DATABASE_URL', 'MIGRATE_ON_START'],
    timeoutFactor: 1,
    fixOnTimeout:
      'check that DATABASE_URL points at a Postgres server that answers (pg_isready -d "$DATABASE_URL")',
    run: (c) => checkPostgres(c),
  },
  {
    name: 'redis',
    needs: ['REDIS_URL'],
    timeoutFactor: 1,
    fixOnTimeout:
      'check that REDIS_URL points at a Redis server that answers (redis-cli -u "$REDIS_URL" ping)',
    run: (c) => checkRedis({ REDIS_URL: c.REDIS_URL, timeoutMs: Math.floor(c.DOCTOR_TIMEOUT_MS / 2) }),
  },
  {
    name: 'chromium',
    needs: ['CHROMIUM_PATH', 'RENDERER_GL_BACKEND', 'RENDERER_CHROMIUM_FLAGS'],
    // A cold browser start and the render page's first WebGL context take a while on a busy machine.
    timeoutFactor: 3,
    fixOnTimeout: 'run the renderer alone (node services/renderer/src/main.ts) and read its start-up log',
    run: (c) => checkChromium(c),
  },
  {
    name: 'glslangValidator',
    needs: ['GLSLANG_VALIDATOR_PATH'],
    timeoutFactor: 1,
    fixOnTimeout:
      'run glslangValidator --version by hand; reinstall with apt-get install --reinstall glslang-tools',
    run: (c) => checkGlslang({ binary: c.GLSLANG_VALIDATOR_PATH }),
  },
  {
    name: 'nginx',
    needs: ['RENDERS_DIR'],
    timeoutFactor: 1,
    fixOnTimeout: 'run nginx -t by hand on .run/nginx/nginx.conf (make dev-up writes it)',
    run: (c) => checkNginx(c),
  },
  {
    name: 'disk',
    needs: [
      'RENDERS_DIR',
      'POSTGRES_DATA_DIR',
      'DATABASE_URL',
      'DOCTOR_DISK_WARN_MIB',
      'DOCTOR_DISK_FAIL_MIB',
    ],
    timeoutFactor: 1,
    fixOnTimeout: 'check that the renders folder is not on a hung network mount (df -h "$RENDERS_DIR")',
    run: (c) => checkDisk(c),
  },
];

export interface DoctorOptions {
  cwd?: string;
  /** Called with each line as soon as it is known (the report streams while Chromium starts). */
  onResult?: (result: CheckResult) => void;
}

/** Every check, in order: configuration first, then the machine, each under its own deadline. */
export async function runDoctor(env: Env, options: DoctorOptions = {}): Promise<CheckResult[]> {
  const results: CheckResult[] = [];
  const report = (lines: CheckResult[]) => {
    for (const line of lines) {
      results.push(line);
      options.onResult?.(line);
    }
  };
  report(checkConfiguration(env));
  const { config, invalid } = readDoctorSettings(env, options.cwd);
  for (const check of MACHINE_CHECKS) {
    const bad = check.needs.filter((key) => invalid.has(key));
    if (bad.length > 0) {
      report([
        fail(
          check.name,
          `not checked: ${bad.join(', ')} is invalid`,
          'fix the configuration first (see the config lines above)',
        ),
      ]);
      continue;
    }
    const timeoutMs = config.DOCTOR_TIMEOUT_MS * check.timeoutFactor;
    report(await runWithDeadline(check.name, timeoutMs, () => check.run(config), check.fixOnTimeout));
  }
  return results;
}
