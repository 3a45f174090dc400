package letter

import (
	"bytes"
	"io"
	"mime"
	"strings"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/htmlindex"

	"github.com/proxenos/proxenos"
)

// wordDecoder decodes RFC 2047 encoded words in any charset decodeCharset
// knows.
var wordDecoder = &mime.WordDecoder{CharsetReader: charsetReader}

// charsetReader reads input in charset as UTF-8.
func charsetReader(charset string, input io.Reader) (io.Reader, error) {
	enc, err := encodingOf(charset)
	if err != nil {
		return nil, err
	}
	return enc.NewDecoder().Reader(input), nil
}

// decodeCharset returns data, written in charset, as UTF-8.
func decodeCharset(charset string, data []byte) (string, error) {
	enc, err := encodingOf(charset)
	if err != nil {
		return "", err
	}
	out, err := enc.NewDecoder().Bytes(data)
	if err != nil {
		return "", unknownCharset(charset)
	}
	return string(out), nil
}

// encodingOf returns the encoding a charset label names, as the WHATWG
// Encoding Standard reads labels (ISO-8859-7, windows-1253, "greek",
// ISO-8859-1 as windows-1252, UTF-8, …). Labels it maps to the
// "replacement" encoding, which decodes to nothing readable, are unknown.
func encodingOf(charset string) (encoding.Encoding, error) {
	enc, err := htmlindex.Get(strings.TrimSpace(charset))
	if err != nil || enc == encoding.Replacement {
		return nil, unknownCharset(charset)
	}
	return enc, nil
}

// unknownCharset is the error of a charset that cannot be decoded.
func unknownCharset(charset string) error {
	// The label as the e-mail wrote it, shortened and printable: it is shown.
	label := strings.Map(func(r rune) rune {
		if r < ' ' || r > '~' {
			return -1
		}
		return r
	}, charset)
	if len(label) > 40 {
		label = label[:40]
	}
	return proxenos.Errorf(proxenos.EINVALID, "letter.read.charset", label)
}

// utf8BOM is stripped from decoded text.
var utf8BOM = []byte{0xEF, 0xBB, 0xBF}

// trimBOM drops a leading UTF-8 byte order mark.
func trimBOM(data []byte) []byte { return bytes.TrimPrefix(data, utf8BOM) }
