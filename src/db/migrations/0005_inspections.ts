// Inspection on site, results, review, publication readiness and follow-up (DOMAIN.md §3, steps 4–7).
// `task` stays generic: the workflow lives on these tables. One inspection per task and department
// (a joint task has one per department); checklist findings are one row per check content, so two
// team members marking different contents never touch the same row; every edit, submission and review
// decision is kept in inspection_change. Follow-ups (re-check, 移送, 抄告, 经营异常名录 proposals,
// alternates) carry their deadlines on the official working-day calendar; list entries are recorded
// on the business.

export const name = '0005_inspections';

export const up = [
  `create table inspection (
    id uuid primary key default gen_random_uuid(),
    task_id uuid not null references task(id),
    org_id uuid not null references org(id),
    region_code text not null,
    entity_id uuid not null references entity(id),
    item_ids uuid[] not null default '{}',
    checklist_ids uuid[] not null default '{}',
    status text not null default 'draft'
      check (status in ('draft', 'submitted', 'returned', 'approved', 'published')),
    version integer not null default 0,
    method text check (method in ('onsite', 'written', 'online', 'testing', 'expert')),
    planned_on date,
    notified_at timestamptz,
    notice_channel text check (notice_channel in ('phone', 'sms', 'written', 'onsite', 'other')),
    notice_note text not null default '',
    started_at timestamptz,
    start_location jsonb,
    ended_at timestamptz,
    end_location jsonb,
    ended_on date,
    codes_version integer,
    disposition text
      check (disposition in ('none', 'stop_feedback', 'order_correct', 'case_referral', 'notify_other', 'other')),
    disposition_note text not null default '',
    correction_due_on date,
    follow_up_org_id uuid references org(id),
    summary text not null default '',
    submitted_at timestamptz,
    submitted_by uuid references app_user(id),
    reviewed_at timestamptz,
    reviewed_by uuid references app_user(id),
    return_reason text,
    approved_at timestamptz,
    publishable_by date,
    published_at timestamptz,
    published_by uuid references app_user(id),
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    unique (task_id, org_id),
    check (status <> 'returned' or length(return_reason) > 0)
  )`,
  `create index inspection_org_status on inspection (org_id, status)`,
  `create index inspection_entity on inspection (entity_id)`,
  `create index inspection_due on inspection (publishable_by) where status = 'approved'`,

  // The latest mark of each check content (1.2.3 within the checklist version used).
  `create table inspection_finding (
    inspection_id uuid not null references inspection(id),
    checklist_id uuid not null references checklist(id),
    content_no text not null,
    result text not null check (result in ('compliant', 'not', 'na')),
    note text not null default '',
    updated_by uuid references app_user(id),
    updated_by_name text not null,
    updated_at timestamptz not null,
    version integer not null,
    primary key (inspection_id, checklist_id, content_no)
  )`,

  // Result codes as a relation, with the dictionary version they were chosen from.
  `create table inspection_result_code (
    inspection_id uuid not null references inspection(id),
    code text not null,
    dictionary_version integer not null,
    primary key (inspection_id, code)
  )`,
  `create index inspection_result_code_code on inspection_result_code (code)`,

  // Every change, keyed by the device's idempotency key: a change sent twice is applied once.
  // outcome: applied; conflict (a field another member changed since the version the device saw —
  // kept, not applied); rejected (arrived after the record left the team).
  `create table inspection_change (
    id uuid primary key,
    inspection_id uuid not null references inspection(id),
    version integer not null,
    base_version integer,
    kind text not null
      check (kind in ('field', 'finding', 'evidence', 'submit', 'return', 'approve', 'publish')),
    target text,
    value jsonb,
    outcome text not null default 'applied' check (outcome in ('applied', 'conflict', 'rejected')),
    user_id uuid references app_user(id),
    user_name text not null,
    at timestamptz not null default now(),
    made_at timestamptz
  )`,
  `create index inspection_change_inspection on inspection_change (inspection_id, version)`,

  // Photos and documents under <TIANPING_DATA_DIR>/evidence/…; the id is the device's upload key.
  `create table evidence (
    id uuid primary key,
    inspection_id uuid not null references inspection(id),
    org_id uuid not null references org(id),
    kind text not null check (kind in ('photo', 'document')),
    file_name text not null,
    media_type text not null,
    size_bytes bigint not null,
    sha256 text not null,
    path text not null,
    thumbnail_path text,
    note text not null default '',
    checklist_id uuid references checklist(id),
    content_no text,
    captured_at timestamptz,
    location jsonb,
    uploaded_by uuid references app_user(id),
    uploaded_by_name text not null,
    uploaded_at timestamptz not null default now(),
    removed_at timestamptz,
    removed_by uuid references app_user(id)
  )`,
  `create index evidence_inspection on evidence (inspection_id)`,

  `create sequence follow_up_code_seq`,
  // What an inspection leaves to be done. due_on is the current step's deadline (re-check: the day it
  // must be done; 移送/抄告: acknowledgement; proposal: the legal decision deadline); order_due_on the
  // deadline of an order to correct (or, for code B, to publish); report_due_on the report-back
  // deadline of 移送/抄告.
  `create table follow_up (
    id uuid primary key default gen_random_uuid(),
    code text not null unique default ('F' || lpad(nextval('follow_up_code_seq')::text, 8, '0')),
    kind text not null
      check (kind in ('recheck', 'case_referral', 'notify', 'abnormal_list_proposal', 'alternate')),
    inspection_id uuid not null references inspection(id),
    entity_id uuid not null references entity(id),
    from_org_id uuid not null references org(id),
    to_org_id uuid not null references org(id),
    region_code text not null,
    cause text,
    note text not null default '',
    status text not null
      check (status in ('waiting', 'open', 'acknowledged', 'rechecking', 'closed', 'withdrawn')),
    outcome text,
    starts_on date,
    order_due_on date,
    due_on date,
    report_due_on date,
    acknowledged_at timestamptz,
    acknowledged_by uuid references app_user(id),
    report text,
    reported_at timestamptz,
    reported_by uuid references app_user(id),
    decided_at timestamptz,
    decided_by uuid references app_user(id),
    decision_note text,
    escalated_at timestamptz,
    recheck_task_id uuid references task(id),
    detail jsonb,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    closed_at timestamptz
  )`,
  `create index follow_up_to on follow_up (to_org_id, status)`,
  `create index follow_up_from on follow_up (from_org_id)`,
  `create index follow_up_inspection on follow_up (inspection_id)`,
  `create unique index follow_up_recheck_task on follow_up (recheck_task_id) where recheck_task_id is not null`,

  // 经营异常名录 on the business: listing and removal, each with who decided and why. Other modules
  // (credit) read these as events; entity.abnormal_listed mirrors "has an entry not removed".
  `create table entity_list_entry (
    id uuid primary key default gen_random_uuid(),
    entity_id uuid not null references entity(id),
    list text not null default 'abnormal' check (list in ('abnormal')),
    cause text not null,
    cause_text text not null,
    follow_up_id uuid references follow_up(id),
    inspection_id uuid references inspection(id),
    org_id uuid not null references org(id),
    region_code text not null,
    listed_on date not null,
    decided_by uuid references app_user(id),
    decided_by_name text not null,
    removed_on date,
    removal_reason text,
    removed_by uuid references app_user(id),
    removed_by_name text,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    check (removed_on is null or (removed_on >= listed_on and length(removal_reason) > 0))
  )`,
  `create index entity_list_entry_entity on entity_list_entry (entity_id)`,
  `create unique index entity_list_entry_follow_up on entity_list_entry (follow_up_id) where follow_up_id is not null`,

  // Reminders the daily job has raised, once per subject and kind.
  `create table deadline_reminder (
    kind text not null check (kind in ('publication_due', 'publication_overdue')),
    subject_id uuid not null,
    org_id uuid not null references org(id),
    due_on date not null,
    raised_on date not null,
    primary key (kind, subject_id)
  )`,
];
