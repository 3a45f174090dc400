package sqlite

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/proxenos/proxenos"
)

// TestDecodeDocAsEncodingJSON checks that decodeDoc reads every field
// of the stored records as encoding/json, which wrote them, reads it
// back: each record is filled field by field (strings with Greek, a
// non-UTF-8 byte and quotes; every list with one element; times with a
// zone), encoded with json.Marshal and decoded both ways.
func TestDecodeDocAsEncodingJSON(t *testing.T) {
	for _, rec := range []any{&proxenos.Correspondence{}, &proxenos.Partner{}, &proxenos.Call{}} {
		fill(reflect.ValueOf(rec).Elem(), 1)
		doc, err := json.Marshal(rec)
		if err != nil {
			t.Fatal(err)
		}
		want := reflect.New(reflect.TypeOf(rec).Elem())
		if err := json.Unmarshal(doc, want.Interface()); err != nil {
			t.Fatal(err)
		}
		got := reflect.New(reflect.TypeOf(rec).Elem())
		if err := decodeDoc(string(doc), got.Interface()); err != nil {
			t.Fatalf("%T: %v", rec, err)
		}
		if !reflect.DeepEqual(got.Interface(), want.Interface()) {
			t.Errorf("%T:\n got %+v\nwant %+v", rec, got.Elem(), want.Elem())
		}
	}
}

// fill sets every exported field v reaches to a value that is not zero,
// derived from n.
func fill(v reflect.Value, n int) {
	switch v.Kind() {
	case reflect.String:
		v.SetString("Δήμος \"Αμαρουσίου\" \xff " + string(rune('a'+n%26)))
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		v.SetInt(int64(n))
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		v.SetUint(uint64(n))
	case reflect.Float32, reflect.Float64:
		v.SetFloat(float64(n) + 0.5)
	case reflect.Bool:
		v.SetBool(true)
	case reflect.Pointer:
		v.Set(reflect.New(v.Type().Elem()))
		fill(v.Elem(), n+1)
	case reflect.Slice:
		v.Set(reflect.MakeSlice(v.Type(), 1, 1))
		fill(v.Index(0), n+1)
	case reflect.Map:
		v.Set(reflect.MakeMap(v.Type()))
		k, e := reflect.New(v.Type().Key()).Elem(), reflect.New(v.Type().Elem()).Elem()
		fill(k, n+1)
		fill(e, n+2)
		v.SetMapIndex(k, e)
	case reflect.Struct:
		if v.Type() == reflect.TypeFor[time.Time]() {
			v.Set(reflect.ValueOf(time.Date(2025, 3, n%28+1, 10, 30, 0, 123, proxenos.OfficeZone())))
			return
		}
		for i := range v.NumField() {
			if v.Type().Field(i).IsExported() {
				fill(v.Field(i), n+i)
			}
		}
	}
}

// BenchmarkDecodeEntry compares decodeDoc with encoding/json on an
// entry as the scale benchmark stores them (a subject, a summary of 25
// words, a tag).
func BenchmarkDecodeEntry(b *testing.B) {
	day := time.Date(2025, 3, 4, 0, 0, 0, 0, proxenos.OfficeZone())
	doc, err := json.Marshal(&proxenos.Correspondence{ID: "501/2025", Protocol: proxenos.ProtocolNumber{Year: 2025, Number: 501},
		Direction: proxenos.Incoming, Date: day, Registered: day, PartnerID: "p264", Counterpart: "Δήμος Φαέντσας",
		Country: "IT", Subject: "Πρόσκληση στο φόρουμ Q-Cities για την αδελφοποίηση",
		Summary: strings.Repeat("συνάντηση δημάρχων πρόγραμμα twinning ", 6), Tags: []string{"erasmus"}})
	if err != nil {
		b.Fatal(err)
	}
	b.Run("encoding/json", func(b *testing.B) {
		for b.Loop() {
			var c proxenos.Correspondence
			if err := json.Unmarshal(doc, &c); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("decodeDoc", func(b *testing.B) {
		for b.Loop() {
			var c proxenos.Correspondence
			if err := decodeDoc(string(doc), &c); err != nil {
				b.Fatal(err)
			}
		}
	})
}
