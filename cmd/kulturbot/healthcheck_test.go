package main

import (
	"bytes"
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

func TestHealthcheckCommand(t *testing.T) {
	t.Parallel()
	status := http.StatusOK
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/healthz" {
			http.NotFound(w, r)
			return
		}
		w.WriteHeader(status)
		w.Write([]byte("ok\n"))
	}))
	defer srv.Close()
	addr := strings.TrimPrefix(srv.URL, "http://")
	var out, errOut bytes.Buffer
	env := noEnv
	// No HTTP mode configured: nothing to check, healthy.
	env = func(string) string { return "" }
	if code := Main(context.Background(), []string{"--http-addr", "127.0.0.1:1", "healthcheck"}, env, nil, &out, &errOut); code != 0 {
		t.Fatalf("socket/gateway mode: exit %d, %s", code, errOut.String())
	}
	env = func(k string) string {
		if k == "SLACK_SIGNING_SECRET" {
			return "s"
		}
		return ""
	}
	if code := Main(context.Background(), []string{"--http-addr", addr, "healthcheck"}, env, nil, &out, &errOut); code != 0 {
		t.Fatalf("healthy bot: exit %d, %s", code, errOut.String())
	}
	status = http.StatusServiceUnavailable
	if code := Main(context.Background(), []string{"--http-addr", addr, "healthcheck"}, env, nil, &out, &errOut); code == 0 {
		t.Fatal("unhealthy bot: exit 0")
	}
}

// TestHealthzFailsWhenWritesFail: a database that still reads but no
// longer writes (read-only, disk full) makes /healthz answer 503.
func TestHealthzFailsWhenWritesFail(t *testing.T) {
	a := newTestApp(t, &Config{})
	srv := httptest.NewServer(a.Mux)
	defer srv.Close()
	get := func() int {
		res, err := srv.Client().Get(srv.URL + "/healthz")
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		return res.StatusCode
	}
	if c := get(); c != http.StatusOK {
		t.Fatalf("healthy database: %d", c)
	}
	// The write pool's own connection (the probe's; the writer holds the
	// other): make it refuse writes.
	if _, err := a.DB.Writer().Exec("PRAGMA query_only = 1"); err != nil {
		t.Fatal(err)
	}
	if c := get(); c != http.StatusServiceUnavailable {
		t.Fatalf("database refusing writes: /healthz %d, want 503", c)
	}
}
