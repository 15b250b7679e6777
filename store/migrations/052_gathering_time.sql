-- Time of day of a gathering (issue 15): "HH:MM" Oslo clock time; NULL
-- start: an all-day gathering (calendar feeds write an all-day event).
ALTER TABLE gatherings ADD COLUMN start_time TEXT;
ALTER TABLE gatherings ADD COLUMN end_time TEXT;
