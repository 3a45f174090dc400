package bot

import "testing"

func TestCommandText(t *testing.T) {
	for _, tt := range []struct{ name, in, want string }{
		{"OKPlain", `in from:"Stadt Köln" subject:Forum`, `in from:"Stadt Köln" subject:Forum`},
		{"OKUserKept", `owner CERV-1 <@U012ABCDEF|maria>`, `owner CERV-1 <@U012ABCDEF|maria>`},
		{"OKGroupAndChannelKept", `<!subteam^S0123|@ir-office> <#C042|diethneis> <!channel>`, `<!subteam^S0123|@ir-office> <#C042|diethneis> <!channel>`},
		{"OKLinkLabelled", `link:<https://ec.europa.eu/info?a=1&amp;b=2|ec.europa.eu>`, `link:https://ec.europa.eu/info?a=1&b=2`},
		{"OKLinkBare", `attach:<https://example.org/a.pdf>`, `attach:https://example.org/a.pdf`},
		{"OKMail", `email:<mailto:m.rossi@example.it|m.rossi@example.it>`, `email:m.rossi@example.it`},
		{"OKEntities", `subject:"Q&amp;A &lt;draft&gt;"`, `subject:"Q&A <draft>"`},
		{"OKTypedAngleBracketsStayText", `subject:&lt;@U999&gt; &amp;lt;`, `subject:<@U999> &lt;`},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if got := commandText(tt.in); got != tt.want {
				t.Errorf("commandText(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}
