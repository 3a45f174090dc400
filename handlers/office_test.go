package handlers_test

import (
	"context"
	"time"

	"github.com/proxenos/proxenos"
	"github.com/proxenos/proxenos/chat"
	"github.com/proxenos/proxenos/handlers"
	"github.com/proxenos/proxenos/handlers/call"
	"github.com/proxenos/proxenos/handlers/corr"
	"github.com/proxenos/proxenos/handlers/home"
	"github.com/proxenos/proxenos/handlers/ir"
	"github.com/proxenos/proxenos/handlers/mou"
	"github.com/proxenos/proxenos/handlers/partner"
	"github.com/proxenos/proxenos/handlers/translation"
	"github.com/proxenos/proxenos/i18n"
	"github.com/proxenos/proxenos/report"
)

// office is the kernel with every register's module, set up as the tests
// set it: services are fields, and each request first hands the current
// ones to the modules that use them.
type office struct {
	*handlers.Handler

	Correspondence     proxenos.CorrespondenceService
	Partners           proxenos.PartnerService
	Calls              proxenos.CallService
	Agreements         proxenos.AgreementService
	Portal             call.TopicFinder
	Translator         translation.Translator
	Glossary           proxenos.GlossaryService
	Usage              proxenos.UsageService
	MonthlyTokenBudget int
	Conversations      translation.Conversations
	Letters            corr.Reader
	Documents          translation.DocumentReader
	ProgressInterval   time.Duration
	Reminders          ir.ReminderEngine
	CalendarFeeds      proxenos.CalendarService
	PublicURL          string

	corr        *corr.Handler
	partner     *partner.Handler
	call        *call.Handler
	mou         *mou.Handler
	translation *translation.Handler
	ir          *ir.Handler
	home        *home.Handler
}

// newOffice returns the kernel over corr and partners with every module.
func newOffice(corrs proxenos.CorrespondenceService, partners proxenos.PartnerService) *office {
	k := handlers.NewHandler()
	o := &office{Handler: k, Correspondence: corrs, Partners: partners}
	o.corr = corr.New(k, corrs, partners)
	o.partner = partner.New(k, partners, corrs)
	o.call = call.New(k, nil, partners)
	o.mou = mou.New(k, nil, partners)
	o.translation = translation.New(k, nil, o.corr, partners)
	o.ir = ir.New(k, report.Source{})
	o.home = home.New(k, corrs, partners)
	k.MustRegister(o.corr.Module(), o.partner.Module(),
		guarded(o.call.Module(), func() bool { return o.Calls != nil }),
		guarded(o.mou.Module(), func() bool { return o.Agreements != nil }),
		o.translation.Module(), o.ir.Module(), o.home.Module())
	return o
}

// sync hands the current services to the modules.
func (o *office) sync() {
	o.corr.Correspondence, o.corr.Partners.PartnerService, o.corr.Reader = o.Correspondence, o.Partners, o.Letters
	o.corr.Conversations, _ = o.Conversations.(corr.Conversations)
	o.partner.Correspondence, o.partner.Partners.PartnerService, o.partner.Agreements = o.Correspondence, o.Partners, nil
	o.call.Calls, o.call.Partners.PartnerService, o.call.Portal = o.Calls, o.Partners, o.Portal
	o.mou.Agreements, o.mou.Partners.PartnerService = o.Agreements, o.Partners
	if o.Agreements != nil {
		o.partner.Agreements = o.mou
	}
	t := o.translation
	t.Translator, t.Partners, t.Glossary, t.Usage = o.Translator, o.Partners, o.Glossary, o.Usage
	t.MonthlyTokenBudget, t.Conversations, t.Documents, t.ProgressInterval = o.MonthlyTokenBudget, o.Conversations, o.Documents, o.ProgressInterval
	o.ir.Reminders, o.ir.CalendarFeeds, o.ir.PublicURL = o.Reminders, o.CalendarFeeds, o.PublicURL
	o.ir.Report = report.Source{Correspondence: o.Correspondence, Partners: o.Partners, Calls: o.Calls, Agreements: o.Agreements}
	o.home.Correspondence, o.home.Partners, o.home.Calls, o.home.Agreements = o.Correspondence, o.Partners, o.Calls, o.Agreements
}

func (o *office) HandleCommand(ctx context.Context, req *chat.Request) *chat.Response {
	o.sync()
	return o.Handler.HandleCommand(ctx, req)
}

func (o *office) HandleSubmission(ctx context.Context, sub *chat.Submission) (*chat.Response, chat.FieldErrors) {
	o.sync()
	return o.Handler.HandleSubmission(ctx, sub)
}

func (o *office) HandleAction(ctx context.Context, act *chat.Action) *chat.Response {
	o.sync()
	return o.Handler.HandleAction(ctx, act)
}

func (o *office) HandleMention(ctx context.Context, ev *chat.Event) *chat.Response {
	o.sync()
	return o.Handler.HandleMention(ctx, ev)
}

func (o *office) HandleFiles(ctx context.Context, ev *chat.Event) *chat.Response {
	o.sync()
	return o.Handler.HandleFiles(ctx, ev)
}

func (o *office) HandleHomeOpened(ctx context.Context, ev *chat.Event) *chat.Response {
	o.sync()
	return o.Handler.HandleHomeOpened(ctx, ev)
}

func (o *office) Commands() []handlers.Command {
	o.sync()
	return o.Handler.Commands()
}

func (o *office) ButtonIDs() []string {
	o.sync()
	return o.Handler.ButtonIDs()
}

func (o *office) FormIDs() []string {
	o.sync()
	return o.Handler.FormIDs()
}

// guarded returns m answering "not set up" to its commands and forms
// while set reports false: the tests leave /call and /mou without a
// register, as a server without them would be.
func guarded(m handlers.Module, set func() bool) handlers.Module {
	for _, c := range m.Commands {
		name := c.Name
		guard := func(next handlers.HandlerFunc) handlers.HandlerFunc {
			return func(ctx context.Context, req *chat.Request) (*chat.Response, error) {
				if !set() {
					return &chat.Response{Text: i18n.T(handlers.LangOf(req.Lang), "command.not_configured", name), Ephemeral: true}, nil
				}
				return next(ctx, req)
			}
		}
		c.Middlewares = append(c.Middlewares, guard)
	}
	for i, f := range m.Forms {
		submit := f.Submit
		m.Forms[i].Submit = func(ctx context.Context, sub *chat.Submission) (*chat.Response, error) {
			if !set() {
				return nil, proxenos.Errorf(proxenos.EINVALID, "command.not_configured", m.Commands[0].Name)
			}
			return submit(ctx, sub)
		}
	}
	return m
}
