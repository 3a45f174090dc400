package storagetest

import (
	"context"
	"reflect"
	"testing"
	"time"

	"github.com/proxenos/proxenos"
	"github.com/proxenos/proxenos/i18n"
)

// RunCalendarFeeds checks calendar feeds: found by token hash from any
// workspace, revoked per user, a revoked feed reported exactly as an
// unknown one.
func RunCalendarFeeds(t *testing.T, open OpenFunc) {
	clock := NewClock(time.Date(2026, 11, 26, 9, 30, 0, 0, Athens))
	s := open(t, clock.Now)
	ctx := Ctx(Team, "U1")

	_, hashAll := proxenos.NewCalendarToken()
	_, hashMine := proxenos.NewCalendarToken()
	_, hashOther := proxenos.NewCalendarToken()
	_, hashU2 := proxenos.NewCalendarToken()
	create := func(t *testing.T, ctx context.Context, f *proxenos.CalendarFeed) *proxenos.CalendarFeed {
		t.Helper()
		if err := s.CalendarFeeds.CreateCalendarFeed(ctx, f); err != nil {
			t.Fatalf("CreateCalendarFeed: %v", err)
		}
		return f
	}
	all := create(t, ctx, &proxenos.CalendarFeed{TokenHash: hashAll, Lang: i18n.Greek})
	mine := create(t, ctx, &proxenos.CalendarFeed{TokenHash: hashMine, MineOnly: true, Lang: i18n.English})
	other := create(t, Ctx(OtherTeam, "U1"), &proxenos.CalendarFeed{TokenHash: hashOther, Lang: i18n.Greek})
	u2 := create(t, Ctx(Team, "U2"), &proxenos.CalendarFeed{TokenHash: hashU2, Lang: i18n.Greek})

	t.Run("OK", func(t *testing.T) {
		want := &proxenos.CalendarFeed{TokenHash: hashMine, Team: Team, User: "U1", MineOnly: true,
			Lang: i18n.English, CreatedAt: clock.Now()}
		if !reflect.DeepEqual(mine, want) {
			t.Fatalf("created %+v, want %+v", mine, want)
		}
		// The lookup needs no workspace: the token tells it.
		got, err := s.CalendarFeeds.FindCalendarFeed(context.Background(), hashMine)
		if err != nil || !reflect.DeepEqual(got, want) {
			t.Fatalf("FindCalendarFeed = %+v (%v), want %+v", got, err, want)
		}
		got, err = s.CalendarFeeds.FindCalendarFeed(context.Background(), hashOther)
		if err != nil || got.Team != OtherTeam || got.User != "U1" {
			t.Fatalf("other workspace's feed = %+v (%v)", got, err)
		}
	})
	t.Run("ErrFeedInvalid", func(t *testing.T) {
		wantCode(t, s.CalendarFeeds.CreateCalendarFeed(ctx, &proxenos.CalendarFeed{TokenHash: "not-a-hash"}), proxenos.EINVALID)
		wantCode(t, s.CalendarFeeds.CreateCalendarFeed(Ctx(Team, ""), &proxenos.CalendarFeed{TokenHash: proxenos.HashCalendarToken("x")}), proxenos.EINVALID)
	})
	t.Run("ErrHashTaken", func(t *testing.T) {
		err := s.CalendarFeeds.CreateCalendarFeed(Ctx(Team, "U3"), &proxenos.CalendarFeed{TokenHash: hashAll})
		wantCode(t, err, proxenos.ECONFLICT)
		// The owner is unchanged.
		if got, err := s.CalendarFeeds.FindCalendarFeed(ctx, hashAll); err != nil || got.User != "U1" {
			t.Fatalf("after conflict: %+v (%v)", got, err)
		}
	})
	t.Run("ErrNotFound", func(t *testing.T) {
		_, err := s.CalendarFeeds.FindCalendarFeed(ctx, proxenos.HashCalendarToken("wrong"))
		wantCode(t, err, proxenos.ENOTFOUND)
	})
	t.Run("Revoke", func(t *testing.T) {
		clock.Set(clock.Now().Add(time.Hour))
		n, err := s.CalendarFeeds.RevokeCalendarFeeds(ctx)
		if err != nil || n != 2 {
			t.Fatalf("RevokeCalendarFeeds = %d (%v), want 2", n, err)
		}
		_, unknown := s.CalendarFeeds.FindCalendarFeed(ctx, proxenos.HashCalendarToken("wrong"))
		for _, f := range []*proxenos.CalendarFeed{all, mine} {
			_, err := s.CalendarFeeds.FindCalendarFeed(ctx, f.TokenHash)
			// A revoked feed is indistinguishable from an unknown one.
			if !reflect.DeepEqual(err, unknown) {
				t.Fatalf("revoked feed: %v, want the error of an unknown one: %v", err, unknown)
			}
		}
		// Other users' and workspaces' feeds stay live.
		for _, f := range []*proxenos.CalendarFeed{other, u2} {
			if _, err := s.CalendarFeeds.FindCalendarFeed(ctx, f.TokenHash); err != nil {
				t.Fatalf("feed of %s/%s after U1 revoked: %v", f.Team, f.User, err)
			}
		}
		if n, err := s.CalendarFeeds.RevokeCalendarFeeds(ctx); err != nil || n != 0 {
			t.Fatalf("second revoke = %d (%v), want 0", n, err)
		}
		// A new feed after revoking is live.
		_, hashNew := proxenos.NewCalendarToken()
		create(t, ctx, &proxenos.CalendarFeed{TokenHash: hashNew, Lang: i18n.Greek})
		if _, err := s.CalendarFeeds.FindCalendarFeed(ctx, hashNew); err != nil {
			t.Fatalf("new feed after revoke: %v", err)
		}
	})
}
