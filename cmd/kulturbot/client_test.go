package main

import "net/http"

// testClient is the HTTP client of this package's tests: a transport of
// its own. httptest.Server.Close closes http.DefaultTransport's idle
// connections, so with the tests running in parallel a request on
// http.DefaultClient could reuse a connection another test's cleanup was
// closing ("transport connection broken: http: CloseIdleConnections
// called": TestSlackEndToEnd failed so once in CI).
var testClient = &http.Client{Transport: &http.Transport{}}
