package secret

import (
	"context"
	"time"

	"github.com/proxenos/proxenos"
)

// Installations is an InstallationService whose store never sees a token
// in the clear: it seals the bot and refresh tokens before they are
// saved and opens them when they are read.
type Installations struct {
	Store proxenos.InstallationService
	Keys  *Keyring
}

var _ proxenos.InstallationService = (*Installations)(nil)

// labels bind a workspace's sealed tokens to it and to their field.
func labels(team string) (bot, refresh string) { return team + "/bot", team + "/refresh" }

// SaveInstallation seals inst's tokens and saves it.
func (s *Installations) SaveInstallation(ctx context.Context, inst *proxenos.Installation) error {
	if err := inst.Validate(); err != nil {
		return err
	}
	sealed := *inst
	bot, refresh := labels(inst.Team)
	var err error
	if sealed.BotToken, err = s.Keys.Seal(inst.BotToken, bot); err != nil {
		return err
	}
	if sealed.RefreshToken, err = s.Keys.Seal(inst.RefreshToken, refresh); err != nil {
		return err
	}
	if err := s.Store.SaveInstallation(ctx, &sealed); err != nil {
		return err
	}
	inst.InstalledAt, inst.UpdatedAt = sealed.InstalledAt, sealed.UpdatedAt
	return nil
}

// FindInstallation returns team's installation with its tokens opened.
func (s *Installations) FindInstallation(ctx context.Context, team string) (*proxenos.Installation, error) {
	inst, err := s.Store.FindInstallation(ctx, team)
	if err != nil {
		return nil, err
	}
	return inst, s.open(inst)
}

// MarkUninstalled records that team removed the app at.
func (s *Installations) MarkUninstalled(ctx context.Context, team string, at time.Time) error {
	return s.Store.MarkUninstalled(ctx, team, at)
}

// EachInstallation calls f with every installation, tokens opened, in
// team order.
func (s *Installations) EachInstallation(ctx context.Context, f func(*proxenos.Installation) error) error {
	return s.Store.EachInstallation(ctx, func(inst *proxenos.Installation) error {
		if err := s.open(inst); err != nil {
			return err
		}
		return f(inst)
	})
}

// open opens inst's tokens in place.
func (s *Installations) open(inst *proxenos.Installation) error {
	bot, refresh := labels(inst.Team)
	var err error
	if inst.BotToken, err = s.Keys.Open(inst.BotToken, bot); err != nil {
		return err
	}
	inst.RefreshToken, err = s.Keys.Open(inst.RefreshToken, refresh)
	return err
}

// Rekey reseals with the current key every installation sealed with
// another key of the ring, and returns how many it resealed and how many
// there are. An installation whose tokens no key opens stops it: the
// operator is missing an old key.
func (s *Installations) Rekey(ctx context.Context) (resealed, total int, err error) {
	var stale []*proxenos.Installation
	err = s.Store.EachInstallation(ctx, func(inst *proxenos.Installation) error {
		total++
		if s.Keys.Current(inst.BotToken) && s.Keys.Current(inst.RefreshToken) {
			return nil
		}
		if err := s.open(inst); err != nil {
			return err
		}
		stale = append(stale, inst)
		return nil
	})
	if err != nil {
		return 0, total, err
	}
	for _, inst := range stale {
		if err := s.SaveInstallation(ctx, inst); err != nil {
			return resealed, total, err
		}
		resealed++
	}
	return resealed, total, nil
}
