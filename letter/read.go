package letter

import (
	"bufio"
	"bytes"
	"cmp"
	"context"
	"encoding/base64"
	"errors"
	"io"
	"mime"
	"mime/multipart"
	"mime/quotedprintable"
	"net/mail"
	"path"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/proxenos/proxenos"
	"github.com/proxenos/proxenos/translate"
)

// Limits of Read: a hostile e-mail costs an error, never minutes or
// gigabytes.
const (
	MaxEmailSize       = 32 << 20 // bytes of an .eml, attachments encoded (base64 grows them by a third)
	MaxHeaderSize      = 64 << 10 // bytes of the e-mail's header block
	MaxParts           = 200      // MIME parts of an e-mail, nested ones included
	MaxDepth           = 8        // levels of nested multiparts
	MaxReadAttachments = 3        // attachments whose text is read; the others are only listed
	MaxAttachmentText  = 1 << 20  // bytes of attachments' text read, after which the others are only listed
)

// EmailType is the extension of an e-mail file, besides the document
// types translate.Extract reads.
const EmailType = ".eml"

// Read returns the letter in a file, by its name's extension: an e-mail
// (.eml) with its headers, body and attachments, or the text of a .txt,
// .md, .pdf, .docx or .odt letter (headers then empty). Errors: EINVALID
// for an unsupported, damaged or too large file, too many or too deeply
// nested parts, or a charset that cannot be decoded (named, never
// garbled).
//
// Read is Reader{}.Read: it reads a document file in this process, and
// the PDF, Word and OpenDocument files attached to an e-mail not at all
// (they are listed without text). A server reads with a Reader whose
// Documents is a translate.Sandbox.
func Read(name string, data []byte) (*Letter, error) {
	return Reader{}.Read(context.Background(), name, data)
}

// DocumentReader reads the text of a document file: *translate.Sandbox.
type DocumentReader interface {
	Extract(ctx context.Context, name string, data []byte) (*translate.Document, error)
}

// Reader reads letters, and the documents in them with Documents.
type Reader struct {
	// Documents reads PDF, Word and OpenDocument files out of process,
	// so that a hostile one can neither hang nor exhaust the server.
	// While it is nil, a document file is read in this process by
	// translate.Extract (for tests and the console), and the documents
	// attached to an e-mail are only listed: in-process readers take
	// minutes over some hostile files, and an e-mail's attachments come
	// from anyone.
	Documents DocumentReader
}

// Read returns the letter in a file as the package's Read does. The
// attachments of an e-mail are read until one cannot be (a hostile file
// costs Documents' time limit once, not once per attachment), at most
// MaxReadAttachments of them and MaxAttachmentText characters.
func (r Reader) Read(ctx context.Context, name string, data []byte) (*Letter, error) {
	if strings.EqualFold(path.Ext(name), EmailType) {
		if len(data) > MaxEmailSize {
			return nil, proxenos.Errorf(proxenos.EINVALID, "letter.read.too_large", MaxEmailSize>>20)
		}
		w := &walker{ctx: ctx, reader: r}
		return w.message(data, 0)
	}
	if !readable(name) {
		return nil, proxenos.Errorf(proxenos.EINVALID, "letter.read.unsupported", path.Base(name), EmailType+", "+translate.SupportedTypes)
	}
	var doc *translate.Document
	var err error
	if r.Documents != nil {
		doc, err = r.Documents.Extract(ctx, name, data)
	} else {
		doc, err = translate.Extract(name, data)
	}
	if err != nil {
		return nil, err
	}
	return &Letter{Text: doc.Text()}, nil
}

// errCorrupt is the error of an e-mail that is not one.
var errCorrupt = proxenos.Errorf(proxenos.EINVALID, "letter.read.corrupt")

// message reads an e-mail at a depth of nesting: the top one, or one
// attached (message/rfc822), which counts its parts with its parent's.
func (w *walker) message(data []byte, depth int) (*Letter, error) {
	if end := headerEnd(data); end < 0 || end > MaxHeaderSize {
		if end > MaxHeaderSize || len(data) > MaxHeaderSize {
			return nil, proxenos.Errorf(proxenos.EINVALID, "letter.read.header_too_large", MaxHeaderSize>>10)
		}
		data = append(bytes.Clone(data), "\r\n\r\n"...) // headers only
	}
	msg, err := mail.ReadMessage(bytes.NewReader(data))
	if err != nil {
		return nil, errCorrupt
	}
	l, err := readHeaders(msg.Header)
	if err != nil {
		return nil, err
	}
	sub := *w
	sub.letter, sub.plain, sub.html = l, "", ""
	if err := sub.part(partOf(msg.Header), msg.Body, depth); err != nil {
		return nil, err
	}
	w.parts, w.read, w.textLen, w.failed = sub.parts, sub.read, sub.textLen, sub.failed
	l.Text = sub.text()
	return l, nil
}

// headerEnd returns the length of the header block of an e-mail, up to
// its blank line, or -1 when there is none.
func headerEnd(data []byte) int {
	crlf, lf := bytes.Index(data, []byte("\r\n\r\n")), bytes.Index(data, []byte("\n\n"))
	switch {
	case crlf >= 0 && (lf < 0 || crlf < lf):
		return crlf
	default:
		return lf
	}
}

// readHeaders reads the addresses, date, subject and Message-ID.
func readHeaders(h mail.Header) (*Letter, error) {
	get := rawHeader(h)
	l := &Letter{}
	var err error
	if l.Subject, err = decodeHeader(get("Subject")); err != nil {
		return nil, err
	}
	from, err := addresses(get("From"))
	if err != nil {
		return nil, err
	}
	if len(from) > 0 {
		l.From = from[0]
	}
	if l.To, err = addresses(get("To")); err != nil {
		return nil, err
	}
	if l.Cc, err = addresses(get("Cc")); err != nil {
		return nil, err
	}
	if d, err := h.Date(); err == nil {
		l.Date = d
	}
	l.MessageID = messageID(get("Message-ID"))
	return l, nil
}

// messageID returns the id of a Message-ID header without its angle
// brackets: the addr-spec between the first < and its > (RFC 5322 allows
// comments and folding around it: "<a@b> (via relay)"), else the value
// up to a stray >, trimmed.
func messageID(v string) string {
	if i := strings.IndexByte(v, '<'); i >= 0 {
		v = v[i+1:]
	}
	v, _, _ = strings.Cut(v, ">")
	return strings.TrimSpace(v)
}

// rawHeader returns a getter of header values as UTF-8. Older Greek mail
// writes headers in 8 bits, without encoded words: they are read in the
// body's charset, or in windows-1253 when it names none (or none known).
func rawHeader(h mail.Header) func(string) string {
	return func(key string) string {
		v := h.Get(key)
		if utf8.ValidString(v) {
			return v
		}
		charset := "windows-1253"
		if _, params, err := mime.ParseMediaType(h.Get("Content-Type")); err == nil && params["charset"] != "" {
			if _, err := encodingOf(params["charset"]); err == nil {
				charset = params["charset"]
			}
		}
		if out, err := decodeCharset(charset, []byte(v)); err == nil {
			return out
		}
		return v
	}
}

// decodeHeader decodes RFC 2047 encoded words; a charset it cannot
// decode is an error naming it.
func decodeHeader(s string) (string, error) {
	out, err := wordDecoder.DecodeHeader(s)
	var perr *proxenos.Error
	if errors.As(err, &perr) {
		return "", perr
	} else if err != nil {
		return s, nil // a malformed word is kept as written
	}
	return cleanLine(out), nil
}

// addresses reads an address list; what net/mail cannot parse is kept as
// a name, with any address found in it.
func addresses(s string) ([]Address, error) {
	if strings.TrimSpace(s) == "" {
		return nil, nil
	}
	parser := mail.AddressParser{WordDecoder: wordDecoder}
	list, err := parser.ParseList(s)
	var perr *proxenos.Error
	if errors.As(err, &perr) {
		return nil, perr
	} else if err != nil {
		name, err := decodeHeader(s)
		if err != nil {
			return nil, err
		}
		return []Address{looseAddress(name)}, nil
	}
	out := make([]Address, len(list))
	for i, a := range list {
		out[i] = Address{Name: cleanLine(a.Name), Email: a.Address}
	}
	return out, nil
}

// cleanLine drops control characters and folds white space to single
// spaces: header values are one line.
func cleanLine(s string) string {
	return strings.Join(strings.Fields(strings.ToValidUTF8(s, "\uFFFD")), " ")
}

// part is the headers of a MIME part that the walker reads.
type part struct {
	contentType, encoding, disposition string
}

// partOf returns the headers of a message or a part that the walker
// reads.
func partOf(h interface{ Get(string) string }) part {
	return part{h.Get("Content-Type"), h.Get("Content-Transfer-Encoding"), h.Get("Content-Disposition")}
}

// walker reads the parts of an e-mail: the text/plain and text/html
// bodies, and the attachments. A body split around a picture or a file
// (Apple Mail sends text, image, text) is every inline part of a kind,
// in order; of the alternatives of a multipart/alternative, the first
// of each kind counts.
type walker struct {
	ctx         context.Context
	reader      Reader
	letter      *Letter
	plain, html string
	parts, read int
	textLen     int  // of the attachments read
	failed      bool // an attachment's reader was stopped: no more are read
}

// text returns the body: the plain part, else the HTML part as text.
func (w *walker) text() string {
	if strings.TrimSpace(w.plain) != "" {
		return w.plain
	}
	return w.html
}

// part reads one part at the given depth of nesting.
func (w *walker) part(p part, body io.Reader, depth int) error {
	if w.parts++; w.parts > MaxParts || depth > MaxDepth {
		return proxenos.Errorf(proxenos.EINVALID, "letter.read.too_complex", MaxParts, MaxDepth)
	}
	media, params, typeErr := mime.ParseMediaType(p.contentType)
	if typeErr != nil {
		media, params = "text/plain", map[string]string{} // RFC 2045's default
	}
	if media == "multipart/alternative" {
		return w.alternatives(body, params["boundary"], depth)
	} else if strings.HasPrefix(media, "multipart/") {
		return w.multipart(body, params["boundary"], depth)
	}
	data, readErr := io.ReadAll(transferDecoder(p.encoding, body))
	if readErr != nil {
		data = nil // a damaged or truncated part is an empty one
	}
	name := attachmentName(p.disposition, params)
	shown := name == "" && !attachedOnly(p.disposition)
	var text string
	var err error // a charset that cannot be decoded
	switch {
	case media == "message/rfc822":
		return w.attachMessage(name, data, depth)
	case shown && media == "text/plain":
		text, err = decodeBody(data, params["charset"])
		w.plain = joinText(w.plain, text)
	case shown && media == "text/html":
		text, err = decodeBody(data, params["charset"])
		w.html = joinText(w.html, htmlText(text))
	case !shown || !strings.HasPrefix(media, "text/"):
		w.attach(nameOr(name, media), data)
	}
	return err
}

// attachedOnly reports whether a Content-Disposition marks a part as an
// attachment, not part of the body.
func attachedOnly(disposition string) bool {
	d, _, _ := mime.ParseMediaType(disposition)
	return d == "attachment"
}

// joinText returns the body text a followed by the next inline part's b,
// a blank line between them where a picture or a file stood.
func joinText(a, b string) string {
	switch {
	case strings.TrimSpace(b) == "":
		return a
	case strings.TrimSpace(a) == "":
		return b
	}
	return strings.TrimRight(a, " \t\n") + "\n\n" + strings.TrimLeft(b, "\n")
}

// alternatives reads a multipart/alternative body: each part is the same
// text in another form, so of each kind (plain, HTML) the first one that
// holds text is added to the body read so far.
func (w *walker) alternatives(body io.Reader, boundary string, depth int) error {
	plain, html := w.plain, w.html
	var altPlain, altHTML string
	err := eachPart(body, boundary, func(p part, r io.Reader) error {
		w.plain, w.html = "", ""
		err := w.part(p, r, depth+1)
		altPlain, altHTML = cmp.Or(altPlain, nonBlank(w.plain)), cmp.Or(altHTML, nonBlank(w.html))
		return err
	})
	w.plain, w.html = joinText(plain, altPlain), joinText(html, altHTML)
	return err
}

// nonBlank returns s, or "" when it holds only white space.
func nonBlank(s string) string {
	if strings.TrimSpace(s) == "" {
		return ""
	}
	return s
}

// multipart reads the parts of a multipart body.
func (w *walker) multipart(body io.Reader, boundary string, depth int) error {
	return eachPart(body, boundary, func(p part, r io.Reader) error {
		return w.part(p, r, depth+1)
	})
}

// eachPart calls fn with each part of a multipart body, until fn fails.
func eachPart(body io.Reader, boundary string, fn func(part, io.Reader) error) error {
	if boundary == "" {
		return errCorrupt
	}
	mr := multipart.NewReader(body, boundary)
	for {
		// NextRawPart: the walker decodes transfer encodings itself.
		p, err := mr.NextRawPart()
		if err == io.EOF {
			return nil
		} else if err != nil {
			return nil // a truncated e-mail keeps the parts read so far
		}
		if err := fn(partOf(p.Header), p); err != nil {
			return err
		}
	}
}

// attach lists an attachment, with the text of a readable one.
func (w *walker) attach(name string, data []byte) {
	a := Attachment{Name: name, Size: len(data)}
	if w.readsText(name) {
		w.read++
		var doc *translate.Document
		var err error
		if plainText(name) {
			doc, err = translate.Extract(name, data) // linear in the text: safe in this process
		} else {
			doc, err = w.reader.Documents.Extract(w.ctx, name, data)
		}
		switch key := errorKey(err); {
		case err == nil:
			a.Text = doc.Text()
			w.textLen += len(a.Text)
		case key == "translate.extract.unreadable" || key == "":
			// The reader ran out of time or memory, or ctx ended: a
			// hostile file, whose like the e-mail may carry more of.
			w.failed = true
		}
	}
	w.letter.Attachments = append(w.letter.Attachments, a)
}

// readsText reports whether the text of an attachment is to be read.
func (w *walker) readsText(name string) bool {
	switch {
	case !readable(name) || w.read >= MaxReadAttachments || w.textLen >= MaxAttachmentText:
		return false
	case plainText(name):
		return true
	}
	return w.reader.Documents != nil && !w.failed && w.ctx.Err() == nil
}

// plainText reports whether a file is plain text or Markdown.
func plainText(name string) bool {
	switch strings.ToLower(path.Ext(name)) {
	case ".txt", ".text", ".md", ".markdown":
		return true
	}
	return false
}

// attachMessage lists an attached e-mail (a forward "as attachment"),
// with its headers and body as its text; too many parts in it, or too
// deep, stop the reading.
func (w *walker) attachMessage(name string, data []byte, depth int) error {
	inner, err := w.message(data, depth+1)
	if errorKey(err) == "letter.read.too_complex" {
		return err
	}
	a := Attachment{Name: name, Size: len(data)}
	if err == nil {
		a.Text, a.MessageID = quoted(inner), inner.MessageID
		if a.Name == "" {
			a.Name = safeFileName(inner.Subject) + EmailType
		}
	}
	a.Name = cmp.Or(a.Name, "message"+EmailType)
	w.letter.Attachments = append(w.letter.Attachments, a)
	return nil
}

// quoted writes an e-mail as mail programs quote a forwarded one: its
// header block, then its body. FromText reads it back.
func quoted(l *Letter) string {
	var b strings.Builder
	b.WriteString("From: " + quotedAddress(l.From) + "\n")
	if !l.Date.IsZero() {
		b.WriteString("Date: " + l.Date.Format(time.RFC1123Z) + "\n")
	}
	b.WriteString("Subject: " + l.Subject + "\n")
	to := make([]string, len(l.To))
	for i, a := range l.To {
		to[i] = quotedAddress(a)
	}
	b.WriteString("To: " + strings.Join(to, ", ") + "\n\n")
	b.WriteString(l.Text)
	return b.String()
}

// quotedAddress writes an address with its name in quotes, in UTF-8.
func quotedAddress(a Address) string {
	if a.Name == "" {
		return "<" + a.Email + ">"
	}
	return `"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`).Replace(a.Name) + `" <` + a.Email + ">"
}

// safeFileName returns s without the characters file names cannot hold.
func safeFileName(s string) string {
	s = strings.Map(func(r rune) rune {
		if strings.ContainsRune(`/\:*?"<>|`, r) {
			return '_'
		}
		return r
	}, s)
	if r := []rune(s); len(r) > 100 {
		s = string(r[:100])
	}
	return s
}

// errorKey returns the catalogue key of err, or "".
func errorKey(err error) string {
	var e *proxenos.Error
	if errors.As(err, &e) {
		return e.Key
	}
	return ""
}

// readable reports whether an attachment's text can be read.
func readable(name string) bool {
	switch strings.ToLower(path.Ext(name)) {
	case ".txt", ".text", ".md", ".markdown", ".pdf", ".docx", ".odt":
		return true
	}
	return false
}

// transferDecoder undoes a Content-Transfer-Encoding; 7bit, 8bit, binary
// and unknown ones are read as they are.
func transferDecoder(encoding string, r io.Reader) io.Reader {
	switch strings.ToLower(strings.TrimSpace(encoding)) {
	case "base64":
		return base64.NewDecoder(base64.StdEncoding, &base64Cleaner{r: bufio.NewReader(r)})
	case "quoted-printable":
		return quotedprintable.NewReader(r)
	}
	return r
}

// base64Cleaner drops the line breaks and spaces that e-mails put in
// base64, which the decoder does not skip on its own (it skips only
// \r and \n).
type base64Cleaner struct{ r io.ByteReader }

// Read reads base64 characters and padding only.
func (c *base64Cleaner) Read(p []byte) (int, error) {
	n := 0
	for n < len(p) {
		b, err := c.r.ReadByte()
		if err != nil {
			return n, err
		}
		if b == ' ' || b == '\t' || b == '\r' || b == '\n' {
			continue
		}
		p[n] = b
		n++
	}
	return n, nil
}

// attachmentName returns the decoded file name of a part, from its
// Content-Disposition (RFC 2231 included, which mime.ParseMediaType
// decodes) or its Content-Type's name; "" for an inline body.
func attachmentName(disposition string, typeParams map[string]string) string {
	name := typeParams["name"]
	if _, params, err := mime.ParseMediaType(disposition); err == nil && params["filename"] != "" {
		name = params["filename"]
	}
	if decoded, err := wordDecoder.DecodeHeader(name); err == nil {
		name = decoded
	}
	name = strings.ReplaceAll(cleanLine(name), `\`, "/")
	if name = path.Base(name); name == "." || name == "/" {
		return ""
	}
	return name
}

// nameOr returns name, or a name made from the media type for an
// attachment without one.
func nameOr(name, media string) string {
	if name != "" {
		return name
	}
	if exts, _ := mime.ExtensionsByType(media); len(exts) > 0 {
		return "attachment" + exts[0]
	}
	return "attachment"
}

// decodeBody returns a text part as UTF-8 from its charset: UTF-8 when
// none is given and the bytes are valid UTF-8, else Windows-1253 (older
// Greek mail that names no charset).
func decodeBody(data []byte, charset string) (string, error) {
	data = trimBOM(data)
	if charset == "" {
		if utf8.Valid(data) {
			return string(data), nil
		}
		charset = "windows-1253"
	}
	out, err := decodeCharset(charset, data)
	if err != nil {
		return "", err
	}
	return strings.ToValidUTF8(strings.ReplaceAll(out, "\r\n", "\n"), "\uFFFD"), nil
}
