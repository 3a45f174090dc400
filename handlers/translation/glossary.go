package translation

import (
	"context"
	"sort"
	"strings"

	"golang.org/x/text/language"

	"github.com/proxenos/proxenos"
	"github.com/proxenos/proxenos/chat"
	"github.com/proxenos/proxenos/handlers"
	"github.com/proxenos/proxenos/i18n"
)

// glossarySub is /ir glossary add|list|remove: the office glossary, which
// the Translator applies to every request.
func (h *Handler) glossarySub() handlers.Subcommand {
	return handlers.Subcommand{
		Name: "glossary", Aliases: []string{"γλωσσάριο"},
		Usage: "glossary.help.usage", Description: "glossary.help.description",
		Examples: []string{"glossary.help.example"},
		Handler:  h.glossary,
	}
}

// glossary routes the verb of /ir glossary; bare, it lists.
func (h *Handler) glossary(ctx context.Context, req *chat.Request) (*chat.Response, error) {
	if h.Glossary == nil {
		return nil, proxenos.Errorf(proxenos.EINVALID, "glossary.not_stored")
	}
	verb, rest := handlers.CutWord(strings.TrimSpace(req.Text))
	rest = strings.TrimSpace(rest)
	switch proxenos.SearchKey(verb) {
	case "add", "προσθηκη", "νεο":
		return h.glossaryAdd(ctx, req, rest)
	case "", "list", "λιστα":
		return h.glossaryList(ctx, req)
	case "remove", "delete", "rm", "αφαιρεση", "διαγραφη":
		return h.glossaryRemove(ctx, req, rest)
	}
	return nil, proxenos.Errorf(proxenos.EINVALID, "glossary.unknown_verb", verb)
}

// glossaryAdd stores el:"…" en:"…" (any ISO 639-1 codes) as one entry.
func (h *Handler) glossaryAdd(ctx context.Context, req *chat.Request, text string) (*chat.Response, error) {
	terms, err := parseTerms(text)
	if err != nil {
		return nil, err
	}
	// The store validates the entry (two languages, lengths) and gives the id.
	e := &proxenos.GlossaryEntry{Terms: terms, CreatedBy: req.User, CreatedAt: h.k.Clock(ctx)}
	if err := h.Glossary.CreateGlossaryEntry(ctx, e); err != nil {
		return nil, err
	}
	lang := handlers.LangOf(req.Lang)
	return &chat.Response{Text: i18n.T(lang, "glossary.added", e.ID, formatTerms(e.Terms)), Ephemeral: true}, nil
}

// parseTerms reads lang:term pairs; an unquoted term runs to the next key.
// The keys are two-letter ISO 639-1 codes.
func parseTerms(text string) (map[string]string, error) {
	terms := map[string]string{}
	var key string
	var words []string
	flush := func() {
		if key != "" {
			terms[key] = strings.TrimSpace(handlers.CleanLine(strings.Join(words, " ")))
		}
		words = words[:0]
	}
	// tokenize is the command-line reader of ParseArgs: quotes group words,
	// and "el:" is a key because it is letters before a colon.
	for _, t := range handlers.Tokenize(text) {
		if t.Key == "" {
			if key == "" {
				return nil, proxenos.Errorf(proxenos.EINVALID, "glossary.unexpected_text", t.Word)
			}
			words = append(words, t.Word)
			continue
		}
		flush()
		code := strings.ToLower(t.Key)
		// ParseBase takes three-letter codes too; the Translator speaks ISO 639-1.
		if _, err := language.ParseBase(code); err != nil || len(code) != 2 {
			return nil, proxenos.Errorf(proxenos.EINVALID, "glossary.invalid.lang", t.Key)
		}
		if _, dup := terms[code]; dup {
			return nil, proxenos.Errorf(proxenos.EINVALID, "input.duplicate_field", t.Key)
		}
		key = code
	}
	flush()
	// "en:" with nothing after it adds no term; Validate then counts
	// the languages that remain.
	for code, term := range terms {
		if term == "" {
			delete(terms, code)
		}
	}
	return terms, nil
}

// formatTerms writes an entry's terms as «el: Δήμος Αμαρουσίου · en: …»,
// Greek and English first, escaped for mrkdwn.
func formatTerms(terms map[string]string) string {
	codes := make([]string, 0, len(terms))
	for c := range terms {
		codes = append(codes, c)
	}
	rank := func(c string) int {
		switch c {
		case "el":
			return 0
		case "en":
			return 1
		}
		return 2
	}
	sort.Slice(codes, func(a, b int) bool {
		if ra, rb := rank(codes[a]), rank(codes[b]); ra != rb {
			return ra < rb
		}
		return codes[a] < codes[b]
	})
	parts := make([]string, len(codes))
	for i, c := range codes {
		parts[i] = c + ": " + chat.Escape(terms[c])
	}
	return strings.Join(parts, " · ")
}

// glossaryList shows every entry with its id, oldest first.
func (h *Handler) glossaryList(ctx context.Context, req *chat.Request) (*chat.Response, error) {
	lang := handlers.LangOf(req.Lang)
	entries, err := h.Glossary.FindGlossary(ctx)
	if err != nil {
		return nil, err
	}
	if len(entries) == 0 {
		return &chat.Response{Text: i18n.T(lang, "glossary.empty"), Ephemeral: true}, nil
	}
	title := i18n.T(lang, "glossary.title", len(entries))
	lines := make([]string, len(entries))
	for i, e := range entries {
		lines[i] = "• `" + e.ID + "` " + formatTerms(e.Terms)
	}
	resp := &chat.Response{Text: title + "\n" + strings.Join(lines, "\n"), Ephemeral: true, Blocks: []chat.Block{chat.Header{Text: title}}}
	// One section per ~40 entries keeps each under Slack's 3000 characters.
	for len(lines) > 0 {
		n := min(len(lines), 40)
		resp.Blocks = append(resp.Blocks, chat.Section{Text: strings.Join(lines[:n], "\n")})
		lines = lines[n:]
	}
	return resp, nil
}

// glossaryRemove deletes the entry with the id given.
func (h *Handler) glossaryRemove(ctx context.Context, req *chat.Request, id string) (*chat.Response, error) {
	// The list shows ids in backticks; a pasted id may keep them.
	id = strings.Trim(strings.TrimSpace(id), "`")
	if id == "" {
		return nil, proxenos.Errorf(proxenos.EINVALID, "glossary.required.id")
	}
	if err := h.Glossary.DeleteGlossaryEntry(ctx, id); err != nil {
		return nil, err
	}
	return &chat.Response{Text: i18n.T(handlers.LangOf(req.Lang), "glossary.removed", chat.Escape(id)), Ephemeral: true}, nil
}
