package store

import (
	"context"
	"time"
)

// DiscordEvent links a gathering to its Discord guild scheduled event and
// records how far the event is in step with the gathering.
type DiscordEvent struct {
	GatheringID int64
	GuildID     string
	EventID     string // "" until Discord created it
	Canceled    bool   // the Discord event was cancelled
	// Synced is the gathering sequence the event last matched; -1: never.
	Synced    int
	Attempts  int
	LastError string
	NextTry   time.Time
	UpdatedAt time.Time
}

// DiscordEvents returns the events of a guild by gathering id.
func (db *DB) DiscordEvents(ctx context.Context, guild string) (map[int64]DiscordEvent, error) {
	rows, err := db.r.QueryContext(ctx, `SELECT gathering_id, guild_id, event_id, canceled, synced_sequence, attempts, last_error, next_try, updated_at
		FROM gathering_discord_events WHERE guild_id = ?`, guild)
	if err != nil {
		return nil, FormatError(err)
	}
	defer rows.Close()
	out := map[int64]DiscordEvent{}
	for rows.Next() {
		var e DiscordEvent
		var next, updated string
		if err := rows.Scan(&e.GatheringID, &e.GuildID, &e.EventID, &e.Canceled, &e.Synced, &e.Attempts, &e.LastError, &next, &updated); err != nil {
			return nil, FormatError(err)
		}
		e.NextTry, e.UpdatedAt = parseTS(next), parseTS(updated)
		out[e.GatheringID] = e
	}
	return out, FormatError(rows.Err())
}

// SaveDiscordEvent stores e (insert or replace).
func (db *DB) SaveDiscordEvent(ctx context.Context, e DiscordEvent) error {
	next := ""
	if !e.NextTry.IsZero() {
		next = ts(e.NextTry)
	}
	_, err := db.w.ExecContext(ctx, `INSERT INTO gathering_discord_events
		(gathering_id, guild_id, event_id, canceled, synced_sequence, attempts, last_error, next_try, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (gathering_id) DO UPDATE SET guild_id = excluded.guild_id, event_id = excluded.event_id,
		canceled = excluded.canceled, synced_sequence = excluded.synced_sequence, attempts = excluded.attempts,
		last_error = excluded.last_error, next_try = excluded.next_try, updated_at = excluded.updated_at`,
		e.GatheringID, e.GuildID, e.EventID, e.Canceled, e.Synced, e.Attempts, e.LastError, next, ts(db.now()))
	return FormatError(err)
}
