package letter

import (
	"html"
	"net/mail"
	"regexp"
	"strings"
	"time"
)

// FromText returns the letter in a pasted text, such as a Slack message.
// A forwarded e-mail's header block in it - "From:/Date:/Subject:", or
// as Greek, German, French and Italian mail programs write it ("Από:/
// Ημερομηνία:/Θέμα:", "Von:/Gesendet:/Betreff:", "De :/Envoyé :/Objet :",
// "Da:/Inviato:/Oggetto:") - fills the headers, and the text after it is
// the body; without one, the whole text is the body.
func FromText(text string) *Letter {
	text = slackText(text)
	lines := strings.Split(strings.ReplaceAll(text, "\r\n", "\n"), "\n")
	start, end, headers := headerBlock(lines)
	if start < 0 {
		return &Letter{Text: strings.TrimSpace(text)}
	}
	l := &Letter{Text: strings.TrimSpace(strings.Join(lines[end:], "\n"))}
	if from := looseAddresses(headers["from"]); len(from) > 0 {
		l.From = from[0]
	}
	l.To, l.Cc = looseAddresses(headers["to"]), looseAddresses(headers["cc"])
	l.Subject = cleanLine(headers["subject"])
	if d, err := mail.ParseDate(headers["date"]); err == nil {
		l.Date = d
	} else if d, ok := findDate(headers["date"]); ok {
		// A day without a time: noon UTC is that day in every office
		// from UTC-11 to UTC+11.
		l.Date = d.Add(12 * time.Hour)
	}
	return l
}

// headerLabels maps the labels of a forwarded header block, lower case,
// to the header they stand for.
var headerLabels = map[string]string{
	"from": "from", "από": "from", "von": "from", "de": "from", "da": "from", "van": "from",
	"date": "date", "sent": "date", "ημερομηνία": "date", "στάλθηκε": "date", "εστάλη": "date",
	"gesendet": "date", "datum": "date", "envoyé": "date", "inviato": "date", "data": "date",
	"to": "to", "προς": "to", "an": "to", "à": "to", "a": "to", "per": "to",
	"cc": "cc", "κοιν": "cc", "κοινοποίηση": "cc",
	"subject": "subject", "θέμα": "subject", "betreff": "subject", "objet": "subject", "oggetto": "subject",
}

// headerLine matches a header line as mail programs quote it, perhaps
// bold ("*From:*") or quoted ("> From:").
var headerLine = regexp.MustCompile(`^[\s>*_]*([\p{L}]+)\.?\s*:[*_]?\s*(.*?)\s*$`)

// headerBlock finds the first run of header lines that starts with a
// sender and names a date or a subject. It returns the block's first
// line, the line after it and the headers, or -1 when there is none.
func headerBlock(lines []string) (int, int, map[string]string) {
	for i := range lines {
		if lineHeader(lines[i]) != "from" {
			continue
		}
		headers := map[string]string{}
		j := i
		for ; j < len(lines) && j-i < 10; j++ {
			name := lineHeader(lines[j])
			if name == "" || headers[name] != "" {
				break
			}
			headers[name] = headerLine.FindStringSubmatch(lines[j])[2]
		}
		if headers["date"] != "" || headers["subject"] != "" {
			return i, j, headers
		}
	}
	return -1, -1, nil
}

// lineHeader returns the header a line gives, or "".
func lineHeader(line string) string {
	m := headerLine.FindStringSubmatch(line)
	if m == nil || m[2] == "" {
		return ""
	}
	return headerLabels[strings.ToLower(m[1])]
}

// slackLink matches a link as Slack writes it in message text:
// <mailto:a@b.c|a@b.c>, <https://…|label>, <https://…>.
var slackLink = regexp.MustCompile(`<(?:mailto:)?([^<>|\s]+)(?:\|([^<>]*))?>`)

// slackText undoes Slack's markup of links and its escapes of <, > and &.
func slackText(s string) string {
	s = slackLink.ReplaceAllStringFunc(s, func(m string) string {
		sub := slackLink.FindStringSubmatch(m)
		if strings.Contains(sub[1], "@") || sub[2] == "" {
			return sub[1]
		}
		return sub[2]
	})
	return html.UnescapeString(s)
}

// emailPattern finds an e-mail address in free text.
var emailPattern = regexp.MustCompile(`[\p{L}\p{N}._%+'-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+`)

// looseAddresses reads a list of addresses as mail programs quote them:
// "Name <a@b.c>", "Name [mailto:a@b.c]", "a@b.c", separated by ; or ,.
func looseAddresses(s string) []Address {
	if strings.TrimSpace(s) == "" {
		return nil
	}
	if list, err := mail.ParseAddressList(s); err == nil {
		out := make([]Address, len(list))
		for i, a := range list {
			out[i] = Address{Name: cleanLine(a.Name), Email: a.Address}
		}
		return out
	}
	var out []Address
	for _, item := range strings.Split(s, ";") {
		if strings.TrimSpace(item) != "" {
			out = append(out, looseAddress(item))
		}
	}
	return out
}

// looseAddress reads one address that net/mail cannot: the first e-mail
// address in s, and the rest as the name.
func looseAddress(s string) Address {
	email := emailPattern.FindString(s)
	name := s
	if email != "" {
		name = strings.Replace(name, email, "", 1)
		name = strings.NewReplacer("mailto:", "", "<", "", ">", "", "[", "", "]", "", `"`, "", "()", "").Replace(name)
	}
	return Address{Name: cleanLine(strings.Trim(cleanLine(name), `'" ,`)), Email: email}
}
