package i18n

// Messages of logging from a message, an e-mail or a file: the message
// shortcut "Log as correspondence", /corr from-file, and the links an
// entry keeps to what it was logged from.
func init() {
	register(map[string]Message{
		"field.sources":     {EL: "Προέλευση", EN: "Sources"},
		"field.source":      {EL: "Σύνδεσμος μηνύματος", EN: "Message link"},
		"field.translation": {EL: "Σύνδεσμος μετάφρασης", EN: "Translation link"},
		"corr.invalid.link": {
			EL: "Το πεδίο «%s» δέχεται μόνο σύνδεσμο https, π.χ. https://maroussi.slack.com/archives/C0123/p1712345678000100.",
			EN: "The field “%s” takes only an https link, e.g. https://maroussi.slack.com/archives/C0123/p1712345678000100.",
		},
		"storage.corr.source_not_found": {
			EL: "Δεν έχει καταχωρηθεί τίποτα από αυτό το μήνυμα.",
			EN: "Nothing has been logged from this message.",
		},
		"corr.already_logged": {
			EL: "Αυτό έχει ήδη καταχωρηθεί με αρ. πρωτ. %s· δείτε το με `/corr show %[1]s`.",
			EN: "This was already logged as %s; see it with `/corr show %[1]s`.",
		},
	})
}
