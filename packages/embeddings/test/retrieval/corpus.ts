import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** One searchable document: a shader (title, description, tags, code) or a desire (prompt, details, tags). */
export type RetrievalDoc =
  | { id: string; kind: 'shader'; title: string; description: string; tags: string[]; code: string }
  | { id: string; kind: 'desire'; prompt: string; details: string; tags: string[] };

export interface RetrievalQuery {
  query: string;
  expect: string;
}

interface Fixture {
  shaders: { id: string; title: string; description: string; tags: string[]; code: string }[];
  desires: { id: string; prompt: string; details: string; tags: string[] }[];
  queries: RetrievalQuery[];
}

const here = (relative: string) => fileURLToPath(new URL(relative, import.meta.url));
const unquote = (sql: string) => sql.replace(/''/g, "'");

/**
 * The curated seed shaders, read from db/init.sql so that the test set follows them: each row of
 * the seed VALUES list starts `(n, 'Title', 'Description',` then ` ARRAY['tag', …]`, and its GLSL
 * (Common tab and passes) sits between `$glsl$` quotes.
 */
export function loadSeedShaders(initSql = here('../../../../db/init.sql')): RetrievalDoc[] {
  const sql = readFileSync(initSql, 'utf8');
  const start = sql.indexOf('WITH seed (n, title');
  const end = sql.indexOf('inserted AS (', start);
  if (start < 0 || end < 0) throw new Error('seed shader block not found in db/init.sql');
  const block = sql.slice(start, end);
  const rows = block.split(/^-- \d\d\. .*$/m).slice(1);
  return rows.map((row) => {
    const head = /^\s*\((\d+), '((?:[^']|'')*)', '((?:[^']|'')*)',\s*ARRAY\[([^\]]*)\]/.exec(row);
    if (!head) throw new Error(`cannot parse seed row: ${row.slice(0, 80)}`);
    const tags = [...head[4]!.matchAll(/'((?:[^']|'')*)'/g)].map((m) => unquote(m[1]!));
    const code = [...row.matchAll(/\$glsl\$([\s\S]*?)\$glsl\$/g)].map((m) => m[1]!).join('\n');
    return {
      id: `seed-${head[1]!.padStart(2, '0')}`,
      kind: 'shader' as const,
      title: unquote(head[2]!),
      description: unquote(head[3]!),
      tags,
      code,
    };
  });
}

export function loadRetrievalSet(): { docs: RetrievalDoc[]; queries: RetrievalQuery[] } {
  const fixture = JSON.parse(readFileSync(here('./retrieval.fixture.json'), 'utf8')) as Fixture;
  const docs: RetrievalDoc[] = [
    ...loadSeedShaders(),
    ...fixture.shaders.map((s) => ({ ...s, kind: 'shader' as const })),
    ...fixture.desires.map((d) => ({ ...d, kind: 'desire' as const })),
  ];
  const ids = new Set(docs.map((d) => d.id));
  if (ids.size !== docs.length) throw new Error('duplicate document id in the retrieval set');
  for (const q of fixture.queries) {
    if (!ids.has(q.expect)) throw new Error(`query "${q.query}" expects unknown document ${q.expect}`);
  }
  return { docs, queries: fixture.queries };
}
