import { registerAuthRoutes } from './auth/auth.routes.ts';
import type { ApiDeps } from './deps.ts';
import { registerFeedRoutes } from './feed/feed.routes.ts';
import type { DefineRoute } from './http/route.ts';
import { registerSearchRoutes } from './search/search.routes.ts';
import { registerShaderRoutes } from './shaders/shader.routes.ts';

/** Every route of /api/v1, one registration per module. */
export function registerAllRoutes(route: DefineRoute, deps: ApiDeps): void {
  registerAuthRoutes(route, deps);
  registerShaderRoutes(route, deps);
  registerFeedRoutes(route, deps);
  registerSearchRoutes(route, deps);
}
