package handlers

import (
	"context"
	"sync"

	"github.com/kulturskoleradet/kulturbot/store"
)

// GatheringObserver hears about every gathering the working group creates,
// changes, cancels or reopens, after the change is committed. It is how
// parts outside the request path keep their own copy of a gathering in
// step: the calendar feed (an ICS event whose SEQUENCE is
// store.Gathering.Sequence, so calendar programs replace their copy) and
// Discord scheduled events (edited or cancelled when the gathering is).
//
// The gathering passed is the stored one after the change: Sequence has
// already been counted up for Changed, Cancelled and Reopened (Created
// gets 0), and UpdatedAt says when. Changed also gets the gathering as it
// was before. Methods are called on the request's goroutine with a context
// that is not cancelled when the reply has been sent; they must return
// quickly – do network work in a goroutine of your own – and must not
// fail the request: an observer has no way to return an error, so log it.
//
// Embed NopGatheringObserver to implement only the methods you need.
// Register with Handlers.AddGatheringObserver before serving requests.
type GatheringObserver interface {
	Created(ctx context.Context, g store.Gathering)
	Changed(ctx context.Context, before, after store.Gathering)
	Cancelled(ctx context.Context, g store.Gathering)
	Reopened(ctx context.Context, g store.Gathering)
}

// NopGatheringObserver does nothing; embed it to implement part of
// GatheringObserver.
type NopGatheringObserver struct{}

// Created does nothing.
func (NopGatheringObserver) Created(context.Context, store.Gathering) {}

// Changed does nothing.
func (NopGatheringObserver) Changed(context.Context, store.Gathering, store.Gathering) {}

// Cancelled does nothing.
func (NopGatheringObserver) Cancelled(context.Context, store.Gathering) {}

// Reopened does nothing.
func (NopGatheringObserver) Reopened(context.Context, store.Gathering) {}

// observers is the list of registered gathering observers.
type observers struct {
	mu   sync.RWMutex
	list []GatheringObserver
}

// AddGatheringObserver registers o to hear about gathering changes.
func (h *Handlers) AddGatheringObserver(o GatheringObserver) {
	h.obs.mu.Lock()
	defer h.obs.mu.Unlock()
	h.obs.list = append(h.obs.list, o)
}

// notify calls f for every observer with a context that outlives the
// request (the observer may start work that the reply must not cut off).
func (h *Handlers) notify(ctx context.Context, f func(ctx context.Context, o GatheringObserver)) {
	h.obs.mu.RLock()
	list := h.obs.list
	h.obs.mu.RUnlock()
	ctx = context.WithoutCancel(ctx)
	for _, o := range list {
		func() {
			// An observer's panic must not turn a committed change into an
			// error reply: the change is stored either way.
			defer func() {
				if p := recover(); p != nil {
					h.Log.Error("gathering observer panicked", "panic", p)
				}
			}()
			f(ctx, o)
		}()
	}
}
