// Package dashboard serves the working group's read-only web page (signed,
// expiring links) and the gatherings' calendar feeds (a long random token
// in the URL), from the same SQLite file the bot writes.
//
// Everything is rendered on the server: html/template escapes what people
// wrote, charts are inline SVG, and the page loads nothing from any host
// (its Content-Security-Policy says so to the browser too).
package dashboard

import (
	"bytes"
	"context"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/kulturskoleradet/kulturbot/bot"
	"github.com/kulturskoleradet/kulturbot/store"
)

// TokenTTL is how long a dashboard link works.
const TokenTTL = 12 * time.Hour

// Secret names in the database.
const (
	secretHMAC     = "dashboard-hmac"
	secretCalendar = "calendar-token"
)

// Paths served.
const (
	PathDashboard = "/dashbord"
	PathCalendar  = "/kalender"
)

// Server serves the dashboard and the calendar feeds.
type Server struct {
	DB *store.DB
	// PublicURL is KULTURBOT_PUBLIC_URL, the base of the links handed out
	// ("https://bot.example.no"); empty gives a path-only link.
	PublicURL string
	// Now is the clock (tests fix it); nil means DB.Now.
	Now func() time.Time
	Log *slog.Logger
	// EntryTitle names an FAQ entry by id (its question) for the FAQ
	// section; nil or "" shows the id.
	EntryTitle func(id string) string
	// CountyTotals returns the number of municipalities per county (keyed
	// by bot.Fold(county)); nil counts the store's municipality register
	// (a county the register does not know shows no share).
	CountyTotals func(ctx context.Context) (map[string]int, error)
}

func (s *Server) now() time.Time {
	if s.Now != nil {
		return s.Now()
	}
	return s.DB.Now()
}

func (s *Server) log() *slog.Logger {
	if s.Log != nil {
		return s.Log
	}
	return slog.Default()
}

// Register adds the dashboard and calendar routes to mux.
func (s *Server) Register(mux *http.ServeMux) {
	mux.HandleFunc("GET "+PathDashboard, s.serveDashboard)
	mux.HandleFunc("GET "+PathDashboard+"/eksport/{file}", s.serveExport)
	mux.HandleFunc("GET "+PathCalendar+".ics", s.serveCalendar)
	mux.HandleFunc("GET "+PathCalendar+"/{file}", s.serveCalendar)
	// Browsers ask for an icon on every page, the 403 one too; say there
	// is none instead of logging a 404 in the console.
	mux.HandleFunc("GET /favicon.ico", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "public, max-age=86400")
		w.WriteHeader(http.StatusNoContent)
	})
}

// DashboardLink returns a link to the dashboard in lang, valid for
// TokenTTL from now, and when it expires.
func (s *Server) DashboardLink(ctx context.Context, lang bot.Lang) (string, time.Time, error) {
	exp := s.now().Add(TokenTTL).Truncate(time.Second)
	tok, err := s.sign(ctx, exp, lang)
	if err != nil {
		return "", time.Time{}, err
	}
	return s.base() + PathDashboard + "?t=" + tok, exp, nil
}

func (s *Server) base() string { return strings.TrimRight(s.PublicURL, "/") }

// A token is "<expiry unix>.<lang>.<mac>", the MAC (HMAC-SHA256 with the
// database's secret, base64url) over the first two parts. The language
// rides in the token because the browser knows nothing of the chat user.
func (s *Server) sign(ctx context.Context, exp time.Time, lang bot.Lang) (string, error) {
	key, err := s.DB.Secret(ctx, secretHMAC, 32)
	if err != nil {
		return "", err
	}
	if lang != bot.EN {
		lang = bot.NB
	}
	payload := strconv.FormatInt(exp.Unix(), 10) + "." + string(lang)
	return payload + "." + mac(key, payload), nil
}

func mac(key []byte, payload string) string {
	m := hmac.New(sha256.New, key)
	m.Write([]byte(payload))
	return base64.RawURLEncoding.EncodeToString(m.Sum(nil))
}

var errToken = errors.New("dashboard: invalid or expired link")

// verify checks a token and returns its language and expiry.
func (s *Server) verify(ctx context.Context, tok string) (bot.Lang, time.Time, error) {
	parts := strings.Split(tok, ".")
	if len(parts) != 3 || len(tok) > 200 {
		return "", time.Time{}, errToken
	}
	key, err := s.DB.Secret(ctx, secretHMAC, 32)
	if err != nil {
		return "", time.Time{}, err
	}
	want := mac(key, parts[0]+"."+parts[1])
	if subtle.ConstantTimeCompare([]byte(want), []byte(parts[2])) != 1 {
		return "", time.Time{}, errToken
	}
	sec, err := strconv.ParseInt(parts[0], 10, 64)
	if err != nil {
		return "", time.Time{}, errToken
	}
	exp := time.Unix(sec, 0)
	if !s.now().Before(exp) {
		return "", time.Time{}, errToken
	}
	lang := bot.Lang(parts[1])
	if lang != bot.EN && lang != bot.NB {
		return "", time.Time{}, errToken
	}
	return lang, exp, nil
}

// forbidden answers 403 with nothing that says why or what is here.
func forbidden(w http.ResponseWriter) {
	h := w.Header()
	h.Set("Content-Type", "text/plain; charset=utf-8")
	h.Set("Cache-Control", "no-store")
	h.Set("X-Content-Type-Options", "nosniff")
	w.WriteHeader(http.StatusForbidden)
	fmt.Fprintln(w, "403 Forbidden")
}

// securityHeaders are sent with every page; nonce allows the page's one
// <style> element and nothing else.
func securityHeaders(h http.Header, nonce string) {
	h.Set("Content-Security-Policy", "default-src 'none'; style-src 'nonce-"+nonce+"'; img-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'")
	// The token is in the URL: never send it on as a Referer, never cache
	// the page where a shared machine could show it again.
	h.Set("Referrer-Policy", "no-referrer")
	h.Set("Cache-Control", "no-store")
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("X-Frame-Options", "DENY")
}

func newNonce() string {
	b := make([]byte, 16)
	rand.Read(b)
	return base64.RawStdEncoding.EncodeToString(b)
}

func (s *Server) serveDashboard(w http.ResponseWriter, r *http.Request) {
	tok := r.URL.Query().Get("t")
	lang, exp, err := s.verify(r.Context(), tok)
	if err != nil {
		if !errors.Is(err, errToken) {
			s.log().Error("dashboard: token check failed", "err", err)
		}
		forbidden(w)
		return
	}
	v, err := s.build(r.Context(), lang, s.now())
	if err != nil {
		s.log().Error("dashboard: build page", "err", err)
		http.Error(w, bot.T(lang, "error.internal"), http.StatusInternalServerError)
		return
	}
	v.Token, v.Expires, v.Nonce = tok, exp, newNonce()
	for i := range v.Downloads {
		v.Downloads[i].URL = PathDashboard + "/eksport/" + v.Downloads[i].Kind + ".csv?t=" + url.QueryEscape(tok)
	}
	var buf bytes.Buffer
	if err := page().Execute(&buf, v); err != nil {
		s.log().Error("dashboard: render page", "err", err)
		http.Error(w, bot.T(lang, "error.internal"), http.StatusInternalServerError)
		return
	}
	securityHeaders(w.Header(), v.Nonce)
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Write(buf.Bytes())
}

// serveExport sends one CSV export, byte for byte what `kulturbot export`
// writes, under the name /kulturbot eksport gives it.
func (s *Server) serveExport(w http.ResponseWriter, r *http.Request) {
	if _, _, err := s.verify(r.Context(), r.URL.Query().Get("t")); err != nil {
		forbidden(w)
		return
	}
	kind, ok := strings.CutSuffix(r.PathValue("file"), ".csv")
	if !ok || store.ExportHeader(kind) == nil {
		http.NotFound(w, r)
		return
	}
	body, _, err := s.DB.ExportBytes(r.Context(), kind)
	if err != nil {
		s.log().Error("dashboard: export", "kind", kind, "err", err)
		http.Error(w, "export failed", http.StatusInternalServerError)
		return
	}
	securityHeaders(w.Header(), newNonce())
	w.Header().Set("Content-Type", "text/csv; charset=utf-8")
	w.Header().Set("Content-Disposition", `attachment; filename="`+exportFile(kind, s.now())+`"`)
	w.Write(body)
}
