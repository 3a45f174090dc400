package corr

import (
	"context"
	"strings"
	"time"

	"github.com/proxenos/proxenos"
	"github.com/proxenos/proxenos/chat"
	"github.com/proxenos/proxenos/handlers"
	"github.com/proxenos/proxenos/i18n"
)

// ModalCallback routes the submission of the correspondence modal.
// Metadata empty: a new entry; Metadata "42/2026": that entry, edited.
const ModalCallback = "corr_new"

// corrModalNew answers a bare /corr with an empty modal.
func (h *Handler) corrModalNew(ctx context.Context, req *chat.Request) (*chat.Response, error) {
	lang := handlers.LangOf(req.Lang)
	return &chat.Response{Text: i18n.T(lang, "corr.modal.opening"), Ephemeral: true, Modal: h.Modal(ctx, lang, nil)}, nil
}

// Modal builds the correspondence form, filled in from c when editing.
func (h *Handler) Modal(ctx context.Context, lang i18n.Lang, c *proxenos.Correspondence) *chat.Modal {
	// Slack's date picker takes its initial date as 2026-11-26.
	in := corrInput{Direction: string(proxenos.Incoming), Date: h.k.Clock(ctx).Format(time.DateOnly)}
	m := &chat.Modal{
		CallbackID: ModalCallback,
		Title:      i18n.T(lang, "corr.modal.title_new"),
		Submit:     i18n.T(lang, "modal.submit"),
		Close:      i18n.T(lang, "modal.close"),
	}
	if c != nil {
		in = inputOf(c, h.k.Zone(ctx))
		m.Title = i18n.T(lang, "corr.modal.title_edit", c.Protocol.String())
		m.Metadata = c.Protocol.String()
	}
	dirs := []chat.Option{
		{Value: string(proxenos.Incoming), Label: i18n.T(lang, "corr.direction.in")},
		{Value: string(proxenos.Outgoing), Label: i18n.T(lang, "corr.direction.out")},
	}
	var media []chat.Option
	for _, md := range []proxenos.Medium{proxenos.MediumEmail, proxenos.MediumLetter, proxenos.MediumOther} {
		media = append(media, chat.Option{Value: string(md), Label: i18n.T(lang, "corr.medium."+string(md))})
	}
	m.Inputs = []chat.Input{
		{ID: "direction", Label: i18n.T(lang, "corr.field.direction"), Kind: chat.SelectInput, Options: dirs, Initial: in.Direction},
		{ID: "counterpart", Label: i18n.T(lang, "corr.field.counterpart"), Hint: i18n.T(lang, "corr.hint.counterpart"), Initial: in.Counterpart},
		{ID: "cc", Label: i18n.T(lang, "corr.field.copies"), Hint: i18n.T(lang, "corr.hint.copies"), Optional: true, Initial: in.Copies},
		{ID: "subject", Label: i18n.T(lang, "corr.field.subject"), Initial: in.Subject},
		{ID: "date", Label: i18n.T(lang, "corr.field.date"), Kind: chat.DateInput, Initial: in.Date},
		{ID: "summary", Label: i18n.T(lang, "corr.field.summary"), Kind: chat.LongTextInput, Optional: true, Initial: in.Summary},
		{ID: "country", Label: i18n.T(lang, "corr.field.country"), Placeholder: "IT", Optional: true, Initial: in.Country},
		{ID: "lang", Label: i18n.T(lang, "corr.field.lang"), Placeholder: "de", Optional: true, Initial: in.Language},
		{ID: "medium", Label: i18n.T(lang, "corr.field.medium"), Kind: chat.SelectInput, Options: media, Optional: true, Initial: in.Medium},
		{ID: "ref", Label: i18n.T(lang, "corr.field.ref"), Hint: i18n.T(lang, "corr.hint.ref"), Optional: true, Initial: in.Ref},
		{ID: "attach", Label: i18n.T(lang, "corr.field.attachments"), Hint: i18n.T(lang, "hint.attachments"), Optional: true, Initial: in.Attach},
		{ID: "tags", Label: i18n.T(lang, "corr.field.tags"), Hint: i18n.T(lang, "hint.comma_list"), Optional: true, Initial: in.Tags},
		{ID: "related", Label: i18n.T(lang, "corr.field.related"), Optional: true, Initial: in.Related},
	}
	return m
}

// submitCorrespondence stores a submitted correspondence modal: a new
// entry, or the one named in Metadata.
func (h *Handler) submitCorrespondence(ctx context.Context, sub *chat.Submission) (*chat.Response, error) {
	lang := handlers.LangOf(sub.Lang)
	v := sub.Values
	in := corrInput{
		Direction: v["direction"], Counterpart: v["counterpart"], Copies: v["cc"], Country: v["country"],
		Subject: v["subject"], Summary: v["summary"], Date: v["date"], Language: v["lang"], Medium: v["medium"], Ref: v["ref"],
		Attach: v["attach"], Tags: v["tags"], Related: v["related"],
	}
	// On the command line a missing date means today; the form shows
	// today already, so an emptied date is a mistake to point out.
	if strings.TrimSpace(in.Date) == "" {
		return nil, chat.FieldErrors{"date": i18n.T(lang, "corr.invalid.date")}
	}
	src, logged := strings.CutPrefix(sub.Metadata, logPrefix)
	if sub.Metadata != "" && !logged {
		p, err := proxenos.ParseProtocolNumber(sub.Metadata, h.k.Clock(ctx).Year())
		if err != nil {
			return nil, err
		}
		old, err := h.Correspondence.FindCorrespondenceByNumber(ctx, p)
		if err != nil {
			return nil, err
		}
		c, err := h.updateCorrespondence(ctx, old, in)
		if err != nil {
			return nil, corrFieldErrors(lang, err)
		}
		return h.corrUpdated(lang, c), nil
	}
	c, note, err := h.newCorrespondence(ctx, sub.User, in)
	if err == nil && logged {
		err = withSource(c, src)
	}
	if err == nil {
		err = h.Correspondence.CreateCorrespondence(ctx, c)
	}
	if err != nil {
		return nil, corrFieldErrors(lang, err)
	}
	return h.corrCreated(ctx, lang, c, note), nil
}

// corrFieldInputs maps the catalogue keys of validation errors, and the
// field names of length errors, to the modal input they concern.
var corrFieldInputs = map[string]string{
	"corr.invalid.direction": "direction", "corr.invalid.year": "date", "corr.invalid.date": "date", "corr.invalid.date_future": "date",
	"input.invalid_date": "date", "input.date_year": "date", "corr.required.subject": "subject", "corr.required.counterpart": "counterpart",
	"corr.invalid.medium": "medium", "input.invalid_lang": "lang", "input.invalid_country": "country",
	"subject": "subject", "summary": "summary", "counterpart": "counterpart", "country": "country",
	"lang": "lang", "ref": "ref", "related": "related", "tags": "tags", "attachments": "attach", "cc": "cc",
}

// corrFieldErrors turns an EINVALID error into FieldErrors for the
// correspondence modal; other errors pass through.
func corrFieldErrors(lang i18n.Lang, err error) error {
	return handlers.FormErrors(lang, err, corrFieldInputs)
}
