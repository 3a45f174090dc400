// Package proxenos holds the domain of the International Relations office:
// its registers (correspondence, partners, calls, agreements), the service
// interfaces that store them, and the Error type every layer speaks.
//
// It imports no Slack, MongoDB, gocron or OpenAI code; those live in bot/,
// storage/, scheduler/ and translate/.
package proxenos

import (
	"context"
	"time"
)

// Version is the release of Proxenos, set at build time with -ldflags.
var Version = "dev"

// ConsoleTeam is the workspace id used by `proxenos console`.
const ConsoleTeam = "TCONSOLE"

type contextKey int

const (
	teamKey contextKey = iota
	userKey
	requestKey
	zoneKey
)

// NewContextWithTeam returns ctx scoped to the Slack workspace team. Every
// service call reads its workspace from the context, so that one deployment
// can serve several municipalities.
func NewContextWithTeam(ctx context.Context, team string) context.Context {
	return context.WithValue(ctx, teamKey, team)
}

// TeamFromContext returns the workspace id in ctx, or "" when there is none.
func TeamFromContext(ctx context.Context) string {
	team, _ := ctx.Value(teamKey).(string)
	return team
}

// RequireTeam returns the workspace in ctx, or an EINTERNAL error when a
// caller forgot to scope the context; services call it first.
func RequireTeam(ctx context.Context) (string, error) {
	if team := TeamFromContext(ctx); team != "" {
		return team, nil
	}
	return "", Errorf(EINTERNAL, "error.internal")
}

// NewContextWithUser returns ctx carrying the Slack user id acting in it.
func NewContextWithUser(ctx context.Context, user string) context.Context {
	return context.WithValue(ctx, userKey, user)
}

// UserFromContext returns the Slack user id in ctx, or "".
func UserFromContext(ctx context.Context) string {
	user, _ := ctx.Value(userKey).(string)
	return user
}

// NewContextWithRequest returns ctx carrying the id of the request being
// answered. A request that runs again after a crash keeps its id, so a
// store that sees the same id twice knows it for a repeat: a request
// creates at most one correspondence entry.
func NewContextWithRequest(ctx context.Context, id string) context.Context {
	return context.WithValue(ctx, requestKey, id)
}

// RequestFromContext returns the request id in ctx, or "".
func RequestFromContext(ctx context.Context) string {
	id, _ := ctx.Value(requestKey).(string)
	return id
}

// Clock tells the time; tests replace it. time.Now satisfies it as a func.
type Clock func() time.Time
