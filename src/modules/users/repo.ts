import type { Kysely } from 'kysely';
import type { DB, Role } from '../../db/schema.ts';
import { inOrgSubtree } from '../orgs/repo.ts';

export interface UserFilter {
  orgPath: string;
  q?: string;
  role?: Role;
  page: number;
  pageSize: number;
}

const userColumns = [
  'u.id',
  'u.username',
  'u.display_name',
  'u.role',
  'u.org_id',
  'o.name as org_name',
  'u.active',
  'u.locked_until',
  'u.last_login_at',
  'u.created_at',
] as const;

export async function listUsers(db: Kysely<DB>, f: UserFilter) {
  let query = db
    .selectFrom('app_user as u')
    .innerJoin('org as o', 'o.id', 'u.org_id')
    .where(inOrgSubtree('u.org_id', f.orgPath));
  if (f.q)
    query = query.where((eb) =>
      eb.or([eb('u.username', 'ilike', `%${f.q}%`), eb('u.display_name', 'like', `%${f.q}%`)]),
    );
  if (f.role) query = query.where('u.role', '=', f.role);
  const [rows, total] = await Promise.all([
    query
      .select(userColumns)
      .orderBy('u.username')
      .limit(f.pageSize)
      .offset((f.page - 1) * f.pageSize)
      .execute(),
    query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(total.n) };
}

export const findUser = (db: Kysely<DB>, id: string) =>
  db
    .selectFrom('app_user as u')
    .innerJoin('org as o', 'o.id', 'u.org_id')
    .select([...userColumns, 'o.path as org_path'])
    .where('u.id', '=', id)
    .executeTakeFirst();
