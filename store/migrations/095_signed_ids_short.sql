-- A signed request's replay-guard id keeps the first 64 bits of its
-- signature, not all 256 (bot.SignedKeep, round 10): "sig:<stamp>:v0=" and
-- 16 hex digits. The ids already recorded are cut the same way, so that a
-- replay of a request answered before the upgrade, which now gets the
-- short id, is still found. The stamp has no ':' (it parsed as an
-- integer), so the signature starts after the second one.
--
-- OR IGNORE: a short id recorded already (it cannot be, but for two
-- requests sharing 64 bits) keeps its row, and the long one is deleted
-- below.
UPDATE OR IGNORE events
SET event_id = substr(event_id, 1, instr(substr(event_id, 5), ':') + 4 + 19)
WHERE event_id GLOB 'sig:*:*'
  AND length(event_id) > instr(substr(event_id, 5), ':') + 4 + 19;

DELETE FROM events
WHERE event_id GLOB 'sig:*:*'
  AND length(event_id) > instr(substr(event_id, 5), ':') + 4 + 19;

-- The ring's pending ids are merged into events by their text: cut them
-- too (a slot is keyed by its number, so no two can conflict).
UPDATE events_pending
SET event_id = substr(event_id, 1, instr(substr(event_id, 5), ':') + 4 + 19)
WHERE event_id GLOB 'sig:*:*'
  AND length(event_id) > instr(substr(event_id, 5), ':') + 4 + 19;
