import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { CurrentUserProvider, useSession } from '../auth/session.tsx';
import { Loading } from '../components/Loading.tsx';
import { QueryError } from '../components/QueryError.tsx';

/** Renders its children for a signed-in user; anyone else goes to sign in, then comes back here. */
export function RequireSession({ children }: { children: ReactNode }) {
  const session = useSession();
  const location = useLocation();
  if (session.isPending) return <Loading screen />;
  if (session.isError) {
    return (
      <div className="tp-center-screen">
        <QueryError error={session.error} retry={() => session.refetch()} />
      </div>
    );
  }
  if (!session.data) {
    const next = location.pathname + location.search;
    return <Navigate to={next === '/' ? '/login' : `/login?next=${encodeURIComponent(next)}`} replace />;
  }
  return <CurrentUserProvider user={session.data.user}>{children}</CurrentUserProvider>;
}
