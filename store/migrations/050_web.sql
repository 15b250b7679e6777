-- Web (issue 15): secrets for the dashboard's signed links and the calendar
-- feeds' URL token, generated on first use and kept here so every process
-- on the same file signs and checks with the same key, across restarts.
CREATE TABLE web_secrets (
    name       TEXT PRIMARY KEY,   -- 'dashboard-hmac', 'calendar-token'
    value      TEXT NOT NULL,      -- hex
    created_at TEXT NOT NULL
);
