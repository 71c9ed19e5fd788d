// Organisations, accounts, sessions, the audit chain and the two directories' base tables.
// Each migration is a list of single statements so the same text runs on PostgreSQL and PGlite.

export const name = '0001_foundation';

export const up = [
  `create extension if not exists pg_trgm`,

  `create table org (
    id uuid primary key default gen_random_uuid(),
    code text not null unique,
    name text not null,
    short_name text not null,
    parent_id uuid references org(id),
    level text not null check (level in ('city', 'district', 'street')),
    kind text not null check (kind in ('government', 'department', 'office')),
    department text,
    region_code text not null,
    path text not null,
    active boolean not null default true,
    created_at timestamptz not null default now()
  )`,
  `create index org_parent on org (parent_id)`,
  `create index org_path on org (path text_pattern_ops)`,

  `create table app_user (
    id uuid primary key default gen_random_uuid(),
    username text not null unique,
    display_name text not null,
    role text not null check (role in ('admin', 'coordinator', 'dept_admin', 'inspector', 'reviewer', 'business')),
    org_id uuid not null references org(id),
    entity_id uuid,
    inspector_id uuid,
    password_hash text not null,
    failed_logins integer not null default 0,
    locked_until timestamptz,
    active boolean not null default true,
    last_login_at timestamptz,
    password_changed_at timestamptz not null default now(),
    created_at timestamptz not null default now()
  )`,
  `create index app_user_org on app_user (org_id)`,

  `create table session (
    id text primary key,
    user_id uuid not null references app_user(id) on delete cascade,
    csrf_token text not null,
    created_at timestamptz not null default now(),
    last_seen_at timestamptz not null default now(),
    expires_at timestamptz not null,
    ip text,
    user_agent text
  )`,
  `create index session_by_user on session (user_id)`,

  `create table audit_event (
    seq bigint primary key,
    at timestamptz not null,
    actor_id uuid,
    actor text not null,
    action text not null,
    subject_type text not null,
    subject_id text,
    org_id uuid,
    before jsonb,
    after jsonb,
    prev_hash text not null,
    hash text not null
  )`,
  `create index audit_event_subject on audit_event (subject_type, subject_id)`,
  `create table audit_head (
    singleton boolean primary key default true check (singleton),
    seq bigint not null,
    hash text not null
  )`,

  `create table entity (
    id uuid primary key default gen_random_uuid(),
    uscc text unique,
    reg_no text unique,
    identifier text not null unique,
    name text not null,
    kind text not null check (kind in ('enterprise', 'individual', 'cooperative', 'other')),
    legal_rep text,
    reg_address text,
    biz_address text,
    region_code text not null,
    industry_code text,
    registered_on date,
    status text not null default 'active'
      check (status in ('active', 'deregistered', 'revoked', 'cancelled', 'moved_out')),
    capital_wan numeric(20, 4),
    phone text,
    tags text[] not null default '{}',
    credit_class text check (credit_class in ('A', 'B', 'C', 'D')),
    abnormal_listed boolean not null default false,
    serious_listed boolean not null default false,
    complaint_count integer not null default 0,
    org_id uuid not null references org(id),
    in_directory boolean not null default true,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    check (uscc is not null or reg_no is not null),
    check (identifier = coalesce(uscc, reg_no))
  )`,
  `create index entity_region on entity (region_code text_pattern_ops)`,
  `create index entity_name_trgm on entity using gin (name gin_trgm_ops)`,
  `create index entity_class on entity (credit_class)`,
  `create index entity_industry on entity (industry_code)`,

  `create table inspector (
    id uuid primary key default gen_random_uuid(),
    org_id uuid not null references org(id),
    office_id uuid references org(id),
    region_code text not null,
    name text not null,
    cert_no text not null unique,
    cert_expires_on date,
    qualifications text[] not null default '{}',
    is_expert boolean not null default false,
    is_leader boolean not null default false,
    status text not null default 'on_duty' check (status in ('on_duty', 'suspended', 'on_leave')),
    id_card text,
    phone text,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now()
  )`,
  `create index inspector_org on inspector (org_id)`,
  `create index inspector_name_trgm on inspector using gin (name gin_trgm_ops)`,

  `create table inspector_conflict (
    id uuid primary key default gen_random_uuid(),
    inspector_id uuid not null references inspector(id),
    entity_id uuid references entity(id),
    party text,
    kind text not null check (kind in ('kin', 'former_employer', 'shares', 'other')),
    reason text,
    declared_on date not null default current_date,
    check (entity_id is not null or party is not null)
  )`,
  `create index inspector_conflict_inspector on inspector_conflict (inspector_id)`,
  `create index inspector_conflict_entity on inspector_conflict (entity_id)`,

  `create table setting (
    key text primary key,
    value jsonb not null,
    updated_at timestamptz not null default now()
  )`,
];
