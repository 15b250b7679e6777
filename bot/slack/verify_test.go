package slack

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"
)

// refVerify is Verify as it was before the pooled prefix buffer and the
// hand-written hex decoding (encoding/hex and a fresh HMAC per call): the
// new one must give the same verdict on every input.
func refVerify(h http.Header, body []byte, secret string, now time.Time) error {
	sig := h.Get("X-Slack-Signature")
	ts := h.Get("X-Slack-Request-Timestamp")
	if sig == "" || ts == "" || secret == "" {
		return ErrNoSignature
	}
	sec, err := strconv.ParseInt(ts, 10, 64)
	if err != nil {
		return ErrNoSignature
	}
	if d := now.Sub(time.Unix(sec, 0)); d > MaxSkew || d < -MaxSkew {
		return ErrStale
	}
	got, ok := strings.CutPrefix(sig, "v0=")
	if !ok || len(got) != hex.EncodedLen(sha256.Size) {
		return ErrBadSignature
	}
	raw, err := hex.DecodeString(got)
	if err != nil {
		return ErrBadSignature
	}
	m := hmac.New(sha256.New, []byte(secret))
	m.Write([]byte("v0:" + ts + ":"))
	m.Write(body)
	if !hmac.Equal(raw, m.Sum(nil)) {
		return ErrBadSignature
	}
	return nil
}

// TestVerifyAsBefore: the same verdict as the reference on signatures in
// either case, of the wrong length, with non-hex digits, and timestamps
// with signs and leading zeros (long enough to miss the pooled buffer).
func TestVerifyAsBefore(t *testing.T) {
	const secret = "8f742231b10e8888abcd99yyyzzz85a5"
	body := []byte("command=%2Ffaq&text=hei&user_id=U1")
	now := time.Unix(1531420618, 0)
	stamps := []string{"1531420618", "1531420500", "1531420999", "+1531420618", "-1531420618", "01531420618",
		strings.Repeat("0", 60) + "1531420618", strings.Repeat("0", 70) + "1531420618", "1531420618 ", "x", ""}
	for _, ts := range stamps {
		good := Sign(secret, ts, body)
		sigs := []string{good, strings.ToUpper(good), "V0=" + good[3:], "v0=" + strings.ToUpper(good[3:]),
			good[:len(good)-1], good + "0", good[:len(good)-1] + "g", good[:10] + "Z" + good[11:], "v1=" + good[3:],
			"v0=" + strings.Repeat("0", 64), "", "v0="}
		for _, sig := range sigs {
			h := http.Header{}
			h.Set("X-Slack-Signature", sig)
			h.Set("X-Slack-Request-Timestamp", ts)
			for _, b := range [][]byte{body, append([]byte(nil), append(body, 'x')...), nil} {
				want := refVerify(h, b, secret, now)
				if got := Verify(h, b, secret, now); got != want {
					t.Errorf("ts %q sig %q body %q: Verify = %v, the reference says %v", ts, sig, b, got, want)
				}
			}
		}
	}
	v := NewVerifier(secret)
	h := http.Header{}
	h.Set("X-Slack-Signature", Sign(secret, "1531420618", body))
	h.Set("X-Slack-Request-Timestamp", "1531420618")
	if n := testing.AllocsPerRun(100, func() {
		if err := v.Verify(h, body, now); err != nil {
			t.Fatal(err)
		}
	}); n != 0 {
		t.Errorf("Verify allocates %v times per request, want 0", n)
	}
}
