package dashboard_test

import (
	"context"
	"fmt"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"

	"github.com/kulturskoleradet/kulturbot/bot"
)

// findChromium returns the browser to drive: KULTURBOT_CHROMIUM, or the
// first of Debian's chromium and its usual other names on PATH.
func findChromium() string {
	if p := os.Getenv("KULTURBOT_CHROMIUM"); p != "" {
		return p
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

// artefactDir is where screenshots and the printed PDF go:
// KULTURBOT_TEST_ARTIFACTS, or a fixed folder in the temp directory (kept
// after the test, unlike t.TempDir, so people can look at them).
func artefactDir(t *testing.T) string {
	dir := os.Getenv("KULTURBOT_TEST_ARTIFACTS")
	if dir == "" {
		dir = filepath.Join(os.TempDir(), "kulturbot-test-artifacts")
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	return dir
}

// browser starts headless Chromium with a fresh profile. The flags keep it
// from calling home (updates, sync, QUIC probes): the page must be the
// only thing that makes requests, so the test can see them all.
func browser(t *testing.T) context.Context {
	t.Helper()
	path := findChromium()
	if path == "" {
		t.Skip("SKIP: no chromium on this machine (install Debian's chromium package, or set KULTURBOT_CHROMIUM); .ci/run installs it")
	}
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(path),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.Flag("disable-extensions", true),
		chromedp.UserDataDir(t.TempDir()),
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	t.Cleanup(cancel)
	actx, acancel := chromedp.NewExecAllocator(ctx, opts...)
	t.Cleanup(acancel)
	bctx, bcancel := chromedp.NewContext(actx)
	t.Cleanup(bcancel)
	if err := chromedp.Do(bctx); err != nil {
		t.Fatalf("start chromium %s: %v", path, err)
	}
	return bctx
}

// TestDashboardInBrowser opens the page in headless Chromium on the seeded
// database, checks its figures against the chat commands in the DOM, that
// there are no console errors (a CSP violation is one) and no requests to
// another host, and saves desktop and phone screenshots and a printout.
func TestDashboardInBrowser(t *testing.T) {
	ctx := browser(t)
	e := newEnv(t)
	e.seed()
	want := e.chatFigures()
	link := e.link(bot.NB)
	self, _ := url.Parse(e.srv.URL)

	var mu sync.Mutex
	var requests []string
	if err := chromedp.Listen(ctx, func(ev any) {
		if r, ok := ev.(*network.EventRequestWillBeSent); ok {
			mu.Lock()
			requests = append(requests, r.Request.URL)
			mu.Unlock()
		}
	}); err != nil {
		t.Fatal(err)
	}
	if _, err := chromedp.Call(ctx, network.Enable, network.EnableParams{}); err != nil {
		t.Fatal(err)
	}
	var messages []chromedp.ConsoleMessage
	cctx, stopConsole := context.WithCancel(ctx)
	consoleDone := make(chan struct{})
	msgs := chromedp.Console(cctx)
	go func() {
		defer close(consoleDone)
		for m, err := range msgs {
			if err != nil {
				return
			}
			mu.Lock()
			messages = append(messages, m)
			mu.Unlock()
		}
	}()

	dir := artefactDir(t)
	shot := func(name string, width, height int64, opts ...chromedp.EmulateViewportOption) {
		t.Helper()
		if err := chromedp.Do(ctx, chromedp.EmulateViewport(width, height, opts...), chromedp.Navigate(link),
			chromedp.WaitVisible(chromedp.ID("nedlastinger"))); err != nil {
			t.Fatal(err)
		}
		buf, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
		if err != nil {
			t.Fatal(err)
		}
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, buf, 0o644); err != nil {
			t.Fatal(err)
		}
		t.Logf("screenshot %s (%d bytes)", p, len(buf))
	}

	shot("dashboard-desktop-1280.png", 1280, 900)
	got, err := chromedp.Run(ctx, chromedp.Evaluate[map[string]string](
		`Object.fromEntries([...document.querySelectorAll('[data-figure]')].map(e => [e.dataset.figure, e.textContent.trim()]))`))
	if err != nil {
		t.Fatal(err)
	}
	compareFigures(t, want, got)
	t.Logf("%d figures in the DOM agree with the chat", len(want))
	sections, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`[...document.querySelectorAll('main > section')].filter(s => s.offsetHeight > 0).map(s => s.id)`))
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(sections, ",") != "samlinger,interesse,veiledning,faq,nedlastinger" {
		t.Errorf("visible sections %v", sections)
	}
	// The page's one <style> applied (a CSP refusal would leave it plain).
	cols, err := chromedp.Run(ctx, chromedp.Evaluate[string](`getComputedStyle(document.querySelector('.cards')).display`))
	if err != nil || cols != "grid" {
		t.Errorf("stylesheet not applied: .cards display %q (%v)", cols, err)
	}

	shot("dashboard-phone-390.png", 390, 844, chromedp.EmulateScale(2), chromedp.EmulateMobile, chromedp.EmulateTouch, chromedp.EmulatePortrait)
	// The whole phone page is very tall; screens one by one are easier to
	// look at.
	for i := 0; i < 4; i++ {
		js := fmt.Sprintf(`window.scrollTo(0, %d)`, i*800)
		if err := chromedp.Do(ctx, chromedp.Evaluate[chromedp.Void](js)); err != nil {
			t.Fatal(err)
		}
		buf, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("dashboard-phone-390-screen%d.png", i+1)), buf, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	width, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.documentElement.scrollWidth`))
	if err != nil {
		t.Fatal(err)
	}
	if width > 390 {
		t.Errorf("phone: the page is %d px wide at a 390 px screen (sideways scrolling)", width)
	}
	// The gathering grids fit their card on a phone (one answer column).
	wide, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](
		`[...document.querySelectorAll('table.grid')].filter(t => t.scrollWidth > t.parentElement.clientWidth + 1).map(t => t.closest('article').id)`))
	if err != nil {
		t.Fatal(err)
	}
	if len(wide) > 0 {
		t.Errorf("phone: grids wider than their card: %v", wide)
	}

	// Printable: navigation and downloads hidden, a PDF as an artefact.
	if _, err := chromedp.Call(ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: "print"}); err != nil {
		t.Fatal(err)
	}
	nav, err := chromedp.Run(ctx, chromedp.Evaluate[string](`getComputedStyle(document.querySelector('nav')).display`))
	if err != nil || nav != "none" {
		t.Errorf("print: nav display %q (%v)", nav, err)
	}
	pdf, err := chromedp.Run(ctx, chromedp.PrintToPDF(chromedp.PDFPaper(chromedp.PaperA4), chromedp.PDFMargin(0.4)))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "dashboard-print.pdf"), pdf, 0o644); err != nil {
		t.Fatal(err)
	}

	// Without a token: 403 in the browser too.
	res, err := chromedp.Run(ctx, chromedp.NavigateResponse(e.srv.URL+"/dashbord"))
	if err != nil {
		t.Fatal(err)
	}
	if res.Status != 403 {
		t.Errorf("no token: status %d", res.Status)
	}

	// A probe proves the console listener hears errors at all.
	if err := chromedp.Do(ctx, chromedp.Evaluate[chromedp.Void](`console.error("kulturbot-probe")`)); err != nil {
		t.Fatal(err)
	}
	for deadline := time.Now().Add(5 * time.Second); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		mu.Lock()
		n := len(messages)
		heard := n > 0 && messages[n-1].Text == "kulturbot-probe"
		mu.Unlock()
		if heard {
			break
		}
	}
	stopConsole()
	<-consoleDone
	mu.Lock()
	defer mu.Unlock()
	probed := false
	for _, m := range messages {
		// The 403 page above and the probe are the errors we caused.
		if strings.Contains(m.Text, "403") && strings.HasSuffix(m.URL, "/dashbord") {
			t.Logf("console (expected) %s: %s", m.Type, m.Text)
			continue
		}
		if m.Text == "kulturbot-probe" {
			probed = true
			continue
		}
		if m.Type == "error" || m.IsException() {
			t.Errorf("console %s: %s (%s:%d)", m.Type, m.Text, m.URL, m.Line+1)
		} else {
			t.Logf("console %s: %s", m.Type, m.Text)
		}
	}
	if !probed {
		t.Error("the console listener did not hear console.error: console errors would go unseen")
	}
	if len(requests) == 0 {
		t.Fatal("saw no requests at all: the network listener is not working")
	}
	for _, r := range requests {
		u, err := url.Parse(r)
		if err != nil || (u.Scheme != "data" && u.Host != self.Host) {
			t.Errorf("request to another host: %s", r)
		}
	}
	t.Logf("%d requests, all to %s", len(requests), self.Host)
}
