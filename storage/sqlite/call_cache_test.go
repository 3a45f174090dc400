package sqlite

import (
	"reflect"
	"testing"
	"time"

	"github.com/proxenos/proxenos"
)

// TestCloneCall_SharesNothing fails when Call gains a field of shared
// memory (a slice, a map, a pointer) that cloneCall does not copy: the
// cache of decoded calls would hand one caller's change to the next.
func TestCloneCall_SharesNothing(t *testing.T) {
	c := &proxenos.Call{Deadlines: []proxenos.Deadline{{At: time.Now()}}, PartnerIDs: []string{"p1"},
		Milestones: []proxenos.Milestone{{Text: "draft"}},
		History:    []proxenos.Change{{By: "U1", Fields: []proxenos.FieldChange{{Field: "title"}}}}}
	out := cloneCall(c)
	shared(t, "Call", reflect.ValueOf(c).Elem(), reflect.ValueOf(out).Elem())
}

// shared reports every slice, map or pointer of a reached from b's; a
// time's zone is shared and never changed.
func shared(t *testing.T, path string, a, b reflect.Value) {
	if a.Type() == reflect.TypeFor[time.Time]() {
		return
	}
	switch a.Kind() {
	case reflect.Struct:
		for i := range a.NumField() {
			shared(t, path+"."+a.Type().Field(i).Name, a.Field(i), b.Field(i))
		}
	case reflect.Slice:
		if a.Len() > 0 && a.Pointer() == b.Pointer() {
			t.Errorf("%s is shared by the clone", path)
		}
		for i := range min(a.Len(), b.Len()) {
			shared(t, path, a.Index(i), b.Index(i))
		}
	case reflect.Map, reflect.Pointer:
		if !a.IsNil() && a.Pointer() == b.Pointer() {
			t.Errorf("%s is shared by the clone", path)
		}
	}
}
