/**
 * `make restore FILE=backups/<database>-<time>.dump [RENDERS_FILE=…]`: replaces everything in the
 * database of DATABASE_URL with the dump (one transaction: all or nothing), creating the database
 * if it does not exist, then the contents of RENDERS_DIR with the renders archive written beside the
 * dump (or RENDERS_FILE). Stop the API and worker first: they would keep serving and writing what
 * they hold in memory and in their queues.
 */
import { existsSync } from 'node:fs';
import { dbEnv, loadConfig, opsEnv, workerEnv } from '@fractafrag/core';
import { assertCustomFormatDump, assertRendersArchive, rendersArchiveBeside } from './backup-files.ts';
import { ensureDatabase, restoreDatabase } from './database-archive.ts';
import { OpsError, plural, REFUSED, runOpsCommand } from './ops-cli.ts';
import { assertToolFitsServer, databaseTarget, inspectServer } from './pg-client.ts';
import { restoreRenders } from './renders-archive.ts';

const USAGE = 'usage: make restore FILE=backups/<database>-<time>.dump [RENDERS_FILE=<archive>.tar.gz]';

await runOpsCommand('restore', async () => {
  const [file = '', rendersFile = ''] = process.argv.slice(2);
  if (!file) throw new OpsError(`no FILE given\n${USAGE}`, REFUSED);
  await assertCustomFormatDump(file);
  const config = loadConfig({
    DATABASE_URL: dbEnv.DATABASE_URL,
    RENDERS_DIR: workerEnv.RENDERS_DIR,
    ...opsEnv,
  });

  // Every input is checked before anything is replaced.
  let rendersArchive: string | undefined;
  if (rendersFile && !config.BACKUP_RENDERS)
    throw new OpsError('RENDERS_FILE was given but BACKUP_RENDERS=false: choose one', REFUSED);
  if (config.BACKUP_RENDERS) {
    rendersArchive = rendersFile || rendersArchiveBeside(file);
    if (rendersFile || existsSync(rendersArchive)) await assertRendersArchive(rendersArchive);
    else rendersArchive = undefined;
  }

  const target = databaseTarget(config.DATABASE_URL);
  if (await ensureDatabase(target)) console.log(`created database ${target.label}`);
  const before = await inspectServer(target);
  await assertToolFitsServer('pg_restore', before);
  if (before.otherSessions.count > 0)
    console.warn(
      `warning: ${before.otherSessions.count} other session(s) are connected to ${target.label} ` +
        `(${before.otherSessions.applications.join(', ')}). Stop the API and worker before a restore ` +
        '(make dev-down, or docker compose stop api worker): they hold data and jobs from before it.',
    );

  await restoreDatabase(target, file);
  const after = await inspectServer(target);
  console.log(`restored ${file} into ${target.label}: ${after.tables} tables`);

  if (!config.BACKUP_RENDERS) console.log('renders: skipped (BACKUP_RENDERS=false)');
  else if (!rendersArchive)
    console.log(
      `renders: no archive at ${rendersArchiveBeside(file)}; ${config.RENDERS_DIR} left as it is ` +
        '(shaders whose files are missing can be re-rendered with POST /api/v1/shaders/:id/render)',
    );
  else {
    const files = await restoreRenders(rendersArchive, config.RENDERS_DIR);
    console.log(`restored ${plural(files, 'render file')} from ${rendersArchive} into ${config.RENDERS_DIR}`);
  }
});
