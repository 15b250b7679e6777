-- Counts as people mean them (issue 12).
--
-- overnight_people: how many of the headcount need a bed when overnight = 1
-- ("overnatting=2"); NULL means all of them ("overnatting=ja").
-- late: an admin's answer accepted after the RSVP deadline.
ALTER TABLE rsvps ADD COLUMN overnight_people INTEGER CHECK (overnight_people BETWEEN 0 AND 50);
ALTER TABLE rsvps ADD COLUMN late INTEGER NOT NULL DEFAULT 0;
ALTER TABLE rsvp_history ADD COLUMN overnight_people INTEGER;
ALTER TABLE rsvp_history ADD COLUMN late INTEGER NOT NULL DEFAULT 0;
