package scheduler

import (
	"context"
	"strings"

	"github.com/proxenos/proxenos"
)

// describe fills in what r's item belongs to (Reminder.About): for an
// obligation its agreement and the agreement's partners, for an agreement
// or a call its partners. It is best effort: the reminder goes out
// without it when they cannot be read.
func (s *Scheduler) describe(ctx context.Context, r *proxenos.Reminder) {
	var parts, partnerIDs []string
	switch r.Kind {
	case proxenos.ReminderObligation:
		a, err := s.Agreements.FindAgreementByID(ctx, r.Sub)
		if err != nil {
			s.logDescribe(ctx, r, err)
			return
		}
		parts, partnerIDs = append(parts, a.Title), a.PartnerIDs
	case proxenos.ReminderAgreementEnd, proxenos.ReminderAgreementNotice:
		a, err := s.Agreements.FindAgreementByID(ctx, r.ItemID)
		if err != nil {
			s.logDescribe(ctx, r, err)
			return
		}
		partnerIDs = a.PartnerIDs
	case proxenos.ReminderCallDeadline, proxenos.ReminderCallMilestone:
		c, err := s.Calls.FindCallByID(ctx, r.ItemID)
		if err != nil {
			s.logDescribe(ctx, r, err)
			return
		}
		partnerIDs = c.PartnerIDs
	}
	if s.Partners != nil {
		for _, id := range partnerIDs {
			p, err := s.Partners.FindPartnerByID(ctx, id)
			if err != nil {
				s.logDescribe(ctx, r, err)
				continue
			}
			parts = append(parts, p.Name)
		}
	}
	r.About = strings.Join(parts, " · ")
}

// logDescribe notes that a reminder goes out without naming what it
// belongs to; a deleted item is no news.
func (s *Scheduler) logDescribe(ctx context.Context, r *proxenos.Reminder, err error) {
	if proxenos.ErrorCode(err) != proxenos.ENOTFOUND {
		s.Logger.WarnContext(ctx, "reminder sent without its agreement or partners", "key", r.Key(), "error", err)
	}
}
