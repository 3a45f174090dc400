package mongo_test

import (
	"context"
	"testing"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"

	"github.com/proxenos/proxenos"
	"github.com/proxenos/proxenos/storage"
	"github.com/proxenos/proxenos/storage/storagetest"
)

// TestDeleteWorkspaceCoversCollections fails when a workspace's documents
// are left in any collection once it is deleted, by team or by an _id
// that starts with the team (claims on intake records): the conformance
// case sees only the registers.
func TestDeleteWorkspaceCoversCollections(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t)
	clock := storagetest.NewClock(time.Date(2026, 4, 1, 9, 0, 0, 0, storagetest.Athens))
	db.Now = clock.Now
	s := storage.NewMongoStore(db)
	storagetest.Seed(t, s)
	for _, team := range []string{storagetest.Team, storagetest.OtherTeam} {
		if err := s.Installations.SaveInstallation(ctx, storagetest.NewInstallation(team, team)); err != nil {
			t.Fatal(err)
		}
		if err := s.Intake.Accept(storagetest.Ctx(team, "U1"), &proxenos.Intake{ID: "req1", User: "U1", Channel: "C0OFFICE",
			Kind: "command", Payload: []byte(`{}`), ReceivedAt: clock.Now(), Holder: "replica-1"}); err != nil {
			t.Fatal(err)
		}
	}
	clock.Set(clock.Now().Add(time.Minute))
	if got, err := s.Intake.Claim(ctx, proxenos.IntakeClaim{Holder: "replica-2", StaleBefore: clock.Now().Add(-30 * time.Second),
		ReceivedAfter: clock.Now().Add(-time.Hour), MaxAttempts: 4, Limit: 10}); err != nil || len(got) != 2 {
		t.Fatalf("Claim: %d, %v; want both workspaces' records claimed", len(got), err)
	}
	if err := s.DeleteWorkspace(ctx, storagetest.Team); err != nil {
		t.Fatal(err)
	}
	colls, err := db.CollectionNames(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, coll := range colls {
		for _, team := range []string{storagetest.Team, storagetest.OtherTeam} {
			filter := bson.D{{Key: "$or", Value: bson.A{bson.D{{Key: "team", Value: team}},
				bson.D{{Key: "_id", Value: bson.Regex{Pattern: "^" + team + "/"}}}}}}
			n, err := db.Collection(coll).CountDocuments(ctx, filter)
			if err != nil {
				t.Fatal(err)
			}
			if team == storagetest.Team && n != 0 {
				t.Errorf("collection %s: %d documents of the deleted workspace", coll, n)
			}
			if team == storagetest.OtherTeam && n == 0 && (coll == "intake_claims" || coll == "installations") {
				t.Errorf("collection %s: the other workspace's documents are gone too", coll)
			}
		}
	}
}
