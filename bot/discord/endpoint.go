package discord

import (
	"crypto/ed25519"
	"encoding/hex"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"strconv"
	"time"

	"github.com/bwmarrin/discordgo"
)

// signatureWindow bounds how old a signed request may be. Discord does not
// require a window, but a captured request replayed later than an
// interaction token lives can only do harm.
const signatureWindow = 15 * time.Minute

// ServeHTTP is the interactions endpoint (POST /discord/interactions).
// Every request must carry a valid Ed25519 signature of timestamp+body made
// with the application's key; anything else gets 401 and is not looked at
// further — Discord probes endpoints with bad signatures and expects that.
func (a *Adapter) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodPost {
		w.Header().Set("Allow", http.MethodPost)
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, a.opt.MaxBody))
	if err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			http.Error(w, "request body too large", http.StatusRequestEntityTooLarge)
			return
		}
		http.Error(w, "cannot read body", http.StatusBadRequest)
		return
	}
	if !a.verify(r.Header.Get("X-Signature-Ed25519"), r.Header.Get("X-Signature-Timestamp"), body) {
		http.Error(w, "invalid request signature", http.StatusUnauthorized)
		return
	}
	var i discordgo.Interaction
	if err := json.Unmarshal(body, &i); err != nil {
		http.Error(w, "malformed interaction", http.StatusBadRequest)
		return
	}
	sent := false
	send := func(resp *discordgo.InteractionResponse) error {
		if sent {
			return errors.New("interaction already answered")
		}
		sent = true
		b, err := json.Marshal(wire(resp))
		if err != nil {
			http.Error(w, "internal error", http.StatusInternalServerError)
			return err
		}
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusOK)
		_, err = w.Write(b)
		// Flush before any deferred edit starts, so Discord has the
		// acknowledgement before the edit arrives.
		if f, ok := w.(http.Flusher); ok {
			f.Flush()
		}
		return err
	}
	a.handleInteraction(r.Context(), &i, send, false)
	if !sent {
		http.Error(w, "internal error", http.StatusInternalServerError)
	}
}

// verify checks Discord's request signature over timestamp+body.
func (a *Adapter) verify(sigHex, ts string, body []byte) bool {
	if a.key == nil || sigHex == "" || ts == "" {
		return false
	}
	sig, err := hex.DecodeString(sigHex)
	if err != nil || len(sig) != ed25519.SignatureSize {
		return false
	}
	msg := make([]byte, 0, len(ts)+len(body))
	msg = append(msg, ts...)
	msg = append(msg, body...)
	if !ed25519.Verify(a.key, msg, sig) {
		return false
	}
	sec, err := strconv.ParseInt(ts, 10, 64)
	if err != nil {
		return false
	}
	d := a.opt.Now().Sub(time.Unix(sec, 0))
	return d < signatureWindow && d > -signatureWindow
}
