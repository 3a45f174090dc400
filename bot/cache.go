package bot

import (
	"cmp"
	"context"
	"sync"
	"time"

	"github.com/slack-go/slack"

	"github.com/proxenos/proxenos"
	"github.com/proxenos/proxenos/i18n"
)

// localeCache remembers what users.info said of each user — their Slack
// language ("" for neither Greek nor English) and their name — for a
// while, so that it is not called on every request; a second one
// remembers choices made with /ir lang. It holds at most max users; when
// full, expired entries go first, then everything.
type localeCache struct {
	mu  sync.Mutex
	max int
	m   map[string]localeEntry
}

type localeEntry struct {
	lang    i18n.Lang
	name    string // "" when unknown, and in the cache of choices
	admin   bool   // an admin or owner of the workspace in Slack
	expires time.Time
}

// newLocaleCache returns an empty cache of at most max users.
func newLocaleCache(max int) *localeCache {
	return &localeCache{max: max, m: map[string]localeEntry{}}
}

// get returns what is remembered for user, unless it has expired.
func (c *localeCache) get(user string, now time.Time) (localeEntry, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.m[user]
	if !ok || now.After(e.expires) {
		return localeEntry{}, false
	}
	return e, true
}

// put remembers e for user until e.expires, making room when full.
func (c *localeCache) put(user string, e localeEntry) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if len(c.m) >= c.max {
		for k, old := range c.m {
			if e.expires.After(old.expires) {
				delete(c.m, k)
			}
		}
		if len(c.m) >= c.max {
			clear(c.m)
		}
	}
	c.m[user] = e
}

// forget drops what is remembered for key.
func (c *localeCache) forget(key string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	delete(c.m, key)
}

// lang returns the interface language of user in team: the choice they
// stored with /ir lang, else their Slack locale when it is Greek or
// English, else the workspace's default (teamLang).
func (b *Bot) lang(ctx context.Context, team, user string) i18n.Lang {
	if user == "" {
		return b.teamLang(ctx, team)
	}
	if lang, ok := b.chosenLang(ctx, team, user); ok {
		return lang
	}
	if lang, ok := b.SlackLanguage(ctx, team, user); ok {
		return lang
	}
	return b.teamLang(ctx, team)
}

// chosenLang returns the language user chose with /ir lang, and false
// when they chose none or there is no PreferenceService. Choices are
// remembered for PreferenceTTL, or until ForgetLanguage; a failed read
// is logged and remembered as no choice for a minute.
func (b *Bot) chosenLang(ctx context.Context, team, user string) (i18n.Lang, bool) {
	if b.cfg.Preferences == nil {
		return "", false
	}
	key, now := team+"/"+user, b.Now()
	if e, ok := b.choices.get(key, now); ok {
		return e.lang, e.lang != ""
	}
	var lang i18n.Lang
	ttl := b.PreferenceTTL
	p, err := b.cfg.Preferences.FindPreference(proxenos.NewContextWithTeam(ctx, team), user)
	switch {
	case err == nil:
		lang = p.Lang
	case proxenos.ErrorCode(err) != proxenos.ENOTFOUND:
		b.log.Warn("reading the language preference failed; using the Slack locale", "user", user, "team", team, "err", err)
		ttl = min(ttl, time.Minute)
	}
	b.choices.put(key, localeEntry{lang: lang, expires: now.Add(ttl)})
	return lang, lang != ""
}

// SlackLanguage returns the language of user's Slack locale, and false
// when it is neither Greek nor English or users.info fails. It
// implements handlers.Languages.
func (b *Bot) SlackLanguage(ctx context.Context, team, user string) (i18n.Lang, bool) {
	e := b.member(ctx, team, user)
	return e.lang, e.lang != ""
}

// UserName returns the name user goes by in Slack: their display name,
// else their full name, else their user name; false when users.info
// fails. It reads the same call, and the same cache, as SlackLanguage.
// It implements handlers.People.
func (b *Bot) UserName(ctx context.Context, team, user string) (string, bool) {
	e := b.member(ctx, team, user)
	return e.name, e.name != ""
}

// member returns what users.info says of user in team. Answers are
// remembered for LocaleTTL; a failed lookup for a minute, so that a
// Slack outage does not slow every request.
func (b *Bot) member(ctx context.Context, team, user string) localeEntry {
	now := b.Now()
	if team != "" {
		ctx = proxenos.NewContextWithTeam(ctx, team)
	}
	key := team + "/" + user
	if e, ok := b.locales.get(key, now); ok {
		return e
	}
	e := localeEntry{expires: now.Add(b.LocaleTTL)}
	var u *slack.User
	err := b.retry(ctx, "users.info", func(api *slack.Client) error {
		var err error
		u, err = api.GetUserInfoContext(ctx, user, slack.GetUserInfoOptionIncludeLocale(true))
		return err
	})
	if err != nil {
		b.log.Warn("slack users.info failed; using the default language and the user id", "user", user, "err", err)
		e.expires = now.Add(time.Minute)
	} else {
		e.lang, _ = i18n.ParseLang(u.Locale)
		e.name = cmp.Or(u.Profile.DisplayName, u.RealName, u.Profile.RealName, u.Name)
		e.admin = u.IsAdmin || u.IsOwner
	}
	b.locales.put(key, e)
	return e
}

// ForgetLanguage drops the remembered choice of user in team, so that
// their next request reads what /ir lang stored. It implements
// handlers.Languages.
func (b *Bot) ForgetLanguage(team, user string) {
	b.choices.forget(team + "/" + user)
}
