package leanhttp

import (
	"bufio"
	"bytes"
	"io"
	"net/http"
	"testing"
)

// FuzzParseLikeNetHTTP: a request leanhttp serves itself is one net/http
// reads the same way — method, path, Host, length, every header and the
// body. (What leanhttp does not serve goes to net/http anyway.)
func FuzzParseLikeNetHTTP(f *testing.F) {
	f.Add([]byte(post("/in", "text=hei&x=1")))
	f.Add([]byte("POST /in HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\nX-A: a\r\nx-a: b\r\n\r\nabc"))
	f.Add([]byte("POST /in HTTP/1.1\r\nhost:  y \r\ncontent-length:0\r\nConnection: close\r\n\r\n"))
	f.Add([]byte("POST /in HTTP/1.1\r\nHost: x\r\nContent-Length: 01\r\n\r\nz"))
	f.Fuzz(func(t *testing.T, raw []byte) {
		s := &Server{Routes: map[string]http.Handler{"/in": http.NotFoundHandler()}, MaxBody: 1 << 10}
		c := &conn{s: s, br: bufio.NewReaderSize(bytes.NewReader(raw), bufSize)}
		if _, err := c.br.Peek(1); err != nil {
			return
		}
		req, n, ok := c.parse()
		if !ok {
			return
		}
		c.br.Discard(n)
		if !c.readBody(req) {
			return // body shorter than its length: the connection ends
		}
		want, err := http.ReadRequest(bufio.NewReader(bytes.NewReader(raw)))
		if err != nil {
			t.Fatalf("leanhttp served %q, net/http refuses it: %v", raw, err)
		}
		body, err := io.ReadAll(want.Body)
		if err != nil {
			t.Fatalf("net/http body of %q: %v", raw, err)
		}
		if want.Method != http.MethodPost || want.URL.Path != req.path || want.URL.RawQuery != "" || want.Host != req.host ||
			want.ContentLength != int64(req.length) || !bytes.Equal(body, c.body) || want.Close != req.close {
			t.Fatalf("%q: net/http %s %s host %q length %d close %v body %q; leanhttp %s host %q length %d close %v body %q",
				raw, want.Method, want.URL, want.Host, want.ContentLength, want.Close, body, req.path, req.host, req.length, req.close, c.body)
		}
		// net/http moves Host out of the header map.
		want.Header["Host"] = []string{want.Host}
		if len(want.Header) != len(req.header) {
			t.Fatalf("%q: headers net/http %q, leanhttp %q", raw, want.Header, req.header)
		}
		for k, v := range want.Header {
			got := req.header[k]
			if len(got) != len(v) {
				t.Fatalf("%q: header %s net/http %q, leanhttp %q", raw, k, v, got)
			}
			for i := range v {
				if got[i] != v[i] {
					t.Fatalf("%q: header %s net/http %q, leanhttp %q", raw, k, v, got)
				}
			}
		}
	})
}
