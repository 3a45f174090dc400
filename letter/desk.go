package letter

import (
	"context"

	"github.com/proxenos/proxenos/translate"
)

// Documents reads document files with limits, such as translate.Sandbox.
type Documents interface {
	Extract(ctx context.Context, name string, data []byte) (*translate.Document, error)
}

// Desk reads letters for the correspondence form: files through
// Documents (translate.Extract in this process when nil), fields by the
// rules for Office, then by Model when one is configured.
type Desk struct {
	Documents Documents
	Office    Office
	Model     *Model
}

// ReadFile reads a shared file as Read does, documents and attachments
// through d.Documents.
func (d *Desk) ReadFile(ctx context.Context, name string, data []byte) (*Letter, error) {
	r := Reader{}
	if d.Documents != nil {
		r.Extract = func(name string, data []byte) (*translate.Document, error) {
			return d.Documents.Extract(ctx, name, data)
		}
	}
	return r.Read(name, data)
}

// Fields returns what the rules find in l, then what the model adds.
// With the model's error, the rules' fields are still returned.
func (d *Desk) Fields(ctx context.Context, l *Letter) (Fields, error) {
	f := Guess(l, d.Office)
	if d.Model == nil {
		return f, nil
	}
	return d.Model.Read(ctx, l, f)
}
