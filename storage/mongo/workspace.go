package mongo

import (
	"context"
	"regexp"

	"go.mongodb.org/mongo-driver/v2/bson"
)

// keyedByTeam are the collections whose documents have no team field but
// an _id that starts with "team/": they are deleted by that prefix.
var keyedByTeam = map[string]bool{locksColl: true, intakeClaimsColl: true}

// noTeam are the collections that hold nothing of a workspace.
var noTeam = map[string]bool{leasesColl: true, backfillsColl: true}

// DeleteWorkspace deletes every document of team, in every collection of
// the database, and its installation: what `proxenos workspace delete`
// does once the office's data is exported. Collections are listed from
// the database, so that one added later is not left behind. There is no
// transaction (FerretDB): a failed run is completed by running it again.
func (db *DB) DeleteWorkspace(ctx context.Context, team string) error {
	colls, err := db.db.ListCollectionNames(ctx, bson.D{})
	if err != nil {
		return translate(err, "delete workspace", team)
	}
	byTeam := bson.D{{Key: "team", Value: team}}
	byKey := bson.D{{Key: "_id", Value: bson.Regex{Pattern: "^" + regexp.QuoteMeta(team+"/")}}}
	for _, coll := range colls {
		filter := byTeam
		switch {
		case noTeam[coll]:
			continue
		case keyedByTeam[coll]:
			filter = byKey
		}
		if _, err := db.db.Collection(coll).DeleteMany(ctx, filter); err != nil {
			return translate(err, "delete workspace", team, coll)
		}
	}
	return nil
}
