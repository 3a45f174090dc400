package handlers

import (
	"strings"
	"unicode"

	"github.com/proxenos/proxenos"
)

// Args are the parsed arguments of a command: key:value fields by
// canonical key, and the positional words in order.
type Args struct {
	Fields map[string]string
	Words  []string
}

// Has reports whether the field key was given, even empty.
func (a *Args) Has(key string) bool {
	_, ok := a.Fields[key]
	return ok
}

// Get returns the value of field key, or "".
func (a *Args) Get(key string) string { return a.Fields[key] }

// Rest returns the positional words joined by spaces.
func (a *Args) Rest() string { return strings.Join(a.Words, " ") }

// ArgSpec says which keys a command accepts: canonical key → whether an
// unquoted value may span several words (up to the next key).
type ArgSpec map[string]bool

// keyAliases maps the SearchKey of every accepted spelling of a key to its
// canonical name. Greek spellings fold their accents through SearchKey.
var keyAliases = map[string]string{}

// aliasSpellings lists the alternative spellings users type, by key.
var aliasSpellings = map[string][]string{
	"from":    {"από", "αποστολέας"},
	"to":      {"προς", "παραλήπτης"},
	"cc":      {"copies", "κοιν", "κοινοποίηση"},
	"subject": {"θέμα"},
	"summary": {"περίληψη"},
	"date":    {"ημ", "ημερ", "ημ/νία", "ημερομηνία"},
	"lang":    {"language", "γλώσσα"},
	"country": {"χώρα"},
	"tags":    {"tag", "ετικέτες", "ετικέτα"},
	"medium":  {"μέσο"},
	"ref":     {"αρ", "αρ.πρωτ", "αριθμός", "ιριδα"},
	"attach":  {"attachments", "συνημμένα", "συν"},
	"related": {"σχετ", "σχετικό", "σχετικά", "reply", "απάντηση"},
	"partner": {"εταίρος", "φορέας"},
	"name":    {"όνομα"},
	"alt":     {"εναλλακτικό", "πρωτότυπο"},
	"aliases": {"alias", "aka", "επίσης", "ονόματα"},
	"kind":    {"είδος", "τύπος"},
	"city":    {"πόλη"},
	"rel":     {"relationship", "σχέση"},
	"since":   {"έτος", "year"},
	"web":     {"website", "url", "ιστότοπος"},
	"notes":   {"σημειώσεις"},
	"role":    {"ρόλος", "θέση"},
	"email":   {"mail"},
	"phone":   {"τηλ", "τηλέφωνο"},
	"langs":   {"languages", "γλώσσες"},
}

func init() {
	for key, spellings := range aliasSpellings {
		keyAliases[foldKey(key)] = key
		for _, s := range spellings {
			keyAliases[foldKey(s)] = key
		}
	}
}

// foldKey is a key as looked up: accents and case folded, and the dots
// and slashes of Greek abbreviations dropped ("Σχετ.", "ημ/νία").
func foldKey(s string) string {
	return strings.NewReplacer(".", "", "/", "").Replace(proxenos.SearchKey(s))
}

// canonicalKey returns the canonical key of a typed key, or "".
func canonicalKey(typed string) string {
	return keyAliases[foldKey(typed)]
}

// closingQuote returns the quote that closes r, or 0 when r opens none.
func closingQuote(r rune) rune {
	switch r {
	case '"':
		return '"'
	case '“':
		return '”'
	// „…“ is German usage; Greek quotes with «…», Swedish with ”…”.
	case '„':
		return '“'
	case '«':
		return '»'
	case '”':
		return '”'
	}
	return 0
}

// Token is one piece of the text: a key (with its colon) or a word, which
// may have been quoted.
type Token struct {
	Key    string // the key as typed, without the colon; "" for a word
	Word   string
	Quoted bool
}

// Tokenize splits text into keys and words. It never fails: an unclosed
// quote runs to the end of the text.
func Tokenize(text string) []Token {
	var toks []Token
	rs := []rune(text)
	for i := 0; i < len(rs); {
		if unicode.IsSpace(rs[i]) {
			i++
			continue
		}
		// A quoted word runs to its closing quote, spaces and colons included.
		if c := closingQuote(rs[i]); c != 0 {
			j := i + 1
			// Phones and word processors pair quotes loosely: a curly quote may be
			// closed by a straight one, and “ by another “.
			for j < len(rs) && rs[j] != c && !(c == '”' && rs[j] == '"') && !(rs[i] == '“' && rs[j] == '“') {
				j++
			}
			toks = append(toks, Token{Word: string(rs[i+1 : j]), Quoted: true})
			i = j + 1
			continue
		}
		// Otherwise read to the next space, stopping at a colon after a
		// key-like prefix; "https://" is a value, not the key "https".
		j := i
		for j < len(rs) && !unicode.IsSpace(rs[j]) {
			if rs[j] == ':' && isKey(rs[i:j]) && !strings.HasPrefix(string(rs[j+1:min(j+3, len(rs))]), "//") {
				break
			}
			j++
		}
		if j < len(rs) && rs[j] == ':' {
			toks = append(toks, Token{Key: string(rs[i:j])})
			i = j + 1
			continue
		}
		toks = append(toks, Token{Word: string(rs[i:j])})
		i = j
	}
	return toks
}

// isKey reports whether rs can be a key: a letter, then letters,
// underscores, and the dots and slashes of abbreviations ("αρ.πρωτ.").
func isKey(rs []rune) bool {
	if len(rs) == 0 || !unicode.IsLetter(rs[0]) {
		return false
	}
	for _, r := range rs {
		// Mn: Greek typed with separate combining accents (as macOS may send it).
		if !unicode.IsLetter(r) && r != '_' && r != '.' && r != '/' && !unicode.Is(unicode.Mn, r) {
			return false
		}
	}
	return true
}

// ParseArgs reads text as positional words and key:value fields accepted
// by spec. Values may be quoted with straight or curly quotes or
// guillemets; an unquoted value is one word, or runs to the next key when
// spec marks the key as multi-word; a value ending in a comma continues
// with the next word ("tags: a, b"). Values and words are cleaned (see
// cleanField). An unknown key is an EINVALID error suggesting the nearest
// accepted key; a key given twice is one too.
func ParseArgs(text string, spec ArgSpec) (*Args, error) {
	args := &Args{Fields: map[string]string{}}
	toks := Tokenize(text)
	for i := 0; i < len(toks); i++ {
		t := toks[i]
		if t.Key == "" {
			args.Words = append(args.Words, CleanLine(t.Word))
			continue
		}
		key := canonicalKey(t.Key)
		multi, ok := spec[key]
		if key == "" || !ok {
			return nil, unknownKey(t.Key, spec)
		}
		if args.Has(key) {
			return nil, proxenos.Errorf(proxenos.EINVALID, "input.duplicate_field", proxenos.Field(key))
		}
		// Collect the value: one word, a quoted word, or for multi-word keys
		// every word up to the next key; a trailing comma asks for more. A
		// quote ends the value, so that words after it are not swallowed.
		var parts []string
		for i+1 < len(toks) && toks[i+1].Key == "" {
			next := toks[i+1]
			// A lone comma is a value ("sep:,"), not the start of a list.
			if last := len(parts) - 1; last >= 0 && !multi && (!strings.HasSuffix(parts[last], ",") || parts[last] == ",") {
				break
			}
			i++
			parts = append(parts, next.Word)
			if next.Quoted {
				break
			}
		}
		args.Fields[key] = strings.TrimSpace(cleanField(key, strings.Join(parts, " ")))
	}
	return args, nil
}

// unknownKey builds the error for a key the command does not accept,
// suggesting the closest accepted spelling when one is near.
func unknownKey(typed string, spec ArgSpec) error {
	var candidates []string
	for _, key := range sortedKeys(spec) {
		candidates = append(candidates, key)
		candidates = append(candidates, aliasSpellings[key]...)
	}
	if best, ok := nearest(typed, candidates); ok {
		return proxenos.Errorf(proxenos.EINVALID, "input.unknown_field", typed, best)
	}
	return proxenos.Errorf(proxenos.EINVALID, "input.unknown_field_list", typed, strings.Join(sortedKeys(spec), ", "))
}

// SplitList reads a comma-separated list, dropping empty items.
func SplitList(s string) []string {
	var out []string
	for _, item := range strings.Split(s, ",") {
		if item = strings.TrimSpace(item); item != "" {
			out = append(out, item)
		}
	}
	return out
}

// The keys /call and /mou add to those of args.go, with their Greek
// spellings. They join keyAliases from init, as args.go's own do; an
// existing key ("partner") gains spellings.
var commandKeys = map[string][]string{
	"id":        {"topic", "κωδικός"},
	"title":     {"τίτλος"},
	"deadline":  {"deadlines", "προθεσμία", "προθεσμίες"},
	"programme": {"program", "πρόγραμμα"},
	"call":      {"πρόσκληση"},
	"opening":   {"opens", "άνοιγμα"},
	"link":      {"σύνδεσμος"},
	"budget":    {"προϋπολογισμός"},
	"grant":     {"grants", "επιχορήγηση"},
	"partner":   {"partners", "εταίροι", "φορείς"},
	"owner":     {"υπεύθυνος"},
	"status":    {"κατάσταση"},
	"at":        {"on", "στις"},
	"before":    {"πριν"},
	"signed":    {"υπογραφή", "υπογράφηκε"},
	"decision":  {"απόφαση"},
	"start":     {"έναρξη"},
	"end":       {"λήξη"},
	"renewal":   {"renew", "ανανέωση"},
	"notice":    {"προειδοποίηση"},
	"docs":      {"documents", "έγγραφα"},
	"text":      {"κείμενο", "περιγραφή"},
	"due":       {"έως"},
	"every":     {"κάθε", "επανάληψη"},
	"lead":      {"remind", "υπενθύμιση", "υπενθυμίσεις"},
	"sep":       {"separator", "διαχωριστικό", "διαχωριστής"},
}

func init() {
	for key, spellings := range commandKeys {
		aliasSpellings[key] = append(aliasSpellings[key], spellings...)
		keyAliases[proxenos.SearchKey(key)] = key
		for _, s := range spellings {
			keyAliases[proxenos.SearchKey(s)] = key
		}
	}
}
