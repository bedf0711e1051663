import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  nativeNginxConf,
  nginxTemplateVars,
  readNginxTemplate,
  renderNginxTemplate,
  TEMPLATE_PATH,
} from '@fractafrag/nginx';
import { errorCode, errorMessage, fail, ok, type CheckResult } from './check.ts';
import { findExecutable } from './glslang.check.ts';

export interface NginxCheckInput {
  /** Absolute; the template's RENDERS_ROOT. */
  RENDERS_DIR: string;
  templatePath?: string;
  nginxBinary?: string;
}

interface NginxTest {
  code: number | null;
  output: string;
}

function nginxTest(binary: string, prefixDir: string, conf: string): Promise<NginxTest> {
  return new Promise((resolve, reject) => {
    execFile(
      binary,
      ['-t', '-q', '-e', 'stderr', '-p', prefixDir, '-c', conf],
      { timeout: 8000, killSignal: 'SIGKILL' },
      (err, stdout, stderr) => {
        const output = `${stdout}${stderr}`.trim();
        if (!err) resolve({ code: 0, output });
        else if (typeof err.code === 'number') resolve({ code: err.code, output });
        else reject(new Error(`cannot run ${binary}: ${err.message}`, { cause: err }));
      },
    );
  });
}

/**
 * Renders the nginx template the way the native stack does (scripts/native/stack.ts writes
 * .run/nginx/nginx.conf), into a temporary prefix, and asks nginx whether it accepts it.
 */
export async function checkNginx(input: NginxCheckInput): Promise<CheckResult[]> {
  const templatePath = input.templatePath ?? TEMPLATE_PATH;
  const binary = await findExecutable(input.nginxBinary ?? 'nginx');
  if (!binary) {
    return [
      fail(
        'nginx',
        `${input.nginxBinary ?? 'nginx'} not found`,
        'apt-get install nginx (make bootstrap does)',
      ),
    ];
  }
  let serverConf: string;
  try {
    serverConf = renderNginxTemplate(
      await readNginxTemplate(templatePath),
      nginxTemplateVars('native', { rendersRoot: input.RENDERS_DIR }),
    );
  } catch (err) {
    return [
      fail(
        'nginx',
        `cannot render ${templatePath}: ${errorMessage(err)}`,
        errorCode(err) === 'ENOENT'
          ? 'restore the template: git checkout -- services/nginx/templates/default.conf.template'
          : `fix the template's variables or RENDERS_DIR (an absolute path of letters, digits and ._-/ only)`,
      ),
    ];
  }
  const prefixDir = await mkdtemp(path.join(tmpdir(), 'fractafrag-doctor-nginx-'));
  try {
    const file = path.join(prefixDir, 'nginx.conf');
    // nginx -t opens the access log; the template's /dev/stdout fails on a child's socket stdout.
    const accessLog = path.join(prefixDir, 'access.log');
    await writeFile(file, nativeNginxConf({ prefixDir, serverConf, accessLog }));
    const result = await nginxTest(binary, prefixDir, file);
    if (result.code === 0)
      return [ok('nginx', `${binary} -t accepts the rendered ${path.basename(templatePath)}`)];
    const reason = result.output
      .split('\n')
      .filter((line) => /\[(emerg|alert|crit|error)\]/.test(line))
      .join('; ');
    return [
      fail(
        'nginx',
        `nginx -t rejects the config rendered from ${templatePath}: ${reason || result.output || `exit ${result.code}`}`,
        `fix the line nginx names in ${templatePath} (or restore it: git checkout -- services/nginx/templates/default.conf.template), then make doctor`,
      ),
    ];
  } finally {
    await rm(prefixDir, { recursive: true, force: true });
  }
}
