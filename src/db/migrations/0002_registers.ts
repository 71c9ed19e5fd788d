// 一单两库: the inspection-item list with versioned checklists, tags (专项库), and imports.

export const name = '0002_registers';

export const up = [
  `create table inspection_item (
    id uuid primary key default gen_random_uuid(),
    code text not null unique,
    year integer not null check (year between 2000 and 2100),
    owner_department text not null,
    owner_org_id uuid references org(id),
    department text,
    category text not null,
    name text not null,
    target text not null default '',
    item_type text not null default 'general' check (item_type in ('general', 'key')),
    methods text[] not null default '{}',
    subject text not null default '',
    legal_basis text not null default '',
    ratio_bp integer check (ratio_bp between 0 and 10000),
    frequency text,
    level text check (level in ('province', 'city', 'district', 'street')),
    is_joint boolean not null default false,
    field text,
    initiating_department text,
    cooperating_departments text[] not null default '{}',
    required_qualification text,
    seq integer,
    active boolean not null default true,
    org_id uuid not null references org(id),
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now()
  )`,
  `create unique index inspection_item_natural on inspection_item (year, owner_department, category, name) where not is_joint`,
  `create unique index inspection_item_joint_natural on inspection_item (year, initiating_department, name) where is_joint`,
  `create index inspection_item_name_trgm on inspection_item using gin (name gin_trgm_ops)`,
  `create sequence inspection_item_code_seq`,

  `create table checklist (
    id uuid primary key default gen_random_uuid(),
    item_id uuid not null references inspection_item(id),
    version integer not null,
    status text not null default 'draft' check (status in ('draft', 'published', 'retired')),
    content jsonb not null,
    created_by uuid references app_user(id),
    created_at timestamptz not null default now(),
    published_at timestamptz,
    unique (item_id, version)
  )`,

  `create table entity_tag (
    code text primary key,
    name text not null,
    required_qualification text,
    requires_expert boolean not null default false,
    description text not null default ''
  )`,

  `create table import_job (
    id uuid primary key default gen_random_uuid(),
    kind text not null check (kind in ('items', 'joint_items', 'entities', 'inspectors')),
    file_name text not null,
    file_path text,
    status text not null default 'queued' check (status in ('queued', 'running', 'done', 'failed')),
    dry_run boolean not null default false,
    mapping jsonb not null default '{}',
    total_rows integer,
    processed_rows integer not null default 0,
    inserted integer not null default 0,
    updated integer not null default 0,
    unchanged integer not null default 0,
    rejected integer not null default 0,
    warnings integer not null default 0,
    error text,
    org_id uuid not null references org(id),
    created_by uuid references app_user(id),
    created_at timestamptz not null default now(),
    finished_at timestamptz
  )`,
  `create table import_issue (
    job_id uuid not null references import_job(id) on delete cascade,
    line integer not null,
    severity text not null check (severity in ('error', 'warning')),
    column_name text,
    field text,
    value text,
    reason text not null
  )`,
  `create index import_issue_job on import_issue (job_id, line)`,
];
