// Package transfer copies the records of Proxenos between stores and to
// and from backups: `proxenos migrate` (SQLite to MongoDB, or back),
// `proxenos export` and `proxenos import`. It works over the registers
// of a store (storage.Registers), in restore order, so every record keeps
// its id, protocol number, edit history and timestamps, and running a
// transfer again writes nothing new.
//
// A backup is JSON lines, one record a line, in the order records are
// restored (partners before their contacts, agreements before their
// obligations):
//
//	{"v":1,"type":"partner","team":"T0MAROUSSI","record":{"ID":"…","Name":"Φαέντσα",…}}
package transfer

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"

	"github.com/proxenos/proxenos"
	"github.com/proxenos/proxenos/storage"
	"github.com/proxenos/proxenos/storage/records"
)

// FormatVersion is the version of the backup format this Proxenos writes
// and the newest it reads.
const FormatVersion = 1

// maxLine bounds one line of a backup: a record is at most a few
// hundred kilobytes (an entry with its history, a partner with 50 people).
const maxLine = 16 << 20

// Line is one record of a backup.
type Line struct {
	Version int             `json:"v"`
	Type    string          `json:"type"` // one of Kinds
	Team    string          `json:"team"` // the Slack workspace
	Record  json.RawMessage `json:"record"`
}

// Kinds returns the register names a backup holds, in restore order.
func Kinds() []string { return storage.Kinds() }

// equals tells apart equal records of a counted register: the n-th
// record equal to earlier ones (from 0) gets n.
type equals map[string]int

// nth returns how many records equal to v came before it.
func (e equals) nth(k records.Register, team string, v any) int {
	if !k.Counted() {
		return 0
	}
	b, _ := json.Marshal(v) // records of the store always encode
	key := team + "\x00" + k.Kind() + "\x00" + string(b)
	n := e[key]
	e[key]++
	return n
}

// walk calls fn with every record of every workspace of from, in restore
// order.
func walk(ctx context.Context, from storage.Registers, fn func(ctx context.Context, team string, k records.Register, v any) error) error {
	teams, err := from.Teams(ctx)
	if err != nil {
		return err
	}
	for _, team := range teams {
		tctx := proxenos.NewContextWithTeam(ctx, team)
		for _, k := range from {
			if err := k.Each(tctx, func(v any) error { return fn(tctx, team, k, v) }); err != nil {
				return fmt.Errorf("transfer: %s of %s: %w", k.Kind(), team, err)
			}
		}
	}
	return nil
}

// Copy restores every record of from into to and checks the counts: the
// report has a row per workspace and register. Run again, it writes
// nothing that is already there.
func Copy(ctx context.Context, from, to storage.Registers) (*Report, error) {
	r := newReport()
	seen := equals{}
	err := walk(ctx, from, func(ctx context.Context, team string, k records.Register, v any) error {
		wrote, err := to.Find(k.Kind()).Restore(ctx, v, seen.nth(k, team, v))
		if err != nil {
			return restoreError(k, v, err)
		}
		r.add(team, k.Kind(), 1, wrote)
		return nil
	})
	if err != nil {
		return r, err
	}
	return r, r.count(ctx, to)
}

// Export writes every record of from to w as JSON lines and returns the
// counts it wrote.
func Export(ctx context.Context, from storage.Registers, w io.Writer) (*Report, error) {
	r := newReport()
	bw := bufio.NewWriter(w)
	enc := json.NewEncoder(bw)
	enc.SetEscapeHTML(false)
	err := walk(ctx, from, func(_ context.Context, team string, k records.Register, v any) error {
		raw, err := json.Marshal(v)
		if err != nil {
			return err
		}
		r.add(team, k.Kind(), 1, false)
		return enc.Encode(Line{Version: FormatVersion, Type: k.Kind(), Team: team, Record: raw})
	})
	if err != nil {
		return r, err
	}
	return r, bw.Flush()
}

// Import restores the JSON lines of rd into to and checks the counts, as
// Copy does. A line of a newer format, of an unknown register or without
// a workspace stops it with an EINVALID error naming the line; what was
// restored before stays, and a second run finishes the job.
func Import(ctx context.Context, rd io.Reader, to storage.Registers) (*Report, error) {
	r := newReport()
	seen := equals{}
	sc := bufio.NewScanner(rd)
	sc.Buffer(make([]byte, 64<<10), maxLine)
	for n := 1; sc.Scan(); n++ {
		if len(sc.Bytes()) == 0 {
			continue
		}
		var l Line
		if err := json.Unmarshal(sc.Bytes(), &l); err != nil {
			return r, proxenos.Errorf(proxenos.EINVALID, "transfer.invalid.line", n, err.Error())
		}
		k := to.Find(l.Type)
		switch {
		case l.Version < 1 || l.Version > FormatVersion:
			return r, proxenos.Errorf(proxenos.EINVALID, "transfer.invalid.version", n, l.Version, FormatVersion)
		case k == nil:
			return r, proxenos.Errorf(proxenos.EINVALID, "transfer.invalid.type", n, l.Type)
		case l.Team == "":
			return r, proxenos.Errorf(proxenos.EINVALID, "transfer.invalid.team", n)
		}
		v := k.New()
		if err := json.Unmarshal(l.Record, v); err != nil {
			return r, proxenos.Errorf(proxenos.EINVALID, "transfer.invalid.line", n, err.Error())
		}
		wrote, err := k.Restore(proxenos.NewContextWithTeam(ctx, l.Team), v, seen.nth(k, l.Team, v))
		if err != nil {
			return r, fmt.Errorf("line %d: %w", n, restoreError(k, v, err))
		}
		r.add(l.Team, k.Kind(), 1, wrote)
	}
	if err := sc.Err(); err != nil {
		return r, proxenos.Errorf(proxenos.EINVALID, "transfer.invalid.read", err.Error())
	}
	return r, r.count(ctx, to)
}

// restoreError names the record a restore refused. A *proxenos.Error
// (a partner's name or a call's identifier taken by another record) is
// kept: its message names the record already.
func restoreError(k records.Register, v any, err error) error {
	var perr *proxenos.Error
	if errors.As(err, &perr) {
		return err
	}
	return fmt.Errorf("transfer: restore %s %s: %w", k.Kind(), identity(v), err)
}

// identity returns what names a record in messages: its protocol
// number or id.
func identity(v any) string {
	switch v := v.(type) {
	case *proxenos.Correspondence:
		return v.Protocol.String()
	case *proxenos.Partner:
		return v.ID
	case *proxenos.Contact:
		return v.ID
	case *proxenos.Call:
		return v.ID
	case *proxenos.Agreement:
		return v.ID
	case *proxenos.Obligation:
		return v.ID
	case *proxenos.GlossaryEntry:
		return v.ID
	case *proxenos.Delivery:
		return v.Key
	case *proxenos.ReminderMark:
		return v.ItemKey
	case *proxenos.Preference:
		return v.User
	}
	return "" // usage has no id; a feed's token hash is a credential's digest
}
