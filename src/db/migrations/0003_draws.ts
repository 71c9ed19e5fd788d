// 双随机 with proof: plans (年度抽查工作计划) with batches and amendments, draws (tianping-draw/1) with
// their frozen frame, picks, team assignments and adjustments, and the tasks they create.
// Draws are append-only: triggers refuse to change a published commitment, a reveal, a pick, a drawn
// team or an adjustment, so a mistake can only be answered by a new, reasoned record.

export const name = '0003_draws';

export const up = [
  `create sequence plan_code_seq`,
  `create table plan (
    id uuid primary key default gen_random_uuid(),
    code text not null unique default ('P' || lpad(nextval('plan_code_seq')::text, 6, '0')),
    year integer not null check (year between 2000 and 2100),
    org_id uuid not null references org(id),
    region_code text not null,
    name text not null,
    kind text not null check (kind in ('single', 'joint')),
    cooperating_org_ids uuid[] not null default '{}',
    status text not null default 'draft' check (status in ('draft', 'filed', 'published')),
    directed boolean not null default false,
    scope jsonb not null default '{}',
    ratios jsonb not null,
    alternates_bp integer not null default 1000 check (alternates_bp between 0 and 10000),
    by_district boolean not null default false,
    team_size integer not null default 2 check (team_size between 2 and 20),
    cross_office boolean not null default true,
    exclude_recent_months integer not null default 12 check (exclude_recent_months between 0 and 120),
    workload_cap integer check (workload_cap > 0),
    starts_on date not null,
    ends_on date not null,
    filed_at timestamptz,
    published_at timestamptz,
    created_by uuid references app_user(id),
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    check (ends_on >= starts_on),
    check (kind = 'joint' or cardinality(cooperating_org_ids) = 0)
  )`,
  `create index plan_org on plan (org_id)`,
  `create index plan_year on plan (year)`,

  `create table plan_item (
    plan_id uuid not null references plan(id),
    item_id uuid not null references inspection_item(id),
    org_id uuid not null references org(id),
    position integer not null,
    primary key (plan_id, item_id)
  )`,

  `create table plan_batch (
    id uuid primary key default gen_random_uuid(),
    plan_id uuid not null references plan(id),
    seq integer not null,
    name text not null,
    starts_on date not null,
    ends_on date not null,
    check (ends_on >= starts_on),
    unique (plan_id, seq)
  )`,

  `create table plan_amendment (
    id uuid primary key default gen_random_uuid(),
    plan_id uuid not null references plan(id),
    seq integer not null,
    reason text not null check (length(reason) > 0),
    before jsonb not null,
    after jsonb not null,
    created_by uuid references app_user(id),
    created_at timestamptz not null default now(),
    unique (plan_id, seq)
  )`,

  `create sequence draw_code_seq`,
  `create table draw (
    id uuid primary key default gen_random_uuid(),
    code text not null unique,
    plan_id uuid not null references plan(id),
    batch_id uuid not null references plan_batch(id),
    org_id uuid not null references org(id),
    region_code text not null,
    status text not null check (status in ('committed', 'revealed', 'completed', 'abandoned')),
    parameters jsonb not null,
    commitment jsonb not null,
    commitment_digest text not null,
    frame_digest text not null,
    roster_digest text not null,
    roster_gz bytea not null,
    committed_at timestamptz not null,
    committed_by uuid references app_user(id),
    audit_seq bigint,
    reveal jsonb,
    seed_hex text,
    revealed_at timestamptz,
    completed_at timestamptz,
    counts jsonb,
    abandoned_reason text,
    abandoned_at timestamptz,
    replaces_id uuid references draw(id),
    replaced_by uuid references draw(id),
    credit_snapshot_id uuid,
    check (status <> 'abandoned' or length(abandoned_reason) > 0)
  )`,
  // One live draw per batch: another needs the previous one abandoned, with its reason, first.
  `create unique index draw_live_per_batch on draw (batch_id) where status <> 'abandoned'`,
  `create index draw_plan on draw (plan_id)`,

  // The frozen frame, once per draw: the canonical text of each stratum (§1.1), gzip-compressed.
  `create table draw_frame (
    draw_id uuid not null references draw(id),
    h integer not null,
    label text not null,
    size integer not null,
    text_gz bytea not null,
    primary key (draw_id, h)
  )`,

  // entity_id has no foreign key: the picks are looked up in entity in the same transaction, and a key
  // would lock a hundred thousand rows of the city's largest table per draw (tasks already reference it).
  `create table draw_pick (
    draw_id uuid not null references draw(id),
    h integer not null,
    rank integer not null,
    identifier text not null,
    entity_id uuid not null,
    selected boolean not null,
    primary key (draw_id, h, rank)
  )`,
  `create index draw_pick_entity on draw_pick (entity_id)`,

  `create sequence task_code_seq`,
  // entity_id has no foreign key either: checking one locks the business's row, and a city's draw
  // would dirty a hundred thousand pages of the largest table (and write their full images to the
  // WAL) just to create its tasks. Businesses are never deleted (注销 is a status), and every writer
  // takes the id from the entity table in the same transaction.
  `create table task (
    id uuid primary key default gen_random_uuid(),
    code text not null unique default ('T' || lpad(nextval('task_code_seq')::text, 8, '0')),
    draw_id uuid references draw(id),
    plan_id uuid references plan(id),
    entity_id uuid not null,
    org_id uuid not null references org(id),
    region_code text not null,
    item_ids uuid[] not null default '{}',
    status text not null check (status in ('unassigned', 'assigned', 'cancelled')),
    status_reason text,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now()
  )`,
  `create index task_entity on task (entity_id, created_at)`,
  `create index task_draw on task (draw_id)`,
  `create index task_org on task (org_id)`,

  // The team of a task, lead (position 0) first; a member replaced by an adjustment keeps the row.
  `create table task_member (
    task_id uuid not null references task(id),
    inspector_id uuid not null references inspector(id),
    org_id uuid not null references org(id),
    position integer not null,
    added_by uuid,
    removed_by uuid,
    primary key (task_id, inspector_id)
  )`,
  `create index task_member_inspector on task_member (inspector_id) where removed_by is null`,

  // What §5 drew for each task and department: eligible inspectors as a bitset over the department's
  // roster (sorted by certificate number, in the draw's roster snapshot) and the team, lead first.
  `create table draw_assignment (
    draw_id uuid not null references draw(id),
    seq integer not null,
    d integer not null,
    identifier text not null,
    task_id uuid not null references task(id),
    eligible bytea not null,
    team text[] not null,
    primary key (draw_id, seq, d)
  )`,

  `create table draw_adjustment (
    id uuid primary key default gen_random_uuid(),
    draw_id uuid not null references draw(id),
    seq integer not null,
    kind text not null check (kind in ('replace_entity', 'replace_inspector')),
    task_id uuid not null references task(id),
    new_task_id uuid references task(id),
    reason text not null check (length(reason) > 0),
    purpose text,
    detail jsonb not null,
    created_by uuid references app_user(id),
    created_at timestamptz not null default now(),
    unique (draw_id, seq)
  )`,

  `create function tianping_append_only() returns trigger language plpgsql as $$
  begin
    raise exception '% is append-only: rows are never changed or deleted', tg_table_name
      using errcode = 'raise_exception';
  end
  $$`,
  `create trigger draw_frame_append_only before update or delete on draw_frame
    for each row execute function tianping_append_only()`,
  `create trigger draw_pick_append_only before update or delete on draw_pick
    for each row execute function tianping_append_only()`,
  `create trigger draw_assignment_append_only before update or delete on draw_assignment
    for each row execute function tianping_append_only()`,
  `create trigger draw_adjustment_append_only before update or delete on draw_adjustment
    for each row execute function tianping_append_only()`,
  `create trigger plan_amendment_append_only before update or delete on plan_amendment
    for each row execute function tianping_append_only()`,

  // A draw moves forward only: what was published (commitment, then reveal) never changes, and an
  // abandoned draw only gains the link to the draw that replaces it.
  `create function tianping_draw_guard() returns trigger language plpgsql as $$
  begin
    if tg_op = 'DELETE' then
      raise exception 'draw % cannot be deleted; abandon it with a reason', old.code;
    end if;
    if (new.code, new.plan_id, new.batch_id, new.org_id, new.parameters, new.commitment,
        new.commitment_digest, new.frame_digest, new.roster_digest, new.roster_gz, new.committed_at,
        new.committed_by, new.replaces_id)
       is distinct from
       (old.code, old.plan_id, old.batch_id, old.org_id, old.parameters, old.commitment,
        old.commitment_digest, old.frame_digest, old.roster_digest, old.roster_gz, old.committed_at,
        old.committed_by, old.replaces_id) then
      raise exception 'draw %: the published commitment is immutable', old.code;
    end if;
    if old.seed_hex is not null and (new.reveal, new.seed_hex, new.revealed_at)
       is distinct from (old.reveal, old.seed_hex, old.revealed_at) then
      raise exception 'draw %: the reveal is immutable', old.code;
    end if;
    if old.status = 'abandoned' and (new.status, new.abandoned_reason, new.abandoned_at)
       is distinct from (old.status, old.abandoned_reason, old.abandoned_at) then
      raise exception 'draw % is abandoned', old.code;
    end if;
    if old.status = 'completed' and new.status not in ('completed', 'abandoned') then
      raise exception 'draw % is completed', old.code;
    end if;
    return new;
  end
  $$`,
  `create trigger draw_guard before update or delete on draw
    for each row execute function tianping_draw_guard()`,
];
