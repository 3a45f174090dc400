package main

import (
	"github.com/proxenos/proxenos/handlers"
	"github.com/proxenos/proxenos/handlers/call"
	"github.com/proxenos/proxenos/handlers/corr"
	"github.com/proxenos/proxenos/handlers/home"
	"github.com/proxenos/proxenos/handlers/ir"
	"github.com/proxenos/proxenos/handlers/mou"
	"github.com/proxenos/proxenos/handlers/partner"
	"github.com/proxenos/proxenos/handlers/setup"
	"github.com/proxenos/proxenos/handlers/translation"
	"github.com/proxenos/proxenos/report"
	"github.com/proxenos/proxenos/storage"
)

// Modules are the registers' modules of the kernel. Adding a register
// means one line here (and its package).
type Modules struct {
	Correspondence *corr.Handler
	Partners       *partner.Handler
	Calls          *call.Handler
	Agreements     *mou.Handler
	Translation    *translation.Handler
	IR             *ir.Handler
	Home           *home.Handler
	Setup          *setup.Handler
}

// newModules builds every module over the store and registers it with k,
// in the order help lists their commands.
func newModules(k *handlers.Handler, s *storage.Store) *Modules {
	c := corr.New(k, s.Correspondence, s.Partners)
	a := mou.New(k, s.Agreements, s.Partners)
	p := partner.New(k, s.Partners, s.Correspondence)
	p.Agreements = a
	t := translation.New(k, nil, c, s.Partners)
	t.Glossary, t.Usage = s.Glossary, s.Usage
	h := home.New(k, s.Correspondence, s.Partners)
	h.Calls, h.Agreements = s.Calls, s.Agreements
	ms := &Modules{
		Correspondence: c, Partners: p, Calls: call.New(k, s.Calls, s.Partners), Agreements: a, Translation: t,
		IR:   ir.New(k, report.Source{Correspondence: s.Correspondence, Partners: s.Partners, Calls: s.Calls, Agreements: s.Agreements}),
		Home: h, Setup: setup.New(k),
	}
	k.MustRegister(c.Module(), p.Module(), ms.Calls.Module(), a.Module(), t.Module(), ms.IR.Module(), ms.Setup.Module(), h.Module())
	return ms
}
