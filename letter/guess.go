package letter

import (
	"net/mail"
	"path"
	"regexp"
	"strings"
	"time"
	"unicode/utf8"

	"golang.org/x/net/publicsuffix"

	"github.com/proxenos/proxenos"
	"github.com/proxenos/proxenos/iso"
)

// Office is who the office is in its mail: its own mail domains
// ("maroussi.gr"; their subdomains count too) and the names it signs
// with ("Δήμος Αμαρουσίου", "Municipality of Maroussi").
type Office struct {
	Domains []string
	Names   []string
	Zone    *time.Location // its days; nil: proxenos.OfficeZone
}

// zone returns o.Zone, else the deployment's.
func (o Office) zone() *time.Location {
	if o.Zone != nil {
		return o.Zone
	}
	return proxenos.OfficeZone()
}

// MaxMessageIDLen bounds a Message-ID kept: RFC 5322's longest line.
const MaxMessageIDLen = 998

// Guess fills what rules can find in a letter, without a language
// model: the direction (outgoing when the office wrote it), the
// counterpart and its e-mail address, the subject, the document's date,
// its language and the counterpart's country, the sender's own
// reference (in the e-mail, else in a letter attached to it), the
// attachments' names and the Message-ID. An e-mail the office forwarded
// is read as the e-mail it forwards, whose own Message-ID (when it was
// attached whole) is kept too. Every value is checked as typed input
// would be; one that fails is left out.
func Guess(l *Letter, o Office) Fields {
	if l == nil {
		return Fields{}
	}
	l, forwardedID := unforward(l, o)
	f := Fields{Direction: direction(l, o), MessageID: l.MessageID, ForwardedID: forwardedID}
	who := counterpartAddress(l, o, f.Direction)
	f.Counterpart, f.Email = organisation(who, l.Text, o), who.Email
	f.Subject = subject(l)
	f.Date = documentDate(l, o.zone())
	f.Language = detectLanguage(l.Subject + "\n" + body(l.Text))
	f.Country = country(who, l.Text)
	f.Reference = reference(l.Text)
	for _, a := range l.Attachments {
		f.Attachments = append(f.Attachments, a.Name)
		if f.Reference == "" {
			f.Reference = reference(a.Text) // a letter sent as an attachment
		}
	}
	return valid(f)
}

// unforward returns the e-mail an office member forwarded, found as a
// header block in the body or as an attached e-mail, with the outer
// e-mail's attachments and Message-ID, and the forwarded e-mail's own
// Message-ID when it was attached whole (a quoted header block has
// none); any other letter is returned as it is.
func unforward(l *Letter, o Office) (*Letter, string) {
	if !o.isOffice(l.From) && !forwardPrefix.MatchString(l.Subject) {
		return l, ""
	}
	inner, ownID := FromText(l.Text), ""
	if inner.From == (Address{}) && len(l.Attachments) == 1 && strings.EqualFold(path.Ext(l.Attachments[0].Name), EmailType) {
		inner, ownID = FromText(l.Attachments[0].Text), l.Attachments[0].MessageID
	}
	if inner.From == (Address{}) || o.isOffice(inner.From) {
		return l, ""
	}
	inner.Attachments, inner.MessageID = l.Attachments, l.MessageID
	if inner.Subject == "" {
		inner.Subject = l.Subject
	}
	if inner.Date.IsZero() {
		inner.Date = l.Date
	}
	return inner, ownID
}

// isOffice reports whether an address is the office's: its domain or a
// subdomain of it is one of the office's, or its name is one of the
// office's names.
func (o Office) isOffice(a Address) bool {
	domain := a.Domain()
	for _, d := range o.Domains {
		d = lowerASCII(strings.TrimSpace(d))
		if d != "" && (domain == d || strings.HasSuffix(domain, "."+d)) {
			return true
		}
	}
	return a.Name != "" && o.named(a.Name)
}

// named reports whether text contains one of the office's names.
func (o Office) named(text string) bool {
	key := proxenos.SearchKey(text)
	for _, n := range o.Names {
		if n = proxenos.SearchKey(strings.TrimSpace(n)); n != "" && strings.Contains(key, n) {
			return true
		}
	}
	return false
}

// direction is outgoing when the office sent the e-mail or its name
// heads the letter, incoming otherwise.
func direction(l *Letter, o Office) proxenos.Direction {
	if l.From != (Address{}) {
		if o.isOffice(l.From) {
			return proxenos.Outgoing
		}
		return proxenos.Incoming
	}
	var head []string
	for _, line := range letterhead(l.Text) {
		if addresseeLine.MatchString(line) {
			break // the addressee block: the office is named there in letters to it
		}
		head = append(head, line)
	}
	if o.named(strings.Join(head, "\n")) {
		return proxenos.Outgoing
	}
	return proxenos.Incoming
}

// addresseeLine matches the line of a letter that names its addressee:
// "Προς: Comune di Bologna", "To:", "An:", "À :", "A:".
var addresseeLine = regexp.MustCompile(`(?i)^(?:προς|to|an|à|a|al|alla|destinataire)\s*:\s*(.*)$`)

// addressee returns the body a letter is addressed to, from its
// addressee line or, when that line names none, the next one.
func addressee(text string) string {
	lines := letterhead(text)
	for i, line := range lines {
		if m := addresseeLine.FindStringSubmatch(line); m != nil {
			if m[1] == "" && i+1 < len(lines) {
				return bodyName(lines[i+1])
			}
			return bodyName(m[1])
		}
	}
	return ""
}

// counterpartAddress is the sender of an incoming letter, the first
// addressee outside the office of an outgoing one.
func counterpartAddress(l *Letter, o Office, d proxenos.Direction) Address {
	if d == proxenos.Incoming {
		return l.From
	}
	for _, a := range append(append([]Address(nil), l.To...), l.Cc...) {
		if !o.isOffice(a) {
			return a
		}
	}
	if l.From == (Address{}) {
		return Address{Name: addressee(l.Text)} // a letter's addressee line
	}
	return Address{}
}

// letterhead returns the first non-empty lines of a text, where a
// letter names its sender, its date and its reference.
func letterhead(text string) []string { return nonEmptyLines(text, 12, false) }

// signature returns the last non-empty lines of an e-mail's own text,
// where its sender signs.
func signature(text string) []string { return nonEmptyLines(body(text), 6, true) }

// nonEmptyLines returns up to n non-empty trimmed lines from the start
// of text, or from its end.
func nonEmptyLines(text string, n int, fromEnd bool) []string {
	var lines []string
	for _, line := range strings.Split(text, "\n") {
		if line = strings.TrimSpace(line); line != "" {
			lines = append(lines, line)
		}
	}
	if len(lines) <= n {
		return lines
	} else if fromEnd {
		return lines[len(lines)-n:]
	}
	return lines[:n]
}

// body returns an e-mail's own text, without the text it quotes: lines
// after the first quote header ("On … wrote:", a forwarded header
// block, "-----Original Message-----") and lines quoted with ">".
func body(text string) string {
	lines := strings.Split(text, "\n")
	if start, _, _ := headerBlock(lines); start >= 0 {
		lines = lines[:start]
	}
	var own []string
	for _, line := range lines {
		t := strings.TrimSpace(line)
		if quoteHeader.MatchString(t) {
			break
		}
		if !strings.HasPrefix(t, ">") {
			own = append(own, line)
		}
	}
	return strings.Join(own, "\n")
}

// quoteHeader matches the line above a quoted e-mail.
var quoteHeader = regexp.MustCompile(`(?i)^(-{2,}\s*(original message|forwarded message|ursprüngliche nachricht|message d'origine|messaggio originale|αρχικό μήνυμα|προωθημένο μήνυμα).*|(on|am|le|il|στις) .*(wrote|schrieb|a écrit|ha scritto|έγραψε):)$`)

// forwardPrefix matches the subject of a forwarded e-mail.
var forwardPrefix = regexp.MustCompile(`(?i)^\s*(fwd?|wg|tr|i|πρθ|προωθ)\s*:`)

// replyPrefix matches the prefixes mail programs put before a subject in
// the office's languages: Re:, Fwd:, AW:, WG:, TR:, R:, I:, ΑΠ:, ΠΡΘ:, and
// a tag such as "[EXTERNAL]".
var replyPrefix = regexp.MustCompile(`(?i)^\s*(?:(?:re|fwd?|aw|wg|tr|r|i|rif|απ|πρθ|σχετ)\s*(?:\[\d+\])?\s*:|\[[^\]]{1,30}\])\s*`)

// subjectLine matches a letter's subject line.
var subjectLine = regexp.MustCompile(`(?im)^\s*(?:θέμα|θεμα|subject|betreff|objet|oggetto|re)\s*:\s*(.+)$`)

// subject returns the e-mail's subject without reply and forward
// prefixes, or a letter's subject line.
func subject(l *Letter) string {
	s := l.Subject
	if s == "" {
		if m := subjectLine.FindStringSubmatch(l.Text); m != nil {
			s = m[1]
		}
	}
	for {
		t := replyPrefix.ReplaceAllString(s, "")
		if t == s {
			return cleanLine(s)
		}
		s = t
	}
}

// documentDate is the e-mail's date, or the first date the letter
// writes, as midnight in loc.
func documentDate(l *Letter, loc *time.Location) time.Time {
	if !l.Date.IsZero() {
		return officeDay(l.Date, loc)
	}
	if d, ok := findDate(l.Text); ok {
		return onDay(d, loc)
	}
	return time.Time{}
}

// civic and unit are the words that mark a line of a letterhead or a
// signature as naming a body: civic ones the body itself (a city, a
// ministry, or a union, network or association of them), unit ones a
// part of it, taken when no civic one is found. Words are folded by
// SearchKey: no accents, final ς as σ.
var (
	civic = orgPattern(`δημοσ`, `δημου`, `δημων`, `municipality`, `municipalities`, `city of`, `city council`, `stadt`,
		`landeshauptstadt`, `ville de`, `mairie`, `commune`, `comune`, `comuni`, `citta`, `metropole`, `gemeente`,
		`municipio`, `ayuntamiento`, `camara municipal`, `embassy`, `πρεσβεια`, `ambassade`, `botschaft`, `ambasciata`,
		`european commission`, `european parliament`, `committee of the regions`, `ministry`, `υπουργειο`,
		`university`, `πανεπιστημιο`, `region`, `περιφερεια`, `περιφερειων`, `consulate`, `προξενειο`,
		`generalkonsulat`, `consulat`,
		// Unions, networks and associations of bodies.
		`ενωση`, `ενωσησ`, `union`, `network`, `δικτυο`, `reseau`, `eurocities`, `association`, `associazione`,
		`unione`, `verband`, `stadtetag`, `gemeindebund`)
	unit = orgPattern(`directorate`, `διευθυνση`, `department`, `τμημα`, `office`, `γραφειο`, `referat`, `amt`, `buro`,
		`service`, `servizio`, `ufficio`, `unit`, `dg [a-z]+`)
)

// orgPattern matches a line holding one of words, folded by SearchKey.
func orgPattern(words ...string) *regexp.Regexp {
	return regexp.MustCompile(`(?:^|[^\pL])(?:` + strings.Join(words, "|") + `)(?:[^\pL]|$)`)
}

// personalMail are mail services whose addresses name people, not
// bodies; personalBrands those with a domain in many countries
// (yahoo.co.uk, hotmail.it, gmx.at), by the label under the public
// suffix.
var (
	personalMail = setOf("gmail.com", "googlemail.com", "ymail.com", "rocketmail.com", "msn.com", "icloud.com", "me.com",
		"mac.com", "protonmail.com", "protonmail.ch", "proton.me", "pm.me", "tutanota.com", "mail.com", "email.com",
		"zoho.com", "fastmail.com", "web.de", "t-online.de", "freenet.de", "arcor.de", "posteo.de", "mailbox.org",
		"free.fr", "wanadoo.fr", "orange.fr", "laposte.net", "sfr.fr", "neuf.fr", "libero.it", "virgilio.it", "tin.it",
		"alice.it", "tiscali.it", "fastwebnet.it", "email.it", "hol.gr", "otenet.gr", "forthnet.gr", "windowslive.com",
		"cytanet.com.cy", "primehome.com", "sapo.pt", "telefonica.net", "terra.es", "skynet.be", "telenet.be",
		"btinternet.com", "sky.com", "virginmedia.com", "blueyonder.co.uk", "ntlworld.com", "talktalk.net", "bigpond.com",
		"comcast.net", "verizon.net", "att.net", "mail.ru", "bk.ru", "list.ru", "inbox.ru", "rambler.ru", "ukr.net",
		"wp.pl", "o2.pl", "onet.pl", "interia.pl", "seznam.cz", "centrum.cz", "abv.bg", "mail.bg", "freemail.hu",
		"qq.com", "163.com", "naver.com")
	personalBrands = setOf("yahoo", "hotmail", "outlook", "live", "gmx", "yandex", "aol")
)

// setOf returns a set of words.
func setOf(words ...string) map[string]bool {
	set := make(map[string]bool, len(words))
	for _, w := range words {
		set[w] = true
	}
	return set
}

// PersonalMail reports whether domain (of an e-mail address) is a mail
// service whose addresses name people - gmail.com, yahoo.co.uk,
// cytanet.com.cy - rather than a body's own domain: such a domain says
// nothing of a sender's body, nor of the partner it belongs to.
func PersonalMail(domain string) bool {
	domain = strings.TrimSuffix(lowerASCII(strings.TrimSpace(domain)), ".")
	if personalMail[domain] {
		return true
	}
	etld1, err := publicsuffix.EffectiveTLDPlusOne(domain)
	if err != nil {
		return false
	}
	label, _, _ := strings.Cut(etld1, ".")
	return personalMail[etld1] || personalBrands[label]
}

// knownDomains are the bodies whose domain label says little.
var knownDomains = map[string]string{
	"ec.europa.eu":        "European Commission",
	"europarl.europa.eu":  "European Parliament",
	"cor.europa.eu":       "European Committee of the Regions",
	"eeas.europa.eu":      "European External Action Service",
	"consilium.europa.eu": "Council of the European Union",
}

// organisation names the counterpart's body: its display name when that
// names a body, else a body named in the letterhead or the signature
// (a unit - "Ufficio Gemellaggi" - only when neither names the body
// itself), else its display name at a personal mail service, else a
// known domain's body or the domain's own label ("limassol" in
// limassol.org.cy).
func organisation(a Address, text string, o Office) string {
	lines := signature(text)
	if a == (Address{}) {
		lines = letterhead(text)
	}
	for _, re := range []*regexp.Regexp{civic, unit} {
		if a.Name != "" && re.MatchString(proxenos.SearchKey(a.Name)) {
			return a.Name
		}
		for _, line := range lines {
			if name := bodyName(line); name != "" && re.MatchString(proxenos.SearchKey(name)) && !o.named(name) {
				return name
			}
		}
	}
	domain := a.Domain()
	if name, ok := knownDomains[domain]; ok {
		return name
	}
	if domain == "" || PersonalMail(domain) {
		return a.Name
	}
	return domainLabel(domain)
}

// bodyName returns the part of a line that names a body: up to a comma,
// a bar or a dash, if it is short and no sentence.
func bodyName(line string) string {
	line = strings.Trim(line, " *_-–—|")
	for _, sep := range []string{" | ", " – ", " — ", " - ", ", ", " · "} {
		line, _, _ = strings.Cut(line, sep)
	}
	// A sentence of the letter is no name.
	if n := utf8.RuneCountInString(line); n < 4 || n > 80 || strings.ContainsAny(line, "@:!?") ||
		strings.Contains(line, ". ") || strings.HasSuffix(line, ".") || len(strings.Fields(line)) > 8 {
		return ""
	}
	return line
}

// domainLabel returns the label a domain registers under its public
// suffix, as a name: "Limassol" for mail.limassol.org.cy.
func domainLabel(domain string) string {
	etld1, err := publicsuffix.EffectiveTLDPlusOne(domain)
	if err != nil {
		return ""
	}
	label, _, _ := strings.Cut(etld1, ".")
	if label == "" {
		return ""
	}
	return strings.ToUpper(label[:1]) + label[1:]
}

// country is the country of the counterpart's domain ("cy" in
// limassol.org.cy), or one the letterhead or the signature names.
func country(a Address, text string) string {
	if domain := a.Domain(); domain != "" {
		tld := domain[strings.LastIndexByte(domain, '.')+1:]
		if code, ok := iso.Country(tld); ok && len(tld) == 2 {
			return code
		}
	}
	lines := letterhead(text)
	if a != (Address{}) {
		lines = signature(text)
	}
	for _, line := range lines {
		for _, part := range strings.Split(line, ",") {
			// Codes are not read in free text: "DE" may be a word.
			if part = strings.TrimSpace(part); utf8.RuneCountInString(part) > 3 {
				if code, ok := iso.Country(part); ok {
					return code
				}
			}
		}
	}
	return ""
}

// referenceLabel matches the label of the sender's own reference, in the
// languages of the office's mail; the reference is what follows it on
// the line.
var referenceLabel = regexp.MustCompile(`(?i)(?:^|[^\pL/])(` + strings.Join([]string{
	`αρ(?:ιθ(?:μ(?:ός)?)?)?\.?\s*πρωτ(?:οκόλλου|\.)?`, // Αρ. Πρωτ., Αριθ. Πρωτ., Αριθμός Πρωτοκόλλου
	`α\.\s?π\.(?:\s|:)`,                                       // Α.Π.: but not Α.Π.Θ.
	`our\s+ref(?:erence)?\.?`, `r[ée]f(?:[ée]rence)?\.?[ªº]?`, // Ref., Réf., Ref.ª (Portuguese)
	`(?:nos|notre|n/)\s*r[ée]f(?:[ée]rences?|s)?\.?`, `nuestra\s+ref(?:erencia)?\.?`,
	`unser\s+zeichen`, `aktenzeichen`, `az\.`,
	`nostro\s+rif(?:erimento|\.)?`, `rif\.`, `prot(?:ocollo|\.)?\s*n(?:\.|°|º|um\.)?`,
}, "|") + `)\s*[:.]?\s*`)

// notOurs matches the end of what comes before a label that names the
// reference of the office's own earlier letter ("Your ref", "Ihr
// Zeichen", "V/Réf", "Vos réf.", "Vostro rif.", "Su ref.", "Σχετ."),
// not the sender's.
var notOurs = regexp.MustCompile(`(?i)(?:(?:^|[^\pL])(?:your|ihr|ihre|vostro|vostra|votre|vos|vossa|vosso|su|sus|vuestra|vuestro|σχετ|σας)\.?\s*:?|v/)\s*$`)

// reference returns the sender's own reference number.
func reference(text string) string {
	for _, line := range strings.Split(text, "\n") {
		for _, m := range referenceLabel.FindAllStringSubmatchIndex(line, -1) {
			if notOurs.MatchString(line[:m[2]]) {
				continue
			}
			if ref := referenceValue(line[m[1]:]); ref != "" {
				return ref
			}
		}
	}
	return ""
}

// dateAfter matches the date a reference is given with: "512233 del
// 18/11/2026", "10.3/STP-27 vom 6.11.26".
var dateAfter = regexp.MustCompile(`(?i)\s+(?:del|dd\.?|vom|du|of|dated|de|em|της|από)\s+\d`)

// referenceValue returns the reference at the start of s, up to a wide
// gap, a separator or its date, if it holds a digit. What is left of
// its label (the ª of "Ref.ª", a colon) is no part of it.
func referenceValue(s string) string {
	s = strings.TrimLeft(s, "ªº:. \t")
	for _, sep := range []string{"  ", "\t", " | ", " - ", " – ", "; ", ", "} {
		s, _, _ = strings.Cut(s, sep)
	}
	if loc := dateAfter.FindStringIndex(s); loc != nil {
		s = s[:loc[0]]
	}
	s = strings.TrimRight(strings.TrimSpace(s), ".,;)")
	if !strings.ContainsAny(s, "0123456789") {
		return ""
	}
	return s
}

// valid returns f without the values typed input would refuse: too
// long, a date in the future or before 1900, an e-mail address that is
// none, a language or a country that is no code. Message-IDs lose
// their brackets and comments; a forwarded e-mail's that is the outer
// one's is dropped.
func valid(f Fields) Fields {
	f.MessageID, f.ForwardedID = messageID(f.MessageID), messageID(f.ForwardedID)
	if strings.EqualFold(f.ForwardedID, f.MessageID) {
		f.ForwardedID = ""
	}
	for _, s := range []struct {
		value *string
		max   int
	}{
		{&f.Counterpart, proxenos.MaxNameLen}, {&f.Email, proxenos.MaxNameLen}, {&f.Subject, proxenos.MaxSubjectLen},
		{&f.Reference, proxenos.MaxRefLen}, {&f.MessageID, MaxMessageIDLen}, {&f.ForwardedID, MaxMessageIDLen},
	} {
		*s.value = cleanLine(*s.value)
		if utf8.RuneCountInString(*s.value) > s.max {
			*s.value = ""
		}
	}
	if !f.Date.IsZero() && (f.Date.After(time.Now()) || f.Date.Year() < 1900) {
		f.Date = time.Time{}
	}
	if _, err := mail.ParseAddress(f.Email); err != nil {
		f.Email = ""
	}
	if code, ok := iso.Language(f.Language); !ok || code != f.Language {
		f.Language = ""
	}
	if code, ok := iso.Country(f.Country); !ok || code != f.Country {
		f.Country = ""
	}
	var names []string
	for _, n := range f.Attachments {
		if n = cleanLine(n); n != "" && utf8.RuneCountInString(n) <= proxenos.MaxAttachmentLen && len(names) < proxenos.MaxAttachments {
			names = append(names, n)
		}
	}
	f.Attachments = names
	return f
}
