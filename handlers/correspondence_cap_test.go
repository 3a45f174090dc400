package handlers_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/proxenos/proxenos"
	"github.com/proxenos/proxenos/i18n"
)

// cappedRegister answers every search with one page and a total at the
// store's counting cap.
type cappedRegister struct {
	proxenos.CorrespondenceService
}

func (cappedRegister) FindCorrespondence(_ context.Context, f proxenos.CorrespondenceFilter) ([]*proxenos.Correspondence, int, error) {
	var page []*proxenos.Correspondence
	for i := range proxenos.DefaultListLimit {
		page = append(page, &proxenos.Correspondence{Protocol: proxenos.ProtocolNumber{Year: 2026, Number: i + 1},
			Direction: proxenos.Incoming, Date: time.Date(2026, 11, 20, 0, 0, 0, 0, athens), Counterpart: "Q-Cities", Subject: "forum"})
	}
	return page, proxenos.MaxSearchCount, nil
}

func TestCorrSearchCapped(t *testing.T) {
	env := newTestEnv(t)
	env.h.Correspondence = cappedRegister{env.corr}
	for _, tt := range []struct {
		lang        i18n.Lang
		title, more string
	}{
		{i18n.English, "Search results: 100+", "…and at least 80 more."},
		{i18n.Greek, "Αποτελέσματα αναζήτησης: 100+", "…και τουλάχιστον 80 ακόμη."},
	} {
		t.Run(string(tt.lang), func(t *testing.T) {
			text := env.run(t, tt.lang, "/corr", "search forum").Text
			if !strings.HasPrefix(text, tt.title+"\n") || !strings.Contains(text, tt.more) {
				t.Errorf("text = %q, want title %q and %q", text, tt.title, tt.more)
			}
		})
	}
}
