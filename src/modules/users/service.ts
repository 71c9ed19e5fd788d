import type { Database } from '../../db/connection.ts';
import type { Role } from '../../db/schema.ts';
import { conflict, invalid, notFound } from '../../http/errors.ts';
import { appendAudit } from '../audit/repo.ts';
import type { CurrentUser } from '../auth/access.ts';
import { hashPassword, passwordProblem } from '../auth/password.ts';
import { findOrg } from '../orgs/repo.ts';
import { findUser } from './repo.ts';

const actorOf = (user: CurrentUser) => ({ id: user.id, name: user.username });

async function orgInScope(database: Database, admin: CurrentUser, orgId: string) {
  const org = await findOrg(database.db, orgId);
  if (!org || !org.path.startsWith(admin.orgPath))
    throw invalid(
      'orgId',
      '所属组织不存在或不在您的管理范围内',
      'Unknown organisation or outside your scope',
    );
  return org;
}

async function userInScope(database: Database, admin: CurrentUser, id: string) {
  const user = await findUser(database.db, id);
  if (!user || !user.org_path.startsWith(admin.orgPath)) throw notFound('用户', 'User');
  return user;
}

function checkPassword(password: string) {
  const problem = passwordProblem(password);
  if (problem) throw invalid('password', problem.zh, problem.en);
}

export async function createUser(
  database: Database,
  admin: CurrentUser,
  input: { username: string; displayName: string; role: Role; orgId: string; password: string },
) {
  await orgInScope(database, admin, input.orgId);
  checkPassword(input.password);
  const passwordHash = await hashPassword(input.password);
  return database.transaction(async ({ db }) => {
    const taken = await db
      .selectFrom('app_user')
      .select('id')
      .where('username', '=', input.username)
      .executeTakeFirst();
    if (taken) throw conflict('用户名已存在', 'The user name is taken', 'username');
    const { id } = await db
      .insertInto('app_user')
      .values({
        username: input.username,
        display_name: input.displayName,
        role: input.role,
        org_id: input.orgId,
        password_hash: passwordHash,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await appendAudit(db, actorOf(admin), {
      action: 'user.created',
      subjectType: 'user',
      subjectId: id,
      orgId: input.orgId,
      after: { username: input.username, role: input.role, org_id: input.orgId },
    });
    return { id };
  });
}

export async function updateUser(
  database: Database,
  admin: CurrentUser,
  id: string,
  patch: { displayName?: string; role?: Role; orgId?: string; active?: boolean },
) {
  const before = await userInScope(database, admin, id);
  if (patch.orgId) await orgInScope(database, admin, patch.orgId);
  if (id === admin.id && (patch.active === false || (patch.role && patch.role !== 'admin'))) {
    throw invalid(
      'role',
      '不能停用自己或取消自己的管理员角色',
      'You cannot deactivate yourself or drop your own admin role',
    );
  }
  await database.transaction(async ({ db }) => {
    await db
      .updateTable('app_user')
      .set({
        display_name: patch.displayName,
        role: patch.role,
        org_id: patch.orgId,
        active: patch.active,
      })
      .where('id', '=', id)
      .execute();
    if (patch.active === false) await db.deleteFrom('session').where('user_id', '=', id).execute();
    await appendAudit(db, actorOf(admin), {
      action: 'user.updated',
      subjectType: 'user',
      subjectId: id,
      orgId: patch.orgId ?? before.org_id,
      before: {
        display_name: before.display_name,
        role: before.role,
        org_id: before.org_id,
        active: before.active,
      },
      after: patch,
    });
  });
}

export async function resetPassword(database: Database, admin: CurrentUser, id: string, password: string) {
  const user = await userInScope(database, admin, id);
  checkPassword(password);
  const passwordHash = await hashPassword(password);
  await database.transaction(async ({ db }) => {
    await db
      .updateTable('app_user')
      .set({
        password_hash: passwordHash,
        password_changed_at: new Date(),
        failed_logins: 0,
        locked_until: null,
      })
      .where('id', '=', id)
      .execute();
    await db.deleteFrom('session').where('user_id', '=', id).execute();
    await appendAudit(db, actorOf(admin), {
      action: 'user.password_reset',
      subjectType: 'user',
      subjectId: id,
      orgId: user.org_id,
    });
  });
}
