// The signed-in session: loaded once from GET /api/auth/session, kept in TanStack Query's cache
// under SESSION_KEY, and handed to the pages as the current user.
import { type QueryClient, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { createContext, type ReactNode, useContext } from 'react';
import { ApiError, api, setCsrfToken } from '../api/client.ts';
import type { Session, SessionUser } from '../api/types.ts';

const SESSION_KEY = ['session'] as const;
// The last session this browser saw, so that a page opened without a network (an inspector on site)
// still knows who is signed in and can show what the phone keeps; the server decides again on the
// first request that reaches it.
const KEPT = 'tianping.session';

function keep(session: Session | null) {
  try {
    if (session) localStorage.setItem(KEPT, JSON.stringify(session));
    else localStorage.removeItem(KEPT);
  } catch {
    // Storage blocked: only the offline start is lost.
  }
}

function kept(): Session | null {
  try {
    const text = localStorage.getItem(KEPT);
    return text ? (JSON.parse(text) as Session) : null;
  } catch {
    return null;
  }
}

/** The session, or null when nobody is signed in (the server answers 401). */
async function fetchSession(): Promise<Session | null> {
  try {
    const session = await api.get<Session>('/api/auth/session');
    setCsrfToken(session.csrfToken);
    keep(session);
    return session;
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) {
      keep(null);
      return null;
    }
    const offline = error instanceof ApiError && error.status === 0 ? kept() : null;
    if (offline) {
      setCsrfToken(offline.csrfToken);
      return offline;
    }
    throw error;
  }
}

export const useSession = () =>
  useQuery({ queryKey: SESSION_KEY, queryFn: fetchSession, staleTime: Number.POSITIVE_INFINITY, retry: 1 });

/** Forget the session and everything read with it, so a next user never sees the last one's data. */
export function dropSession(queryClient: QueryClient) {
  setCsrfToken(undefined);
  keep(null);
  queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== SESSION_KEY[0] });
  queryClient.setQueryData(SESSION_KEY, null);
}

export function useLogin() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (credentials: { username: string; password: string }) =>
      api.post<Session>('/api/auth/login', credentials),
    onSuccess: (session) => {
      queryClient.clear();
      setCsrfToken(session.csrfToken);
      keep(session);
      queryClient.setQueryData(SESSION_KEY, session);
    },
  });
}

export function useLogout() {
  return useMutation({
    mutationFn: () => {
      keep(null);
      return api.post('/api/auth/logout');
    },
    // A full page load clears every cache and in-memory state of the signed-out user. Even when
    // the request fails (session already gone, network), leaving is what the user asked for.
    onSettled: () => window.location.assign('/login'),
  });
}

const CurrentUserContext = createContext<SessionUser | null>(null);

export function CurrentUserProvider({ user, children }: { user: SessionUser; children: ReactNode }) {
  return <CurrentUserContext value={user}>{children}</CurrentUserContext>;
}

/** The signed-in user; only inside the signed-in part of the app. */
export function useCurrentUser(): SessionUser {
  const user = useContext(CurrentUserContext);
  if (!user) throw new Error('useCurrentUser outside the signed-in layout');
  return user;
}
