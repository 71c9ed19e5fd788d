import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestDatabase, testDatabase } from '../../test/support/db.ts';
import { migrate, ROOT_ORG_CODE } from '../db/migrate.ts';
import { isEmpty, loadDemoCity } from './load.ts';

describe('an empty database', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await testDatabase();
  });
  afterAll(() => database.dispose());

  const orgs = () =>
    database.db.selectFrom('org').select(['code', 'name', 'parent_id', 'path', 'id']).execute();

  it('gets one top-level organisation from migrate, once', async () => {
    await migrate(database);
    const [root, ...others] = await orgs();
    expect(others).toEqual([]);
    expect(root).toMatchObject({ code: ROOT_ORG_CODE, name: '本级', parent_id: null, path: `/${root.id}/` });
  });

  it('still counts as empty with only that organisation, and not once something is stored', async () => {
    expect(await isEmpty(database)).toBe(true);
    const [root] = await orgs();
    await database.db
      .insertInto('entity')
      .values({
        uscc: '91512081MA62K0260E',
        identifier: '91512081MA62K0260E',
        name: '某某公司',
        kind: 'enterprise',
        region_code: '512081',
        org_id: root.id,
      })
      .execute();
    expect(await isEmpty(database)).toBe(false);
  });

  it('is replaced by the demo city, which has no root organisation of its own', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'tianping-load-'));
    await loadDemoCity(database, { entities: 300, inspectors: 120, seed: 'load-test', dataDir });
    const codes = (await orgs()).map((o) => o.code);
    expect(codes).not.toContain(ROOT_ORG_CODE);
    expect(codes).toContain('440300');
    expect(await isEmpty(database)).toBe(false);
  });
});
