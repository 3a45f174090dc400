// Package transfer copies the records of Proxenos between stores and to
// and from backups: `proxenos migrate` (SQLite to MongoDB, or back),
// `proxenos export` and `proxenos import`. It works over
// storage.RestoreService, so every record keeps its id, protocol number,
// edit history and timestamps, and running a transfer again writes
// nothing new.
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

// kind is one register: how to stream, decode and restore its records.
type kind struct {
	name    string
	each    func(ctx context.Context, r storage.RestoreService, fn func(any) error) error
	decode  func(raw []byte) (any, error)
	restore func(ctx context.Context, r storage.RestoreService, v any, n int) (bool, error)
	counted bool // equal records are told apart by n (usage, marks)
}

// kindOf describes the register name of records of type T.
func kindOf[T any](name string, each func(storage.RestoreService, context.Context, func(*T) error) error,
	restore func(storage.RestoreService, context.Context, *T) (bool, error)) kind {
	return kindOfN(name, each, func(r storage.RestoreService, ctx context.Context, v *T, _ int) (bool, error) {
		return restore(r, ctx, v)
	}, false)
}

// kindOfN is kindOf for records without an identity of their own.
func kindOfN[T any](name string, each func(storage.RestoreService, context.Context, func(*T) error) error,
	restore func(storage.RestoreService, context.Context, *T, int) (bool, error), counted bool) kind {
	return kind{
		name: name,
		each: func(ctx context.Context, r storage.RestoreService, fn func(any) error) error {
			return each(r, ctx, func(v *T) error { return fn(v) })
		},
		decode: func(raw []byte) (any, error) {
			v := new(T)
			return v, json.Unmarshal(raw, v)
		},
		restore: func(ctx context.Context, r storage.RestoreService, v any, n int) (bool, error) {
			return restore(r, ctx, v.(*T), n)
		},
		counted: counted,
	}
}

// kinds are the registers, in the order they are restored. Request
// receipts and intake records are left out on purpose: they are
// transient, kept minutes to a day for the replicas' work in flight.
var kinds = []kind{
	kindOf("partner", storage.RestoreService.EachPartner, storage.RestoreService.RestorePartner),
	kindOf("contact", storage.RestoreService.EachContact, storage.RestoreService.RestoreContact),
	kindOf("correspondence", storage.RestoreService.EachCorrespondence, storage.RestoreService.RestoreCorrespondence),
	kindOf("call", storage.RestoreService.EachCall, storage.RestoreService.RestoreCall),
	kindOf("agreement", storage.RestoreService.EachAgreement, storage.RestoreService.RestoreAgreement),
	kindOf("obligation", storage.RestoreService.EachObligation, storage.RestoreService.RestoreObligation),
	kindOf("glossary", storage.RestoreService.EachGlossaryEntry, storage.RestoreService.RestoreGlossaryEntry),
	kindOfN("usage", storage.RestoreService.EachUsage, storage.RestoreService.RestoreUsage, true),
	kindOf("preference", storage.RestoreService.EachPreference, storage.RestoreService.RestorePreference),
	kindOf("calendar_feed", storage.RestoreService.EachCalendarFeed, storage.RestoreService.RestoreCalendarFeed),
	kindOf("delivery", storage.RestoreService.EachDelivery, storage.RestoreService.RestoreDelivery),
	kindOfN("mark", storage.RestoreService.EachMark, storage.RestoreService.RestoreMark, true),
}

// Kinds returns the register names a backup holds, in restore order.
func Kinds() []string {
	out := make([]string, len(kinds))
	for i, k := range kinds {
		out[i] = k.name
	}
	return out
}

// findKind returns the register called name.
func findKind(name string) (kind, bool) {
	for _, k := range kinds {
		if k.name == name {
			return k, true
		}
	}
	return kind{}, false
}

// equals tells apart equal records of a counted register: the n-th
// record equal to earlier ones (from 0) gets n.
type equals map[string]int

// nth returns how many records equal to v came before it.
func (e equals) nth(k kind, team string, v any) int {
	if !k.counted {
		return 0
	}
	b, _ := json.Marshal(v) // records of the store always encode
	key := team + "\x00" + k.name + "\x00" + string(b)
	n := e[key]
	e[key]++
	return n
}

// walk calls fn with every record of every workspace of from, in restore
// order.
func walk(ctx context.Context, from storage.RestoreService, fn func(ctx context.Context, team string, k kind, v any) error) error {
	teams, err := from.Teams(ctx)
	if err != nil {
		return err
	}
	for _, team := range teams {
		tctx := proxenos.NewContextWithTeam(ctx, team)
		for _, k := range kinds {
			if err := k.each(tctx, from, func(v any) error { return fn(tctx, team, k, v) }); err != nil {
				return fmt.Errorf("transfer: %s of %s: %w", k.name, team, err)
			}
		}
	}
	return nil
}

// Copy restores every record of from into to and checks the counts: the
// report has a row per workspace and register. Run again, it writes
// nothing that is already there.
func Copy(ctx context.Context, from, to storage.RestoreService) (*Report, error) {
	r := newReport()
	seen := equals{}
	err := walk(ctx, from, func(ctx context.Context, team string, k kind, v any) error {
		wrote, err := k.restore(ctx, to, v, seen.nth(k, team, v))
		if err != nil {
			return restoreError(k, v, err)
		}
		r.add(team, k.name, 1, wrote)
		return nil
	})
	if err != nil {
		return r, err
	}
	return r, r.count(ctx, to)
}

// Export writes every record of from to w as JSON lines and returns the
// counts it wrote.
func Export(ctx context.Context, from storage.RestoreService, w io.Writer) (*Report, error) {
	r := newReport()
	bw := bufio.NewWriter(w)
	enc := json.NewEncoder(bw)
	enc.SetEscapeHTML(false)
	err := walk(ctx, from, func(_ context.Context, team string, k kind, v any) error {
		raw, err := json.Marshal(v)
		if err != nil {
			return err
		}
		r.add(team, k.name, 1, false)
		return enc.Encode(Line{Version: FormatVersion, Type: k.name, Team: team, Record: raw})
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
func Import(ctx context.Context, rd io.Reader, to storage.RestoreService) (*Report, error) {
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
		k, ok := findKind(l.Type)
		switch {
		case l.Version < 1 || l.Version > FormatVersion:
			return r, proxenos.Errorf(proxenos.EINVALID, "transfer.invalid.version", n, l.Version, FormatVersion)
		case !ok:
			return r, proxenos.Errorf(proxenos.EINVALID, "transfer.invalid.type", n, l.Type)
		case l.Team == "":
			return r, proxenos.Errorf(proxenos.EINVALID, "transfer.invalid.team", n)
		}
		v, err := k.decode(l.Record)
		if err != nil {
			return r, proxenos.Errorf(proxenos.EINVALID, "transfer.invalid.line", n, err.Error())
		}
		wrote, err := k.restore(proxenos.NewContextWithTeam(ctx, l.Team), to, v, seen.nth(k, l.Team, v))
		if err != nil {
			return r, fmt.Errorf("line %d: %w", n, restoreError(k, v, err))
		}
		r.add(l.Team, k.name, 1, wrote)
	}
	if err := sc.Err(); err != nil {
		return r, proxenos.Errorf(proxenos.EINVALID, "transfer.invalid.read", err.Error())
	}
	return r, r.count(ctx, to)
}

// restoreError names the record a restore refused. A *proxenos.Error
// (a partner's name or a call's identifier taken by another record) is
// kept: its message names the record already.
func restoreError(k kind, v any, err error) error {
	var perr *proxenos.Error
	if errors.As(err, &perr) {
		return err
	}
	return fmt.Errorf("transfer: restore %s %s: %w", k.name, identity(v), err)
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
