// POST …/:id/deactivate and …/:id/reactivate with a reason: how a record that draws and results
// may refer to is taken out of use and brought back, never deleted.
import { Type } from 'typebox';
import type { Role } from '../db/schema.ts';
import type { CurrentUser } from '../modules/auth/access.ts';
import type { Api } from './context.ts';

export function toggleRoutes(
  app: Api,
  options: {
    /** The record's address with `:id`, e.g. /api/items/:id. */
    path: string;
    tag: string;
    access: readonly Role[];
    summaries: { deactivate: string; reactivate: string };
    run: (user: CurrentUser, id: string, active: boolean, reason: string) => Promise<void>;
  },
) {
  for (const action of ['deactivate', 'reactivate'] as const) {
    app.post(
      `${options.path}/${action}`,
      {
        config: { access: options.access },
        schema: {
          tags: [options.tag],
          summary: options.summaries[action],
          params: Type.Object({ id: Type.String({ format: 'uuid' }) }),
          body: Type.Object({ reason: Type.String({ minLength: 1, maxLength: 500 }) }),
        },
      },
      async (request) => {
        await options.run(request.user!, request.params.id, action === 'reactivate', request.body.reason);
        return { ok: true };
      },
    );
  }
}
