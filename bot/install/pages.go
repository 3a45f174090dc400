package install

import (
	"html/template"
	"net/http"

	"golang.org/x/text/language"

	"github.com/proxenos/proxenos/i18n"
)

// page is what one install page shows, in one language.
type page struct {
	Kind       string // "start", "installed" or "failed": the id of <main>
	Lang       i18n.Lang
	Title      string
	Heading    string
	Paragraphs []string
	Link       string // the button's target, if any
	LinkText   string
	Ok         bool // success or the start: the calm colour
}

// pageHTML is every install page: no script, no external asset, inline
// CSS that reads on a phone as on a desktop.
var pageHTML = template.Must(template.New("page").Parse(`<!DOCTYPE html>
<html lang="{{.Lang}}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>{{.Title}}</title>
<style>
body{margin:0;font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",sans-serif;background:#f4f5f7;color:#1d1c1d;line-height:1.5}
main{max-width:34rem;margin:2rem auto;padding:1.5rem;background:#fff;border-radius:.75rem;box-shadow:0 1px 3px rgba(0,0,0,.12)}
h1{font-size:1.5rem;margin:0 0 1rem;color:{{if .Ok}}#1264a3{{else}}#a3121f{{end}}}
p{margin:0 0 1rem;font-size:1.05rem}
a.button{display:inline-block;padding:.8rem 1.4rem;border-radius:.5rem;background:#4a154b;color:#fff;font-weight:600;text-decoration:none;font-size:1.1rem}
a.button:focus,a.button:hover{background:#611f69}
footer{margin-top:1.5rem;font-size:.85rem;color:#616061}
@media (max-width:36rem){main{margin:0;border-radius:0;min-height:100vh;box-sizing:border-box}}
</style>
</head>
<body>
<main id="{{.Kind}}">
<h1>{{.Heading}}</h1>
{{range .Paragraphs}}<p>{{.}}</p>
{{end}}{{if .Link}}<p><a class="button" id="action" href="{{.Link}}">{{.LinkText}}</a></p>
{{end}}<footer>Proxenos</footer>
</main>
</body>
</html>
`))

// writePage answers p with status.
func writePage(w http.ResponseWriter, status int, p *page) {
	h := w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("Cache-Control", "no-store")
	// Nothing of another origin may load, and no other site may frame
	// the page (the button would be clickjacked).
	h.Set("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'; form-action 'none'; base-uri 'none'")
	h.Set("X-Content-Type-Options", "nosniff")
	w.WriteHeader(status)
	_ = pageHTML.Execute(w, p)
}

// matcher picks Greek or English from a browser's Accept-Language;
// Greek first, the office's language, when it names neither.
var matcher = language.NewMatcher([]language.Tag{language.Greek, language.English})

// pageLang returns the language of the browser that sent r.
func pageLang(r *http.Request) i18n.Lang {
	tags, _, err := language.ParseAcceptLanguage(r.Header.Get("Accept-Language"))
	if err != nil || len(tags) == 0 {
		return i18n.Greek
	}
	_, i, conf := matcher.Match(tags...)
	if conf == language.No || i == 0 {
		return i18n.Greek
	}
	return i18n.English
}
