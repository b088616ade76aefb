-- The events a saga emitted, for its page in the operator console (GET /api/sagas/{id}/events).
-- Outbox rows stay after they are published, so without this index that question reads them all.
create index outbox_saga on outbox (saga_id);
