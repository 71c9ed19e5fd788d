// 一单两库: the inspection-item list with versioned checklists, the tag dictionary (专项库), what the
// directories need beyond the foundation (search indexes, withdrawn conflicts), and imports.

export const name = '0002_registers';

export const up = [
  // --- Inspection items (随机抽查事项清单) ------------------------------------------------------
  `create sequence inspection_item_code_seq`,
  `create table inspection_item (
    id uuid primary key default gen_random_uuid(),
    code text not null,
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
    updated_at timestamptz not null default now(),
    check (not is_joint or (initiating_department is not null and field is not null))
  )`,
  // One code follows an item from year to year (一码跟踪): unique within a year's list.
  `create unique index inspection_item_code on inspection_item (year, code)`,
  // Official lists repeat an item for different targets, so the target is part of its identity.
  `create unique index inspection_item_natural on inspection_item (year, owner_department, category, name, target) where not is_joint`,
  `create unique index inspection_item_joint_natural on inspection_item (year, initiating_department, name) where is_joint`,
  `create index inspection_item_org on inspection_item (org_id)`,
  `create index inspection_item_name_trgm on inspection_item using gin (name gin_trgm_ops)`,

  // Checklists (检查表单): 主项 → 子项 → 检查内容 in `content`, versioned per item. A draft is edited
  // in place; publishing retires the previous published version; a result keeps the id it used.
  `create table checklist (
    id uuid primary key default gen_random_uuid(),
    item_id uuid not null references inspection_item(id),
    version integer not null check (version > 0),
    status text not null default 'draft' check (status in ('draft', 'published', 'retired')),
    content jsonb not null,
    note text not null default '',
    created_by uuid references app_user(id),
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    published_at timestamptz,
    unique (item_id, version)
  )`,
  `create unique index checklist_one_published on checklist (item_id) where status = 'published'`,
  `create unique index checklist_one_draft on checklist (item_id) where status = 'draft'`,

  // --- Tags (专项库), keyed by the name stored in entity.tags ---------------------------------
  `create table entity_tag (
    name text primary key,
    required_qualification text,
    requires_expert boolean not null default false,
    description text not null default '',
    active boolean not null default true
  )`,

  // --- Directories: search and filters at city scale ----------------------------------------
  // The trigram index finds names by any piece of three characters or more; a Chinese trade name
  // (字号) is often two (华为, 腾讯), which has no trigram, so names are indexed by bigrams too.
  `create function name_bigrams(t text) returns text[] language plpgsql immutable parallel safe as $$
    declare pairs text[] := '{}'; n integer := char_length(t);
    begin
      for i in 1 .. n - 1 loop pairs := pairs || substr(t, i, 2); end loop;
      return pairs;
    end $$`,
  `create index entity_name_bigrams on entity using gin (name_bigrams(name))`,
  `create index entity_tags on entity using gin (tags)`,
  `create index entity_status on entity (status)`,
  `create index inspector_cert_expiry on inspector (cert_expires_on)`,
  `alter table inspector_conflict add column withdrawn_on date`,
  `alter table inspector_conflict add column declared_by uuid references app_user(id)`,

  // --- Imports -----------------------------------------------------------------------------
  `create table import_job (
    id uuid primary key default gen_random_uuid(),
    kind text not null check (kind in ('items', 'joint_items', 'entities', 'inspectors')),
    file_name text not null,
    file_path text,
    file_size bigint not null default 0,
    status text not null default 'uploaded'
      check (status in ('uploaded', 'queued', 'running', 'done', 'failed')),
    dry_run boolean not null default false,
    mapping jsonb not null default '{}',
    options jsonb not null default '{}',
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
    started_at timestamptz,
    finished_at timestamptz
  )`,
  `create index import_job_org on import_job (org_id, created_at)`,
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
  // The rejected rows as they read in the file, for the downloadable spreadsheet.
  `create table import_rejected_row (
    job_id uuid not null references import_job(id) on delete cascade,
    line integer not null,
    cells jsonb not null,
    reasons text not null,
    primary key (job_id, line)
  )`,
];
