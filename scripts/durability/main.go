// Command durability proves that kulturbot loses nothing it acknowledged.
//
// Each run seeds a fresh database through the console (a region of many
// municipalities and one gathering), starts the real binary in Slack HTTP
// mode, fires a burst of signed /rsvp slash commands — each from its own
// user, for one of the municipalities, with its own headcount — and kills
// the process with SIGKILL in the middle of the burst. It then restarts
// the bot on the same file, sends a second burst and stops it with SIGTERM
// in the middle of that one (graceful shutdown must finish what it
// acknowledged and exit 0), and finally checks the database:
//
//   - every RSVP that got a 2xx acknowledgement is in rsvp_history exactly
//     once, with its municipality and headcount;
//   - nothing is half-written: every current answer (rsvps) is the latest
//     history row of its municipality, and every history row's pair has a
//     current answer;
//   - PRAGMA integrity_check and foreign_key_check pass;
//   - a replay (the same signed request again, byte for byte) of an
//     acknowledged first-burst RSVP, sent after the restart, is refused
//     (the replay guard's ids were recorded with the answers — still
//     pending in its ring when the process died, store/guard.go);
//   - `kulturbot export rsvp` reads the file and lists every current answer.
//
// Usage (scripts/durability.sh builds the binary and runs this):
//
//	go run ./scripts/durability -bin /tmp/kulturbot -runs 5
package main

import (
	"bufio"
	"bytes"
	"context"
	"database/sql"
	"errors"
	"flag"
	"fmt"
	kslack "github.com/kulturskoleradet/kulturbot/bot/slack"
	"github.com/kulturskoleradet/kulturbot/store/kommuner"
	"io"
	"math/rand/v2"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	_ "modernc.org/sqlite"
)

const secret = "durability-signing-secret"

type opts struct {
	bin        string
	restartBin string // the binary restarted after SIGKILL (an upgrade); bin when empty
	runs, n, c int
	munis      int
	keep       bool
	verbose    bool
}

// afterKill is the binary run on the file after the SIGKILL: the restart
// and the export that reads it.
func (o opts) afterKill() string {
	if o.restartBin != "" {
		return o.restartBin
	}
	return o.bin
}

func main() {
	var o opts
	flag.StringVar(&o.bin, "bin", "", "kulturbot binary (required)")
	flag.StringVar(&o.restartBin, "restart-bin", "", "binary to restart with after SIGKILL, e.g. a newer build (an upgrade: its migrations run on the killed bot's file); default -bin")
	flag.IntVar(&o.runs, "runs", 5, "kill/restart runs")
	flag.IntVar(&o.n, "n", 3000, "requests in the first burst (SIGKILL lands inside it)")
	flag.IntVar(&o.c, "c", 32, "concurrent requests")
	flag.IntVar(&o.munis, "kommuner", 60, "municipalities in the region")
	flag.BoolVar(&o.keep, "keep", false, "keep each run's directory (database, logs)")
	flag.BoolVar(&o.verbose, "v", false, "print the bot's log on failure")
	flag.Parse()
	if o.bin == "" {
		fmt.Fprintln(os.Stderr, "durability: -bin is required")
		os.Exit(2)
	}
	stub := httptest.NewServer(http.HandlerFunc(slackStub))
	defer stub.Close()
	failed := 0
	for run := 1; run <= o.runs; run++ {
		r, err := oneRun(o, run, stub.URL)
		fmt.Println(r.line(run))
		if err != nil {
			failed++
			fmt.Printf("run %d FAILED: %v\n", run, err)
		}
	}
	if failed > 0 {
		fmt.Printf("durability: %d of %d runs failed\n", failed, o.runs)
		os.Exit(1)
	}
	fmt.Printf("durability: all %d runs: every acknowledged RSVP stored, nothing half-written\n", o.runs)
}

// slackStub answers the Web API calls the adapter makes (users.info for
// the locale, auth.test, response_url posts) so nothing leaves the machine.
func slackStub(w http.ResponseWriter, r *http.Request) {
	io.Copy(io.Discard, r.Body)
	w.Header().Set("Content-Type", "application/json")
	switch {
	case strings.HasSuffix(r.URL.Path, "/users.info"):
		io.WriteString(w, `{"ok":true,"user":{"id":"U","name":"u","locale":"nb-NO"}}`)
	case strings.HasSuffix(r.URL.Path, "/auth.test"):
		io.WriteString(w, `{"ok":true,"user_id":"UBOT","team_id":"T0DUR","user":"kulturbot"}`)
	default:
		io.WriteString(w, `{"ok":true,"channel":"C0DUR","ts":"1.000001"}`)
	}
}

// outcome of one request.
type outcome int

const (
	notSent   outcome = iota
	confirmed         // 2xx with a reply that is not an error
	lateAck           // 2xx with an empty body: the reply comes later
	errReply          // 2xx with an error message
	failed            // transport error or non-2xx
)

type runResult struct {
	sent, acked, late, errReplies, transport int
	stored, missing, duplicates              int
	storedUnacked                            int
	halfWritten                              int
	integrity                                string
	exportRows, currentRows                  int
	killedAfter                              int
	phase1, phase2                           int // requests sent in each phase
	replays, replayedAgain                   int // first-burst requests sent again after the restart; taken again
	termExit                                 string
	termTook                                 time.Duration
}

func (r runResult) line(run int) string {
	return fmt.Sprintf("run %d: sent %d (%d before SIGKILL, %d after restart), acknowledged %d (late %d, error replies %d, transport errors %d), stored %d of acknowledged, missing %d, duplicates %d, stored-unacknowledged %d, half-written %d, integrity %s, export rows %d/%d; SIGKILL after %d acks; replays after restart %d, taken again %d; SIGTERM exit %s in %s",
		run, r.sent, r.phase1, r.phase2, r.acked, r.late, r.errReplies, r.transport, r.stored, r.missing, r.duplicates,
		r.storedUnacked, r.halfWritten, r.integrity, r.exportRows, r.currentRows, r.killedAfter, r.replays, r.replayedAgain, r.termExit, r.termTook.Round(time.Millisecond))
}

// request i of a run: its own user, a municipality and a headcount, so the
// stored row can be matched exactly.
type request struct {
	user, kommune string
	headcount     int
	answer        string
}

func makeRequest(run, i, munis int) request {
	return request{
		user:      fmt.Sprintf("UDUR%d%06d", run, i),
		kommune:   kommune(i % munis),
		headcount: 1 + i%50,
		answer:    [...]string{"ja", "nei", "kanskje"}[i%3],
	}
}

// kommune is the i-th municipality of the register: the bot answers only
// for municipalities it knows.
func kommune(i int) string { return kommuner.Default().Entries()[i%kommuner.Default().Len()].Name }

func oneRun(o opts, run int, stubURL string) (res runResult, err error) {
	dir, err := os.MkdirTemp("", "kulturbot-durability-")
	if err != nil {
		return res, err
	}
	if !o.keep {
		defer os.RemoveAll(dir)
	} else {
		fmt.Println("run dir:", dir)
	}
	db := filepath.Join(dir, "kulturbot.db")
	if err := seed(o, db); err != nil {
		return res, err
	}
	port, err := freePort()
	if err != nil {
		return res, err
	}
	addr := "127.0.0.1:" + strconv.Itoa(port)
	base := "http://" + addr
	env := botEnv(db, addr, stubURL)

	outcomes := make([]outcome, o.n+o.n/2)
	stamps := make([]string, len(outcomes)) // each request's signed timestamp, for its replay
	// Phase 1: burst, SIGKILL in the middle.
	p1, err := startBot(o.bin, env, filepath.Join(dir, "bot1.log"), base)
	if err != nil {
		return res, err
	}
	killAt := o.n/10 + rand.IntN(o.n/2)
	var once sync.Once
	burst(o, run, base, 0, o.n, outcomes, stamps, killAt, func() {
		once.Do(func() { p1.Process.Signal(syscall.SIGKILL) })
	})
	once.Do(func() { p1.Process.Signal(syscall.SIGKILL) }) // burst ended before the mark
	p1.Wait()
	for _, oc := range outcomes[:o.n] {
		if oc == confirmed || oc == lateAck {
			res.killedAfter++
		}
		if oc != notSent {
			res.phase1++
		}
	}

	// Phase 2: restart on the same file, burst again, SIGTERM in the middle.
	p2, err := startBot(o.afterKill(), env, filepath.Join(dir, "bot2.log"), base)
	if err != nil {
		return res, fmt.Errorf("restart after SIGKILL: %w", err)
	}
	var termAt time.Time
	var once2 sync.Once
	done := make(chan error, 1)
	// Replays of acknowledged first-burst requests: each must be refused
	// (the bot answers a replay with an empty acknowledgement); one that
	// gets a reply was taken again.
	res.replays, res.replayedAgain = replay(o, run, base, outcomes[:o.n], stamps, 300)
	burst(o, run, base, o.n, o.n/2, outcomes, stamps, o.n/8, func() {
		once2.Do(func() {
			termAt = time.Now()
			p2.Process.Signal(syscall.SIGTERM)
			go func() { done <- p2.Wait() }()
		})
	})
	once2.Do(func() {
		termAt = time.Now()
		p2.Process.Signal(syscall.SIGTERM)
		go func() { done <- p2.Wait() }()
	})
	select {
	case werr := <-done:
		res.termTook = time.Since(termAt)
		res.termExit = "0"
		if werr != nil {
			res.termExit = werr.Error()
		}
	case <-time.After(30 * time.Second):
		p2.Process.Kill()
		res.termExit = "hung (killed after 30s)"
	}

	for i, oc := range outcomes {
		switch oc {
		case notSent:
			continue
		case confirmed:
			res.acked++
		case lateAck:
			res.acked++
			res.late++
		case errReply:
			res.errReplies++
		case failed:
			res.transport++
		}
		if i >= o.n {
			res.phase2++
		}
		res.sent++
	}
	err = verify(o, run, db, outcomes, &res)
	if res.replayedAgain > 0 {
		err = errors.Join(err, fmt.Errorf("%d of %d replays after the restart were taken again", res.replayedAgain, res.replays))
	}
	if err == nil && res.termExit != "0" {
		err = fmt.Errorf("SIGTERM: exit %s", res.termExit)
	}
	if err != nil && o.verbose {
		for _, f := range []string{"bot1.log", "bot2.log"} {
			b, _ := os.ReadFile(filepath.Join(dir, f))
			fmt.Printf("---- %s (last 4 KiB)\n%s\n", f, tail(b, 4096))
		}
	}
	return res, err
}

func tail(b []byte, n int) []byte {
	if len(b) > n {
		return b[len(b)-n:]
	}
	return b
}

// seed creates the region and the gathering through the console, as an
// operator would.
func seed(o opts, db string) error {
	var names []string
	for i := 0; i < o.munis; i++ {
		names = append(names, kommune(i))
	}
	// Next year: a gathering more than three years ahead is refused.
	script := fmt.Sprintf("/region ny navn=Testregion kommuner=%q\n/samling ny navn=\"Durability\" dato=%d-01-10 sted=\"Bodø\" region=Testregion\n",
		strings.Join(names, ", "), time.Now().Year()+1)
	cmd := exec.Command(o.bin, "--db", db)
	cmd.Env = botEnv(db, "127.0.0.1:0", "")
	cmd.Stdin = strings.NewReader(script)
	out, err := cmd.CombinedOutput()
	if err != nil {
		return fmt.Errorf("seed: %v\n%s", err, out)
	}
	if !strings.Contains(string(out), "#1") {
		return fmt.Errorf("seed: gathering #1 not created:\n%s", out)
	}
	return nil
}

// botEnv is the environment without any platform or kulturbot settings
// from the caller, plus Slack HTTP mode against the stub.
func botEnv(db, addr, stubURL string) []string {
	var env []string
	for _, kv := range os.Environ() {
		k, _, _ := strings.Cut(kv, "=")
		if strings.HasPrefix(k, "SLACK_") || strings.HasPrefix(k, "DISCORD_") || strings.HasPrefix(k, "KULTURBOT_") || strings.HasPrefix(k, "OPENAI_") {
			continue
		}
		env = append(env, kv)
	}
	env = append(env, "KULTURBOT_DB="+db, "KULTURBOT_HTTP_ADDR="+addr, "KULTURBOT_RATE_LIMIT=0", "KULTURBOT_LOG_LEVEL=warn")
	if stubURL != "" {
		env = append(env, "SLACK_SIGNING_SECRET="+secret, "SLACK_BOT_TOKEN=xoxb-durability", "SLACK_API_URL="+stubURL+"/api/")
	}
	return env
}

func freePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}

func startBot(bin string, env []string, logPath, base string) (*exec.Cmd, error) {
	logf, err := os.Create(logPath)
	if err != nil {
		return nil, err
	}
	cmd := exec.Command(bin)
	cmd.Env = env
	cmd.Stdout, cmd.Stderr = logf, logf
	if err := cmd.Start(); err != nil {
		logf.Close()
		return nil, err
	}
	// The log file stays open until the process exits; os/exec closes
	// nothing we hand it as *os.File, and the OS closes it at exit.
	defer logf.Close()
	deadline := time.Now().Add(20 * time.Second)
	for time.Now().Before(deadline) {
		res, err := http.Get(base + "/healthz")
		if err == nil {
			res.Body.Close()
			if res.StatusCode == 200 {
				return cmd, nil
			}
		}
		time.Sleep(50 * time.Millisecond)
	}
	cmd.Process.Kill()
	return nil, errors.New("bot did not answer /healthz within 20s")
}

// burst sends requests first..first+n-1 with o.c workers and calls stop
// once markAt of them have been acknowledged. Workers stop at the first
// transport error after stop (the bot is gone).
func burst(o opts, run int, base string, first, n int, outcomes []outcome, stamps []string, markAt int, stop func()) {
	tr := &http.Transport{MaxIdleConnsPerHost: o.c, MaxConnsPerHost: o.c, DisableCompression: true}
	client := &http.Client{Transport: tr, Timeout: 30 * time.Second}
	defer tr.CloseIdleConnections()
	var next, acks atomic.Int64
	var stopped atomic.Bool
	var wg sync.WaitGroup
	for w := 0; w < o.c; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				i := int(next.Add(1)) - 1
				if i >= n {
					return
				}
				ts := strconv.FormatInt(time.Now().Unix(), 10)
				stamps[first+i] = ts
				oc := send(client, base, makeRequest(run, first+i, o.munis), first+i, ts)
				outcomes[first+i] = oc
				if oc == confirmed || oc == lateAck {
					if int(acks.Add(1)) == markAt {
						stopped.Store(true)
						stop()
					}
				}
				if oc == failed && stopped.Load() {
					return
				}
			}
		}()
	}
	wg.Wait()
}

// replay sends up to max of the acknowledged requests again, byte for
// byte (same body, timestamp and signature), and counts how many were
// answered as if new.
func replay(o opts, run int, base string, outcomes []outcome, stamps []string, max int) (sent, again int) {
	client := &http.Client{Timeout: 30 * time.Second}
	for i, oc := range outcomes {
		if sent == max {
			break
		}
		if oc != confirmed && oc != lateAck {
			continue
		}
		sent++
		if send(client, base, makeRequest(run, i, o.munis), i, stamps[i]) == confirmed {
			again++
		}
	}
	return sent, again
}

func send(client *http.Client, base string, r request, i int, ts string) outcome {
	body := url.Values{
		"token": {"durability"}, "team_id": {"T0DUR"}, "team_domain": {"dur"},
		"channel_id": {"C0DUR"}, "channel_name": {"dur"},
		"user_id": {r.user}, "user_name": {strings.ToLower(r.user)},
		"command": {"/rsvp"}, "text": {fmt.Sprintf("1 %s %d kommune=%q", r.answer, r.headcount, r.kommune)},
		"response_url": {base + "/nowhere"}, "trigger_id": {fmt.Sprintf("%d.1.dur", i)},
	}.Encode()
	req, _ := http.NewRequest(http.MethodPost, base+"/slack/events", strings.NewReader(body))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("X-Slack-Request-Timestamp", ts)
	req.Header.Set("X-Slack-Signature", kslack.Sign(secret, ts, []byte(body)))
	res, err := client.Do(req)
	if err != nil {
		return failed
	}
	b, err := io.ReadAll(res.Body)
	res.Body.Close()
	if err != nil || res.StatusCode/100 != 2 {
		return failed
	}
	switch {
	case len(bytes.TrimSpace(b)) == 0:
		return lateAck
	case bytes.Contains(b, []byte(":warning:")):
		return errReply
	}
	return confirmed
}

type historyRow struct {
	kommune   string
	headcount int
	answer    string
}

func verify(o opts, run int, path string, outcomes []outcome, res *runResult) error {
	ctx := context.Background()
	db, err := sql.Open("sqlite", "file:"+path+"?_pragma=busy_timeout(10000)&mode=ro")
	if err != nil {
		return err
	}
	defer db.Close()
	if err := db.QueryRowContext(ctx, "PRAGMA integrity_check").Scan(&res.integrity); err != nil {
		return err
	}
	var problems []string
	if res.integrity != "ok" {
		problems = append(problems, "integrity_check: "+res.integrity)
	}
	fk, err := db.QueryContext(ctx, "PRAGMA foreign_key_check")
	if err != nil {
		return err
	}
	if fk.Next() {
		problems = append(problems, "foreign_key_check reports violations")
	}
	fk.Close()

	// Every history row, by the user who answered.
	byUser := map[string][]historyRow{}
	rows, err := db.QueryContext(ctx, `SELECT h.answered_by, m.name, h.headcount, h.answer
		FROM rsvp_history h JOIN municipalities m ON m.id = h.municipality_id WHERE h.gathering_id = 1`)
	if err != nil {
		return err
	}
	for rows.Next() {
		var by sql.NullString
		var h historyRow
		if err := rows.Scan(&by, &h.kommune, &h.headcount, &h.answer); err != nil {
			return err
		}
		byUser[by.String] = append(byUser[by.String], h)
	}
	rows.Close()
	for i, oc := range outcomes {
		if oc == notSent {
			continue
		}
		r := makeRequest(run, i, o.munis)
		got := byUser["slack:"+r.user]
		want := r.headcount
		if r.answer == "nei" {
			want = 0 // a "nei" brings nobody
		}
		ok := len(got) == 1 && strings.EqualFold(got[0].kommune, r.kommune) && got[0].headcount == want && got[0].answer == r.answer
		switch {
		case oc == confirmed || oc == lateAck:
			if ok {
				res.stored++
			} else if len(got) > 1 {
				res.duplicates++
			} else {
				res.missing++
				if res.missing <= 5 {
					problems = append(problems, fmt.Sprintf("acknowledged request %d (%s, %s, %d) stored as %v", i, r.user, r.kommune, r.headcount, got))
				}
			}
		case len(got) > 0:
			// In flight when the bot died: written, but the answer was
			// lost with the connection. Fine: the user sees no ack and
			// answering again replaces it.
			res.storedUnacked++
		}
	}
	// Half-written: the current answer must be the latest history row of
	// its pair, and every pair in history must have a current answer.
	var half int
	err = db.QueryRowContext(ctx, `SELECT
		(SELECT COUNT(*) FROM rsvps r WHERE NOT EXISTS (
			SELECT 1 FROM rsvp_history h WHERE h.id = (
				SELECT MAX(id) FROM rsvp_history x WHERE x.gathering_id = r.gathering_id AND x.municipality_id = r.municipality_id)
			AND h.answer = r.answer AND h.headcount = r.headcount AND h.answered_by IS r.answered_by))
		+ (SELECT COUNT(*) FROM (SELECT DISTINCT gathering_id, municipality_id FROM rsvp_history) p
			WHERE NOT EXISTS (SELECT 1 FROM rsvps r WHERE r.gathering_id = p.gathering_id AND r.municipality_id = p.municipality_id))`).Scan(&half)
	if err != nil {
		return err
	}
	res.halfWritten = half
	if half > 0 {
		problems = append(problems, fmt.Sprintf("%d half-written RSVPs", half))
	}
	if err := db.QueryRowContext(ctx, `SELECT COUNT(*) FROM rsvps WHERE gathering_id = 1`).Scan(&res.currentRows); err != nil {
		return err
	}
	// The export reads the same file through the program itself.
	out, err := exec.Command(o.afterKill(), "--db", path, "export", "rsvp").Output()
	if err != nil {
		problems = append(problems, "export rsvp: "+err.Error())
	} else {
		sc := bufio.NewScanner(bytes.NewReader(out))
		lines := 0
		for sc.Scan() {
			if strings.TrimSpace(sc.Text()) != "" {
				lines++
			}
		}
		res.exportRows = lines - 1 // header
		if res.exportRows != res.currentRows {
			problems = append(problems, fmt.Sprintf("export lists %d answers, database has %d", res.exportRows, res.currentRows))
		}
	}
	if res.missing > 0 || res.duplicates > 0 {
		problems = append(problems, fmt.Sprintf("%d acknowledged RSVPs missing, %d duplicated", res.missing, res.duplicates))
	}
	if len(problems) > 0 {
		return errors.New(strings.Join(problems, "; "))
	}
	return nil
}
