import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { inOrgSubtree } from '../orgs/repo.ts';

/** Counts a home page shows, limited to the user's organisation subtree and region. */
export async function summary(db: Kysely<DB>, scope: { orgPath: string; regionPrefix: string }) {
  const entities = db
    .selectFrom('entity')
    .where('region_code', 'like', `${scope.regionPrefix}%`)
    .where('in_directory', '=', true);
  const [byClass, byKind, byDistrict, departments, inspectors] = await Promise.all([
    entities
      .select(['credit_class', (eb) => eb.fn.countAll<number>().as('n')])
      .groupBy('credit_class')
      .orderBy('credit_class')
      .execute(),
    entities
      .select(['kind', (eb) => eb.fn.countAll<number>().as('n')])
      .groupBy('kind')
      .execute(),
    entities
      .select([
        (eb) => eb.fn('substr', ['region_code', eb.val(1), eb.val(6)]).as('district'),
        (eb) => eb.fn.countAll<number>().as('n'),
      ])
      .groupBy('district')
      .orderBy('district')
      .execute(),
    db
      .selectFrom('org')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('path', 'like', `${scope.orgPath}%`)
      .where('kind', '=', 'department')
      .executeTakeFirstOrThrow(),
    db
      .selectFrom('inspector as i')
      .innerJoin('org as o', 'o.id', 'i.org_id')
      .select(['o.department', (eb) => eb.fn.countAll<number>().as('n')])
      .where(inOrgSubtree('i.org_id', scope.orgPath))
      .where('i.status', '=', 'on_duty')
      .groupBy('o.department')
      .orderBy('o.department')
      .execute(),
  ]);
  return {
    entitiesByClass: byClass.map((r) => ({ class: r.credit_class, count: Number(r.n) })),
    entitiesByKind: byKind.map((r) => ({ kind: r.kind, count: Number(r.n) })),
    entitiesByDistrict: byDistrict.map((r) => ({ regionCode: String(r.district), count: Number(r.n) })),
    departments: Number(departments.n),
    inspectorsByDepartment: inspectors.map((r) => ({ department: r.department, count: Number(r.n) })),
  };
}
