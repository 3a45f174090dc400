package sqlite

import (
	"context"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/proxenos/proxenos"
)

// TestMigrateLeadDays checks that the migration adding obligations'
// lead_days fills it in for obligations stored before it, so that the
// reminder engine still finds those that remind early.
func TestMigrateLeadDays(t *testing.T) {
	path := filepath.Join(t.TempDir(), "proxenos.db")
	ctx := proxenos.NewContextWithUser(proxenos.NewContextWithTeam(context.Background(), "TMAROUSSI"), "U1")
	db, err := Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	partner := &proxenos.Partner{Name: "Φαέντσα", Kind: proxenos.KindMunicipality}
	if err := NewPartnerService(db).CreatePartner(ctx, partner); err != nil {
		t.Fatal(err)
	}
	as := NewAgreementService(db)
	a := &proxenos.Agreement{Kind: proxenos.AgreementTwinning, PartnerIDs: []string{partner.ID}, Title: "Αδελφοποίηση",
		Status: proxenos.AgreementActive}
	if err := as.CreateAgreement(ctx, a); err != nil {
		t.Fatal(err)
	}
	due := time.Date(2027, 6, 30, 0, 0, 0, 0, time.UTC)
	for _, o := range []*proxenos.Obligation{
		{AgreementID: a.ID, Text: "annual report", Due: due, Status: proxenos.ObligationOpen, LeadDays: []int{1, 90}},
		{AgreementID: a.ID, Text: "default lead", Due: due, Status: proxenos.ObligationOpen},
	} {
		if err := as.AddObligation(ctx, o); err != nil {
			t.Fatal(err)
		}
	}
	// Undo the migration and those after it, as a file written before
	// it would be.
	db = rollBack(t, db, path, "obligations_lead", append(slices.Clone(undoCallsOrder),
		`DROP INDEX obligations_lead`, `ALTER TABLE obligations DROP COLUMN lead_days`))
	got, total, err := NewAgreementService(db).FindObligations(ctx, proxenos.ObligationFilter{LeadDaysOver: 14})
	if err != nil {
		t.Fatal(err)
	}
	if total != 1 || len(got) != 1 || got[0].Text != "annual report" {
		t.Fatalf("got %d of %d, want the annual report only", len(got), total)
	}
}
