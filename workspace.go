package proxenos

import (
	"context"
	"fmt"
	"log/slog"
	"time"
)

// Installation is Proxenos installed in one Slack workspace by OAuth, in
// distribution mode (one deployment serving many municipalities). In
// single-workspace mode there is none: the bot token comes from the
// environment.
type Installation struct {
	Team       string // Slack team id, e.g. T0123
	Enterprise string // Enterprise Grid id; "" outside a grid
	TeamName   string // as Slack names the workspace, for the install pages and logs
	BotUser    string // the bot's user id in the workspace

	// BotToken and RefreshToken are secrets: in memory in the clear,
	// encrypted at rest by the store's sealer, never logged.
	BotToken     string
	RefreshToken string    // "" unless token rotation is on
	TokenExpires time.Time // zero unless token rotation is on

	Scopes      []string
	InstalledBy string // Slack user id of the installer
	InstalledAt time.Time
	UpdatedAt   time.Time

	// Uninstalled is when Slack said the app was removed or its tokens
	// revoked; zero while installed. No work is done for such a workspace;
	// its records are kept until deleted.
	Uninstalled time.Time
}

// Active reports whether the workspace may be served.
func (i *Installation) Active() bool { return i != nil && i.Uninstalled.IsZero() }

// Validate returns an EINVALID error when the installation names no team
// or carries no bot token.
func (i *Installation) Validate() error {
	switch {
	case i.Team == "":
		return Errorf(EINVALID, "installation.required.team")
	case i.BotToken == "":
		return Errorf(EINVALID, "installation.required.token")
	}
	return nil
}

// LogValue names the installation in logs without its tokens.
func (i Installation) LogValue() slog.Value {
	return slog.GroupValue(slog.String("team", i.Team), slog.String("enterprise", i.Enterprise),
		slog.String("team_name", i.TeamName), slog.Bool("rotating", i.RefreshToken != ""),
		slog.Bool("active", i.Active()))
}

// String names the installation without its tokens, should one be
// printed with %v.
func (i Installation) String() string {
	return fmt.Sprintf("installation of %s (%s)", i.Team, i.TeamName)
}

// GoString is String for %#v.
func (i Installation) GoString() string { return i.String() }

// InstallationService keeps the installations of a distribution-mode
// deployment. Unlike the registers it is not scoped to a workspace.
type InstallationService interface {
	// SaveInstallation stores inst, replacing the installation of the same
	// team (a reinstall clears Uninstalled). EINVALID without a team or token.
	SaveInstallation(ctx context.Context, inst *Installation) error

	// FindInstallation returns the installation of team. ENOTFOUND when the
	// workspace never installed Proxenos.
	FindInstallation(ctx context.Context, team string) (*Installation, error)

	// MarkUninstalled records that team removed the app (or revoked its
	// tokens) at. ENOTFOUND for an unknown team.
	MarkUninstalled(ctx context.Context, team string, at time.Time) error

	// EachInstallation calls f with every installation, active or not, in
	// team order, until f returns an error.
	EachInstallation(ctx context.Context, f func(*Installation) error) error
}

// Settings are a workspace's own choices in distribution mode, set by
// its admin or installer with /ir setup. Zero fields take the
// deployment's defaults (the process settings); in single-workspace mode
// there are none, and the process settings are the workspace's.
type Settings struct {
	Channel      string   // the office channel (C…), where reminders and digests go; none: no reminders
	Lang         Lang     // default language of answers; the deployment's when ""
	Timezone     string   // IANA zone of the office; the deployment's when ""
	AllowedUsers []string // users (U…) and user groups (S…) who may use the bot; everyone when empty
	Admins       []string // users who may change these settings, besides Slack's admins and the installer

	// Reminders: days before each kind of date (nil: the deployment's),
	// and the times of day reminders and the digest go out ("" likewise).
	CallDays, ObligationDays, AgreementDays []int
	ReminderTime, DigestTime                string

	LLMOff        bool // no translations or letter reading by the model
	MonthlyTokens int  // the model's budget per month, 0: the deployment's

	// The office's own mail domains ("maroussi.gr") and names («Δήμος
	// Αμαρουσίου»), by which a letter logged from a message reads as one
	// it sent; the deployment's when both are empty.
	OfficeDomains, OfficeNames []string

	UpdatedBy string // Slack user id
	UpdatedAt time.Time
}

// SettingsService keeps each workspace's settings. Every method is scoped
// to the workspace in ctx.
type SettingsService interface {
	// FindSettings returns the workspace's settings. ENOTFOUND when they
	// were never set.
	FindSettings(ctx context.Context) (*Settings, error)

	// SaveSettings validates s and stores it, replacing what was there; it
	// sets s.UpdatedAt. EINVALID naming the first wrong field.
	SaveSettings(ctx context.Context, s *Settings) error
}
