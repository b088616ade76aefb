-- Heartbeats of the running service instances. Each instance takes (configured rate budget / live
-- instances) as its share; an instance whose heartbeat is older than the expiry no longer counts.
-- See docs/adr/0006-service-wide-rate-budget.md.
create table service_instance (
    instance_id  text        primary key,
    started_at   timestamptz not null,
    heartbeat_at timestamptz not null
);

create index service_instance_heartbeat on service_instance (heartbeat_at);
