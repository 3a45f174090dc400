package handlers

import (
	"context"
	"strings"

	"github.com/proxenos/proxenos/chat"
	"github.com/proxenos/proxenos/i18n"
)

// irCommand is /ir: help about every command.
func (h *Handler) irCommand() *Command {
	help := func(_ context.Context, req *chat.Request) (*chat.Response, error) {
		return h.helpAll(LangOf(req.Lang)), nil
	}
	return &Command{
		Name:        "/ir",
		Usage:       "help.ir.usage",
		Description: "help.ir.description",
		Examples:    []string{"help.ir.example"},
		Handler:     help,
		Subcommands: []Subcommand{{
			Name: "help", Aliases: []string{"βοήθεια"},
			Usage: "help.ir.help.usage", Description: "help.ir.help.description", Handler: help,
		}, h.langSub()},
	}
}

// ownLast is how many of /ir's own subcommands come after the modules'
// (lang).
const ownLast = 1

// helpAll lists every command with its subcommands and examples.
func (h *Handler) helpAll(lang i18n.Lang) *chat.Response {
	resp := &chat.Response{Ephemeral: true}
	title := i18n.T(lang, "help.title")
	resp.Blocks = append(resp.Blocks, chat.Header{Text: title})
	lines := []string{title}
	for _, c := range h.ordered() {
		text, examples := commandHelp(c, lang)
		resp.Blocks = append(resp.Blocks, chat.Section{Text: text})
		lines = append(lines, "", text)
		if examples != "" {
			resp.Blocks = append(resp.Blocks, chat.Context{Elements: []string{examples}})
			lines = append(lines, examples)
		}
	}
	resp.Text = strings.Join(lines, "\n")
	return resp
}

// helpFor shows the help of one command.
func (h *Handler) helpFor(c *Command, lang i18n.Lang) *chat.Response {
	text, examples := commandHelp(c, lang)
	resp := &chat.Response{Ephemeral: true, Blocks: []chat.Block{chat.Section{Text: text}}, Text: text}
	if examples != "" {
		resp.Blocks = append(resp.Blocks, chat.Context{Elements: []string{examples}})
		resp.Text += "\n" + examples
	}
	return resp
}

// commandHelp writes the help of c: a description line, then one line per
// subcommand, and separately its examples.
func commandHelp(c *Command, lang i18n.Lang) (text, examples string) {
	lines := []string{"*" + c.Name + "* — " + i18n.T(lang, c.Description)}
	if len(c.Subcommands) == 0 || c.Handler != nil && c.Name != "/ir" {
		lines = append(lines, "• `"+i18n.T(lang, c.Usage)+"`")
	}
	var ex []string
	for _, k := range c.Examples {
		ex = append(ex, "`"+i18n.T(lang, k)+"`")
	}
	for _, s := range c.Subcommands {
		lines = append(lines, "• `"+i18n.T(lang, s.Usage)+"` — "+i18n.T(lang, s.Description))
		for _, k := range s.Examples {
			ex = append(ex, "`"+i18n.T(lang, k)+"`")
		}
	}
	if len(ex) > 0 {
		examples = i18n.T(lang, "help.examples") + " " + strings.Join(ex, " · ")
	}
	return strings.Join(lines, "\n"), examples
}

// Help shows the help of the command named name, as "/partner help" does:
// a module's bare command may answer with it.
func (h *Handler) Help(name string, lang i18n.Lang) *chat.Response {
	c, ok := h.byName[name]
	if !ok {
		return h.helpAll(lang)
	}
	return h.helpFor(c, lang)
}
