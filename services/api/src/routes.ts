import { registerAdminRoutes } from './admin/admin.routes.ts';
import { registerAuthRoutes } from './auth/auth.routes.ts';
import { registerCommentRoutes } from './comments/comment.routes.ts';
import type { ApiDeps } from './deps.ts';
import { registerDesireRoutes } from './desires/desire.routes.ts';
import { registerEngagementRoutes } from './engagement/engagement.routes.ts';
import { registerFeedRoutes } from './feed/feed.routes.ts';
import type { DefineRoute } from './http/route.ts';
import { registerSearchRoutes } from './search/search.routes.ts';
import { registerSemanticSearchRoutes } from './search/semantic-search.routes.ts';
import { registerShaderRoutes } from './shaders/shader.routes.ts';
import { registerShaderPreviewRoutes } from './shaders/shader-preview.routes.ts';
import { registerVoteRoutes } from './votes/vote.routes.ts';
import { registerTagRoutes } from './tags/tag.routes.ts';
import { registerUserRoutes } from './users/profile.routes.ts';

/** Every route of /api/v1, one registration per module. */
export function registerAllRoutes(route: DefineRoute, deps: ApiDeps): void {
  registerAuthRoutes(route, deps);
  registerSemanticSearchRoutes(route, deps); // before /shaders/:id, which would match /shaders/semantic
  registerShaderRoutes(route, deps);
  registerShaderPreviewRoutes(route, deps);
  registerFeedRoutes(route, deps);
  registerSearchRoutes(route, deps);
  registerVoteRoutes(route, deps);
  registerEngagementRoutes(route, deps);
  registerCommentRoutes(route, deps);
  registerDesireRoutes(route, deps);
  registerUserRoutes(route, deps);
  registerTagRoutes(route, deps);
  registerAdminRoutes(route, deps);
}
