import {
  HOSTILE_NUMBERS,
  HOSTILE_STRINGS,
  NOT_UUIDS,
  pollutingExtras,
  WRONG_TYPES,
  type JsonType,
} from './hostile-values.ts';

/** The part of JSON Schema (draft 7, as the SDK lists tool inputs) the cases are derived from. */
export interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  enum?: unknown[];
  const?: unknown;
  format?: string;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  minItems?: number;
  maxItems?: number;
}

export interface HostileCase {
  /** Which argument got what, e.g. `passes.0.code: SQL injection`. */
  label: string;
  args: Record<string, unknown>;
  /**
   * True when the schema certainly refuses the arguments (a wrong type, out of range, missing);
   * false when accepting them can be right (an injection string is a fine title).
   */
  mustReject: boolean;
}

interface Mutation {
  label: string;
  value: unknown;
  mustReject: boolean;
}

/**
 * Hostile variants of valid arguments, derived from the tool's input schema alone: for every
 * property (nested ones too) wrong types, hostile strings and numbers, bad ids and array sizes,
 * then each required property left out and unknown extra properties. `baselines` are valid
 * arguments; a property is mutated in the first baseline that has it (so `passes` is varied in a
 * baseline without `code`), properties no baseline has in the first one.
 */
export function hostileCases(schema: JsonSchema, baselines: Record<string, unknown>[]): HostileCase[] {
  const [first = {}] = baselines;
  const cases: HostileCase[] = [];
  for (const [name, property] of Object.entries(schema.properties ?? {})) {
    const baseline = baselines.find((b) => name in b) ?? first;
    const current = name in baseline ? baseline[name] : sampleOf(property);
    for (const m of mutationsOf(property, current)) {
      cases.push({
        label: `${name}: ${m.label}`,
        args: { ...baseline, [name]: m.value },
        mustReject: m.mustReject,
      });
    }
  }
  for (const m of objectLevelMutations(schema, first)) {
    cases.push({ label: m.label, args: m.value as Record<string, unknown>, mustReject: m.mustReject });
  }
  return cases;
}

function mutationsOf(schema: JsonSchema, current: unknown, depth = 0): Mutation[] {
  const allowed = allowedTypes(schema);
  const out: Mutation[] = [];
  for (const { type, value } of WRONG_TYPES) {
    if (!allowed.has(type)) out.push({ ...value, mustReject: true });
  }
  if (allowed.has('string')) {
    const strings = schema.format === 'uuid' ? [...NOT_UUIDS, ...HOSTILE_STRINGS] : HOSTILE_STRINGS;
    for (const s of strings) out.push({ ...s, mustReject: refusesString(schema, s.value as string) });
  }
  if (allowed.has('number')) {
    for (const n of HOSTILE_NUMBERS) {
      const mustReject =
        typeof n.value === 'number' ? refusesNumber(schema, n.value) : !allowed.has(jsonTypeOf(n.value));
      out.push({ ...n, mustReject });
    }
  }
  if (schema.type === 'array' && schema.items)
    out.push(...arrayMutations(schema, schema.items, current, depth));
  if (schema.properties && depth < 3) {
    const base = isRecord(current) ? current : (sampleOf(schema) as Record<string, unknown>);
    for (const [name, property] of Object.entries(schema.properties)) {
      for (const m of mutationsOf(property, base[name] ?? sampleOf(property), depth + 1)) {
        out.push({
          label: `.${name}: ${m.label}`,
          value: { ...base, [name]: m.value },
          mustReject: m.mustReject,
        });
      }
    }
    out.push(...objectLevelMutations(schema, base));
  }
  return out;
}

function arrayMutations(schema: JsonSchema, items: JsonSchema, current: unknown, depth: number): Mutation[] {
  const sample: unknown =
    Array.isArray(current) && current.length > 0 ? (current as unknown[])[0] : sampleOf(items);
  const out: Mutation[] = [
    { label: 'an empty array', value: [], mustReject: (schema.minItems ?? 0) > 0 },
    {
      label: '10k items',
      value: Array.from({ length: 10_000 }, () => sample),
      mustReject: schema.maxItems !== undefined,
    },
  ];
  if (schema.maxItems !== undefined) {
    out.push({
      label: `${schema.maxItems + 1} items`,
      value: Array.from({ length: schema.maxItems + 1 }, () => sample),
      mustReject: true,
    });
  }
  for (const m of mutationsOf(items, sample, depth + 1)) {
    out.push({
      label: `[0]${m.label.startsWith('.') ? '' : ': '}${m.label}`,
      value: [m.value],
      mustReject: m.mustReject,
    });
  }
  return out;
}

function objectLevelMutations(schema: JsonSchema, base: Record<string, unknown>): Mutation[] {
  const out: Mutation[] = [];
  for (const name of schema.required ?? []) {
    const rest = Object.fromEntries(Object.entries(base).filter(([key]) => key !== name));
    out.push({ label: `${name} missing`, value: rest, mustReject: true });
  }
  for (const extra of pollutingExtras()) {
    out.push({
      label: `extra field ${Object.keys(extra).join()}`,
      value: { ...base, ...extra },
      mustReject: false,
    });
  }
  return out;
}

function allowedTypes(schema: JsonSchema): Set<JsonType> {
  const branches = [...(schema.anyOf ?? []), ...(schema.oneOf ?? [])];
  if (branches.length > 0) return new Set(branches.flatMap((b) => [...allowedTypes(b)]));
  if (schema.const !== undefined) return new Set([jsonTypeOf(schema.const)]);
  if (schema.enum) return new Set(schema.enum.map(jsonTypeOf));
  const types = schema.type === undefined ? [] : [schema.type].flat();
  if (types.length === 0) return new Set(['string', 'number', 'boolean', 'object', 'array', 'null']);
  return new Set(types.map((t) => (t === 'integer' ? 'number' : (t as JsonType))));
}

function constsOf(schema: JsonSchema): unknown[] | undefined {
  const branches = [...(schema.anyOf ?? []), ...(schema.oneOf ?? [])];
  if (branches.length > 0 && branches.every((b) => b.const !== undefined))
    return branches.map((b) => b.const);
  if (schema.const !== undefined) return [schema.const];
  return schema.enum;
}

/** Whether the schema certainly refuses this string (zod may trim or lower-case before checking). */
function refusesString(schema: JsonSchema, value: string): boolean {
  const consts = constsOf(schema);
  if (consts) return !consts.includes(value);
  if (schema.maxLength !== undefined && value.trim().length > schema.maxLength) return true;
  if (schema.minLength !== undefined && value.length < schema.minLength) return true;
  if (schema.pattern) {
    const pattern = new RegExp(schema.pattern);
    return !pattern.test(value) && !pattern.test(value.trim().toLowerCase());
  }
  return false;
}

function refusesNumber(schema: JsonSchema, value: number): boolean {
  const consts = constsOf(schema);
  if (consts) return !consts.includes(value);
  if (schema.type === 'integer' && !Number.isSafeInteger(value)) return true;
  if (schema.minimum !== undefined && value < schema.minimum) return true;
  return schema.maximum !== undefined && value > schema.maximum;
}

/** A valid-looking value for a property no baseline gives. */
function sampleOf(schema: JsonSchema): unknown {
  const consts = constsOf(schema);
  if (consts?.length) return consts[0];
  const branches = [...(schema.anyOf ?? []), ...(schema.oneOf ?? [])];
  if (branches[0]) return sampleOf(branches[0]);
  const type = [schema.type].flat()[0] ?? 'unknown';
  switch (type) {
    case 'string':
      return schema.format === 'uuid'
        ? '7b0c9a4e-0000-4000-8000-00000000dead'
        : 'a'.repeat(schema.minLength ?? 1);
    case 'integer':
    case 'number':
      return schema.minimum ?? 1;
    case 'boolean':
      return false;
    case 'array':
      return [];
    case 'object':
      return Object.fromEntries(
        (schema.required ?? []).map((n) => [n, sampleOf(schema.properties?.[n] ?? {})]),
      );
    default:
      return null;
  }
}

function jsonTypeOf(value: unknown): JsonType {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value as JsonType;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
