package slackfake

import (
	"encoding/json"
	"strconv"
)

// DefaultTeam is the workspace of Server.Token, as auth.test names it.
const DefaultTeam = "TFAKE"

// teams is what the fake knows of the workspaces of a distributed app:
// whose each bot token is, which tokens were revoked, and whose each
// channel is. s.mu guards it.
type teams struct {
	tokens   map[string]string // bot token → team
	revoked  map[string]bool   // tokens that no longer work
	channels map[string]string // channel → team
}

// AddTeam makes token the bot token of team, next to Token (whose team
// is DefaultTeam): calls are recorded with the team of their token.
func (s *Server) AddTeam(team, token string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.teams.tokens == nil {
		s.teams.tokens = map[string]string{}
	}
	s.teams.tokens[token] = team
}

// AddChannel makes channel belong to team: a call about it with another
// team's token answers channel_not_found, as Slack does.
func (s *Server) AddChannel(team, channel string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.teams.channels == nil {
		s.teams.channels = map[string]string{}
	}
	s.teams.channels[channel] = team
}

// Revoke makes the tokens team has now answer token_revoked, as after
// the app was removed from the workspace; a token added later works.
func (s *Server) Revoke(team string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.teams.revoked == nil {
		s.teams.revoked = map[string]bool{}
	}
	for token, t := range s.teams.tokens {
		if t == team {
			s.teams.revoked[token] = true
		}
	}
	if team == DefaultTeam {
		s.teams.revoked[s.Token] = true
	}
}

// teamOf returns the team of a bot token, "" for an unknown one.
func (s *Server) teamOf(token string) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	if token == s.Token {
		return DefaultTeam
	}
	return s.teams.tokens[token]
}

// refuse returns the Slack error a call c made with token is refused
// with, or "": a revoked token, or a channel of another team.
func (s *Server) refuse(c Call, token string) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.teams.revoked[token] {
		return "token_revoked"
	}
	if owner, ok := s.teams.channels[c.Param("channel")]; ok && owner != c.Team {
		return "channel_not_found"
	}
	return ""
}

// CallsOf returns the recorded calls made with team's token, oldest
// first; method "" returns all of them.
func (s *Server) CallsOf(team, method string) []Call {
	var out []Call
	for _, c := range s.Calls(method) {
		if c.Team == team {
			out = append(out, c)
		}
	}
	return out
}

// AppUninstalled returns the Events API callback Slack sends when team
// removes the app: post it, signed, to the app's events URL, or send it
// over Socket Mode with SocketSend.
func (s *Server) AppUninstalled(team string) []byte {
	return s.eventCallback(team, map[string]any{"type": "app_uninstalled"})
}

// TokensRevoked returns the Events API callback Slack sends when the
// tokens of team are revoked: those of the bot users bots, and of the
// users in users.
func (s *Server) TokensRevoked(team string, bots, users []string) []byte {
	return s.eventCallback(team, map[string]any{"type": "tokens_revoked",
		"tokens": map[string]any{"bot": bots, "oauth": users}})
}

// eventCallback wraps inner in an event_callback of team with a fresh
// event id.
func (s *Server) eventCallback(team string, inner map[string]any) []byte {
	raw, _ := json.Marshal(map[string]any{"type": "event_callback", "team_id": team, "api_app_id": "AFAKE",
		"event_id": "Ev" + strconv.Itoa(s.next()), "event_time": 1764115200, "event": inner})
	return raw
}
