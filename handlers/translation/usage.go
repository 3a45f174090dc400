package translation

import (
	"cmp"
	"context"
	"strings"
	"time"

	"github.com/proxenos/proxenos"
	"github.com/proxenos/proxenos/chat"
	"github.com/proxenos/proxenos/handlers"
	"github.com/proxenos/proxenos/i18n"
)

// usageSub is /ir usage: the month's translation requests, characters and
// tokens, and the budget left when one is set.
func (h *Handler) usageSub() handlers.Subcommand {
	return handlers.Subcommand{
		Name: "usage", Aliases: []string{"χρήση"},
		Usage: "usage.help.usage", Description: "usage.help.description",
		Handler: h.usage,
	}
}

// usage sums this month's usage, months following the workspace's zone.
func (h *Handler) usage(ctx context.Context, req *chat.Request) (*chat.Response, error) {
	if h.Usage == nil {
		return nil, proxenos.Errorf(proxenos.EINVALID, "glossary.not_stored")
	}
	lang := handlers.LangOf(req.Lang)
	now := h.k.Clock(ctx)
	from := time.Date(now.Year(), now.Month(), 1, 0, 0, 0, 0, h.k.Zone(ctx))
	sum, err := h.Usage.SumUsage(ctx, from, from.AddDate(0, 1, 0))
	if err != nil {
		return nil, err
	}
	// Numbers are grouped as the reader's language does: 12.345 or 12,345.
	n := func(v int) string { return i18n.FormatInt(lang, int64(v)) }
	title := i18n.T(lang, "usage.title", i18n.FormatMonth(lang, now))
	lines := []string{
		i18n.T(lang, "usage.requests", n(sum.Requests)),
		i18n.T(lang, "usage.characters", n(sum.Characters)),
		i18n.T(lang, "usage.tokens", n(sum.Tokens()), n(sum.PromptTokens), n(sum.CompletionTokens)),
	}
	// The Translator refuses work past the budget; this only reports it.
	// A workspace's own budget (distribution mode) comes first.
	_, tokens, err := h.k.Model(ctx)
	if err != nil {
		return nil, err
	}
	tokens = cmp.Or(tokens, h.MonthlyTokenBudget)
	budget := i18n.T(lang, "usage.no_budget")
	if tokens > 0 {
		left := max(tokens-sum.Tokens(), 0)
		budget = i18n.T(lang, "usage.budget", left, n(tokens), n(left))
	}
	text := title + "\n" + strings.Join(lines, "\n") + "\n" + budget
	return &chat.Response{Text: text, Ephemeral: true, Blocks: []chat.Block{
		chat.Header{Text: title}, chat.Section{Text: strings.Join(lines, "\n")}, chat.Context{Elements: []string{budget}},
	}}, nil
}
