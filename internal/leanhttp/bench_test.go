package leanhttp

import (
	"bytes"
	"io"
	"log"
	"net"
	"net/http"
	"testing"
)

// BenchmarkServe: one keep-alive connection, a Slack-sized signed form
// POST and a JSON answer, through leanhttp and through net/http alone.
// The client side allocates nothing, so allocs/op are the server's.
//
//	go test ./internal/leanhttp -run '^$' -bench Serve -benchmem -cpu 1
func BenchmarkServe(b *testing.B) {
	answer := []byte(`{"response_type":"ephemeral","text":"Svar registrert: ja, 2 deltakere fra Bodø."}`)
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		io.Copy(io.Discard, r.Body)
		_ = r.Header.Get("X-Slack-Signature")
		w.Header()["Content-Type"] = []string{"application/json"}
		w.Write(answer)
	})
	body := bytes.Repeat([]byte("x"), 420)
	req := []byte(post("/in", string(body), "X-Slack-Request-Timestamp: 1764763200", "User-Agent: Slackbot 1.0 (+https://api.slack.com/robots)", "Accept-Encoding: gzip,deflate", "Accept: application/json,*/*"))
	for _, kind := range []string{"leanhttp", "net-http"} {
		b.Run(kind, func(b *testing.B) {
			ln, err := net.Listen("tcp", "127.0.0.1:0")
			if err != nil {
				b.Fatal(err)
			}
			srv := &http.Server{Handler: h, ErrorLog: log.New(io.Discard, "", 0)}
			if kind == "leanhttp" {
				s := &Server{Routes: map[string]http.Handler{"/in": h}, HTTP: srv}
				go s.Serve(ln)
				defer s.Shutdown(b.Context())
			} else {
				go srv.Serve(ln)
				defer srv.Close()
			}
			c, err := net.Dial("tcp", ln.Addr().String())
			if err != nil {
				b.Fatal(err)
			}
			defer c.Close()
			buf := make([]byte, 4096)
			b.ReportAllocs()
			b.ResetTimer()
			for range b.N {
				if _, err := c.Write(req); err != nil {
					b.Fatal(err)
				}
				// The answer ends with the JSON body.
				got := 0
				for {
					n, err := c.Read(buf[got:])
					if err != nil {
						b.Fatal(err)
					}
					got += n
					if bytes.HasSuffix(buf[:got], answer) {
						break
					}
				}
			}
		})
	}
}
