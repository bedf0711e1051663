import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import * as config from '../../packages/core/src/config.ts';
import {
  composeInterpolations,
  configVariables,
  defaultText,
  envExampleVariables,
  envReads,
  envReadsIn,
  readmeVariables,
} from './env-documentation.ts';

/**
 * Every environment variable anything here reads is documented: in a README table (with its
 * default), and, when a deployment sets it (config.ts and compose), in .env.example too.
 */
const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const read = (file: string) => readFileSync(path.join(ROOT, file), 'utf8');
const README = readmeVariables(read('README.md'));
const ENV_EXAMPLE = envExampleVariables(read('.env.example'));
const CONFIG = configVariables(config);
const COMPOSE = composeInterpolations(read('docker-compose.yml'));
const READS = envReads(ROOT, ['packages', 'services', 'scripts', 'tests', 'bench']);

describe('environment variables are documented', () => {
  it('finds the variables (the scan itself works)', () => {
    expect(CONFIG.size).toBeGreaterThan(30);
    expect(READS.get('NGINX_PORT')).toBeDefined();
    expect(README.get('DATABASE_URL')).toBeDefined();
  });

  it('every variable config.ts defines or any code reads has a README table row', () => {
    const undocumented = [...new Set([...CONFIG.keys(), ...READS.keys(), ...COMPOSE.keys()])]
      .filter((name) => !README.has(name))
      .map((name) => `${name} (read by ${(READS.get(name) ?? ['packages/core/src/config.ts']).join(', ')})`);
    expect(undocumented).toEqual([]);
  });

  it('every README row names a variable that something reads (no stale rows)', () => {
    const stale = [...README.keys()].filter(
      (name) => !CONFIG.has(name) && !READS.has(name) && !COMPOSE.has(name),
    );
    expect(stale).toEqual([]);
  });

  it("README defaults match config.ts's defaults", () => {
    const wrong: string[] = [];
    for (const [name, schema] of CONFIG) {
      const expected = defaultText(schema);
      for (const row of README.get(name) ?? []) {
        if (row.literalDefault !== undefined && row.literalDefault !== expected)
          wrong.push(`${name}: README says \`${row.literalDefault}\`, config.ts ${expected}`);
        if (row.emptyDefault && expected !== '')
          wrong.push(`${name}: README says empty, config.ts ${expected}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('.env.example lists every service variable and every compose interpolation, with its default', () => {
    const missing = [...CONFIG.keys(), ...COMPOSE.keys()].filter((name) => !ENV_EXAMPLE.has(name));
    expect(missing).toEqual([]);
    const wrong = [...CONFIG]
      .filter(([name]) => name !== 'JWT_SECRET')
      .map(([name, schema]) => [name, defaultText(schema), ENV_EXAMPLE.get(name)] as const)
      .filter(
        ([name, expected, given]) =>
          expected !== undefined &&
          given !== expected &&
          given !== COMPOSE.get(name) &&
          !isMachineDependent(given),
      )
      .map(([name, expected, given]) => `${name}=${given} (default ${expected})`);
    expect(wrong).toEqual([]);
  });
});

describe('the checks notice planted mistakes', () => {
  it('reads process.env.X, process.env["X"] and env.X, and ignores the system variables', () => {
    expect(
      envReadsIn(
        `const a = process.env.NEW_THING; const b = process.env['OTHER']; env.THIRD; process.env.PATH`,
      ).sort(),
    ).toEqual(['NEW_THING', 'OTHER', 'THIRD']);
  });

  it('parses table rows, literal and empty defaults', () => {
    const rows = readmeVariables(
      '| variable | default | used by | meaning |\n| --- | --- | --- | --- |\n| `A_B` | `8000` | api | x |\n| `C` | empty | api | y |\n| `D` | number of cores | r | z |',
    );
    expect(rows.get('A_B')?.[0]?.literalDefault).toBe('8000');
    expect(rows.get('C')?.[0]?.emptyDefault).toBe(true);
    expect(rows.get('D')?.[0]?.literalDefault).toBeUndefined();
  });

  it('parses .env.example lines, commented or not, and compose interpolations', () => {
    expect([
      ...envExampleVariables('# comment\nA=1\n# B=two\n# C=   (empty: why)\nnot a var').entries(),
    ]).toEqual([
      ['A', '1'],
      ['B', 'two'],
      ['C', ''],
    ]);
    expect([...composeInterpolations('x: ${A:-1} ${B} ${C:?set C} $$D')]).toEqual([
      ['A', '1'],
      ['B', undefined],
      ['C', undefined],
    ]);
  });
});

/** RENDERER_POOL_SIZE defaults to the machine's cores: .env.example shows it commented and empty. */
function isMachineDependent(given: string | undefined): boolean {
  return given === '';
}
