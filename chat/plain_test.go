package chat

import "testing"

func TestPlain(t *testing.T) {
	for in, want := range map[string]string{
		"Hi <@U123>, see <https://ex.org|the call> &amp; <https://ex.org/b>": "Hi @U123, see the call (https://ex.org) & https://ex.org/b",
		"<!channel> &lt;b&gt; <#C1|general> <mailto:a@b.gr|a@b.gr>":          "@channel <b> #general a@b.gr",
	} {
		if got := Plain(in); got != want {
			t.Errorf("Plain(%q) = %q, want %q", in, got, want)
		}
	}
}
