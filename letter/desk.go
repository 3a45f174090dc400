package letter

import (
	"context"

	"github.com/proxenos/proxenos"
)

// Desk reads letters for the correspondence form: files through Reader
// (documents in the sandbox it names), fields by the rules for Office,
// then by Model when one is configured.
type Desk struct {
	Reader Reader
	Office Office
	Model  *Model
}

// KnowsOffice reports whether the office's mail domains or names are
// set (the workspace's in ctx, else the desk's): without them no letter
// can be told to be the office's own, and every one reads as incoming.
func (d *Desk) KnowsOffice(ctx context.Context) bool {
	o := OfficeFromContext(ctx, d.Office)
	return len(o.Domains) > 0 || len(o.Names) > 0
}

// officeKey is the context key of a workspace's office.
type officeKey struct{}

// NewContextWithOffice returns ctx carrying the office letters are read
// for: a workspace's own mail domains and names, over a Desk's and a
// Model's.
func NewContextWithOffice(ctx context.Context, o Office) context.Context {
	return context.WithValue(ctx, officeKey{}, o)
}

// OfficeFromContext returns the office in ctx, else def.
func OfficeFromContext(ctx context.Context, def Office) Office {
	if o, ok := ctx.Value(officeKey{}).(Office); ok {
		return o
	}
	return def
}

// ReadFile reads a shared file as Reader.Read does.
func (d *Desk) ReadFile(ctx context.Context, name string, data []byte) (*Letter, error) {
	return d.Reader.Read(ctx, name, data)
}

// Fields returns what the rules find in l, then what the model adds.
// With the model's error, the rules' fields are still returned.
func (d *Desk) Fields(ctx context.Context, l *Letter) (Fields, error) {
	o := OfficeFromContext(ctx, d.Office)
	o.Zone = proxenos.ZoneFromContext(ctx)
	f := Guess(l, o)
	if d.Model == nil {
		return f, nil
	}
	return d.Model.Read(ctx, l, f)
}
