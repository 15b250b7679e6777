package bot

import (
	"context"
	"testing"
)

type recPoster struct{ got []string }

func (p *recPoster) Platform() Platform { return Slack }
func (p *recPoster) Post(_ context.Context, ch string, r Reply) error {
	p.got = append(p.got, "post "+ch+" "+r.Text)
	return nil
}
func (p *recPoster) PostInThread(_ context.Context, ch, th string, r Reply) error {
	p.got = append(p.got, "thread "+ch+"/"+th+" "+r.Text)
	return nil
}

func TestDeliver(t *testing.T) {
	p := &recPoster{}
	ps := Posters{Slack: p}
	ctx := context.Background()
	_ = ps.Deliver(ctx, Notice{Platform: Slack, Channel: "C1", Thread: "1.2", Reply: Text("a")})
	_ = ps.Deliver(ctx, Notice{Platform: Slack, UserID: "U9", Reply: Text("b")})
	_ = ps.Deliver(ctx, Notice{Platform: Slack, Channel: "C1", Reply: Text("c")})
	want := []string{"thread C1/1.2 a", "post U9 b", "post C1 c"}
	if len(p.got) != 3 || p.got[0] != want[0] || p.got[1] != want[1] || p.got[2] != want[2] {
		t.Fatalf("got %q, want %q", p.got, want)
	}
	if err := ps.Deliver(ctx, Notice{Platform: Discord, Channel: "1"}); err == nil {
		t.Fatal("a platform without a poster must be an error")
	}
}
