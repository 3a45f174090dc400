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

// settingsColl holds one document per workspace, _id and team its Slack
// team id.
const settingsColl = "workspace_settings"

// SettingsService keeps each workspace's settings in MongoDB.
type SettingsService struct {
	db *DB
}

var _ proxenos.SettingsService = (*SettingsService)(nil)

// NewSettingsService returns the settings stored in db.
func NewSettingsService(db *DB) *SettingsService {
	return &SettingsService{db: db}
}

// settingsDoc is a workspace's settings as stored.
type settingsDoc struct {
	Key            string        `bson:"_id"`
	Team           string        `bson:"team"`
	Channel        string        `bson:"channel"`
	Lang           string        `bson:"lang"`
	Timezone       string        `bson:"timezone"`
	AllowedUsers   []string      `bson:"allowedUsers"`
	Admins         []string      `bson:"admins"`
	CallDays       []int         `bson:"callDays"`
	ObligationDays []int         `bson:"obligationDays"`
	AgreementDays  []int         `bson:"agreementDays"`
	ReminderTime   string        `bson:"reminderTime"`
	DigestTime     string        `bson:"digestTime"`
	LLMOff         bool          `bson:"llmOff"`
	MonthlyTokens  int           `bson:"monthlyTokens"`
	OfficeDomains  []string      `bson:"officeDomains,omitempty"`
	OfficeNames    []string      `bson:"officeNames,omitempty"`
	UpdatedBy      string        `bson:"updatedBy"`
	UpdatedAt      bson.DateTime `bson:"updatedAt"`
}

func newSettingsDoc(team string, s *proxenos.Settings) *settingsDoc {
	return &settingsDoc{Key: team, Team: team, Channel: s.Channel, Lang: string(s.Lang), Timezone: s.Timezone,
		AllowedUsers: s.AllowedUsers, Admins: s.Admins, CallDays: s.CallDays, ObligationDays: s.ObligationDays,
		AgreementDays: s.AgreementDays, ReminderTime: s.ReminderTime, DigestTime: s.DigestTime, LLMOff: s.LLMOff,
		MonthlyTokens: s.MonthlyTokens, OfficeDomains: s.OfficeDomains, OfficeNames: s.OfficeNames,
		UpdatedBy: s.UpdatedBy, UpdatedAt: dateTime(s.UpdatedAt)}
}

func (d *settingsDoc) settings(loc *time.Location) *proxenos.Settings {
	return &proxenos.Settings{Channel: d.Channel, Lang: proxenos.Lang(d.Lang), Timezone: d.Timezone,
		AllowedUsers: d.AllowedUsers, Admins: d.Admins, CallDays: d.CallDays, ObligationDays: d.ObligationDays,
		AgreementDays: d.AgreementDays, ReminderTime: d.ReminderTime, DigestTime: d.DigestTime, LLMOff: d.LLMOff,
		MonthlyTokens: d.MonthlyTokens, OfficeDomains: d.OfficeDomains, OfficeNames: d.OfficeNames,
		UpdatedBy: d.UpdatedBy, UpdatedAt: timeOf(d.UpdatedAt, loc)}
}

func (s *SettingsService) coll() *mongo.Collection { return s.db.db.Collection(settingsColl) }

// FindSettings returns the workspace's settings. ENOTFOUND when none.
func (s *SettingsService) FindSettings(ctx context.Context) (*proxenos.Settings, error) {
	team, err := proxenos.RequireTeam(ctx)
	if err != nil {
		return nil, err
	}
	loc := proxenos.ZoneFromContext(ctx)
	var d settingsDoc
	err = s.coll().FindOne(ctx, bson.D{{Key: "_id", Value: team}}).Decode(&d)
	if errors.Is(err, mongo.ErrNoDocuments) {
		return nil, proxenos.Errorf(proxenos.ENOTFOUND, "storage.settings.not_found")
	} else if err != nil {
		return nil, translate(err, "find settings", team)
	}
	return d.settings(loc), nil
}

// SaveSettings validates st and replaces the workspace's document,
// creating it when missing; it sets UpdatedAt. Two first saves at once
// may both try to insert; the loser of the unique _id retries once, as
// a replacement. EINVALID.
func (s *SettingsService) SaveSettings(ctx context.Context, st *proxenos.Settings) error {
	team, err := proxenos.RequireTeam(ctx)
	if err != nil {
		return err
	}
	if err := st.Validate(); err != nil {
		return err
	}
	saved := *st
	saved.UpdatedAt = search.Clock(ctx, s.db.Now)
	doc := newSettingsDoc(team, &saved)
	replace := func() error {
		_, err := s.coll().ReplaceOne(ctx, bson.D{{Key: "_id", Value: team}}, doc, options.Replace().SetUpsert(true))
		return err
	}
	err = replace()
	if mongo.IsDuplicateKeyError(err) {
		err = replace()
	}
	if err != nil {
		return translate(err, "save settings", team)
	}
	st.UpdatedAt = saved.UpdatedAt
	return nil
}

// eachSettings streams the workspace's settings: one record or none.
func (s *restorer) eachSettings(ctx context.Context, fn func(*proxenos.Settings) error) error {
	return each(ctx, s.db, settingsColl, byID, (*settingsDoc).settings, fn)
}

// restoreSettings stores st as the workspace's settings, with its
// UpdatedAt.
func (s *restorer) restoreSettings(ctx context.Context, st *proxenos.Settings) (bool, error) {
	team, err := proxenos.RequireTeam(ctx)
	if err != nil {
		return false, err
	}
	return s.put(ctx, settingsColl, team, team, newSettingsDoc(team, st))
}
