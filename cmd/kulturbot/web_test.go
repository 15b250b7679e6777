package main

import (
	"bytes"
	"context"
	"io"
	"net"
	"net/http"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// freeAddr returns a local address nothing listens on.
func freeAddr(t *testing.T) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close()
	return addr
}

// The console serves the dashboard when KULTURBOT_HTTP_ADDR is set, and
// `kulturbot dashbord` prints a link that opens it.
func TestConsoleServesDashboard(t *testing.T) {
	env := noEnv
	addr := freeAddr(t)
	db := filepath.Join(t.TempDir(), "k.db")
	env = func(k string) string {
		switch k {
		case "KULTURBOT_HTTP_ADDR":
			return addr
		case "KULTURBOT_PUBLIC_URL":
			return "https://bot.example.no/"
		}
		return ""
	}
	var out, errOut bytes.Buffer
	if code := Main(context.Background(), []string{"--db", db, "dashbord"}, env, nil, &out, &errOut); code != 0 {
		t.Fatalf("dashbord: exit %d: %s", code, errOut.String())
	}
	link := strings.TrimSpace(out.String())
	if !strings.HasPrefix(link, "https://bot.example.no/dashbord?t=") {
		t.Fatalf("link %q", link)
	}
	out.Reset()
	if code := Main(context.Background(), []string{"--db", db, "kalender"}, env, nil, &out, &errOut); code != 0 || !strings.HasPrefix(out.String(), "https://bot.example.no/kalender.ics?token=") {
		t.Fatalf("kalender: exit %d: %q %s", code, out.String(), errOut.String())
	}

	// The console, with stdin held open until the test is done.
	in, stdin := io.Pipe()
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan int, 1)
	go func() { done <- Main(ctx, []string{"--db", db}, env, in, io.Discard, io.Discard) }()
	defer func() {
		stdin.Close()
		cancel()
		<-done
	}()
	local := "http://" + addr + strings.TrimPrefix(link, "https://bot.example.no")
	var res *http.Response
	var err error
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		if res, err = testClient.Get(local); err == nil {
			break
		}
	}
	if err != nil {
		t.Fatalf("console did not serve HTTP on %s: %v", addr, err)
	}
	res.Body.Close()
	if res.StatusCode != 200 {
		t.Fatalf("dashboard: status %d", res.StatusCode)
	}
	res, err = testClient.Get("http://" + addr + "/dashbord")
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != 403 {
		t.Fatalf("without token: status %d", res.StatusCode)
	}
}
