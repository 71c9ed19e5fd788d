// The public portal reads published results newest first (lists) and oldest first from a date
// (feeds): one index over publication time serves both directions.
export const name = '0006_publicity';

export const up = [
  `create index inspection_published on inspection (published_at, id) where status = 'published'`,
];
