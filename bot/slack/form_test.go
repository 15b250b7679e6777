package slack

import (
	"bytes"
	"encoding/json"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
)

// readForm must read exactly what url.ParseQuery reads (first value of
// each key, the same errors), so the hand-written parser changes nothing a
// request can observe.
func checkLikeParseQuery(t *testing.T, body string) {
	t.Helper()
	got, gerr := readForm([]byte(body))
	want, werr := url.ParseQuery(body)
	if (gerr == nil) != (werr == nil) {
		t.Fatalf("%q: error %v, url.ParseQuery %v", body, gerr, werr)
	}
	if gerr != nil {
		return // the request is refused either way
	}
	c := got.cmd
	for k, v := range map[string]string{
		"payload": got.payload, "ssl_check": got.sslCheck, "command": c.Command, "text": c.Text,
		"user_id": c.UserID, "user_name": c.UserName, "channel_id": c.ChannelID, "channel_name": c.ChannelName,
		"team_id": c.TeamID, "team_domain": c.TeamDomain, "enterprise_id": c.EnterpriseID,
		"response_url": c.ResponseURL, "trigger_id": c.TriggerID, "api_app_id": c.APIAppID,
	} {
		if w := want.Get(k); v != w {
			t.Errorf("%q: %s = %q, url.ParseQuery %q", body, k, v, w)
		}
	}
}

func TestReadFormReadsLikeParseQuery(t *testing.T) {
	for _, body := range []string{
		"",
		"command=%2Frsvp&text=1+ja+3+kommune%3D%22Bod%C3%B8%22&user_id=U1&user_name=kari&channel_id=C1&response_url=https%3A%2F%2Fhooks.slack.com%2Fx&trigger_id=1.2.3&team_id=T1&team_domain=d&api_app_id=A1&enterprise_id=E1&channel_name=generelt",
		"command=/faq&text=hva er en region?", // unescaped, as some clients send
		"command=%2Frsvp&command=%2Ffaq",      // the first wins
		"text=a&text=b&text=c&command=x",      // the first wins
		"payload=%7B%22type%22%3A%22block_actions%22%7D",
		"ssl_check=1&token=x",
		"command=%2Frsvp&text=%zz",          // a bad escape in a value
		"comm%zzand=x",                      // a bad escape in a key
		"command=%2Frsvp;text=x",            // semicolons are refused
		"x=%zz&command=%2Frsvp",             // a bad escape in a key nobody reads
		"&&command=%2Frsvp&&=&novalue&text", // empty pairs, a key without '='
		"c%6Fmmand=%2Frsvp",                 // an escaped key
		"command=+%2Frsvp+&text=++",         // '+' is a space
		"user_id=U1&user_id=%zz",            // a bad second value still fails
	} {
		checkLikeParseQuery(t, body)
	}
}

func FuzzReadForm(f *testing.F) {
	f.Add("command=%2Frsvp&text=1+ja&user_id=U1&text=x")
	f.Add("payload=%7B%7D&ssl_check=1;x")
	f.Add("a=%zz&command=%2")
	f.Fuzz(func(t *testing.T, body string) {
		checkLikeParseQuery(t, body)
	})
}

// A slash command's form costs no allocation: escaped values are decoded
// in the body's own bytes.
func TestReadFormAllocations(t *testing.T) {
	body := "channel_id=C0LOAD&channel_name=load&command=%2Frsvp&response_url=http%3A%2F%2F127.0.0.1%3A9%2Fx&team_domain=load&team_id=T0&text=1+ja+3&token=t&trigger_id=1.1&user_id=U1&user_name=u1"
	buf := make([]byte, len(body))
	n := testing.AllocsPerRun(100, func() {
		copy(buf, body)
		if _, err := readForm(buf); err != nil {
			t.Fatal(err)
		}
	})
	if n != 0 {
		t.Errorf("readForm: %v allocations, want none", n)
	}
}

// TestReadFormInPlace: the values read stay as decoded while the rest of
// the body is decoded after them (each value's bytes are written once,
// before it is read as a string), and a body with a bad escape is refused
// whatever was decoded before it.
func TestReadFormInPlace(t *testing.T) {
	body := []byte("text=%C3%A6+%2B+%25+%26&command=%2Ffaq&x=%41%42&user_id=U%31&text=ignored%20too&response_url=https%3A%2F%2Fh%2Fx%3Fa%3D1%26b%3D2")
	f, err := readForm(body)
	if err != nil {
		t.Fatal(err)
	}
	c := f.cmd
	if c.Text != "æ + % &" || c.Command != "/faq" || c.UserID != "U1" || c.ResponseURL != "https://h/x?a=1&b=2" {
		t.Fatalf("read %+v", c)
	}
	for _, bad := range []string{"text=ok&command=%2", "command=%2Ffaq&text=%g0", "%=x&command=y", "text=%%41", "text=ok%"} {
		if _, err := readForm([]byte(bad)); err == nil {
			t.Errorf("%q: accepted", bad)
		}
	}
}

// TestWriteAckIsMarshal: the pooled encoder writes exactly json.Marshal's
// bytes (no trailing newline, HTML characters escaped alike), also after a
// large answer.
func TestWriteAckIsMarshal(t *testing.T) {
	acks := []any{
		message{ResponseType: "ephemeral", Text: "Svar <registrert> & lagret: *ja* \u2028 ✓"},
		busyMessage(),
		challenge{Challenge: strings.Repeat("x", 100<<10)},
		message{Text: "kort"},
	}
	for _, ack := range acks {
		want, err := json.Marshal(ack)
		if err != nil {
			t.Fatal(err)
		}
		rec := httptest.NewRecorder()
		writeAck(rec, ack)
		if got := rec.Body.Bytes(); !bytes.Equal(got, want) || rec.Header().Get("Content-Type") != "application/json" {
			t.Fatalf("writeAck wrote %.80q (%s), json.Marshal %.80q", got, rec.Header().Get("Content-Type"), want)
		}
	}
}
