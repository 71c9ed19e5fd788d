import type { Kysely } from 'kysely';
import type { CreditClass, DB, EntityStatus } from '../../db/schema.ts';

export interface EntityFilter {
  regionPrefix: string;
  q?: string;
  creditClass?: CreditClass;
  status?: EntityStatus;
  page: number;
  pageSize: number;
}

export async function listEntities(db: Kysely<DB>, f: EntityFilter) {
  let query = db.selectFrom('entity').where('region_code', 'like', `${f.regionPrefix}%`);
  if (f.q) {
    const q = f.q.trim();
    query = query.where((eb) =>
      eb.or([eb('name', 'like', `%${q}%`), eb('identifier', '=', q.toUpperCase())]),
    );
  }
  if (f.creditClass) query = query.where('credit_class', '=', f.creditClass);
  if (f.status) query = query.where('status', '=', f.status);
  const [rows, total] = await Promise.all([
    query
      .select([
        'id',
        'identifier',
        'uscc',
        'reg_no',
        'name',
        'kind',
        'region_code',
        'industry_code',
        'status',
        'credit_class',
      ])
      .orderBy('identifier')
      .limit(f.pageSize)
      .offset((f.page - 1) * f.pageSize)
      .execute(),
    query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(total.n) };
}

export const findEntity = (db: Kysely<DB>, id: string) =>
  db.selectFrom('entity').selectAll().where('id', '=', id).executeTakeFirst();
