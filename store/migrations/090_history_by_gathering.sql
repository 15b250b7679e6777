-- The answer history's index was (gathering_id, municipality_id): each
-- municipality's answers end in a run of their own, so a shared commit of
-- answers from three municipalities wrote three of its leaf pages into the
-- WAL, one more per municipality (at c=64 on one core ~1 page per RSVP,
-- docs/operations.md "Round 9: write cost"). By gathering alone every
-- answer to a gathering lands at the end of one run: one leaf per commit.
-- Every reader asks by gathering (the answerers, the history, the
-- digest's changed answers) and takes the few municipalities it wants
-- from that gathering's rows, already in id order; the readers by
-- municipality alone scanned the table before as after.
DROP INDEX IF EXISTS rsvp_history_g;
CREATE INDEX rsvp_history_gathering ON rsvp_history(gathering_id);
