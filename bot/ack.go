package bot

import (
	"fmt"
	"log/slog"
	"runtime/debug"
	"sync"
	"time"
)

// Within is the acknowledge-or-defer step every chat adapter needs: it
// runs work in a goroutine tracked by wg and returns its reply when it is
// ready within d (the adapter answers at once); otherwise it returns the
// channel the reply will arrive on, and the adapter acknowledges now and
// completes later. A panic outside the router's own recovery (a download,
// a request builder) still sends a reply, so nobody waits forever.
func Within(d time.Duration, wg *sync.WaitGroup, log *slog.Logger, req *Request, work func() Reply) (Reply, <-chan Reply) {
	ch := make(chan Reply, 1)
	wg.Add(1)
	go func() {
		defer wg.Done()
		defer func() {
			if p := recover(); p != nil {
				log.Error("request panicked", "req", req.ID, "platform", req.Platform, "panic", p, "stack", string(debug.Stack()))
				ch <- ErrorReply(req, Internal(fmt.Errorf("panic: %v", p)), log)
			}
		}()
		ch <- work()
	}()
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case rep := <-ch:
		return rep, nil
	case <-t.C:
		return Reply{}, ch
	}
}
