package translate

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"io"
	"path"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/proxenos/proxenos"
	"golang.org/x/text/encoding/charmap"
	xunicode "golang.org/x/text/encoding/unicode"
)

// Limits of Extract.
const (
	MaxFileSize = 20 << 20 // bytes of a file
	MaxUnpacked = 64 << 20 // bytes unpacked from one part of a .docx or .odt
	MaxPDFPages = 1000
)

// SupportedTypes lists the file types Extract reads, as users see them.
const SupportedTypes = ".txt, .md, .docx, .odt, .pdf"

// errTooLarge marks a file or a part of it over the limits.
var errTooLarge = errors.New("translate: file too large")

// Extract returns the text of a file by its name's extension: .txt, .md,
// .docx, .odt or .pdf. Only the base of name is used; path tricks in it do
// nothing. Errors: EINVALID for an unsupported type, a damaged, protected,
// too large or empty file, naming the supported types or the limit.
func Extract(name string, data []byte) (*Document, error) {
	name = safeName(name)
	if len(data) > MaxFileSize {
		return nil, userError("translate.extract.too_large", name)
	}
	var doc *Document
	var err error
	switch ext := strings.ToLower(path.Ext(name)); ext {
	case ".txt", ".text":
		doc = plainText(name, decodeText(data))
	case ".md", ".markdown":
		doc = ParseMarkdown(name, decodeText(data))
	case ".docx":
		doc, err = readDOCX(data)
	case ".odt":
		doc, err = readODT(data)
	case ".pdf":
		doc, err = readPDF(data)
	default:
		return nil, userError("translate.extract.unsupported", name)
	}
	switch {
	case errors.Is(err, errTooLarge):
		return nil, userError("translate.extract.too_large", name)
	case err != nil:
		return nil, &extractError{userError("translate.extract.corrupt", name), err}
	}
	doc.Name = name
	if strings.TrimSpace(doc.Text()) == "" {
		return nil, userError("translate.extract.empty", name)
	}
	return doc, nil
}

// userError returns the error of Extract with the catalogue key for the
// file name, or nil for a key Extract does not use.
func userError(key, name string) *proxenos.Error {
	switch key {
	case "translate.extract.unsupported", "translate.extract.corrupt":
		return proxenos.Errorf(proxenos.EINVALID, key, name, SupportedTypes)
	case "translate.extract.too_large":
		return proxenos.Errorf(proxenos.EINVALID, key, name, MaxFileSize>>20)
	case "translate.extract.empty":
		return proxenos.Errorf(proxenos.EINVALID, key, name)
	}
	return nil
}

// extractError is the message for the user with its cause for the logs;
// errors.As finds the *proxenos.Error in it.
type extractError struct {
	user  *proxenos.Error
	cause error
}

// Error writes the user's error (its code and key) and the cause, for logs.
func (e *extractError) Error() string { return e.user.Error() + ": " + e.cause.Error() }

// Unwrap gives the user-facing error and the cause.
func (e *extractError) Unwrap() []error { return []error{e.user, e.cause} }

// safeName returns the base name of a file as a user gave it, without
// folders (either slash), control characters or more than 200 characters.
func safeName(name string) string {
	name = strings.ReplaceAll(name, `\`, "/")
	name = path.Base(strings.TrimRight(name, "/"))
	name = strings.Map(func(r rune) rune {
		if unicode.IsControl(r) || r == utf8.RuneError {
			return -1
		}
		return r
	}, name)
	if r := []rune(name); len(r) > 200 {
		name = string(r[len(r)-200:]) // keep the extension
	}
	if name == "." || name == ".." || name == "/" {
		return "document"
	}
	return name
}

// decodeText returns data as UTF-8: with a BOM as UTF-8 or UTF-16, valid
// UTF-8 as is, and anything else as Windows-1253, the Greek code page of
// older office files.
func decodeText(data []byte) string {
	switch {
	case bytes.HasPrefix(data, []byte{0xEF, 0xBB, 0xBF}):
		data = data[3:]
	case bytes.HasPrefix(data, []byte{0xFF, 0xFE}), bytes.HasPrefix(data, []byte{0xFE, 0xFF}):
		// ExpectBOM takes the byte order from the BOM, either way round.
		if out, err := xunicode.UTF16(xunicode.BigEndian, xunicode.ExpectBOM).NewDecoder().Bytes(data); err == nil {
			data = out
		}
	case !utf8.Valid(data):
		if out, err := charmap.Windows1253.NewDecoder().Bytes(data); err == nil {
			data = out
		}
	}
	return strings.ToValidUTF8(strings.ReplaceAll(string(data), "\x00", ""), "\uFFFD")
}

// plainText reads text as paragraphs separated by blank lines.
func plainText(name, text string) *Document {
	doc := &Document{Name: name}
	text = strings.ReplaceAll(strings.ReplaceAll(text, "\r\n", "\n"), "\r", "\n")
	for _, p := range blankLine.Split(text, -1) {
		if p = strings.TrimRight(strings.Trim(p, "\n"), " \t"); strings.TrimSpace(p) != "" {
			doc.Blocks = append(doc.Blocks, Block{Text: p})
		}
	}
	return doc
}

// openZip opens a .docx or .odt package.
func openZip(data []byte) (*zip.Reader, error) {
	return zip.NewReader(bytes.NewReader(data), int64(len(data)))
}

// readZipFile returns the unpacked content of the named part. Zip bombs:
// a part declaring more than MaxUnpacked bytes is refused, and archive/zip
// fails a part that unpacks to more than it declared.
func readZipFile(zr *zip.Reader, name string) ([]byte, error) {
	for _, f := range zr.File {
		if f.Name != name {
			continue
		}
		if f.UncompressedSize64 > MaxUnpacked {
			return nil, errTooLarge
		}
		rc, err := f.Open()
		if err != nil {
			return nil, err
		}
		defer rc.Close()
		return io.ReadAll(rc)
	}
	return nil, fmt.Errorf("translate: %s missing", name)
}
