// The portal's sections, in menu order; the home page links to each of them too.
import type { MessageKey } from '../i18n/index.tsx';

export const SECTIONS: readonly { path: string; label: MessageKey; about: MessageKey }[] = [
  { path: '/items', label: 'public.nav.items', about: 'public.about.items' },
  { path: '/plans', label: 'public.nav.plans', about: 'public.about.plans' },
  { path: '/draws', label: 'public.nav.draws', about: 'public.about.draws' },
  { path: '/results', label: 'public.nav.results', about: 'public.about.results' },
  { path: '/businesses', label: 'public.nav.businesses', about: 'public.about.businesses' },
  { path: '/stats', label: 'public.nav.stats', about: 'public.about.stats' },
  { path: '/feeds', label: 'public.nav.feeds', about: 'public.about.feeds' },
  { path: '/verify', label: 'public.nav.verify', about: 'public.about.verify' },
  { path: '/rfc3797', label: 'public.nav.rfc3797', about: 'public.about.rfc3797' },
];
