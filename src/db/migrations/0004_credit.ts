// Credit-risk classification (DOMAIN.md §4): versioned models of indicators with rules as data,
// the append-only events that move a score, runs (snapshots) and every business's score with its
// explanation per run.

export const name = '0004_credit';

export const up = [
  // A model version: draft (one at a time, being edited), active (exactly one once the first is
  // activated) or retired. Thresholds and direct rules as JSON (see src/core/credit/model.ts).
  `create table credit_model (
    id uuid primary key default gen_random_uuid(),
    version integer not null unique,
    status text not null default 'draft' check (status in ('draft', 'active', 'retired')),
    note text not null default '',
    thresholds jsonb not null,
    direct jsonb not null,
    based_on integer,
    created_by uuid references app_user(id),
    created_at timestamptz not null default now(),
    activated_by uuid references app_user(id),
    activated_at timestamptz,
    retired_at timestamptz
  )`,
  `create unique index credit_model_one_active on credit_model (status) where status = 'active'`,
  `create unique index credit_model_one_draft on credit_model (status) where status = 'draft'`,

  // Indicators of a version, in display order; the rule is data (bands, line and cap, tables,
  // windows, recency decay), never code.
  `create table credit_indicator (
    model_id uuid not null references credit_model(id) on delete cascade,
    position integer not null,
    code text not null,
    group_code text not null
      check (group_code in ('basic', 'dynamic', 'supervision', 'relations', 'social')),
    name text not null,
    metric text not null,
    weight integer not null check (weight between 0 and 100),
    rule jsonb not null,
    primary key (model_id, code)
  )`,

  // Points per industry code of a version's prefix rules, derived from the rule when it is saved,
  // so scoring joins one small table instead of matching prefixes for millions of rows.
  `create table credit_lookup (
    model_id uuid not null references credit_model(id) on delete cascade,
    indicator text not null,
    key text not null,
    points smallint not null,
    primary key (model_id, indicator, key)
  )`,

  // Events that move a score. Append-only: a trigger refuses updates and deletes. org_id and
  // region_code are the business's (data scope). No foreign keys: a referential check locks the
  // referenced business row for every event, which dirties millions of entity rows on a bulk load;
  // the service and the import resolve every business first, and businesses are never deleted.
  `create table credit_event (
    id uuid primary key default gen_random_uuid(),
    entity_id uuid not null,
    kind text not null check (kind in ('penalty', 'complaint', 'abnormal_list_in', 'abnormal_list_out',
      'serious_list_in', 'serious_list_out', 'inspection_result', 'registration_change')),
    occurred_on date not null,
    severity smallint check (severity between 0 and 3),
    amount_yuan numeric(16, 2) check (amount_yuan >= 0),
    subject text,
    ref text,
    source text not null,
    details jsonb not null default '{}',
    org_id uuid not null,
    region_code text not null,
    import_id uuid,
    created_by uuid references app_user(id),
    created_at timestamptz not null default now()
  )`,
  `create index credit_event_entity on credit_event (entity_id, occurred_on)`,
  // A document number (处罚决定书文号, complaint number) is recorded once per business and kind, so
  // importing the same file twice adds nothing.
  `create unique index credit_event_ref on credit_event (kind, entity_id, ref) where ref is not null`,
  `create function credit_event_append_only() returns trigger language plpgsql as $$
    begin
      raise exception 'credit events are append-only';
    end $$`,
  `create trigger credit_event_append_only before update or delete on credit_event
    for each row execute function credit_event_append_only()`,

  // A run: full (a snapshot of every business, monthly or on demand), dry_run (a draft model's
  // distribution, nothing written) or incremental (some businesses after their events). seq is the
  // compact key of its scores.
  `create table credit_run (
    id uuid primary key default gen_random_uuid(),
    seq integer generated always as identity unique,
    kind text not null check (kind in ('full', 'dry_run', 'incremental')),
    model_id uuid not null references credit_model(id),
    model_version integer not null,
    status text not null default 'queued' check (status in ('queued', 'running', 'completed', 'failed')),
    trigger text not null,
    as_of date not null,
    progress smallint not null default 0 check (progress between 0 and 100),
    stage text,
    entity_id uuid,
    total integer,
    counts jsonb,
    before_counts jsonb,
    movement jsonb,
    changed integer,
    error text,
    created_by uuid references app_user(id),
    created_at timestamptz not null default now(),
    started_at timestamptz,
    finished_at timestamptz
  )`,
  `create index credit_run_kind on credit_run (kind, created_at)`,
  `create index credit_run_entity on credit_run (entity_id) where entity_id is not null`,
  // One full run queued or running at a time.
  `create unique index credit_run_one_full on credit_run (kind) where kind = 'full' and status in ('queued', 'running')`,

  // Every business's score per run: the class, the class it had before, the direct rule that
  // decided it (if any) and the points (0–100) of each of the model's indicators, in order (their
  // contributions follow from the model version's weights). Partitioned by run: each full run
  // writes its own table, indexes it and attaches it (src/modules/credit/scoring.ts); incremental
  // runs land in the default partition. No foreign keys: millions of rows per run.
  `create table credit_score (
    run_seq integer not null,
    score smallint not null,
    class text not null,
    prev_class text,
    rule text,
    entity_id uuid not null,
    points smallint[] not null
  ) partition by list (run_seq)`,
  `create table credit_score_incremental partition of credit_score default`,
  `create index credit_score_entity on credit_score (entity_id, run_seq)`,
  `create index credit_score_changed on credit_score (run_seq, prev_class, class)
    where class is distinct from prev_class`,

  // Writing classes back into entity: a monthly run changes the class of many businesses, and an
  // update is cheap only as a heap-only (HOT) update, which needs no index on credit_class and room
  // on the page. Measured at 6.43 million businesses: 270 µs per changed business with the class
  // indexed (every index of entity, the trigram one too, gets a new entry), 55 µs without. Lists
  // filter classes together with a region, and the draw frame and the dashboard scan anyway.
  `drop index entity_class`,
  `alter table entity set (fillfactor = 90)`,
  // Related parties: the businesses of a legal representative (D-class ones raise a score).
  `create index entity_legal_rep on entity (legal_rep)`,
];
