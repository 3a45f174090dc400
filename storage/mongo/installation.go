package mongo

import (
	"context"
	"errors"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"

	"github.com/proxenos/proxenos"
	"github.com/proxenos/proxenos/storage/internal/search"
)

// installationsColl holds one document per workspace, _id and team its
// Slack team id.
const installationsColl = "installations"

// InstallationService keeps the installations of a distribution-mode
// deployment in MongoDB. It stores the tokens as it is given them: wrap
// it in a secret.Installations so that they are sealed.
type InstallationService struct {
	db *DB
}

var _ proxenos.InstallationService = (*InstallationService)(nil)

// NewInstallationService returns the installations stored in db.
func NewInstallationService(db *DB) *InstallationService {
	return &InstallationService{db: db}
}

// installationDoc is an installation as stored.
type installationDoc struct {
	Key          string        `bson:"_id"`
	Team         string        `bson:"team"`
	Enterprise   string        `bson:"enterprise"`
	TeamName     string        `bson:"teamName"`
	BotUser      string        `bson:"botUser"`
	BotToken     string        `bson:"botToken"`
	RefreshToken string        `bson:"refreshToken"`
	TokenExpires bson.DateTime `bson:"tokenExpires"`
	Scopes       []string      `bson:"scopes"`
	InstalledBy  string        `bson:"installedBy"`
	InstalledAt  bson.DateTime `bson:"installedAt"`
	UpdatedAt    bson.DateTime `bson:"updatedAt"`
	Uninstalled  bson.DateTime `bson:"uninstalled"`
}

func (s *InstallationService) coll() *mongo.Collection { return s.db.db.Collection(installationsColl) }

// dateTime keeps a zero time zero: bson.DateTime of the zero time is
// not 0, and would read back as a date in year 1.
func dateTime(t time.Time) bson.DateTime {
	if t.IsZero() {
		return 0
	}
	return bson.NewDateTimeFromTime(t)
}

// timeOf is dateTime's inverse, in loc.
func timeOf(d bson.DateTime, loc *time.Location) time.Time {
	if d == 0 {
		return time.Time{}
	}
	return search.InZone(d.Time(), loc)
}

func newInstallationDoc(i *proxenos.Installation) *installationDoc {
	return &installationDoc{Key: i.Team, Team: i.Team, Enterprise: i.Enterprise, TeamName: i.TeamName, BotUser: i.BotUser,
		BotToken: i.BotToken, RefreshToken: i.RefreshToken, TokenExpires: dateTime(i.TokenExpires), Scopes: i.Scopes,
		InstalledBy: i.InstalledBy, InstalledAt: dateTime(i.InstalledAt), UpdatedAt: dateTime(i.UpdatedAt),
		Uninstalled: dateTime(i.Uninstalled)}
}

func (d *installationDoc) installation(loc *time.Location) *proxenos.Installation {
	return &proxenos.Installation{Team: d.Team, Enterprise: d.Enterprise, TeamName: d.TeamName, BotUser: d.BotUser,
		BotToken: d.BotToken, RefreshToken: d.RefreshToken, TokenExpires: timeOf(d.TokenExpires, loc), Scopes: d.Scopes,
		InstalledBy: d.InstalledBy, InstalledAt: timeOf(d.InstalledAt, loc), UpdatedAt: timeOf(d.UpdatedAt, loc),
		Uninstalled: timeOf(d.Uninstalled, loc)}
}

// SaveInstallation validates inst and stores it, replacing the team's
// installation. It sets UpdatedAt, and InstalledAt when zero. EINVALID.
func (s *InstallationService) SaveInstallation(ctx context.Context, inst *proxenos.Installation) error {
	if err := inst.Validate(); err != nil {
		return err
	}
	now := search.Clock(ctx, s.db.Now)
	saved := *inst
	saved.UpdatedAt = now
	if saved.InstalledAt.IsZero() {
		saved.InstalledAt = now
	}
	_, err := s.coll().ReplaceOne(ctx, bson.D{{Key: "_id", Value: inst.Team}}, newInstallationDoc(&saved),
		options.Replace().SetUpsert(true))
	if err != nil {
		return translate(err, "save installation", inst.Team)
	}
	inst.UpdatedAt, inst.InstalledAt = saved.UpdatedAt, saved.InstalledAt
	return nil
}

// FindInstallation returns the installation of team. ENOTFOUND when none.
func (s *InstallationService) FindInstallation(ctx context.Context, team string) (*proxenos.Installation, error) {
	loc := proxenos.ZoneFromContext(ctx)
	var d installationDoc
	err := s.coll().FindOne(ctx, bson.D{{Key: "_id", Value: team}}).Decode(&d)
	if errors.Is(err, mongo.ErrNoDocuments) {
		return nil, proxenos.Errorf(proxenos.ENOTFOUND, "storage.installation.not_found")
	} else if err != nil {
		return nil, translate(err, "find installation", team)
	}
	return d.installation(loc), nil
}

// MarkUninstalled records that team removed the app at. ENOTFOUND when
// the team has no installation.
func (s *InstallationService) MarkUninstalled(ctx context.Context, team string, at time.Time) error {
	res, err := s.coll().UpdateOne(ctx, bson.D{{Key: "_id", Value: team}},
		bson.D{{Key: "$set", Value: bson.D{{Key: "uninstalled", Value: dateTime(at)}}}})
	if err != nil {
		return translate(err, "mark uninstalled", team)
	}
	if res.MatchedCount == 0 {
		return proxenos.Errorf(proxenos.ENOTFOUND, "storage.installation.not_found")
	}
	return nil
}

// EachInstallation calls f with every installation in team order.
func (s *InstallationService) EachInstallation(ctx context.Context, f func(*proxenos.Installation) error) error {
	loc := proxenos.ZoneFromContext(ctx)
	cur, err := s.coll().Find(ctx, bson.D{}, options.Find().SetSort(bson.D{{Key: "_id", Value: 1}}))
	if err != nil {
		return translate(err, "list installations")
	}
	defer cur.Close(ctx)
	for cur.Next(ctx) {
		var d installationDoc
		if err := cur.Decode(&d); err != nil {
			return translate(err, "list installations")
		}
		if err := f(d.installation(loc)); err != nil {
			return err
		}
	}
	return translate(cur.Err(), "list installations")
}
