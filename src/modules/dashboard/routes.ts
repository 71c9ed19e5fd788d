import { region } from '../../core/codes/index.ts';
import type { Api, AppContext } from '../../http/context.ts';
import { STAFF, userRegionPrefix } from '../auth/access.ts';
import { summary } from './repo.ts';

export async function dashboardRoutes(app: Api, ctx: AppContext) {
  app.get(
    '/api/dashboard/summary',
    {
      config: { access: STAFF },
      schema: { tags: ['dashboard'], summary: 'Counts for the home page, within your scope' },
    },
    async (request) => {
      const user = request.user!;
      const s = await summary(ctx.database.db, {
        orgPath: user.orgPath,
        regionPrefix: userRegionPrefix(user),
      });
      return {
        ...s,
        entitiesByDistrict: s.entitiesByDistrict.map((d) => ({
          ...d,
          name: region(d.regionCode)?.name ?? d.regionCode,
        })),
        entities: s.entitiesByClass.reduce((sum, c) => sum + c.count, 0),
        inspectors: s.inspectorsByDepartment.reduce((sum, d) => sum + d.count, 0),
      };
    },
  );
}
