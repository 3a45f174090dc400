// Package setup is /ir setup: in distribution mode, the form on which a
// workspace's admin or installer sets the workspace's own settings
// (proxenos.Settings): the office channel, language and time zone, who
// may use the bot, the reminders and the model. In single-workspace mode
// the settings are the process's, and /ir setup names their variables.
package setup

import (
	"context"
	"slices"
	"strconv"
	"strings"

	"github.com/proxenos/proxenos"
	"github.com/proxenos/proxenos/chat"
	"github.com/proxenos/proxenos/handlers"
	"github.com/proxenos/proxenos/i18n"
)

// FormID routes the submission of the settings form.
const FormID = "ir_setup"

// Handler answers /ir setup and its form, over the kernel's Workspaces.
type Handler struct {
	k *handlers.Handler
}

// New returns the /ir setup module of kernel k.
func New(k *handlers.Handler) *Handler { return &Handler{k: k} }

// Module is what the module adds to the kernel: the subcommand and the
// form, both for the workspace's settings admins (handlers.Subcommand.Admin).
func (h *Handler) Module() handlers.Module {
	return handlers.Module{
		Commands: []*handlers.Command{{Name: "/ir", Subcommands: []handlers.Subcommand{{Name: "setup",
			Aliases: []string{"settings", "ρυθμισεις"}, Usage: "help.ir.setup.usage", Description: "help.ir.setup.description",
			Examples: []string{"help.ir.setup.example"}, Handler: h.open, Admin: true}}}},
		Forms: []handlers.Form{{CallbackID: FormID, Submit: h.submit, Admin: true}},
	}
}

// open answers /ir setup: the form, prefilled with what the workspace
// has (its own settings, the deployment's where it set none); in
// single-workspace mode, where the settings are set.
func (h *Handler) open(ctx context.Context, req *chat.Request) (*chat.Response, error) {
	lang := handlers.LangOf(req.Lang)
	if h.k.Workspaces == nil {
		return &chat.Response{Text: i18n.T(lang, "setup.single"), Ephemeral: true}, nil
	}
	s, err := h.k.Workspaces.Effective(ctx, req.Team)
	if err != nil {
		return nil, err
	}
	return &chat.Response{Text: i18n.T(lang, "setup.opening"), Ephemeral: true, Modal: form(lang, s)}, nil
}

// Inputs of the form, by id.
const (
	inChannel    = "channel"
	inLang       = "lang"
	inTimezone   = "timezone"
	inUsers      = "allowed_users"
	inGroups     = "allowed_groups"
	inAdmins     = "admins"
	inCallDays   = "call_days"
	inOblDays    = "obligation_days"
	inAgrDays    = "agreement_days"
	inRemindTime = "reminder_time"
	inDigestTime = "digest_time"
	inModel      = "model"
	inTokens     = "tokens"
	inDomains    = "office_domains"
	inNames      = "office_names"
)

// Values of the model switch.
const (
	modelOn  = "on"
	modelOff = "off"
)

// form builds the settings form, filled in from s.
func form(lang i18n.Lang, s *proxenos.Settings) *chat.Modal {
	users, groups := splitAllowed(s.AllowedUsers)
	model := modelOn
	if s.LLMOff {
		model = modelOff
	}
	tokens := ""
	if s.MonthlyTokens > 0 {
		tokens = strconv.Itoa(s.MonthlyTokens)
	}
	t := func(key string) string { return i18n.T(lang, key) }
	return &chat.Modal{CallbackID: FormID, Title: t("setup.title"), Submit: t("modal.submit"), Close: t("modal.close"),
		Notes: []string{t("setup.note")},
		Inputs: []chat.Input{
			{ID: inChannel, Label: t("setup.field.channel"), Hint: t("setup.hint.channel"), Kind: chat.ChannelInput, Optional: true, Initial: s.Channel},
			{ID: inLang, Label: t("setup.field.lang"), Kind: chat.SelectInput, Initial: string(handlers.LangOf(s.Lang)),
				Options: []chat.Option{{Value: string(i18n.Greek), Label: t("lang.name.el")}, {Value: string(i18n.English), Label: t("lang.name.en")}}},
			{ID: inTimezone, Label: t("setup.field.timezone"), Placeholder: "Europe/Athens", Optional: true, Initial: s.Timezone},
			{ID: inUsers, Label: t("setup.field.allowed_users"), Hint: t("setup.hint.allowed"), Kind: chat.UsersInput, Optional: true, Initial: users},
			{ID: inGroups, Label: t("setup.field.allowed_groups"), Hint: t("setup.hint.groups"), Placeholder: "S0123ABCD", Optional: true, Initial: groups},
			{ID: inAdmins, Label: t("setup.field.admins"), Hint: t("setup.hint.admins"), Kind: chat.UsersInput, Optional: true, Initial: strings.Join(s.Admins, ",")},
			{ID: inCallDays, Label: t("setup.field.call_days"), Hint: t("setup.hint.days"), Placeholder: "14, 7, 1", Optional: true, Initial: joinDays(s.CallDays)},
			{ID: inOblDays, Label: t("setup.field.obligation_days"), Placeholder: "14, 3", Optional: true, Initial: joinDays(s.ObligationDays)},
			{ID: inAgrDays, Label: t("setup.field.agreement_days"), Placeholder: "90, 30", Optional: true, Initial: joinDays(s.AgreementDays)},
			{ID: inRemindTime, Label: t("setup.field.reminder_time"), Placeholder: "09:00", Optional: true, Initial: s.ReminderTime},
			{ID: inDigestTime, Label: t("setup.field.digest_time"), Placeholder: "08:30", Optional: true, Initial: s.DigestTime},
			{ID: inModel, Label: t("setup.field.model"), Kind: chat.SelectInput, Initial: model,
				Options: []chat.Option{{Value: modelOn, Label: t("setup.model.on")}, {Value: modelOff, Label: t("setup.model.off")}}},
			{ID: inTokens, Label: t("setup.field.tokens"), Hint: t("setup.hint.tokens"), Placeholder: "2000000", Optional: true, Initial: tokens},
			{ID: inDomains, Label: t("setup.field.office_domains"), Hint: t("setup.hint.office_domains"), Placeholder: "maroussi.gr",
				Optional: true, Initial: strings.Join(s.OfficeDomains, ", ")},
			{ID: inNames, Label: t("setup.field.office_names"), Hint: t("setup.hint.office_names"), Optional: true,
				Initial: strings.Join(s.OfficeNames, ", ")},
		}}
}

// splitAllowed returns the users and the user groups of an allow-list,
// each joined by commas: a user picker cannot hold groups.
func splitAllowed(ids []string) (users, groups string) {
	var us, gs []string
	for _, id := range ids {
		if proxenos.IsGroupID(id) {
			gs = append(gs, id)
		} else {
			us = append(us, id)
		}
	}
	return strings.Join(us, ","), strings.Join(gs, ", ")
}

// joinDays writes days as the form asks for them: "14, 7, 1".
func joinDays(days []int) string {
	parts := make([]string, len(days))
	for i, d := range days {
		parts[i] = strconv.Itoa(d)
	}
	return strings.Join(parts, ", ")
}

// fieldOf places each error of Settings.Validate on its input.
var fieldOf = map[string]string{
	"settings.invalid.channel": inChannel, "settings.invalid.lang": inLang, "settings.invalid.timezone": inTimezone, "settings.invalid.timezone_utc": inTimezone,
	"settings.invalid.allowed": inGroups, "settings.invalid.admin": inAdmins, "settings.invalid.call_days": inCallDays,
	"settings.invalid.obligation_days": inOblDays, "settings.invalid.agreement_days": inAgrDays,
	"settings.invalid.reminder_time": inRemindTime, "settings.invalid.digest_time": inDigestTime,
	"settings.invalid.tokens": inTokens, "settings.invalid.office_domain": inDomains,
	"office_domains": inDomains, "office_names": inNames,
}

// submit reads the form, validates it (errors on their inputs) and
// saves the workspace's settings.
func (h *Handler) submit(ctx context.Context, sub *chat.Submission) (*chat.Response, error) {
	lang := handlers.LangOf(sub.Lang)
	if h.k.Workspaces == nil {
		return &chat.Response{Text: i18n.T(lang, "setup.single"), Ephemeral: true}, nil
	}
	s, errs := read(lang, sub.Values)
	if len(errs) > 0 {
		return nil, errs
	}
	s.UpdatedBy = sub.User
	if err := h.k.Workspaces.Save(ctx, s); err != nil {
		return nil, handlers.FormErrors(lang, err, fieldOf)
	}
	return &chat.Response{Text: i18n.T(handlers.LangOf(s.Lang), "setup.saved"), Ephemeral: true}, nil
}

// read returns the settings the form's values give, or the errors of
// the inputs that are not lists of days or a number.
func read(lang i18n.Lang, v map[string]string) (*proxenos.Settings, chat.FieldErrors) {
	errs := chat.FieldErrors{}
	s := &proxenos.Settings{Channel: strings.TrimSpace(v[inChannel]), Lang: proxenos.Lang(v[inLang]),
		Timezone: strings.TrimSpace(v[inTimezone]), Admins: ids(v[inAdmins]), LLMOff: v[inModel] == modelOff,
		ReminderTime: strings.TrimSpace(v[inRemindTime]), DigestTime: strings.TrimSpace(v[inDigestTime]),
		OfficeDomains: domains(v[inDomains]), OfficeNames: handlers.SplitList(v[inNames])}
	s.AllowedUsers = append(ids(v[inUsers]), ids(v[inGroups])...)
	for _, f := range []struct {
		id   string
		days *[]int
	}{{inCallDays, &s.CallDays}, {inOblDays, &s.ObligationDays}, {inAgrDays, &s.AgreementDays}} {
		days, ok := parseDays(v[f.id])
		if !ok {
			errs[f.id] = i18n.T(lang, "setup.invalid.days", v[f.id])
		}
		*f.days = days
	}
	if t := strings.TrimSpace(v[inTokens]); t != "" {
		n, err := strconv.Atoi(strings.NewReplacer(".", "", " ", "", ",", "").Replace(t))
		if err != nil {
			errs[inTokens] = i18n.T(lang, "setup.invalid.tokens", t)
		}
		s.MonthlyTokens = n
	}
	return s, errs
}

// domains reads the office's mail domains, written with commas or
// spaces, as DNS writes them: in lower case, with no @ before them.
func domains(s string) []string {
	out := ids(strings.ToLower(s))
	for i, d := range out {
		out[i] = strings.TrimPrefix(d, "@")
	}
	return out
}

// ids splits a list of Slack ids written with commas or spaces.
func ids(s string) []string {
	out := strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ' ' || r == ';' })
	return slices.Compact(out)
}

// parseDays reads "14, 7, 1" as days, and false when a part is not a
// whole number; nil for an empty list (the deployment's days).
func parseDays(s string) ([]int, bool) {
	var days []int
	for _, part := range strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ' ' || r == ';' }) {
		n, err := strconv.Atoi(part)
		if err != nil {
			return nil, false
		}
		days = append(days, n)
	}
	return days, true
}
