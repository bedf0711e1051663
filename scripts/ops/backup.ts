/**
 * `make backup`: the database of DATABASE_URL as a pg_dump custom-format archive and, unless
 * BACKUP_RENDERS=false, the renders directory (RENDERS_DIR) as a .tar.gz, both in BACKUP_DIR and
 * named by database and UTC time. Safe while the stack runs: pg_dump reads one consistent snapshot.
 */
import { existsSync } from 'node:fs';
import { mkdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { dbEnv, loadConfig, opsEnv, workerEnv } from '@fractafrag/core';
import { backupFileNames } from './backup-files.ts';
import { dumpDatabase } from './database-archive.ts';
import { formatBytes, OpsError, plural, runOpsCommand } from './ops-cli.ts';
import { assertToolFitsServer, databaseTarget, inspectServer } from './pg-client.ts';
import { archiveRenders } from './renders-archive.ts';

await runOpsCommand('backup', async () => {
  const config = loadConfig({
    DATABASE_URL: dbEnv.DATABASE_URL,
    RENDERS_DIR: workerEnv.RENDERS_DIR,
    ...opsEnv,
  });
  const target = databaseTarget(config.DATABASE_URL);
  const server = await inspectServer(target);
  await assertToolFitsServer('pg_dump', server);

  await mkdir(config.BACKUP_DIR, { recursive: true });
  const names = backupFileNames(target.name, new Date());
  const dumpPath = path.join(config.BACKUP_DIR, names.dump);
  const rendersPath = path.join(config.BACKUP_DIR, names.renders);
  if (existsSync(dumpPath)) throw new OpsError(`${dumpPath} already exists: run the backup again`);

  await dumpDatabase(target, dumpPath);
  console.log(
    `wrote ${dumpPath} (${formatBytes((await stat(dumpPath)).size)}): ${target.label}, ` +
      `${server.tables} tables, ${formatBytes(server.databaseBytes)} on disk, PostgreSQL ${server.version}`,
  );

  if (!config.BACKUP_RENDERS) {
    console.log('renders: skipped (BACKUP_RENDERS=false)');
    return;
  }
  if (!existsSync(config.RENDERS_DIR)) {
    console.log(`renders: ${config.RENDERS_DIR} does not exist, no archive written`);
    return;
  }
  const archived = await archiveRenders(config.RENDERS_DIR, rendersPath);
  if (archived.warning) console.warn(`warning: renders changed while archived: ${archived.warning}`);
  console.log(
    `wrote ${rendersPath} (${formatBytes((await stat(rendersPath)).size)}): ` +
      `${plural(archived.files, 'file')} from ${config.RENDERS_DIR}`,
  );
});
