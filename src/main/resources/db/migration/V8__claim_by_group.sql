-- The claim takes turns by region, saga type and step (ADR 0011). It used to number every due saga
-- to find each group's turn, so a claim cost grew with the backlog of due sagas: the further behind,
-- the dearer every claim, a tipping point. This index lets the claim find the groups by skipping
-- through it (one probe per group) and read only the first sagas of each group in wake-up order.
create index saga_due_by_group on saga (region_id, type, step, next_wake_at)
    where status in ('RUNNING', 'WAITING', 'COMPENSATING');
