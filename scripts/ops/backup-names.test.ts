import { describe, expect, it } from 'vitest';
import { backupFileNames, rendersArchiveBeside } from './backup-files.ts';
import { excerpt, formatBytes } from './ops-cli.ts';
import { databaseTarget } from './pg-client.ts';

describe('backup file names', () => {
  it('names a backup by database and UTC second, without colons, sortable as text', () => {
    const at = new Date('2026-11-25T21:50:07.123Z');
    expect(backupFileNames('fractafrag', at)).toEqual({
      dump: 'fractafrag-2026-11-25T21-50-07Z.dump',
      renders: 'fractafrag-2026-11-25T21-50-07Z.renders.tar.gz',
    });
    const later = backupFileNames('fractafrag', new Date('2026-11-25T21:50:08Z')).dump;
    expect([later, backupFileNames('fractafrag', at).dump].sort()[1]).toBe(later);
  });

  it('finds the renders archive beside a dump, and beside a file not named .dump', () => {
    expect(rendersArchiveBeside('backups/fractafrag-2026-11-25T21-50-07Z.dump')).toBe(
      'backups/fractafrag-2026-11-25T21-50-07Z.renders.tar.gz',
    );
    expect(rendersArchiveBeside('/tmp/nightly')).toBe('/tmp/nightly.renders.tar.gz');
  });
});

describe('database target', () => {
  it('keeps the password off the tools’ command line: PGPASSWORD carries it, decoded', () => {
    const target = databaseTarget('postgres://fracta:p%40ss@db.internal:5433/fractafrag?sslmode=disable');
    expect(target.toolUrl).toBe('postgres://fracta@db.internal:5433/fractafrag?sslmode=disable');
    expect(target.toolEnv.PGPASSWORD).toBe('p@ss');
    expect(target.name).toBe('fractafrag');
    expect(target.label).toBe('fractafrag on db.internal:5433');
  });

  it('refuses a URL that names no database', () => {
    expect(() => databaseTarget('postgres://fracta@127.0.0.1:5432')).toThrow(/names no database/);
  });
});

describe('messages', () => {
  it('prints sizes in binary units', () => {
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(69_648)).toBe('68.0 KiB');
    expect(formatBytes(51_480_000)).toBe('49.1 MiB');
  });

  it('cuts a tool’s stderr to its first lines, each at most 240 characters', () => {
    const long = `ERROR: bad row\nDETAIL: ${'x'.repeat(1000)}\n${'more\n'.repeat(20)}`;
    const cut = excerpt(long);
    expect(cut.split('\n')).toHaveLength(13);
    expect(cut.split('\n')[1]).toHaveLength(241);
    expect(cut.endsWith('…')).toBe(true);
  });
});
