-- A rejected command keeps why it was rejected, under the saga id it would have started, so that
-- the link a client was given (/api/sagas/<sagaId>) answers "rejected, here is why" instead of 404.
alter table processed_command add column command_type varchar(32);
alter table processed_command add column violations text;
create index processed_command_saga_id on processed_command (saga_id) where outcome = 'REJECTED';
