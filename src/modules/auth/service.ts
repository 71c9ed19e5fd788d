import { createHmac, randomBytes } from 'node:crypto';
import type { Database } from '../../db/connection.ts';
import { DomainError, invalid } from '../../http/errors.ts';
import { appendAudit } from '../audit/repo.ts';
import type { CurrentUser } from './access.ts';
import { hashPassword, passwordProblem, verifyPassword } from './password.ts';
import * as repo from './repo.ts';

export const MAX_FAILURES = 5;
export const LOCK_MINUTES = 15;
const SESSION_HOURS = 12;
// Refreshing last_seen_at on every request would turn every read into a write.
const TOUCH_AFTER_MS = 60_000;

/** Session ids in the database are keyed hashes of the cookie token: a leaked table opens nothing. */
export const sessionIdOf = (secret: string, token: string) =>
  createHmac('sha256', secret).update(token).digest('hex');

const badCredentials = () =>
  new DomainError(401, 'bad_credentials', '用户名或密码错误', 'Wrong user name or password');

function lockedError(until: Date) {
  const minutes = Math.max(1, Math.ceil((until.getTime() - Date.now()) / 60_000));
  return new DomainError(
    423,
    'locked',
    `密码连续错误${MAX_FAILURES}次，账户已锁定，请${minutes}分钟后再试`,
    `Too many wrong passwords: the account is locked for ${minutes} more minute(s)`,
  );
}

export interface LoginResult {
  token: string;
  expiresAt: Date;
}

export async function login(
  database: Database,
  secret: string,
  input: { username: string; password: string; ip: string | null; userAgent: string | null },
): Promise<LoginResult> {
  const user = await repo.findUserByUsername(database.db, input.username.trim());
  if (!user || !user.active) {
    // Spend the same time as a real check so user names cannot be probed by timing.
    await verifyPassword(await dummyHash(), input.password);
    throw badCredentials();
  }
  if (user.locked_until && user.locked_until > new Date()) throw lockedError(user.locked_until);
  if (!(await verifyPassword(user.password_hash, input.password))) {
    const lockedUntil = await repo.recordLoginFailure(database.db, user.id, MAX_FAILURES, LOCK_MINUTES);
    if (lockedUntil) throw lockedError(lockedUntil);
    throw badCredentials();
  }
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(Date.now() + SESSION_HOURS * 3600_000);
  await database.transaction(async ({ db }) => {
    await repo.recordLoginSuccess(db, user.id);
    await repo.insertSession(db, {
      id: sessionIdOf(secret, token),
      user_id: user.id,
      csrf_token: randomBytes(24).toString('base64url'),
      expires_at: expiresAt,
      ip: input.ip,
      user_agent: input.userAgent?.slice(0, 300) ?? null,
    });
  });
  return { token, expiresAt };
}

let dummy: Promise<string> | undefined;
const dummyHash = () => {
  dummy ??= hashPassword(randomBytes(16).toString('hex'));
  return dummy;
};

export async function resolveSession(
  database: Database,
  secret: string,
  token: string,
): Promise<CurrentUser | undefined> {
  const id = sessionIdOf(secret, token);
  const row = await repo.findLiveSession(database.db, id);
  if (!row || !row.active) return undefined;
  if (Date.now() - row.last_seen_at.getTime() > TOUCH_AFTER_MS) await repo.touchSession(database.db, id);
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    role: row.role,
    orgId: row.org_id,
    orgName: row.org_name,
    orgPath: row.org_path,
    orgLevel: row.org_level,
    regionCode: row.region_code,
    department: row.department,
    entityId: row.entity_id,
    inspectorId: row.inspector_id,
    sessionId: row.session_id,
    csrfToken: row.csrf_token,
  };
}

export const logout = (database: Database, user: CurrentUser) =>
  repo.deleteSession(database.db, user.sessionId);

export async function changePassword(
  database: Database,
  user: CurrentUser,
  input: { currentPassword: string; newPassword: string },
): Promise<void> {
  const row = await repo.findUserByUsername(database.db, user.username);
  if (!row || !(await verifyPassword(row.password_hash, input.currentPassword))) {
    throw invalid('currentPassword', '当前密码不正确', 'The current password is wrong');
  }
  const problem = passwordProblem(input.newPassword);
  if (problem) throw invalid('newPassword', problem.zh, problem.en);
  if (input.newPassword === input.currentPassword) {
    throw invalid(
      'newPassword',
      '新密码不能与当前密码相同',
      'The new password must differ from the current one',
    );
  }
  const passwordHash = await hashPassword(input.newPassword);
  await database.transaction(async ({ db }) => {
    await repo.setPasswordHash(db, user.id, passwordHash);
    // Other devices signed in with the old password are signed out.
    await repo.deleteOtherSessions(db, user.id, user.sessionId);
    await appendAudit(
      db,
      { id: user.id, name: user.username },
      {
        action: 'user.password_changed',
        subjectType: 'user',
        subjectId: user.id,
        orgId: user.orgId,
      },
    );
  });
}
