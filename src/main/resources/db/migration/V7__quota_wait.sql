-- What the current step spent waiting for ECS quota (the service's own rate budget, a hold ECS
-- asked for, throttling) and how often ECS throttled it. The wait does not count against the
-- step's timeout (deadline_at is moved on by it too); saga.retry.quota-max-wait bounds it.
alter table saga add column quota_wait_ms bigint not null default 0;
alter table saga add column throttles int not null default 0;

-- The longest quota wait of a step run, for the timeline ("waited 42 s for ECS quota").
alter table saga_history add column quota_wait_ms bigint not null default 0;
