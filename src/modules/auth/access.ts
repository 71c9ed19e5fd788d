// Who may call a route and which rows they may see. Every /api route declares its access; the
// server refuses to start if one does not (see server.ts), so nothing is open by omission.
import type { OrgLevel, Role } from '../../db/schema.ts';

export type Access = 'public' | 'authenticated' | readonly Role[];

export interface CurrentUser {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  orgId: string;
  orgName: string;
  orgPath: string;
  orgLevel: OrgLevel;
  regionCode: string;
  department: string | null;
  entityId: string | null;
  inspectorId: string | null;
  sessionId: string;
  csrfToken: string;
}

export const ROLES: readonly Role[] = [
  'admin',
  'coordinator',
  'dept_admin',
  'inspector',
  'reviewer',
  'business',
];
export const STAFF: readonly Role[] = ['admin', 'coordinator', 'dept_admin', 'inspector', 'reviewer'];

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access;
  }
  interface FastifyRequest {
    user?: CurrentUser;
  }
  interface FastifyInstance {
    /** Every /api route with its access rule, in the order registered. */
    routeAccess: { method: string; url: string; access: Access }[];
  }
}

export function allows(access: Access, user: CurrentUser | undefined): boolean {
  if (access === 'public') return true;
  if (!user) return false;
  return access === 'authenticated' || access.includes(user.role);
}

/**
 * The region prefix a user's organisation covers: a city (440300) covers 4403…, a district
 * (440305) its own code, a street office (440305007) its street.
 */
export function regionPrefix(regionCode: string, level: OrgLevel): string {
  return level === 'city' ? regionCode.slice(0, 4) : regionCode;
}

export const userRegionPrefix = (user: Pick<CurrentUser, 'regionCode' | 'orgLevel'>) =>
  regionPrefix(user.regionCode, user.orgLevel);

export const inRegionScope = (user: Pick<CurrentUser, 'regionCode' | 'orgLevel'>, regionCode: string) =>
  regionCode.startsWith(userRegionPrefix(user));
