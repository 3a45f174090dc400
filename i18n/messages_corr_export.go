package i18n

// Messages of /corr export: the headers of its own and the separator
// option.
func init() {
	register(map[string]Message{
		// Headers that read apart from one another in the file: "who" and
		// "when" of the entry's logging, not of the letter.
		"corr.export.column.number":    {EL: "Αρ. πρωτοκόλλου", EN: "Protocol number"},
		"corr.export.column.logged_by": {EL: "Καταχωρήθηκε από", EN: "Logged by"},
		"corr.export.column.logged_at": {EL: "Ημερομηνία καταχώρησης", EN: "Logged on"},

		"corr.invalid.sep": {
			EL: "Το διαχωριστικό «%s» δεν αναγνωρίζεται· γράψτε διαχωριστικό:, (κόμμα) ή διαχωριστικό:; (ερωτηματικό), π.χ. /corr export 2026 διαχωριστικό:,",
			EN: "The separator “%s” is not recognised; write sep:, (comma) or sep:; (semicolon), e.g. /corr export 2026 sep:;",
		},
		"help.corr.export.example_sep": {
			EL: "/corr export φέτος διαχωριστικό:,",
			EN: "/corr export this year sep:;",
		},
	})
}
