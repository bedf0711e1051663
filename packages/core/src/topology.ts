/**
 * The stack's topology, defined once: services, ports, health checks and start order.
 * docker-compose.yml, the nginx template and the native runner all follow it (a test checks compose).
 */
export type ServiceName = 'postgres' | 'redis' | 'api' | 'renderer' | 'worker' | 'mcp' | 'frontend' | 'nginx';

export interface ServiceSpec {
  readonly name: ServiceName;
  /** Port inside compose (and natively, unless nativePort says otherwise). */
  readonly port: number;
  readonly nativePort?: number;
  /** HTTP path answering 200 when healthy; undefined for postgres/redis (checked by their own CLIs). */
  readonly healthPath?: string;
  /** Services that must be healthy before this one starts. */
  readonly dependsOn: readonly ServiceName[];
}

export const SERVICES: readonly ServiceSpec[] = [
  { name: 'postgres', port: 5432, dependsOn: [] },
  { name: 'redis', port: 6379, nativePort: 6380, dependsOn: [] },
  { name: 'api', port: 8000, healthPath: '/health', dependsOn: ['postgres', 'redis'] },
  { name: 'renderer', port: 3100, healthPath: '/health', dependsOn: [] },
  { name: 'worker', port: 8001, healthPath: '/health', dependsOn: ['postgres', 'redis', 'renderer'] },
  { name: 'mcp', port: 3200, healthPath: '/health', dependsOn: ['api'] },
  { name: 'frontend', port: 5173, healthPath: '/', dependsOn: ['api'] },
  { name: 'nginx', port: 80, nativePort: 8080, healthPath: '/health', dependsOn: ['api', 'mcp', 'frontend'] },
];

/** Public routes nginx serves, and which service answers each. */
export const NGINX_ROUTES = [
  { path: '/', upstream: 'frontend' },
  { path: '/api/', upstream: 'api' },
  { path: '/mcp', upstream: 'mcp' },
  { path: '/renders/', upstream: null },
  { path: '/health', upstream: null },
] as const;

export function serviceSpec(name: ServiceName): ServiceSpec {
  const spec = SERVICES.find((s) => s.name === name);
  if (!spec) throw new Error(`unknown service ${name}`);
  return spec;
}

export function nativePort(name: ServiceName): number {
  const spec = serviceSpec(name);
  return spec.nativePort ?? spec.port;
}

/** Services in an order where every service comes after all it depends on. */
export function startOrder(): ServiceName[] {
  const done: ServiceName[] = [];
  const visit = (name: ServiceName, path: ServiceName[]): void => {
    if (done.includes(name)) return;
    if (path.includes(name)) throw new Error(`dependency cycle: ${[...path, name].join(' -> ')}`);
    for (const dep of serviceSpec(name).dependsOn) visit(dep, [...path, name]);
    done.push(name);
  };
  for (const s of SERVICES) visit(s.name, []);
  return done;
}
