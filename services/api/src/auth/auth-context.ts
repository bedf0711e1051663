export type Scope = 'read' | 'write';
export type Role = 'user' | 'moderator' | 'admin';

/** Who is calling: from a JWT access token (all scopes) or an API key (its own scopes). */
export interface AuthContext {
  userId: string;
  role: Role;
  scopes: Scope[];
  apiKeyId?: string;
}

export const isModerator = (auth: AuthContext | undefined): boolean =>
  auth?.role === 'moderator' || auth?.role === 'admin';
