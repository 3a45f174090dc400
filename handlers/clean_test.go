package handlers_test

import (
	"context"
	"strings"
	"testing"

	"github.com/proxenos/proxenos/chat"
	"github.com/proxenos/proxenos/handlers"
	"github.com/proxenos/proxenos/handlers/corr"
	"github.com/proxenos/proxenos/handlers/partner"
	"github.com/proxenos/proxenos/handlers/translation"
	"github.com/proxenos/proxenos/i18n"
	"github.com/proxenos/proxenos/translate/fakellm"
)

// Bidirectional controls as an attacker types them: a right-to-left
// override, an embedding and an isolate with their terminators.
const (
	rlo = "\u202E"
	rle = "\u202B"
	pdf = "\u202C"
	fsi = "\u2068"
	pdi = "\u2069"
)

// TestCleanInput checks that NUL bytes never reach a register, and that
// bidirectional controls are removed from names, subjects, tags and the
// like but kept in free text, whether the entry comes by command or by
// form.
func TestCleanInput(t *testing.T) {
	env := newTestEnv(t)
	t.Run("Command", func(t *testing.T) {
		env.run(t, i18n.English, "/corr", "in from:\"Stadt"+rlo+" Köln\x00\" subject:\"Invoice "+fsi+"fdp.exe"+pdi+"\" summary:\"one\x00 "+rle+"שלום"+pdf+"\" tags:\"for"+rlo+"um\" ref:\"ΙΡΙΔΑ\x00 12\"")
		c := env.find(t, 1)
		if c.Counterpart != "Stadt Köln" || c.Subject != "Invoice fdp.exe" || c.ExternalRef != "ΙΡΙΔΑ 12" {
			t.Errorf("stored %q, %q, %q", c.Counterpart, c.Subject, c.ExternalRef)
		}
		if want := "one " + rle + "שלום" + pdf; c.Summary != want {
			t.Errorf("summary = %q, want %q (free text keeps its controls)", c.Summary, want)
		}
		if strings.Join(c.Tags, "|") != "forum" {
			t.Errorf("tags = %q", c.Tags)
		}
	})
	t.Run("CorrForm", func(t *testing.T) {
		resp, fe := env.h.HandleSubmission(context.Background(), &chat.Submission{Team: testTeam, User: "U1", Lang: i18n.English,
			CallbackID: corr.ModalCallback, Values: map[string]string{"direction": "out", "counterpart": "Comune" + rlo + " di Faenza",
				"subject": "Forum\x00 " + rle + "2027" + pdf, "date": "2026-11-20", "summary": "a\x00b" + rlo, "cc": "Q-" + fsi + "Cities" + pdi}})
		if fe != nil || resp == nil {
			t.Fatalf("got %+v, %v", resp, fe)
		}
		c := env.find(t, 2)
		if c.Counterpart != "Comune di Faenza" || c.Subject != "Forum 2027" || c.Summary != "ab"+rlo || strings.Join(c.Copies, "|") != "Q-Cities" {
			t.Errorf("stored %q, %q, %q, %q", c.Counterpart, c.Subject, c.Summary, c.Copies)
		}
	})
	t.Run("PartnerForm", func(t *testing.T) {
		resp, fe := env.h.HandleSubmission(context.Background(), &chat.Submission{Team: testTeam, User: "U1", Lang: i18n.English,
			CallbackID: partner.ModalCallback, Values: map[string]string{"name": "Nis" + rlo + "\x00", "kind": "municipality",
				"city": "Ni" + fsi + "š" + pdi, "tags": "cerv" + rle, "notes": "note\x00 " + rle + "x" + pdf}})
		if fe != nil || resp == nil {
			t.Fatalf("got %+v, %v", resp, fe)
		}
		p := env.partnerNamed(t, "Nis")
		if p.City != "Niš" || strings.Join(p.Tags, "|") != "cerv" || p.Notes != "note "+rle+"x"+pdf {
			t.Errorf("stored %q, %q, %q", p.City, p.Tags, p.Notes)
		}
	})
}

// TestCleanFileName checks that a file name with a right-to-left
// override loses it: the draft does not pass "report‮fdp.txt" on.
func TestCleanFileName(t *testing.T) {
	env := newTranslateEnv(t, fakellm.Options{})
	// Long enough to come back as a file.
	text := []byte(strings.Repeat("Guten Tag. ", translation.InlineChars/10))
	env.conv.files = map[string][]byte{"https://files/F1": text}
	resp := env.h.HandleFiles(context.Background(), &chat.Event{Team: testTeam, User: "U1", Channel: "D1", Lang: i18n.English, TS: "5.5",
		Files: []chat.File{{ID: "F1", Name: "report" + rlo + "exe.txt", Size: len(text), URL: "https://files/F1"}}})
	if len(resp.Files) != 1 {
		t.Fatalf("got %+v, want the draft as a file", resp)
	}
	if name := resp.Files[0].Name; strings.ContainsFunc(name, handlers.IsBidiControl) || !strings.HasPrefix(name, "reportexe") {
		t.Errorf("file name = %q", name)
	}
}
