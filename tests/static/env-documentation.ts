import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * Where the environment variables are read, and where they are documented: the README's tables
 * and .env.example. Pure functions over file contents, so the test can also plant mistakes.
 */
const ENV_READ_PATTERNS = [
  /process\.env\.([A-Z][A-Z0-9_]*)/g,
  /process\.env\[['"]([A-Z][A-Z0-9_]*)['"]\]/g,
  // scripts/native/stack.ts and friends alias process.env as `env`
  /\benv\.([A-Z][A-Z0-9_]*)\b/g,
  /\benv\[['"]([A-Z][A-Z0-9_]*)['"]\]/g,
];
/** Set by the operating system or the shell, not by us. */
export const SYSTEM_VARIABLES = new Set(['PATH', 'HOME', 'USER', 'SHELL', 'TMPDIR', 'CI', 'PWD']);

export function envReadsIn(source: string): string[] {
  const names = new Set<string>();
  for (const pattern of ENV_READ_PATTERNS)
    for (const match of source.matchAll(pattern)) if (!SYSTEM_VARIABLES.has(match[1]!)) names.add(match[1]!);
  return [...names];
}

const SKIP_DIRS = new Set(['node_modules', 'dist', '.run', '.tools', 'test-results', '.git', 'backups']);

/** Every .ts/.tsx file under `dir`, skipping dependencies and build output. */
export function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (SKIP_DIRS.has(entry.name)) continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...sourceFiles(full));
    // These two files plant variable names on purpose (the checks' own tests).
    else if (/\.tsx?$/.test(entry.name) && !entry.name.startsWith('env-documentation')) out.push(full);
  }
  return out;
}

/** Variable name → the files (relative to root) that read it. */
export function envReads(root: string, dirs: string[]): Map<string, string[]> {
  const reads = new Map<string, string[]>();
  for (const dir of dirs)
    for (const file of sourceFiles(path.join(root, dir)))
      for (const name of envReadsIn(readFileSync(file, 'utf8')))
        reads.set(name, [...(reads.get(name) ?? []), path.relative(root, file)]);
  return reads;
}

/** A zod schema, as far as these checks need one. */
export interface VariableSchema {
  safeParse(value: unknown): { success: boolean; data?: unknown };
}

/** The variables of config.ts's shapes (every export named `…Env`), with their defaults. */
export function configVariables(configModule: Record<string, unknown>): Map<string, VariableSchema> {
  const vars = new Map<string, VariableSchema>();
  for (const [exportName, shape] of Object.entries(configModule))
    if (exportName.endsWith('Env') && shape && typeof shape === 'object')
      for (const [name, schema] of Object.entries(shape as Record<string, VariableSchema>))
        vars.set(name, schema);
  return vars;
}

/** The default a shape gives a variable, as text; undefined when it has none or depends on the machine. */
export function defaultText(schema: VariableSchema): string | undefined {
  const parsed = schema.safeParse(undefined);
  if (!parsed.success || parsed.data === undefined) return undefined;
  return typeof parsed.data === 'object'
    ? JSON.stringify(parsed.data)
    : String(parsed.data as string | number | boolean);
}

export interface DocumentedVariable {
  name: string;
  /** The default cell, when it is one backticked literal (`8000`); undefined for prose ("number of cores"). */
  literalDefault?: string;
  emptyDefault: boolean;
}

/** Rows of every README table whose first cell is a backticked variable name. */
export function readmeVariables(readme: string): Map<string, DocumentedVariable[]> {
  const vars = new Map<string, DocumentedVariable[]>();
  for (const line of readme.split('\n')) {
    const cells = line.split('|').map((c) => c.trim());
    const name = /^`([A-Z][A-Z0-9_]*)`/.exec(cells[1] ?? '')?.[1];
    if (!name || cells.length < 4) continue;
    const cell = cells[2] ?? '';
    const literal = /^`([^`]*)`$/.exec(cell)?.[1];
    vars.set(name, [
      ...(vars.get(name) ?? []),
      { name, literalDefault: literal, emptyDefault: /^empty\b/.test(cell) },
    ]);
  }
  return vars;
}

/** NAME → value of every `NAME=value` line of .env.example, commented out (`# NAME=value`) or not. */
export function envExampleVariables(text: string): Map<string, string> {
  const vars = new Map<string, string>();
  for (const line of text.split('\n')) {
    const match = /^#?\s*([A-Z][A-Z0-9_]*)=(\S*)/.exec(line.trim());
    if (match) vars.set(match[1]!, match[2]!);
  }
  return vars;
}

/** Variables docker-compose.yml interpolates (`${NAME}`, `${NAME:-default}`), with compose's default. */
export function composeInterpolations(compose: string): Map<string, string | undefined> {
  const vars = new Map<string, string | undefined>();
  for (const m of compose.matchAll(/\$\{([A-Z][A-Z0-9_]*)(?::?([-?])([^}]*))?\}/g))
    vars.set(m[1]!, m[2] === '-' ? m[3] : vars.get(m[1]!));
  return vars;
}
