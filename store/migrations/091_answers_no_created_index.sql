-- The answer log's index on created_at put 4-6 pages into the WAL with
-- every batch of 128 answers (index leaves fill half before they split,
-- and the batch rewrites the last few) and an index insert per /faq
-- (docs/operations.md "Round 9: write cost"). Its one reader is the daily
-- retention pass, which visits every row older than the cut to see
-- whether it still names the asker: through the index that was a lookup
-- per old row, without it one scan of the table in id order.
DROP INDEX IF EXISTS answers_created;
