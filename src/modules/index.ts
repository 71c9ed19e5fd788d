// Every module's routes, registered in this order by the server.
import type { Api, AppContext } from '../http/context.ts';
import { auditRoutes } from './audit/routes.ts';
import { authRoutes } from './auth/routes.ts';
import { creditRoutes } from './credit/routes.ts';
import { dashboardRoutes } from './dashboard/routes.ts';
import { drawRoutes } from './draws/routes.ts';
import { entityRoutes } from './entities/routes.ts';
import { followUpRoutes } from './followups/routes.ts';
import { importRoutes } from './imports/routes.ts';
import { inspectionRoutes } from './inspections/routes.ts';
import { inspectorRoutes } from './inspectors/routes.ts';
import { itemRoutes } from './items/routes.ts';
import { orgRoutes } from './orgs/routes.ts';
import { planRoutes } from './plans/routes.ts';
import { publicityRoutes } from './publicity/routes.ts';
import { userRoutes } from './users/routes.ts';

export const routeModules: ReadonlyArray<(app: Api, ctx: AppContext) => Promise<void>> = [
  authRoutes,
  orgRoutes,
  userRoutes,
  auditRoutes,
  dashboardRoutes,
  entityRoutes,
  inspectorRoutes,
  itemRoutes,
  importRoutes,
  planRoutes,
  drawRoutes,
  creditRoutes,
  inspectionRoutes,
  followUpRoutes,
  publicityRoutes,
];
