package partner

import (
	"context"
	"strings"

	"github.com/proxenos/proxenos"
	"github.com/proxenos/proxenos/chat"
	"github.com/proxenos/proxenos/handlers/corr"
	"github.com/proxenos/proxenos/i18n"
)

// maxLinkedShown is how many newly linked letters an answer lists.
const maxLinkedShown = 10

// linkLetters links to p the entries logged before p was in the
// directory, or under a name it has been given since: those without a
// partner whose counterpart is p's name, original name or an alias (by
// SearchKey).
// It returns them, linked. The partner is saved already: a failure is
// logged, and the next edit of the partner links the rest.
func (h *Handler) linkLetters(ctx context.Context, p *proxenos.Partner) []*proxenos.Correspondence {
	linked, err := h.findAndLink(ctx, p)
	if err != nil {
		h.k.Log().WarnContext(ctx, "older letters not linked to a partner; its next edit links them", "partner", p.ID, "error", err)
	}
	return linked
}

// findAndLink is linkLetters, stopping at the first error.
func (h *Handler) findAndLink(ctx context.Context, p *proxenos.Partner) ([]*proxenos.Correspondence, error) {
	keys := map[string]bool{}
	var names []string
	for _, n := range p.Names() {
		if k := proxenos.SearchKey(strings.TrimSpace(n)); k != "" && !keys[k] {
			keys[k] = true
			names = append(names, n)
		}
	}
	var linked []*proxenos.Correspondence
	seen := map[string]bool{}
	for _, name := range names {
		// The counterpart holds every word of the name: search finds it.
		f := proxenos.CorrespondenceFilter{Query: name, Limit: proxenos.MaxListLimit}
		for {
			page, _, err := h.Correspondence.FindCorrespondence(ctx, f)
			if err != nil {
				return linked, err
			}
			for _, c := range page {
				if c.PartnerID != "" || seen[c.ID] || !keys[proxenos.SearchKey(strings.TrimSpace(c.Counterpart))] {
					continue
				}
				seen[c.ID] = true
				got, err := h.Correspondence.UpdateCorrespondence(ctx, c.Protocol, proxenos.CorrespondenceUpdate{PartnerID: &p.ID})
				if err != nil {
					return linked, err
				}
				linked = append(linked, got)
			}
			if len(page) < f.Limit {
				break
			}
			f.Offset += len(page)
		}
	}
	return linked, nil
}

// withLinked adds to an answer about p the letters just linked to it.
func (h *Handler) withLinked(ctx context.Context, resp *chat.Response, lang i18n.Lang, p *proxenos.Partner, linked []*proxenos.Correspondence) *chat.Response {
	if len(linked) == 0 {
		return resp
	}
	lines := []string{i18n.T(lang, "partner.linked_letters", len(linked), chat.Escape(p.Name))}
	for _, c := range linked[:min(len(linked), maxLinkedShown)] {
		lines = append(lines, "• "+corr.Line(lang, c, h.k.Zone(ctx)))
	}
	if more := len(linked) - maxLinkedShown; more > 0 {
		lines = append(lines, i18n.T(lang, "partner.linked_more", more, chat.Escape(p.Name)))
	}
	text := strings.Join(lines, "\n")
	resp.Text += "\n" + text
	resp.Blocks = append(resp.Blocks, chat.Section{Text: text})
	return resp
}
