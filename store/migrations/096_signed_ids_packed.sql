-- A signed id as the Slack adapter makes them ("sig:", a ten-digit stamp,
-- ":v0=" and 16 lowercase hex digits: bot.SignedEventID) is stored as 12
-- bytes: the stamp, 4 bytes big-endian, then the 64 bits the hex digits
-- spell (store/storedid.go: half the row, in the replay guard's ring and
-- in events). The ids already recorded get the same form, so that a
-- replay of a request answered before the upgrade is still found.
--
-- OR IGNORE: a packed id recorded already (it cannot be, but for another
-- process) keeps its row, and the text one is deleted below.
UPDATE OR IGNORE events
SET event_id = unhex(printf('%08x', CAST(substr(event_id, 5, 10) AS INTEGER)) || substr(event_id, 19, 16))
WHERE event_id GLOB 'sig:[0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9]:v0=[0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f]'
  AND CAST(substr(event_id, 5, 10) AS INTEGER) < 4294967296;

DELETE FROM events
WHERE event_id GLOB 'sig:[0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9]:v0=[0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f]'
  AND CAST(substr(event_id, 5, 10) AS INTEGER) < 4294967296;

-- The ring's ids are merged into events as they are stored: pack them
-- too (a slot is keyed by its number, so no two can conflict).
UPDATE events_pending
SET event_id = unhex(printf('%08x', CAST(substr(event_id, 5, 10) AS INTEGER)) || substr(event_id, 19, 16))
WHERE event_id GLOB 'sig:[0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9]:v0=[0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f]'
  AND CAST(substr(event_id, 5, 10) AS INTEGER) < 4294967296;
