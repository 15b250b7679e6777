package bot

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"runtime/debug"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// Handler answers a request. Errors are *Error values (or become internal
// errors); the router turns them into a reply.
type Handler interface {
	Handle(ctx context.Context, req *Request) (Reply, error)
}

// HandlerFunc adapts a function to Handler.
type HandlerFunc func(ctx context.Context, req *Request) (Reply, error)

// Handle calls f.
func (f HandlerFunc) Handle(ctx context.Context, req *Request) (Reply, error) { return f(ctx, req) }

// Middleware wraps a handler (recover, logging, rate limits, ...).
type Middleware func(Handler) Handler

// Route is a registered command.
type Route struct {
	Name    string   // canonical command name without slash: "rsvp"
	Aliases []string // other names: "gathering"
	Handler Handler
	// Slow commands may take seconds (LLM answers): adapters acknowledge
	// first and complete with a follow-up message.
	Slow bool
	// Admin commands are refused for non-admins before the handler runs.
	// Commands with only some admin subcommands check inside the handler.
	Admin bool

	// What people see (command.go): the English name ("interest", shown
	// to English Discord clients), a one-line description, the verbs, and
	// the typed options of a command without verbs (/faq's question).
	EN   string
	Desc Words
	// Example is a correct line for a command without verbs ("/faq Hva
	// er en region?"); verbs have their own.
	Example string
	Verbs   []Verb
	Params  []Param
	// RawText: the command's one option is its whole text, passed as
	// typed and never parsed as arguments (/faq's question).
	RawText bool
}

// Router maps command names to handlers and applies middleware.
// The empty command name is the free-text question handler.
type Router struct {
	mu     sync.RWMutex
	routes map[string]*Route
	order  []*Route // registration order, for Routes
	mw     []Middleware
	// chain is the middleware wrapped around dispatch, built once on the
	// first request after Use (wrapping it anew cost a closure per
	// middleware on every request).
	chain atomic.Pointer[Handler]
	seq   atomic.Uint64
	Log   *slog.Logger
	// Posters deliver the notices a reply carries (an answer to someone who
	// asked earlier). Set by the wiring; adapters add their own.
	Posters Posters
	notices sync.WaitGroup
}

// NewRouter returns an empty router.
func NewRouter(log *slog.Logger) *Router {
	if log == nil {
		log = slog.Default()
	}
	return &Router{routes: map[string]*Route{}, Log: log}
}

// Use adds middleware; the first added is the outermost.
func (r *Router) Use(mw ...Middleware) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.mw = append(r.mw, mw...)
	r.chain.Store(nil)
}

// handler is the middleware chain around dispatch, with Recover innermost
// as the guarantee even without configured middleware.
func (r *Router) handler() Handler {
	if h := r.chain.Load(); h != nil {
		return *h
	}
	r.mu.RLock()
	var h Handler = HandlerFunc(r.dispatch)
	for i := len(r.mw) - 1; i >= 0; i-- {
		h = r.mw[i](h)
	}
	r.mu.RUnlock()
	h = Recover(r.Log)(h)
	r.chain.Store(&h)
	return h
}

// Add registers a route under its name and aliases.
func (r *Router) Add(rt Route) {
	r.mu.Lock()
	defer r.mu.Unlock()
	c := rt
	if old, ok := r.routes[rt.Name]; ok {
		for i, o := range r.order {
			if o == old {
				r.order = append(r.order[:i], r.order[i+1:]...)
				break
			}
		}
	}
	r.order = append(r.order, &c)
	r.routes[rt.Name] = &c
	for _, a := range rt.Aliases {
		r.routes[a] = &c
	}
}

// Lookup finds the route for a command name ("/rsvp", "rsvp", "RSVP").
func (r *Router) Lookup(cmd string) (*Route, bool) {
	r.mu.RLock()
	defer r.mu.RUnlock()
	rt, ok := r.routes[NormCommand(cmd)]
	return rt, ok
}

// Routes lists the registered routes once each, in the order they were
// added (the order of the Slack manifest, the Discord tree and the help).
// A route replaced by a later Add under the same name is gone.
func (r *Router) Routes() []*Route {
	r.mu.RLock()
	defer r.mu.RUnlock()
	var out []*Route
	for _, rt := range r.order {
		if r.routes[rt.Name] == rt {
			out = append(out, rt)
		}
	}
	return out
}

// IsSlow reports whether the request's command is slow.
func (r *Router) IsSlow(req *Request) bool {
	rt, ok := r.Lookup(req.Command)
	return ok && rt.Slow
}

// NormCommand lower-cases a command and strips its slash.
func NormCommand(cmd string) string {
	return strings.ToLower(strings.TrimPrefix(strings.TrimSpace(cmd), "/"))
}

// Handle routes req through the middleware to its handler and always returns
// a renderable reply: errors become a reply with Error set and the message
// for people as Text. It never panics.
func (r *Router) Handle(ctx context.Context, req *Request) Reply {
	if req.ID == "" {
		req.ID = string(strconv.AppendUint(append(make([]byte, 0, 24), req.Platform...), r.seq.Add(1), 10))
	}
	if req.Lang == "" {
		req.Lang = LangFromLocale(req.User.Locale)
	}
	req.Command = NormCommand(req.Command)
	rep, err := r.handler().Handle(ctx, req)
	if err != nil {
		return ErrorReply(req, err, r.Log)
	}
	if rep.Lang == "" {
		rep.Lang = req.Lang
	}
	if len(rep.Notices) > 0 {
		r.deliver(ctx, req, rep.Notices)
		rep.Notices = nil
	}
	return rep
}

// deliver sends notices in the background: the asker's reply must not wait
// for another platform. Failures are logged; Wait lets shutdown and tests
// wait for them.
func (r *Router) deliver(ctx context.Context, req *Request, ns []Notice) {
	for _, n := range ns {
		r.notices.Add(1)
		go func() {
			defer r.notices.Done()
			ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 30*time.Second)
			defer cancel()
			if err := r.Posters.Deliver(ctx, n); err != nil {
				r.Log.Warn("notice not delivered", "req", req.ID, "platform", n.Platform, "err", err)
			}
		}()
	}
}

// Wait blocks until every notice being delivered has been sent or failed.
func (r *Router) Wait() { r.notices.Wait() }

func (r *Router) dispatch(ctx context.Context, req *Request) (Reply, error) {
	rt, ok := r.Lookup(req.Command)
	if !ok {
		return Reply{}, &Error{Code: ENotFound, Message: T(req.Lang, "error.unknowncmd", "/"+req.Command)}
	}
	if rt.Admin && !req.User.Admin {
		return Reply{}, &Error{Code: EForbidden, Message: T(req.Lang, "error.forbidden")}
	}
	return rt.Handler.Handle(ctx, req)
}

// ErrorReply renders err as a private reply and logs what people do not see.
func ErrorReply(req *Request, err error, log *slog.Logger) Reply {
	code := ErrorCode(err)
	if code == EInternal && log != nil {
		log.Error("request failed", "req", req.ID, "platform", req.Platform, "cmd", req.Command, "err", err)
	}
	e := &Error{Code: code, Message: ErrorMessage(err, req.Lang), Field: ErrorField(err)}
	var be *Error
	if code != EInternal && errors.As(err, &be) {
		e.Buttons = be.Buttons
	}
	return Reply{Text: e.Message, Error: e, Private: true, Lang: req.Lang, Buttons: e.Buttons}
}

// Recover turns a panic in a handler into an internal error and a log line
// with the request id, so one bad request never takes the bot down.
func Recover(log *slog.Logger) Middleware {
	return func(next Handler) Handler {
		return HandlerFunc(func(ctx context.Context, req *Request) (rep Reply, err error) {
			defer func() {
				if p := recover(); p != nil {
					if log != nil {
						log.Error("handler panic", "req", req.ID, "cmd", req.Command, "panic", p, "stack", string(debug.Stack()))
					}
					rep, err = Reply{}, Internal(fmt.Errorf("panic: %v", p))
				}
			}()
			return next.Handle(ctx, req)
		})
	}
}

// Logging logs every request with its outcome and duration. With the
// level above info (KULTURBOT_LOG_LEVEL=warn or error) nothing is built:
// the attributes alone were a dozen allocations per request.
func Logging(log *slog.Logger) Middleware {
	return func(next Handler) Handler {
		return HandlerFunc(func(ctx context.Context, req *Request) (Reply, error) {
			if !log.Enabled(ctx, slog.LevelInfo) {
				return next.Handle(ctx, req)
			}
			start := time.Now()
			rep, err := next.Handle(ctx, req)
			outcome := "ok"
			if err != nil {
				outcome = string(ErrorCode(err))
			}
			log.Info("request", "req", req.ID, "platform", req.Platform, "user", req.User.ID,
				"cmd", req.Command, "outcome", outcome, "ms", time.Since(start).Milliseconds())
			return rep, err
		})
	}
}

// Deduper remembers platform event ids so a retried event runs once.
type Deduper interface {
	// FirstSeen records id and reports whether it was new.
	FirstSeen(ctx context.Context, platform, id string) (bool, error)
	// Forget removes id again, so a retry of an event that failed on our
	// side is processed instead of dropped.
	Forget(ctx context.Context, platform, id string) error
}

// Claimer is a Deduper that records the event id in the same transaction
// as the request's first write (the store): a write that fails leaves no
// recorded id, and a recorded id always comes with what the request wrote,
// also after a restart. Dedup puts a *Claim in the request's context; the
// store records it with the first write it finds it on.
type Claimer interface {
	Deduper
	// Record records a claim no write took (the request wrote nothing);
	// false when the id was recorded already.
	Record(ctx context.Context, c *Claim) (bool, error)
}

// ClaimState is what became of a claim.
type ClaimState int32

const (
	// ClaimPending: not recorded yet (no write has committed it).
	ClaimPending ClaimState = iota
	// ClaimRecorded: committed together with a write of this request.
	ClaimRecorded
	// ClaimDuplicate: the id was recorded before: the request is a replay,
	// and nothing it tried to write was written.
	ClaimDuplicate
)

// Claim is a request's platform event id on its way into the store. A
// request's writes take it one after another (a handler waits for each);
// two writes of one request made at the same time could both try to record
// it, and the second would be refused as a duplicate. Work that outlives
// the request runs under bot.Background's context, which carries no claim.
type Claim struct {
	Platform, ID string
	state        atomic.Int32
}

// State says whether the claim is pending, recorded or a duplicate.
func (c *Claim) State() ClaimState { return ClaimState(c.state.Load()) }

// Settle is for the store: the claim was committed, or found recorded.
func (c *Claim) Settle(s ClaimState) { c.state.Store(int32(s)) }

type claimKey struct{}

// WithClaim returns ctx carrying c.
func WithClaim(ctx context.Context, c *Claim) context.Context {
	return context.WithValue(ctx, claimKey{}, c)
}

// ClaimFrom returns the claim ctx carries, or nil.
func ClaimFrom(ctx context.Context) *Claim {
	c, _ := ctx.Value(claimKey{}).(*Claim)
	return c
}

// ErrDuplicate is returned (as a conflict) for a request whose EventID was
// already handled. Adapters answer such retries with a plain ack.
var ErrDuplicate = errors.New("duplicate event")

// recentEvents is how many event ids Dedup remembers in memory, so a retry
// that comes while (or soon after) the first is handled is dropped before
// its handler runs; older ones are found by the store. 1,024 is far more
// than can be in flight (admission lets 4 per core in, the rest queue at
// the intake) and still a few seconds of normal traffic; 4,096 kept ~1 MB
// of ids alive, which with GOGC=50 cost ~1 MiB of peak RSS under /faq load
// (round 5: scripts/abtail.sh KIND=faq, 39.3–40.1 → 38.6–39.3 MiB).
// Round 9: 256, still four times what can be in flight at c=64 and
// minutes of normal traffic: the 1,024 signed slash-command ids (~90
// bytes each) and their map were ~220 kB of the live heap after /faq
// c=64 (pprof inuse_space: newRecentSet 128 kB, SignedEventID 96 kB), and
// the collector keeps the heap a fixed share above what is live
// (docs/operations.md "Round 9: memory").
const recentEvents = 256

// Dedup drops requests whose EventID was already seen.
//
// With a Claimer (the store) nothing is written before the handler: the id
// goes into the transaction of the request's first write, or, when the
// handler wrote nothing, is recorded after it (in a write the store shares
// with others). A retry is dropped before its handler when its id is among
// the recent ones in memory, and otherwise by the store, which refuses its
// writes; either way it is answered as a duplicate. A request that fails
// on our side leaves no id behind unless it had already written, so the
// platform's retry is processed.
func Dedup(d Deduper) Middleware {
	cl, claims := d.(Claimer)
	recent := newRecentSet(recentEvents)
	dup := func() (Reply, error) {
		return Reply{}, &Error{Code: EConflict, Message: "duplicate", Err: ErrDuplicate}
	}
	return func(next Handler) Handler {
		return HandlerFunc(func(ctx context.Context, req *Request) (Reply, error) {
			if req.EventID == "" {
				return next.Handle(ctx, req)
			}
			if claims {
				key := eventKey{req.Platform, req.EventID} // not a joined string: no allocation
				if !recent.add(key) {
					return dup()
				}
				c := &Claim{Platform: string(req.Platform), ID: req.EventID}
				rep, err := next.Handle(WithClaim(ctx, c), req)
				if c.State() == ClaimPending && ErrorCode(err) != EInternal {
					first, rerr := cl.Record(context.WithoutCancel(ctx), c)
					switch {
					case rerr != nil:
						recent.remove(key)
						return Reply{}, Internal(rerr)
					case !first:
						c.Settle(ClaimDuplicate)
					}
				}
				switch {
				case c.State() == ClaimDuplicate:
					return dup()
				case c.State() == ClaimPending:
					// Failed on our side before anything was written: let
					// the platform's retry try again.
					recent.remove(key)
				}
				return rep, err
			}
			first, err := d.FirstSeen(ctx, string(req.Platform), req.EventID)
			if err != nil {
				return Reply{}, Internal(err)
			}
			if !first {
				return dup()
			}
			rep, err := next.Handle(ctx, req)
			if ErrorCode(err) == EInternal {
				// Nothing was stored (handlers write in one transaction):
				// let the platform's retry try again.
				_ = d.Forget(context.WithoutCancel(ctx), string(req.Platform), req.EventID)
			}
			return rep, err
		})
	}
}

// eventKey is an event id on its platform.
type eventKey struct {
	platform Platform
	id       string
}

// recentSet is a bounded set of event keys; the oldest go first.
type recentSet struct {
	mu   sync.Mutex
	m    map[eventKey]struct{}
	ring []eventKey
	next int
}

func newRecentSet(n int) *recentSet {
	return &recentSet{m: make(map[eventKey]struct{}, n), ring: make([]eventKey, n)}
}

// add reports false when s is in the set already.
func (r *recentSet) add(s eventKey) bool {
	r.mu.Lock()
	defer r.mu.Unlock()
	if _, ok := r.m[s]; ok {
		return false
	}
	if old := r.ring[r.next]; old != (eventKey{}) {
		delete(r.m, old)
	}
	r.ring[r.next] = s
	r.next = (r.next + 1) % len(r.ring)
	r.m[s] = struct{}{}
	return true
}

func (r *recentSet) remove(s eventKey) {
	r.mu.Lock()
	defer r.mu.Unlock()
	delete(r.m, s)
}

// IsDuplicate reports whether a reply is the answer to a retried event.
func IsDuplicate(rep Reply) bool {
	return rep.Error != nil && rep.Error.Code == EConflict && rep.Error.Message == "duplicate"
}

// Suggester offers completions while a user types an option (Discord
// autocomplete, Slack external selects). Fields: "samling" (gathering id),
// "fylke", "kommune", "kommuner", "region". Handlers implement it; the
// wiring hands it to adapters, which never import handlers.
type Suggester interface {
	Suggest(ctx context.Context, field, prefix string, lang Lang) []Option
}

// Background starts work that outlives the request that asked for it (the
// embeddings of an uploaded document). The wiring's runner owns it: its
// context ends at shutdown, and shutdown waits for it before the database
// closes.
type Background interface {
	Go(f func(ctx context.Context) error)
}
