package handlers_test

import (
	"context"
	"errors"
	"os"
	"strings"
	"sync"
	"testing"

	"github.com/proxenos/proxenos"
	"github.com/proxenos/proxenos/chat"
	"github.com/proxenos/proxenos/handlers/corr"
	"github.com/proxenos/proxenos/handlers/translation"
	"github.com/proxenos/proxenos/i18n"
	"github.com/proxenos/proxenos/letter"
	"github.com/proxenos/proxenos/translate/fakellm"
)

// fakeForms records the forms a handler opens and updates.
type fakeForms struct {
	mu      sync.Mutex
	opened  []*chat.Modal
	updated []*chat.Modal
	fail    error // OpenForm's error: Slack's trigger ran out
}

func (f *fakeForms) OpenForm(_ context.Context, m *chat.Modal) (string, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.fail != nil {
		return "", f.fail
	}
	c := *m
	c.Inputs = append([]chat.Input(nil), m.Inputs...)
	f.opened = append(f.opened, &c)
	return "V1", nil
}

func (f *fakeForms) UpdateForm(_ context.Context, id string, m *chat.Modal) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	if id != "V1" {
		return errors.New("no such view")
	}
	f.updated = append(f.updated, m)
	return nil
}

// initials returns the prefilled values of m by input id.
func initials(m *chat.Modal) map[string]string {
	out := map[string]string{}
	for _, in := range m.Inputs {
		out[in.ID] = in.Initial
	}
	return out
}

// logEnv is a register with a partner whose people write from
// nicosia.org.cy, a Slack message carrying the Nicosia e-mail (ISO-8859-7,
// quoted-printable), and the letter desk of the office.
func logEnv(t *testing.T) (*testEnv, *fakeConversations) {
	t.Helper()
	env := newTestEnv(t)
	eml, err := os.ReadFile("testdata/nicosia-8859-7.eml")
	if err != nil {
		t.Fatal(err)
	}
	conv := &fakeConversations{files: map[string][]byte{"https://files/F1": eml}}
	env.h.Conversations = conv
	env.h.Letters = &letter.Desk{Office: letter.Office{Domains: []string{"maroussi.gr"}, Names: []string{"Δήμος Αμαρουσίου"}}}
	ctx := proxenos.NewContextWithTeam(context.Background(), testTeam)
	p := &proxenos.Partner{Name: "Λευκωσία", Kind: proxenos.KindMunicipality, Country: "CY",
		People: []proxenos.Person{{Name: "Ελένη Κυριάκου", Email: "Diethnis@Nicosia.org.cy"}}}
	if err := env.h.Partners.CreatePartner(ctx, p); err != nil {
		t.Fatal(err)
	}
	return env, conv
}

// shortcut uses "Log as correspondence" on message ts of C1, which
// carries the e-mail.
func shortcut(env *testEnv, ts string, forms chat.Forms) *chat.Response {
	return env.h.HandleAction(context.Background(), &chat.Action{ID: "a" + ts, Team: testTeam, User: "U1", Channel: "C1",
		Lang: i18n.Greek, ActionID: corr.ActionLogMessage, Value: "Δείτε το email της Λευκωσίας", MessageTS: ts,
		Files: []chat.File{{ID: "F1", Name: "CERV Λευκωσία.eml", Size: 3000, URL: "https://files/F1"}}, Forms: forms})
}

// logEmail uses the message shortcut on a message holding one of
// Slack's e-mail files, from the name and address given, and returns the
// form filled from it.
func logEmail(t *testing.T, env *testEnv, ts, from, address, subject string) *chat.Modal {
	t.Helper()
	forms := &fakeForms{}
	mail := &chat.Email{From: []chat.Mailbox{{Name: from, Address: address}},
		To: []chat.Mailbox{{Address: "international@maroussi.gr"}}, Subject: subject,
		Date: "Tue, 17 Nov 2026 09:12:44 +0100", MessageID: "<" + ts + "@example.org>", Text: subject + "\n\n" + from}
	env.h.HandleAction(context.Background(), &chat.Action{Team: testTeam, User: "U1", Channel: "C1", Lang: i18n.Greek,
		ActionID: corr.ActionLogMessage, MessageTS: ts, Forms: forms,
		Files: []chat.File{{ID: "F" + ts, Name: subject, Mimetype: "text/html", Size: 4000, URL: "https://files/none", Email: mail}}})
	if len(forms.updated) != 1 {
		t.Fatalf("updated %d forms", len(forms.updated))
	}
	return forms.updated[0]
}

// submit submits a form as Slack would, with its prefilled values.
func submit(env *testEnv, m *chat.Modal) (*chat.Response, chat.FieldErrors) {
	return env.h.HandleSubmission(context.Background(), &chat.Submission{ID: "s1", Team: testTeam, User: "U1", Channel: "C1",
		Lang: i18n.Greek, CallbackID: m.CallbackID, Metadata: m.Metadata, Values: initials(m)})
}

// TestLogMessage uses the message shortcut on a forwarded Greek e-mail:
// the form opens at once, is filled from the e-mail (sender matched to
// the partner by its people's domain), and the entry keeps the message's
// link; the same message, or the same e-mail shared again, is not logged
// twice.
func TestLogMessage(t *testing.T) {
	env, _ := logEnv(t)
	forms := &fakeForms{}
	resp := shortcut(env, "1712345678.000100", forms)
	if len(forms.opened) != 1 || len(forms.updated) != 1 {
		t.Fatalf("opened %d, updated %d forms (response %+v); want the form opened at once and filled after", len(forms.opened), len(forms.updated), resp)
	}
	if got := strings.Join(forms.opened[0].Notes, " "); !strings.Contains(got, "Διαβάζω το μήνυμα") {
		t.Errorf("the form opened without saying it is being read: %q", got)
	}
	if resp != nil && (resp.Text != "" || resp.Modal != nil) {
		t.Errorf("answer after the form was filled: %+v", resp)
	}
	m := forms.updated[0]
	got := initials(m)
	want := map[string]string{"direction": "in", "counterpart": "Λευκωσία", "subject": "Κοινή υποβολή πρότασης στο πρόγραμμα CERV",
		"date": "2026-10-19", "lang": "el", "country": "CY", "ref": "7781/2026", "medium": "email", "attach": "CERV Λευκωσία.eml"}
	for id, w := range want {
		if got[id] != w {
			t.Errorf("%s = %q, want %q", id, got[id], w)
		}
	}
	if !strings.Contains(got["summary"], "Λευκωσίας προτείνει") {
		t.Errorf("summary = %q, want the start of the letter", got["summary"])
	}
	if resp, errs := submit(env, m); errs != nil || !strings.Contains(resp.Text, "1/2026") {
		t.Fatalf("submission refused: %+v %v", resp, errs)
	}
	c, err := env.corr.FindCorrespondenceByNumber(proxenos.NewContextWithTeam(context.Background(), testTeam), proxenos.ProtocolNumber{Year: 2026, Number: 1})
	if err != nil {
		t.Fatal(err)
	}
	if c.PartnerID == "" || c.SourceURL != "https://maroussi.slack.com/archives/C1/p1712345678000100" || len(c.Sources) != 2 {
		t.Errorf("entry: partner %q, link %q, sources %v; want the partner, the message's link and two sources", c.PartnerID, c.SourceURL, c.Sources)
	}
	show := env.h.HandleCommand(context.Background(), &chat.Request{Team: testTeam, User: "U1", Lang: i18n.Greek, Command: "/corr", Text: "show 1/2026"})
	if text := allText(show); !strings.Contains(text, "Από μήνυμα:* <https://maroussi.slack.com/archives/C1/p1712345678000100|το μήνυμα στο Slack>") {
		t.Errorf("/corr show does not link the message:\n%s", text)
	}

	t.Run("SameMessage", func(t *testing.T) {
		forms := &fakeForms{}
		resp := shortcut(env, "1712345678.000100", forms)
		if len(forms.opened) != 0 || !strings.Contains(resp.Text, "έχει ήδη καταχωρηθεί με αρ. πρωτ. 1/2026") {
			t.Fatalf("got %q (forms opened: %d), want the entry's number and no form", resp.Text, len(forms.opened))
		}
		if buttons(resp)[corr.ActionCorrShow].Value != "1/2026" {
			t.Errorf("no button to show 1/2026: %+v", resp.Blocks)
		}
	})
	t.Run("SameEmailAgain", func(t *testing.T) {
		forms := &fakeForms{}
		shortcut(env, "1712349999.000200", forms)
		if len(forms.updated) != 1 || !strings.Contains(strings.Join(forms.updated[0].Notes, " "), "1/2026") {
			t.Fatalf("the form of the same e-mail shared again does not say it was logged as 1/2026: %+v", forms.updated)
		}
		_, errs := submit(env, forms.updated[0])
		resp, _ := submit(env, forms.updated[0])
		if errs == nil && (resp == nil || !strings.Contains(resp.Text, "1/2026")) {
			t.Fatalf("the same e-mail was logged twice: %+v %v", resp, errs)
		}
		if _, err := env.corr.FindCorrespondenceByNumber(proxenos.NewContextWithTeam(context.Background(), testTeam), proxenos.ProtocolNumber{Year: 2026, Number: 2}); proxenos.ErrorCode(err) != proxenos.ENOTFOUND {
			t.Fatalf("entry 2/2026 exists: %v", err)
		}
	})
}

// TestLogMessage_FormLate: when Slack's trigger has run out before the
// form could open, the user gets a button that opens it, and the button
// reads the message again.
func TestLogMessage_FormLate(t *testing.T) {
	env, conv := logEnv(t)
	resp := shortcut(env, "1712345678.000100", &fakeForms{fail: errors.New("expired_trigger_id")})
	b := buttons(resp)[corr.ActionLogAgain]
	if b.Value == "" || !strings.Contains(resp.Text, "Η φόρμα δεν άνοιξε εγκαίρως") {
		t.Fatalf("got %+v, want a button to open the form", resp)
	}
	conv.messages = map[string]*chat.Message{"C1/1712345678.000100": {Text: "fwd", Files: []chat.File{{ID: "F1", Name: "mail.eml", Size: 3000, URL: "https://files/F1"}}}}
	forms := &fakeForms{}
	env.h.HandleAction(context.Background(), &chat.Action{Team: testTeam, User: "U1", Channel: "C1", Lang: i18n.Greek,
		ActionID: corr.ActionLogAgain, Value: b.Value, Forms: forms})
	if len(forms.updated) != 1 || initials(forms.updated[0])["ref"] != "7781/2026" {
		t.Fatalf("the button did not open the filled form: %+v", forms.updated)
	}
}

// TestLogMessage_Unreadable: a file that is not a letter still opens the
// form, with the message's text and a note saying what could not be read.
func TestLogMessage_Unreadable(t *testing.T) {
	env, conv := logEnv(t)
	conv.files["https://files/F2"] = []byte("From: x\n\nnot a zip")
	forms := &fakeForms{}
	env.h.HandleAction(context.Background(), &chat.Action{Team: testTeam, User: "U1", Channel: "C1", Lang: i18n.English,
		ActionID: corr.ActionLogMessage, Value: "Subject: Twinning anniversary\nRef.: KS-2026/44", MessageTS: "5.5", Forms: forms,
		Files: []chat.File{{ID: "F2", Name: "broken.docx", Size: 20, URL: "https://files/F2"}}})
	if len(forms.updated) != 1 {
		t.Fatalf("updated %d forms", len(forms.updated))
	}
	got := initials(forms.updated[0])
	if got["subject"] != "Twinning anniversary" || got["ref"] != "KS-2026/44" || got["attach"] != "broken.docx" {
		t.Errorf("got %v, want the text's subject and reference and the file's name", got)
	}
}

// TestTranslate_LogFromDraft: "Log as correspondence" on a draft reads the
// original message as the shortcut does, and the entry links the draft.
func TestTranslate_LogFromDraft(t *testing.T) {
	env := newTranslateEnv(t, fakellm.Options{Language: "de"})
	env.h.Letters = &letter.Desk{}
	original := "Betreff: Besuch der Delegation aus Kassel\nUnser Zeichen: KS-2026/44\n\nSehr geehrte Damen und Herren,\n\nwir laden Sie ein."
	env.conv.messages = map[string]*chat.Message{"C1/200.1": {Text: original}}
	r := &fakeReplier{}
	env.h.HandleAction(context.Background(), &chat.Action{Team: testTeam, User: "U1", Channel: "C1", Lang: i18n.Greek,
		ActionID: translation.ActionTranslateMessage, Value: original, MessageTS: "200.1", Replier: r})
	final := r.updates[len(r.updates)-1]
	forms := &fakeForms{}
	env.h.HandleAction(context.Background(), &chat.Action{Team: testTeam, User: "U1", Channel: "C1", Lang: i18n.Greek, MessageTS: "300.1",
		ActionID: translation.ActionTranslateLog, Value: buttons(final)[translation.ActionTranslateLog].Value, Forms: forms})
	if len(forms.updated) != 1 {
		t.Fatalf("updated %d forms, want the form filled from the original", len(forms.updated))
	}
	m := forms.updated[0]
	if got := initials(m); got["subject"] != "Besuch der Delegation aus Kassel" || got["ref"] != "KS-2026/44" || got["lang"] != "de" {
		t.Errorf("got %v, want the original's subject, reference and language", got)
	}
	// The letter names no sender: the person types it.
	for i := range m.Inputs {
		if m.Inputs[i].ID == "counterpart" {
			m.Inputs[i].Initial = "Stadt Kassel"
		}
	}
	if resp, errs := submit(env.testEnv, m); errs != nil || !strings.Contains(resp.Text, "1/2026") {
		t.Fatalf("submission: %+v %v", resp, errs)
	}
	c, err := env.corr.FindCorrespondenceByNumber(proxenos.NewContextWithTeam(context.Background(), testTeam), proxenos.ProtocolNumber{Year: 2026, Number: 1})
	if err != nil {
		t.Fatal(err)
	}
	if c.TranslationURL != "https://maroussi.slack.com/archives/C1/p3001" || c.SourceURL != "https://maroussi.slack.com/archives/C1/p2001" {
		t.Errorf("links: translation %q, source %q", c.TranslationURL, c.SourceURL)
	}
	show := env.h.HandleCommand(context.Background(), &chat.Request{Team: testTeam, User: "U1", Lang: i18n.Greek, Command: "/corr", Text: "show 1/2026"})
	if !strings.Contains(allText(show), "Μετάφραση:* <https://maroussi.slack.com/archives/C1/p3001|το πρόχειρο μετάφρασης>") {
		t.Errorf("/corr show does not list the translation:\n%s", allText(show))
	}
}

// TestLogMessage_SlackEmail logs an e-mail forwarded to Slack (Slack keeps
// its headers and plain text in the file): the headers fill the form
// without a download.
func TestLogMessage_SlackEmail(t *testing.T) {
	env, _ := logEnv(t)
	forms := &fakeForms{}
	mail := &chat.Email{From: []chat.Mailbox{{Name: "Stadt Kassel – Büro für Städtepartnerschaften", Address: "partnerschaften@kassel.de"}},
		To: []chat.Mailbox{{Address: "international@maroussi.gr"}}, Subject: "AW: Besuch der Delegation im März",
		Date: "Tue, 17 Nov 2026 09:12:44 +0100", MessageID: "<kassel-0311@kassel.de>",
		Text: "Sehr geehrte Damen und Herren,\n\nUnser Zeichen: 41.2-StP/2026\n\nwir bestätigen den Besuch.\n\nMit freundlichen Grüßen"}
	env.h.HandleAction(context.Background(), &chat.Action{Team: testTeam, User: "U1", Channel: "C1", Lang: i18n.Greek,
		ActionID: corr.ActionLogMessage, MessageTS: "7.7", Forms: forms,
		Files: []chat.File{{ID: "F7", Name: "AW: Besuch der Delegation im März", Mimetype: "text/html", Size: 4000, URL: "https://files/none", Email: mail}}})
	if len(forms.updated) != 1 {
		t.Fatalf("updated %d forms", len(forms.updated))
	}
	got := initials(forms.updated[0])
	want := map[string]string{"direction": "in", "subject": "Besuch der Delegation im März", "date": "2026-11-17", "lang": "de",
		"country": "DE", "ref": "41.2-StP/2026", "medium": "email"}
	for id, w := range want {
		if got[id] != w {
			t.Errorf("%s = %q, want %q", id, got[id], w)
		}
	}
	if !strings.Contains(forms.updated[0].Metadata, "email:kassel-0311@kassel.de") {
		t.Errorf("metadata %q lacks the Message-ID", forms.updated[0].Metadata)
	}
}

// TestTranslate_Email translates an e-mail file (.eml in ISO-8859-7): its
// subject and body, decoded, not its raw MIME.
func TestTranslate_Email(t *testing.T) {
	eml, err := os.ReadFile("testdata/nicosia-8859-7.eml")
	if err != nil {
		t.Fatal(err)
	}
	env := newTranslateEnv(t, fakellm.Options{Language: "el"})
	env.conv.files = map[string][]byte{"https://files/F1": eml}
	resp := env.h.HandleFiles(context.Background(), &chat.Event{Team: testTeam, User: "U1", Channel: "D1", Lang: i18n.Greek, TS: "5.5",
		Files: []chat.File{{ID: "F1", Name: "cerv.eml", Size: len(eml), URL: "https://files/F1"}}})
	text := allText(resp)
	for _, want := range []string{strings.ToUpper("Κοινή υποβολή πρότασης"), strings.ToUpper("Ο Δήμος Λευκωσίας προτείνει")} {
		if !strings.Contains(text, want) {
			t.Errorf("the draft lacks %q:\n%.600s", want, text)
		}
	}
	if strings.Contains(text, "=C1") || strings.Contains(strings.ToLower(text), "content-transfer-encoding") {
		t.Errorf("the draft holds raw MIME:\n%.600s", text)
	}
}

// TestLogMessage_ForwardedAsAttachment: an e-mail logged on its own, and
// then relayed (a comment after its Message-ID) or forwarded by a
// colleague as an attachment, is the same e-mail: the form says it was
// logged, with its number, and submitting the forward is refused.
func TestLogMessage_ForwardedAsAttachment(t *testing.T) {
	env, conv := logEnv(t)
	logFile := func(ts, name string) *fakeForms {
		t.Helper()
		eml, err := os.ReadFile("testdata/" + name)
		if err != nil {
			t.Fatal(err)
		}
		conv.files["https://files/"+name] = eml
		forms := &fakeForms{}
		env.h.HandleAction(context.Background(), &chat.Action{ID: "a" + ts, Team: testTeam, User: "U1", Channel: "C1",
			Lang: i18n.Greek, ActionID: corr.ActionLogMessage, MessageTS: ts, Forms: forms,
			Files: []chat.File{{ID: "F" + ts, Name: name, Size: len(eml), URL: "https://files/" + name}}})
		if len(forms.updated) != 1 {
			t.Fatalf("%s: updated %d forms", name, len(forms.updated))
		}
		return forms
	}
	first := logFile("20.1", "larnaca-204.eml")
	if resp, errs := submit(env, first.updated[0]); errs != nil || !strings.Contains(resp.Text, "1/2026") {
		t.Fatalf("the e-mail on its own: %+v %v", resp, errs)
	}
	// The same e-mail relayed: a comment after its Message-ID.
	relayed := logFile("20.3", "larnaca-204-relayed.eml").updated[0]
	if notes := strings.Join(relayed.Notes, " "); !strings.Contains(notes, "έχει ήδη καταχωρηθεί με αρ. πρωτ. 1/2026") {
		t.Errorf("the relayed e-mail's form does not say it was logged as 1/2026: %q", notes)
	}
	fw := logFile("20.2", "fw-larnaca-204.eml").updated[0]
	if notes := strings.Join(fw.Notes, " "); !strings.Contains(notes, "έχει ήδη καταχωρηθεί με αρ. πρωτ. 1/2026") {
		t.Errorf("the forward's form does not say the e-mail was logged as 1/2026: %q", notes)
	}
	// Another submission than the first (a request id of its own).
	resp, errs := env.h.HandleSubmission(context.Background(), &chat.Submission{ID: "s2", Team: testTeam, User: "U1", Channel: "C1",
		Lang: i18n.Greek, CallbackID: fw.CallbackID, Metadata: fw.Metadata, Values: initials(fw)})
	if errs != nil || resp == nil || !strings.Contains(resp.Text, "έχει ήδη καταχωρηθεί με αρ. πρωτ. 1/2026") {
		t.Errorf("submitting the forward: %+v %v, want it refused as logged as 1/2026", resp, errs)
	}
	if _, err := env.corr.FindCorrespondenceByNumber(proxenos.NewContextWithTeam(context.Background(), testTeam), proxenos.ProtocolNumber{Year: 2026, Number: 2}); proxenos.ErrorCode(err) != proxenos.ENOTFOUND {
		t.Fatalf("the forward was logged as 2/2026: %v", err)
	}
}
