/** The routes of the API as its OpenAPI document describes them, for hostile-cases.ts. */

export type JsonSchema = {
  type?: string | string[];
  enum?: unknown[];
  minimum?: number;
  maximum?: number;
  maxLength?: number;
  properties?: Record<string, JsonSchema>;
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
};

export interface Operation {
  /** "POST /shaders/{id}/fork", as ROUTE_FIXTURES keys it. */
  key: string;
  method: string;
  path: string;
  pathParams: { name: string; schema: JsonSchema }[];
  queryParams: { name: string; schema: JsonSchema }[];
  bodySchema: JsonSchema | undefined;
}

export interface OpenApiDocument {
  paths: Record<
    string,
    Record<
      string,
      {
        parameters: { name: string; in: 'path' | 'query'; schema: JsonSchema }[];
        requestBody?: { content: { 'application/json': { schema: JsonSchema } } };
      }
    >
  >;
}

export function operationsOf(doc: OpenApiDocument): Operation[] {
  return Object.entries(doc.paths).flatMap(([fullPath, ops]) =>
    Object.entries(ops).map(([method, op]) => {
      const path = fullPath.replace(/^\/api\/v1/, '');
      return {
        key: `${method.toUpperCase()} ${path}`,
        method: method.toUpperCase(),
        path,
        pathParams: op.parameters.filter((p) => p.in === 'path'),
        queryParams: op.parameters.filter((p) => p.in === 'query'),
        bodySchema: op.requestBody?.content['application/json'].schema,
      };
    }),
  );
}

/** The schema of the value at `path` inside a JSON value described by `schema`. */
export function schemaAt(schema: JsonSchema | undefined, path: string[]): JsonSchema | undefined {
  let current = schema;
  for (const key of path) {
    if (!current) return undefined;
    const options = [current, ...(current.anyOf ?? []), ...(current.oneOf ?? []), ...(current.allOf ?? [])];
    const holder = options.find((s) => (/^\d+$/.test(key) ? s.items : s.properties?.[key]));
    current = holder ? (/^\d+$/.test(key) ? holder.items : holder.properties?.[key]) : undefined;
  }
  return current;
}

/** The JSON types a schema (or any of its alternatives) takes. */
export const typesOf = (schema: JsonSchema | undefined): string[] =>
  schema
    ? [
        ...(Array.isArray(schema.type) ? schema.type : schema.type ? [schema.type] : []),
        ...[...(schema.anyOf ?? []), ...(schema.oneOf ?? [])].flatMap(typesOf),
      ]
    : [];
