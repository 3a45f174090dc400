package handlers

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"slices"

	"github.com/proxenos/proxenos/chat"
	"github.com/proxenos/proxenos/i18n"
)

// A Module is one register's part of the conversation: the commands,
// forms and buttons it answers. Each register's package builds its
// Module and the program registers it (Handler.Register); the kernel
// names no register.
type Module struct {
	// Commands are the module's slash commands. A command named like one
	// already registered ("/ir") adds its subcommands to it.
	Commands []*Command
	Forms    []Form
	Buttons  []Button
	// Mention, when set, answers messages that mention the bot and files
	// shared with it in a direct message. One module may set it.
	Mention EventFunc
	// Home, when set, builds the Home tab's dashboard. One module may set it.
	Home HomeFunc
}

// Form is a modal a module answers, by its callback id.
type Form struct {
	CallbackID string
	Submit     SubmitFunc
	// Changes says that a submission changes the registers: the user's
	// Home is re-published after it, unless it only opened another form.
	Changes bool
	// Admin is Subcommand.Admin for the form.
	Admin bool
}

// Button is a button (by action id) or a shortcut (by callback id) a
// module answers.
type Button struct {
	ID  string
	Run ActionFunc
	// Changes says that a press changes the registers: the user's Home is
	// re-published after it.
	Changes bool
	// HomeTab says that the button is shown in the Home tab and answered
	// there: a refusal leaves the Home saying so.
	HomeTab bool
}

// EventFunc answers a message addressed to the bot.
type EventFunc func(ctx context.Context, ev *chat.Event) (*chat.Response, error)

// HomeFunc builds the Home tab of user, with the section expand shown
// at length ("" for none). id names the request in logs.
type HomeFunc func(ctx context.Context, id, user string, lang i18n.Lang, expand string) *chat.Response

// Errors of Register: a module that would answer what another answers.
var (
	ErrDuplicateCommand = errors.New("handlers: a command or subcommand is registered twice")
	ErrDuplicateForm    = errors.New("handlers: a form is registered twice")
	ErrDuplicateButton  = errors.New("handlers: a button is registered twice")
	ErrDuplicateMention = errors.New("handlers: two modules answer mentions")
	ErrDuplicateHome    = errors.New("handlers: two modules build the Home")
)

// Register adds m's commands, forms and buttons to those h answers. It
// refuses, and adds nothing, when m would answer what is already answered.
func (h *Handler) Register(m Module) error {
	if err := h.check(m); err != nil {
		return err
	}
	for _, c := range m.Commands {
		if have, ok := h.byName[c.Name]; ok {
			// The kernel's own settings (/ir lang) stay last in its help.
			at := len(have.Subcommands)
			if have == h.own {
				at -= ownLast
			}
			have.Subcommands = slices.Insert(have.Subcommands, at, c.Subcommands...)
		} else {
			c := *c
			h.commands = append(h.commands, &c)
			h.byName[c.Name] = &c
		}
		for _, s := range c.Subcommands {
			if s.Admin {
				h.admin[c.Name+" "+s.Name] = true
			}
		}
	}
	for _, f := range m.Forms {
		h.forms[f.CallbackID] = f
		if f.Admin {
			h.admin[formRoute(f.CallbackID)] = true
		}
	}
	for _, b := range m.Buttons {
		h.buttons[b.ID] = b
	}
	if m.Mention != nil {
		h.mention = m.Mention
	}
	if m.Home != nil {
		h.home = m.Home
	}
	return nil
}

// MustRegister is Register for modules known to fit, such as the
// program's own: it panics on a clash.
func (h *Handler) MustRegister(modules ...Module) *Handler {
	for _, m := range modules {
		if err := h.Register(m); err != nil {
			panic(err)
		}
	}
	return h
}

// check reports what m would answer twice.
func (h *Handler) check(m Module) error {
	seen := map[string]bool{}
	for _, c := range m.Commands {
		have := h.byName[c.Name]
		if have == nil {
			if seen[c.Name] {
				return fmt.Errorf("%w: %s", ErrDuplicateCommand, c.Name)
			}
			seen[c.Name] = true
			continue
		}
		// Another module's command takes subcommands, nothing else.
		if c.Handler != nil || c.Usage != "" || len(c.Subcommands) == 0 {
			return fmt.Errorf("%w: %s", ErrDuplicateCommand, c.Name)
		}
		for _, s := range c.Subcommands {
			if findSub(have, s.Name) != nil || slices.ContainsFunc(s.Aliases, func(a string) bool { return findSub(have, a) != nil }) {
				return fmt.Errorf("%w: %s %s", ErrDuplicateCommand, c.Name, s.Name)
			}
		}
	}
	for _, f := range m.Forms {
		if _, ok := h.forms[f.CallbackID]; ok {
			return fmt.Errorf("%w: %s", ErrDuplicateForm, f.CallbackID)
		}
	}
	for _, b := range m.Buttons {
		if _, ok := h.buttons[b.ID]; ok {
			return fmt.Errorf("%w: %s", ErrDuplicateButton, b.ID)
		}
	}
	if m.Mention != nil && h.mention != nil {
		return ErrDuplicateMention
	}
	if m.Home != nil && h.home != nil {
		return ErrDuplicateHome
	}
	return nil
}

// ButtonIDs returns the action ids of every button and the callback ids
// of every shortcut h answers, sorted.
func (h *Handler) ButtonIDs() []string { return slices.Sorted(maps.Keys(h.buttons)) }

// FormIDs returns the callback ids of every form h answers, sorted.
func (h *Handler) FormIDs() []string { return slices.Sorted(maps.Keys(h.forms)) }
