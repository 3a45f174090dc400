package storagetest

import (
	"bytes"
	"log/slog"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/proxenos/proxenos"
	"github.com/proxenos/proxenos/storage"
)

// SeedLegacyCodes stores, in workspace T1, records with countries and
// languages as earlier versions kept them: typed names ("Κύπρος",
// "γερμανικά"), codes, and values that name nothing ("Βαλκάνια",
// "klingon"). A store's migration test reopens the store with its
// backfill pending, then calls CheckCodes.
func SeedLegacyCodes(t *testing.T, st *storage.Store) {
	t.Helper()
	ctx := Ctx("T1", "U1")
	d := Day(2026, 3, 2)
	for _, c := range []struct{ country, lang string }{
		{"Κύπρος", "γερμανικά"}, {"CY", "de"}, {"Βαλκάνια", "klingon"}, {"κυπρου", ""},
	} {
		e := Entry(d, "Πρόσκληση")
		e.Country, e.Language = c.country, c.lang
		if err := st.Correspondence.CreateCorrespondence(ctx, e); err != nil {
			t.Fatal(err)
		}
	}
	for _, p := range []*proxenos.Partner{
		{Name: "Δήμος Λεμεσού", Kind: proxenos.KindMunicipality, Country: "Κύπρος",
			People: []proxenos.Person{{Name: "Ελένη", Languages: []string{"ελληνικά", "en", "elvish"}}}},
		{Name: "Φαέντσα", Kind: proxenos.KindMunicipality, Country: "Italy"},
		{Name: "Βαλκανικό Δίκτυο", Kind: proxenos.KindNetwork, Country: "Βαλκάνια"},
	} {
		if err := st.Partners.CreatePartner(ctx, p); err != nil {
			t.Fatal(err)
		}
	}
}

// CheckCodes checks the records of SeedLegacyCodes after the backfill:
// names are codes, found by the country filters, values that name
// nothing are kept as written and logged, and no history was added.
func CheckCodes(t *testing.T, st *storage.Store, log string) {
	t.Helper()
	ctx := Ctx("T1", "U1")
	var got [][2]string
	for n := 1; n <= 4; n++ {
		c, err := st.Correspondence.FindCorrespondenceByNumber(ctx, proxenos.ProtocolNumber{Year: 2026, Number: n})
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, [2]string{c.Country, c.Language})
		if len(c.History) != 0 {
			t.Errorf("%s: history %v, want none", c.Protocol, c.History)
		}
	}
	if want := [][2]string{{"CY", "de"}, {"CY", "de"}, {"Βαλκάνια", "klingon"}, {"CY", ""}}; !slices.Equal(got, want) {
		t.Errorf("entries' country and language: got %q, want %q", got, want)
	}
	if _, total, err := st.Correspondence.FindCorrespondence(ctx, proxenos.CorrespondenceFilter{Country: "CY"}); err != nil || total != 3 {
		t.Errorf("entries in CY: %d (%v), want 3", total, err)
	}
	found, total, err := st.Partners.FindPartners(ctx, proxenos.PartnerFilter{Country: "CY"})
	if err != nil || total != 1 {
		t.Fatalf("partners in CY: %d (%v), want 1", total, err)
	}
	if got, want := found[0].People[0].Languages, []string{"el", "en", "elvish"}; !slices.Equal(got, want) {
		t.Errorf("languages: got %q, want %q", got, want)
	}
	if _, total, err := st.Partners.FindPartners(ctx, proxenos.PartnerFilter{Country: "IT"}); err != nil || total != 1 {
		t.Errorf("partners in IT: %d (%v), want 1", total, err)
	}
	// The search words follow: the entry is found by its code, no longer
	// by the name it was typed with.
	if _, total, err := st.Partners.FindPartners(ctx, proxenos.PartnerFilter{Query: "Italy"}); err != nil || total != 0 {
		t.Errorf("partners found by the old name: %d (%v), want 0", total, err)
	}
	for _, want := range []string{"value=Βαλκάνια records=2", "value=klingon records=1", "value=elvish records=1"} {
		if !strings.Contains(log, want) {
			t.Errorf("the log lacks %q:\n%s", want, log)
		}
	}
	if strings.Contains(log, "value=Κύπρος") {
		t.Errorf("the log names a value that was converted:\n%s", log)
	}
}

// CaptureLog sends the default logger's lines to a buffer until t ends,
// and returns a function that reads them.
func CaptureLog(t *testing.T) func() string {
	var mu sync.Mutex
	var buf bytes.Buffer
	old := slog.Default()
	slog.SetDefault(slog.New(slog.NewTextHandler(writerFunc(func(p []byte) (int, error) {
		mu.Lock()
		defer mu.Unlock()
		return buf.Write(p)
	}), nil)))
	t.Cleanup(func() { slog.SetDefault(old) })
	return func() string {
		mu.Lock()
		defer mu.Unlock()
		return buf.String()
	}
}

type writerFunc func([]byte) (int, error)

func (f writerFunc) Write(p []byte) (int, error) { return f(p) }
