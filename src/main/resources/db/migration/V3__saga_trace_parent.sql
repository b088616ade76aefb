-- The W3C traceparent of the command that started each saga, so that its cloud calls and the
-- events it emits continue the command's trace. 55 characters in version 00 of the format; the
-- column allows the longer values a later version may define.
alter table saga add column trace_parent varchar(128);
