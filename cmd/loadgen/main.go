// Command loadgen loads kulturbot's Slack HTTP endpoint with signed slash
// commands, the way Slack would send them, and reports throughput, latency,
// errors and the bot's peak memory.
//
//	loadgen -url http://127.0.0.1:8099/slack/events -secret x -c 64 -d 10s \
//	        -gathering 1 -kommuner "Bodø,Vefsn,Rana" -pid $(pgrep -n kulturbot) -db load.db
//
// Each request is an /rsvp (or, with -mix, a /faq) from one of -users
// distinct users, signed with the signing secret (v0 HMAC-SHA256) and a
// current timestamp. A request counts as an error unless it gets a 200 whose
// reply is not an error message. With -db, it then checks that every
// acknowledged RSVP is in the database (one rsvp_history row per answer).
package main

import (
	"context"
	"database/sql"
	"errors"
	"flag"
	"fmt"
	"io"
	"math/rand/v2"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/signal"
	"runtime/pprof"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	kslack "github.com/kulturskoleradet/kulturbot/bot/slack"
	"github.com/kulturskoleradet/kulturbot/internal/loadq"

	_ "modernc.org/sqlite"
)

type config struct {
	url, secret    string
	conc, users, n int
	dur            time.Duration
	faqShare       float64
	gathering      string
	kommuner       []string
	pid            int
	db             string
	// bolt: talk to the Bolt peer (../shared/peers/bolt), whose /rsvp
	// takes "<gathering> <yes|no|maybe> [headcount]" and keeps no history.
	bolt bool
	// run makes this process's trigger ids its own. Slack's are unique;
	// a request body repeated within a second by the next run (same
	// counter, same timestamp, so the same signature) is a replay the bot
	// acknowledges empty without storing anything.
	run int64
}

func main() {
	var c config
	var kommuner string
	flag.StringVar(&c.url, "url", "http://127.0.0.1:8080/slack/events", "kulturbot's Slack endpoint")
	flag.StringVar(&c.secret, "secret", os.Getenv("SLACK_SIGNING_SECRET"), "signing secret (SLACK_SIGNING_SECRET)")
	flag.IntVar(&c.conc, "c", 16, "concurrent requests")
	flag.IntVar(&c.users, "users", 200, "distinct Slack users")
	flag.IntVar(&c.n, "n", 0, "total requests (0: run for -d)")
	flag.DurationVar(&c.dur, "d", 10*time.Second, "duration when -n is 0")
	flag.Float64Var(&c.faqShare, "faq", 0, "share of /faq questions, 0..1 (the rest is /rsvp)")
	flag.StringVar(&c.gathering, "gathering", "1", "gathering id to answer")
	flag.StringVar(&kommuner, "kommuner", "Bodø,Vefsn,Rana", "municipalities to answer for (user i answers for kommuner[i % len])")
	flag.IntVar(&c.pid, "pid", 0, "kulturbot's process id: report its peak RSS (VmHWM)")
	flag.StringVar(&c.db, "db", "", "kulturbot's database: check that every acknowledged RSVP was stored")
	flag.BoolVar(&c.bolt, "bolt", false, "the server is the Bolt peer: send its /rsvp form (g1 yes 2), no storage check")
	cpuprofile := flag.String("cpuprofile", "", "write the load generator's own CPU profile to this file")
	writeReqs := flag.String("write-requests", "", "only write -n signed requests (raw HTTP, each after a line with its length) to this file and exit: scripts/wrkfaq.sh's input for wrk, a load generator that is not Go")
	ready := flag.String("ready", "", "only wait until this URL answers 200 (polled every millisecond, for at most -d), then exit: scripts/compare.sh's cold-start clock")
	flag.Parse()
	c.run = time.Now().UnixNano()
	if *ready != "" {
		if err := waitReady(*ready, c.dur); err != nil {
			fmt.Fprintln(os.Stderr, "loadgen:", err)
			os.Exit(1)
		}
		return
	}
	if *cpuprofile != "" {
		f, err := os.Create(*cpuprofile)
		if err != nil {
			fmt.Fprintln(os.Stderr, "loadgen:", err)
			os.Exit(2)
		}
		pprof.StartCPUProfile(f)
		defer pprof.StopCPUProfile()
	}
	for _, k := range strings.Split(kommuner, ",") {
		if k = strings.TrimSpace(k); k != "" {
			c.kommuner = append(c.kommuner, k)
		}
	}
	if c.secret == "" || len(c.kommuner) == 0 || c.conc < 1 || c.users < 1 {
		fmt.Fprintln(os.Stderr, "loadgen: need -secret, -kommuner, -c >= 1 and -users >= 1")
		os.Exit(2)
	}
	if *writeReqs != "" {
		if err := writeRequests(*writeReqs, c); err != nil {
			fmt.Fprintln(os.Stderr, "loadgen:", err)
			os.Exit(1)
		}
		return
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	if err := run(ctx, c, os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "loadgen:", err)
		pprof.StopCPUProfile()
		os.Exit(1)
	}
}

type result struct {
	// reqs: each request's send time (from the run's start) and latency.
	reqs []timed
	// cpu: the server's CPU time (all threads) that passed while each
	// request was outstanding, with -pid on Linux (see cpuclock_linux.go).
	cpu   []time.Duration
	errs  map[string]int
	acked int // RSVPs answered with a non-error reply
	sent  int
}

func run(ctx context.Context, c config, out io.Writer) error {
	var maxID int64
	if c.db != "" {
		var err error
		if maxID, err = historyMax(ctx, c.db); err != nil {
			return err
		}
	}
	tr := &http.Transport{
		MaxIdleConns: c.conc, MaxIdleConnsPerHost: c.conc, MaxConnsPerHost: c.conc,
		DisableCompression: true, IdleConnTimeout: 30 * time.Second,
		DialContext: (&net.Dialer{Timeout: 5 * time.Second}).DialContext,
	}
	client := &http.Client{Transport: tr, Timeout: 30 * time.Second}
	var next atomic.Int64
	deadline := time.Now().Add(c.dur)
	results := make([]result, c.conc)
	var wg sync.WaitGroup
	clock, haveClock := cpuClock(0), false
	if c.pid > 0 {
		clock, haveClock = newCPUClock(c.pid)
	}
	start := time.Now()
	for w := 0; w < c.conc; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			r := &results[w]
			r.errs = map[string]int{}
			rng := rand.New(rand.NewPCG(uint64(w), 42))
			for ctx.Err() == nil {
				i := int(next.Add(1)) - 1
				if c.n > 0 && i >= c.n {
					return
				}
				if c.n == 0 && time.Now().After(deadline) {
					return
				}
				user := i % c.users
				isFAQ := c.faqShare > 0 && rng.Float64() < c.faqShare
				body := slashBody(c, user, i, isFAQ)
				var c0 int64
				if haveClock {
					c0, _ = clock.now()
				}
				t0 := time.Now()
				kind := post(ctx, client, c, body)
				r.reqs = append(r.reqs, timed{at: t0.Sub(start), lat: time.Since(t0)})
				if haveClock {
					c1, _ := clock.now()
					r.cpu = append(r.cpu, time.Duration(c1-c0))
				}
				r.sent++
				if kind != "" {
					r.errs[kind]++
				} else if !isFAQ {
					r.acked++
				}
			}
		}(w)
	}
	wg.Wait()
	elapsed := time.Since(start)
	var all, cpu []time.Duration
	var reqs []timed
	errs := map[string]int{}
	sent, acked := 0, 0
	for _, r := range results {
		for _, q := range r.reqs {
			all = append(all, q.lat)
		}
		reqs = append(reqs, r.reqs...)
		cpu = append(cpu, r.cpu...)
		sent += r.sent
		acked += r.acked
		for k, v := range r.errs {
			errs[k] += v
		}
	}
	sort.Slice(all, func(i, j int) bool { return all[i] < all[j] })
	nerr := 0
	for _, v := range errs {
		nerr += v
	}
	fmt.Fprintf(out, "concurrency %d, %d users, %.0f%% /faq: %d requests in %.2fs\n", c.conc, c.users, c.faqShare*100, sent, elapsed.Seconds())
	fmt.Fprintf(out, "throughput %.0f req/s\n", float64(sent)/elapsed.Seconds())
	fmt.Fprintf(out, "latency p50 %s  p90 %s  p99 %s  max %s\n", pct(all, 50), pct(all, 90), pct(all, 99), pct(all, 100))
	if t, ok := tailShape(reqs); ok {
		fmt.Fprintf(out, "tail: the slowest 1%% (%d) were sent in %d of %d 10-ms windows; requests completed in their life: median %d (the median-latency ones: %d), %s per completion (%s)\n",
			t.slow, t.windows, t.allWindows, t.servedSlow, t.servedMid, t.perSlow.Round(time.Microsecond), t.perMid.Round(time.Microsecond))
	}
	if len(cpu) > 0 {
		// The latency a request would have had if the server had its core
		// to itself: the server's CPU time that passed while the request was
		// outstanding. Other processes on the server's core (a shared
		// machine) stretch the wall-clock figures above, not these; time the
		// server spends blocked (an fsync, an idle wait) is not in them.
		sort.Slice(cpu, func(i, j int) bool { return cpu[i] < cpu[j] })
		fmt.Fprintf(out, "server CPU while outstanding p50 %s  p90 %s  p99 %s  max %s\n", pct(cpu, 50), pct(cpu, 90), pct(cpu, 99), pct(cpu, 100))
	}
	fmt.Fprintf(out, "errors %d", nerr)
	if nerr > 0 {
		fmt.Fprintf(out, " %v", errs)
	}
	fmt.Fprintln(out)
	fmt.Fprintf(out, "rsvp acknowledged %d\n", acked)
	if c.pid > 0 {
		if hwm, err := peakRSS(c.pid); err != nil {
			fmt.Fprintf(out, "peak RSS: %v\n", err)
		} else {
			fmt.Fprintf(out, "bot peak RSS (VmHWM) %.1f MiB\n", float64(hwm)/1024)
		}
	}
	if c.db != "" {
		n, err := historyCount(ctx, c.db, maxID)
		if err != nil {
			return err
		}
		verdict := "OK: every acknowledged RSVP is stored"
		if n != acked {
			verdict = "MISMATCH"
		}
		fmt.Fprintf(out, "rsvp stored %d (rsvp_history rows from slack since start) – %s\n", n, verdict)
		if n != acked {
			return errors.New("stored RSVPs differ from acknowledged ones")
		}
	}
	if nerr > 0 {
		return fmt.Errorf("%d errors", nerr)
	}
	return nil
}

// slashBody is the form Slack posts for a slash command, encoded as
// url.Values.Encode would (keys sorted). Built by hand: on the bot's two
// cores every microsecond the generator spends is taken from the bot, and
// url.Values plus fmt were a tenth of the generator's CPU.
func slashBody(c config, user, i int, faq bool) string {
	var uid [9]byte
	copy(uid[:], "ULOAD")
	for k, u := 8, user; k >= 5; k-- {
		uid[k] = byte('0' + u%10)
		u /= 10
	}
	cmd, text := "/rsvp", ""
	if faq {
		cmd, text = "/faq", loadq.Question(i)
	} else if c.bolt {
		cmd = "/rsvp"
		text = "g" + c.gathering + " " + [...]string{"yes", "no", "maybe"}[i%3] + " " + strconv.Itoa(1+i%5)
	} else {
		answer := [...]string{"ja", "nei", "kanskje"}[i%3]
		text = c.gathering + " " + answer + " " + strconv.Itoa(1+i%5) + " kommune=" +
			strconv.Quote(c.kommuner[user%len(c.kommuner)]) + " overnatting=" + [...]string{"ja", "nei"}[i%2]
	}
	b := make([]byte, 0, 320)
	b = append(b, "channel_id=C0LOAD&channel_name=load&command="...)
	b = append(b, url.QueryEscape(cmd)...)
	b = append(b, "&response_url=http%3A%2F%2F127.0.0.1%3A9%2Fcommands%2FT0LOAD%2F1%2Fx&team_domain=load&team_id=T0LOAD&text="...)
	b = append(b, url.QueryEscape(text)...)
	b = append(b, "&token=loadgen&trigger_id="...)
	b = strconv.AppendInt(b, int64(i), 10)
	b = append(b, '.')
	b = strconv.AppendInt(b, c.run, 10)
	b = append(b, ".loadgen&user_id="...)
	b = append(b, uid[:]...)
	b = append(b, "&user_name="...)
	b = append(b, strings.ToLower(string(uid[:]))...)
	return string(b)
}

// writeRequests writes c.n requests as post would send them (the same
// bodies, signed now), each as its length in decimal, a newline and the
// raw HTTP/1.1 request: scripts/wrk/faq.lua replays them in order, so the
// server sees what loadgen sends, from a load generator written in C. The
// signatures are valid for the five minutes Slack's timestamps are.
func writeRequests(path string, c config) error {
	if c.n < 1 {
		return errors.New("-write-requests needs -n >= 1")
	}
	u, err := url.Parse(c.url)
	if err != nil {
		return err
	}
	ts := strconv.FormatInt(time.Now().Unix(), 10)
	rng := rand.New(rand.NewPCG(0, 42))
	var b []byte
	for i := 0; i < c.n; i++ {
		isFAQ := c.faqShare > 0 && rng.Float64() < c.faqShare
		body := slashBody(c, i%c.users, i, isFAQ)
		req := "POST " + u.RequestURI() + " HTTP/1.1\r\nHost: " + u.Host +
			"\r\nContent-Type: application/x-www-form-urlencoded\r\nX-Slack-Request-Timestamp: " + ts +
			"\r\nX-Slack-Signature: " + kslack.Sign(c.secret, ts, []byte(body)) +
			"\r\nContent-Length: " + strconv.Itoa(len(body)) + "\r\n\r\n" + body
		b = strconv.AppendInt(b, int64(len(req)), 10)
		b = append(b, '\n')
		b = append(b, req...)
	}
	return os.WriteFile(path, b, 0o644)
}

// post sends one signed request and classifies the outcome ("" is success).
func post(ctx context.Context, client *http.Client, c config, body string) string {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, c.url, strings.NewReader(body))
	if err != nil {
		return "request"
	}
	ts := strconv.FormatInt(time.Now().Unix(), 10)
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("X-Slack-Request-Timestamp", ts)
	req.Header.Set("X-Slack-Signature", kslack.Sign(c.secret, ts, []byte(body)))
	res, err := client.Do(req)
	if err != nil {
		if ctx.Err() != nil {
			return "cancelled"
		}
		return "transport"
	}
	b, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if res.StatusCode != http.StatusOK {
		return "status " + strconv.Itoa(res.StatusCode)
	}
	// A slash command always gets its reply in the acknowledgement here;
	// an empty one is a replay (nothing was done) or a late answer.
	if len(b) == 0 {
		return "empty ack"
	}
	// An error reply is shown with a warning sign (bot/slack render); the
	// Bolt peer's errors start with its usage or "Bad"/"Answer must".
	if strings.Contains(string(b), ":warning:") || (c.bolt && !strings.Contains(string(b), "RSVP saved")) {
		return "error reply"
	}
	return ""
}

func pct(d []time.Duration, p int) string {
	if len(d) == 0 {
		return "-"
	}
	i := (len(d)*p + 99) / 100
	if i > 0 {
		i--
	}
	return fmt.Sprintf("%.2fms", float64(d[i].Microseconds())/1000)
}

// peakRSS reads VmHWM (kB) from /proc/<pid>/status.
func peakRSS(pid int) (int, error) {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0, err
	}
	for _, line := range strings.Split(string(b), "\n") {
		if v, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			return strconv.Atoi(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v), "kB")))
		}
	}
	return 0, errors.New("no VmHWM in /proc status")
}

func openDB(path string) (*sql.DB, error) {
	return sql.Open("sqlite", "file:"+path+"?_pragma=busy_timeout(10000)&_pragma=query_only(1)")
}

func historyMax(ctx context.Context, path string) (int64, error) {
	db, err := openDB(path)
	if err != nil {
		return 0, err
	}
	defer db.Close()
	var n sql.NullInt64
	err = db.QueryRowContext(ctx, `SELECT MAX(rowid) FROM rsvp_history`).Scan(&n)
	return n.Int64, err
}

func historyCount(ctx context.Context, path string, after int64) (int, error) {
	db, err := openDB(path)
	if err != nil {
		return 0, err
	}
	defer db.Close()
	var n int
	err = db.QueryRowContext(ctx, `SELECT COUNT(*) FROM rsvp_history WHERE rowid > ? AND platform = 'slack'`, after).Scan(&n)
	return n, err
}

// waitReady polls url until it answers 200. A curl per poll (as the
// scripts did) costs a process start each time, several milliseconds on a
// loaded machine, which blurred a cold start of under 100 ms.
func waitReady(url string, limit time.Duration) error {
	client := &http.Client{Timeout: time.Second, Transport: &http.Transport{DisableKeepAlives: true}}
	deadline := time.Now().Add(limit)
	for {
		res, err := client.Get(url)
		if err == nil {
			io.Copy(io.Discard, res.Body)
			res.Body.Close()
			if res.StatusCode == http.StatusOK {
				return nil
			}
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("%s not ready after %s (last: %v)", url, limit, err)
		}
		time.Sleep(time.Millisecond)
	}
}
