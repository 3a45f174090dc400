package proxenos_test

import (
	"reflect"
	"testing"

	"github.com/proxenos/proxenos"
)

func TestSearchKey(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"Αθήνα", "αθηνα"},
		{"ΑΘΗΝΑ", "αθηνα"},
		{"ΟΔΟΣ", "οδοσ"},
		{"οδός", "οδοσ"},
		{"Προϊστάμενος", "προισταμενοσ"},
		{"Köln", "koln"},
		{"Niš", "nis"},
		{"Ploiești", "ploiesti"},
		{"Straße", "strasse"},
	} {
		if got := proxenos.SearchKey(tt.in); got != tt.want {
			t.Errorf("SearchKey(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestSearchWords(t *testing.T) {
	got := proxenos.SearchWords("Einladung zum Forum — Stadt Köln", "forum, CERV-2027")
	want := []string{"einladung", "zum", "forum", "stadt", "koln", "cerv", "2027"}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("got %q, want %q", got, want)
	}
}
