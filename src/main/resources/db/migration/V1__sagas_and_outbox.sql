-- Saga state, command de-duplication and the transactional outbox.

create table saga (
    id                    uuid         primary key,
    type                  varchar(32)  not null,
    status                varchar(32)  not null,
    step                  varchar(48)  not null,
    command_id            varchar(160) not null unique,
    region_id             varchar(64)  not null,
    input                 text         not null,
    image_id              varchar(64),
    client_token          varchar(64),
    token_generation      integer      not null default 0,
    attempt               integer      not null default 0,
    created_at            timestamptz  not null,
    updated_at            timestamptz  not null,
    step_started_at       timestamptz,
    next_wake_at          timestamptz,
    deadline_at           timestamptz,
    progress              integer      not null default 0,
    snapshot_ids          text         not null default '',
    failure_step          varchar(48),
    failure_kind          varchar(32),
    failure_code          varchar(160),
    failure_message       text,
    failure_request_id    varchar(64),
    last_error_kind       varchar(32),
    last_error_code       varchar(160),
    last_error_message    text,
    last_error_request_id varchar(64),
    lease_owner           varchar(128),
    lease_until           timestamptz,
    version               bigint       not null default 0
);

-- The coordinator's claim query reads only active sagas in wake-up order.
create index saga_due on saga (next_wake_at) where status in ('RUNNING', 'WAITING', 'COMPENSATING');
create index saga_status on saga (status, type, updated_at);
create index saga_image on saga (image_id);

create table processed_command (
    command_id  varchar(160) primary key,
    saga_id     uuid,
    outcome     varchar(16)  not null,
    received_at timestamptz  not null
);

create table outbox (
    id           bigserial    primary key,
    event_id     uuid         not null unique,
    saga_id      uuid,
    type         varchar(64)  not null,
    message_key  varchar(200) not null,
    payload      bytea        not null,
    headers      text         not null,
    occurred_at  timestamptz  not null,
    published_at timestamptz
);

create index outbox_pending on outbox (id) where published_at is null;
