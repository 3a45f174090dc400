package handlers_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/proxenos/proxenos/chat"
	"github.com/proxenos/proxenos/handlers"
	"github.com/proxenos/proxenos/i18n"
)

// answer is a HandlerFunc that says text.
func answer(text string) handlers.HandlerFunc {
	return func(context.Context, *chat.Request) (*chat.Response, error) { return &chat.Response{Text: text}, nil }
}

// TestRegister checks that modules add their routes to the kernel, that
// a module adding to /ir keeps the kernel's own settings last in its help,
// and that a module answering what another answers is refused whole.
func TestRegister(t *testing.T) {
	visits := handlers.Module{
		Commands: []*handlers.Command{
			{Name: "/visit", Usage: "help.ir.usage", Description: "help.ir.description", Handler: answer("visits")},
			{Name: "/ir", Subcommands: []handlers.Subcommand{{Name: "visits", Usage: "help.ir.usage", Description: "help.ir.description", Handler: answer("ir visits")}}},
		},
		Forms: []handlers.Form{{CallbackID: "visit_new", Submit: func(context.Context, *chat.Submission) (*chat.Response, error) {
			return &chat.Response{Text: "saved"}, nil
		}}},
		Buttons: []handlers.Button{{ID: "visit_show", Run: func(context.Context, *chat.Action) (*chat.Response, error) { return &chat.Response{Text: "shown"}, nil }}},
	}
	t.Run("OK", func(t *testing.T) {
		k := handlers.NewHandler()
		if err := k.Register(visits); err != nil {
			t.Fatal(err)
		}
		ctx := context.Background()
		if got := k.HandleCommand(ctx, &chat.Request{User: "U1", Command: "/visit"}).Text; got != "visits" {
			t.Errorf("/visit = %q", got)
		}
		if got := k.HandleCommand(ctx, &chat.Request{User: "U1", Command: "/ir", Text: "visits"}).Text; got != "ir visits" {
			t.Errorf("/ir visits = %q", got)
		}
		if resp, fe := k.HandleSubmission(ctx, &chat.Submission{User: "U1", CallbackID: "visit_new"}); fe != nil || resp.Text != "saved" {
			t.Errorf("form = %+v, %v", resp, fe)
		}
		if got := k.HandleAction(ctx, &chat.Action{User: "U1", ActionID: "visit_show"}).Text; got != "shown" {
			t.Errorf("button = %q", got)
		}
		var names []string
		for _, c := range k.Commands() {
			names = append(names, c.Name)
		}
		if got, want := strings.Join(names, " "), "/visit /ir"; got != want {
			t.Errorf("commands = %q, want %q (the kernel's own last)", got, want)
		}
		var subs []string
		for _, s := range k.Commands()[1].Subcommands {
			subs = append(subs, s.Name)
		}
		if got, want := strings.Join(subs, " "), "help visits lang"; got != want {
			t.Errorf("/ir subcommands = %q, want %q", got, want)
		}
	})
	clashes := []struct {
		name string
		m    handlers.Module
		want error
	}{
		{"ErrDuplicateCommand", handlers.Module{Commands: []*handlers.Command{{Name: "/visit", Handler: answer("again")}}}, handlers.ErrDuplicateCommand},
		{"ErrDuplicateSubcommand", handlers.Module{Commands: []*handlers.Command{{Name: "/ir", Subcommands: []handlers.Subcommand{{Name: "γλώσσα", Handler: answer("lang")}}}}}, handlers.ErrDuplicateCommand},
		{"ErrDuplicateForm", handlers.Module{Forms: []handlers.Form{{CallbackID: "visit_new"}}}, handlers.ErrDuplicateForm},
		{"ErrDuplicateButton", handlers.Module{Buttons: []handlers.Button{{ID: handlers.ActionHomeHelp}}}, handlers.ErrDuplicateButton},
	}
	for _, tt := range clashes {
		t.Run(tt.name, func(t *testing.T) {
			k := handlers.NewHandler()
			k.MustRegister(visits)
			// A clash refuses the whole module: its other command is not added.
			tt.m.Commands = append(tt.m.Commands, &handlers.Command{Name: "/other", Handler: answer("other")})
			if err := k.Register(tt.m); !errors.Is(err, tt.want) {
				t.Fatalf("Register = %v, want %v", err, tt.want)
			}
			resp := k.HandleCommand(context.Background(), &chat.Request{User: "U1", Lang: i18n.English, Command: "/other"})
			if resp.Text == "other" {
				t.Error("the refused module's /other was registered")
			}
		})
	}
}
