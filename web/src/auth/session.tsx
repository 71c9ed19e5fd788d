// The signed-in session: loaded once from GET /api/auth/session, kept in TanStack Query's cache
// under SESSION_KEY, and handed to the pages as the current user.
import { type QueryClient, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { createContext, type ReactNode, useContext } from 'react';
import { ApiError, api, setCsrfToken } from '../api/client.ts';
import type { Session, SessionUser } from '../api/types.ts';

const SESSION_KEY = ['session'] as const;

/** The session, or null when nobody is signed in (the server answers 401). */
async function fetchSession(): Promise<Session | null> {
  try {
    const session = await api.get<Session>('/api/auth/session');
    setCsrfToken(session.csrfToken);
    return session;
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) return null;
    throw error;
  }
}

export const useSession = () =>
  useQuery({ queryKey: SESSION_KEY, queryFn: fetchSession, staleTime: Number.POSITIVE_INFINITY, retry: 1 });

/** Forget the session and everything read with it, so a next user never sees the last one's data. */
export function dropSession(queryClient: QueryClient) {
  setCsrfToken(undefined);
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
      queryClient.setQueryData(SESSION_KEY, session);
    },
  });
}

export function useLogout() {
  return useMutation({
    mutationFn: () => api.post('/api/auth/logout'),
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
