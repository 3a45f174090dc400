// Package translation drafts translations of foreign letters and
// documents with a language model: /translate, the "Translate" message
// shortcut, mentions of the bot and files sent to it; /ir glossary keeps
// the names a draft must not translate, and /ir usage shows the cost.
package translation

import (
	"time"

	"github.com/proxenos/proxenos"
	"github.com/proxenos/proxenos/handlers"
	"github.com/proxenos/proxenos/handlers/corr"
)

// Handler drafts translations. While Translator is nil it says how to
// configure a model. Glossary and Usage serve /ir glossary and /ir usage;
// Conversations reads shared files and Documents their text (in-process
// while nil, for tests only: a hostile file can hang or kill the process
// that reads it). Partners' names in a text are kept as written;
// Correspondence opens the form a draft is logged with.
type Handler struct {
	k                  *handlers.Handler
	Translator         Translator
	Correspondence     *corr.Handler
	Partners           proxenos.PartnerService
	Glossary           proxenos.GlossaryService
	Usage              proxenos.UsageService
	MonthlyTokenBudget int            // shown by /ir usage; 0: none
	Conversations      Conversations  // *bot.Bot
	Documents          DocumentReader // *translate.Sandbox
	ProgressInterval   time.Duration  // DefaultProgressInterval when 0; every part when negative
}

// New returns the translation module of kernel k; its drafts are logged
// through the correspondence module corr.
func New(k *handlers.Handler, translator Translator, corr *corr.Handler, partners proxenos.PartnerService) *Handler {
	return &Handler{k: k, Translator: translator, Correspondence: corr, Partners: partners}
}

// Module is what the module adds to the kernel.
func (h *Handler) Module() handlers.Module {
	m := handlers.Module{
		Commands: []*handlers.Command{h.translateCommand(),
			{Name: "/ir", Subcommands: []handlers.Subcommand{h.glossarySub(), h.usageSub()}}},
		Mention: h.mention,
	}
	for _, id := range []string{ActionTranslateMessage, ActionTranslateAgain, ActionTranslateLog} {
		m.Buttons = append(m.Buttons, handlers.Button{ID: id, Run: h.translateAction})
	}
	return m
}
