package proxenos

import (
	"slices"
	"strings"
	"time"
)

// Change records who changed which fields of a record, and when.
type Change struct {
	At     time.Time
	By     string
	Fields []FieldChange
}

// FieldChange is one field's old and new value, as text.
type FieldChange struct {
	Field string
	Old   string
	New   string
}

// The set helpers below are the steps of an update's Apply: each sets
// *dst to *src when src is given and differs, notes the change of field
// in changes, and reports whether it changed anything.

// setValue compares with == and writes the values with text.
func setValue[T comparable](changes *[]FieldChange, field string, dst, src *T, text func(T) string) bool {
	if src == nil || *dst == *src {
		return false
	}
	*changes = append(*changes, FieldChange{field, text(*dst), text(*src)})
	*dst = *src
	return true
}

// setText sets a text, or a code such as a status, written as it is.
func setText[T ~string](changes *[]FieldChange, field string, dst, src *T) bool {
	return setValue(changes, field, dst, src, func(v T) string { return string(v) })
}

// setTime compares instants with Equal and writes them with text.
func setTime(changes *[]FieldChange, field string, dst, src *time.Time, text func(time.Time) string) bool {
	if src == nil || dst.Equal(*src) {
		return false
	}
	*changes = append(*changes, FieldChange{field, text(*dst), text(*src)})
	*dst = *src
	return true
}

// setList compares lists item by item, writes them with text and keeps a
// copy of *src.
func setList[T comparable](changes *[]FieldChange, field string, dst, src *[]T, text func([]T) string) bool {
	if src == nil || slices.Equal(*dst, *src) {
		return false
	}
	*changes = append(*changes, FieldChange{field, text(*dst), text(*src)})
	*dst = slices.Clone(*src)
	return true
}

// listText writes a list of texts for the edit history: "a, b".
func listText(items []string) string { return strings.Join(items, ", ") }
