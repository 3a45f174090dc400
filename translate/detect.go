package translate

import "unicode"

// scripts that name one language, as used in the office's mail. Latin and
// Cyrillic serve many languages and are left to the model.
var scripts = []struct {
	table *unicode.RangeTable
	code  string
}{
	{unicode.Greek, "el"},
	{unicode.Hiragana, "ja"},
	{unicode.Katakana, "ja"},
	{unicode.Hangul, "ko"},
	{unicode.Han, "zh"},
	{unicode.Arabic, "ar"},
	{unicode.Hebrew, "he"},
	{unicode.Thai, "th"},
	{unicode.Georgian, "ka"},
	{unicode.Armenian, "hy"},
}

// scriptLanguage returns the language of text when most of its letters
// are in a script that names one language, else "". Japanese mixes Han
// with kana, so any kana makes Han text Japanese.
func scriptLanguage(text string) string {
	counts := make([]int, len(scripts))
	letters := 0
	for i, r := range text {
		if i > 64<<10 { // a sample is enough
			break
		}
		if !unicode.IsLetter(r) {
			continue
		}
		letters++
		for k, s := range scripts {
			if unicode.Is(s.table, r) {
				counts[k]++
				break
			}
		}
	}
	best := map[string]int{}
	for k, s := range scripts {
		best[s.code] += counts[k]
	}
	if best["ja"] > 0 && best["zh"] > 0 {
		best["ja"] += best["zh"]
		best["zh"] = 0
	}
	for code, n := range best {
		// A majority: a Greek letter quoting an English address stays Greek,
		// and an English text naming a Greek town is left to the model.
		if letters > 0 && 2*n > letters {
			return code
		}
	}
	return ""
}
