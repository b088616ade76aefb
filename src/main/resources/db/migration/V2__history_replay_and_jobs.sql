-- Operating the service: a compact per-step history of every saga, the audit trail of replays,
-- and bulk replay jobs whose progress survives a restart.

-- One row per run of a step: retries and polls of the same step run update the row instead of
-- adding one, so a saga that polls for an hour still has a handful of rows.
create table saga_history (
    saga_id          uuid         not null,
    step             varchar(48)  not null,
    step_started_at  timestamptz  not null,
    first_at         timestamptz  not null,
    last_at          timestamptz  not null,
    executions       integer      not null default 1,
    max_attempt      integer      not null default 0,
    outcome_status   varchar(32)  not null,
    outcome_step     varchar(48)  not null,
    progress         integer      not null default 0,
    error_count      integer      not null default 0,
    last_error_code  varchar(160),
    last_request_id  varchar(64),
    image_id         varchar(64),
    primary key (saga_id, step, step_started_at)
);

create table replay_audit (
    id          bigserial    primary key,
    saga_id     uuid,
    job_id      uuid,
    actor       varchar(200) not null,
    reason      text         not null,
    scope       varchar(16)  not null,
    mode        varchar(16)  not null,
    result      varchar(16)  not null,
    detail      text,
    at          timestamptz  not null
);

create index replay_audit_saga on replay_audit (saga_id, at);
create index replay_audit_job on replay_audit (job_id, id);

create table replay_job (
    id                 uuid         primary key,
    actor              varchar(200) not null,
    reason             text         not null,
    mode               varchar(16)  not null,
    dry_run            boolean      not null,
    filter             text         not null,
    status             varchar(16)  not null,
    matched            integer      not null default 0,
    processed          integer      not null default 0,
    replayed           integer      not null default 0,
    skipped            integer      not null default 0,
    cursor_created_at  timestamptz,
    cursor_id          uuid,
    created_at         timestamptz  not null,
    updated_at         timestamptz  not null,
    finished_at        timestamptz,
    lease_owner        varchar(128),
    lease_until        timestamptz,
    version            bigint       not null default 0
);

create index replay_job_active on replay_job (created_at) where status = 'RUNNING';

-- Search reads newest first with a stable tie-breaker.
create index saga_created on saga (created_at desc, id desc);
create index saga_failure_code on saga (failure_code) where failure_code is not null;
