-- Whether a CreateImage of the saga may have run without its answer reaching the saga: an answer
-- was lost, or the instance that held the saga stopped while the call was out. A create that gives
-- up submitting looks for its image by the saga tag when this is set, so no image is left behind.
alter table saga add column submit_unconfirmed boolean not null default false;

-- Sagas stored before this column existed: their last error is the only trace of a lost answer.
update saga set submit_unconfirmed = true
where type = 'CREATE_IMAGE' and step = 'SUBMIT_CREATE_IMAGE' and last_error_kind = 'OUTCOME_UNKNOWN';
