package i18n

// Messages about input in general: parsing, dates, limits, forms.
func init() {
	register(map[string]Message{
		// A user's words quoted in a sentence: «…» in Greek, “…” in English.
		"quoted": {EL: "«%s»", EN: "“%s”"},
		"input.unknown_field": {
			EL: "Άγνωστο πεδίο «%s:» — μήπως εννοείτε «%s:»;",
			EN: "Unknown field “%s:” — did you mean “%s:”?",
		},
		"input.unknown_field_list": {
			EL: "Άγνωστο πεδίο «%s:». Εδώ δέχομαι: %s.",
			EN: "Unknown field “%s:”. Here I accept: %s.",
		},
		"input.duplicate_field": {
			EL: "Το πεδίο «%s» δόθηκε δύο φορές· κρατήστε μία τιμή.",
			EN: "The field “%s” was given twice; keep one value.",
		},
		"input.invalid_date": {
			EL: "Το πεδίο «%s» πρέπει να είναι ημερομηνία, π.χ. 20/11/2026 ή 20 Νοεμβρίου 2026 («%s» δεν είναι).",
			EN: "The field “%s” must be a date, e.g. 20/11/2026 or 20 Nov 2026 (“%s” is not).",
		},
		"input.date_year": {
			EL: "Το πεδίο «%[1]s» θέλει ημερομηνία με έτος από %[3]d έως %[4]d, π.χ. 20/11/2026 («%[2]s» δεν είναι).",
			EN: "The field “%[1]s” needs a date with a year from %[3]d to %[4]d, e.g. 20/11/2026 (“%[2]s” is not).",
		},
		"input.invalid_lang": {
			EL: "Το πεδίο «%s» θέλει γλώσσα, με κωδικό δύο γραμμάτων ή όνομα, π.χ. de ή γερμανικά («%s» δεν είναι).",
			EN: "The field “%s” needs a language, as a two-letter code or a name, e.g. de or German (“%s” is not).",
		},
		"input.invalid_country": {
			EL: "Το πεδίο «%s» θέλει χώρα, με κωδικό δύο γραμμάτων ή όνομα, π.χ. CY, Κύπρος ή Cyprus («%s» δεν είναι).",
			EN: "The field “%s” needs a country, as a two-letter code or a name, e.g. CY, Cyprus or Κύπρος (“%s” is not).",
		},
		"input.unexpected_text": {
			EL: "Δεν ξέρω σε ποιο πεδίο ανήκει το «%s». Βάλτε το σε πεδίο, με εισαγωγικά αν έχει κενά, π.χ. θέμα:\"Πρόσκληση σε φόρουμ\".",
			EN: "I do not know which field “%s” belongs to. Put it in a field, quoted if it has spaces, e.g. subject:\"Invitation to the forum\".",
		},
		"invalid.too_long": {
			EL: "Το πεδίο «%[1]s» είναι πολύ μεγάλο: %[3]d χαρακτήρες, ενώ το όριο είναι %[2]d. Συντομεύστε το.",
			EN: "The field “%[1]s” is too long: %[3]d characters, and the limit is %[2]d. Please shorten it.",
		},
		"invalid.too_many": {
			EL: "Το πεδίο «%s» έχει πάρα πολλά στοιχεία· το όριο είναι %d.",
			EN: "The field “%s” has too many items; the limit is %d.",
		},
		"glossary.required.terms": {
			EL: "Ένας όρος του γλωσσαρίου χρειάζεται τουλάχιστον δύο γλώσσες, π.χ. el:\"Δήμος Αμαρουσίου\" en:\"Municipality of Maroussi\".",
			EN: "A glossary term needs at least two languages, e.g. el:\"Δήμος Αμαρουσίου\" en:\"Municipality of Maroussi\".",
		},
		"list.more": {
			EL: "…και %d ακόμη. Περιορίστε με φίλτρα ή εξαγάγετε σε CSV.",
			EN: "…and %d more. Narrow it with filters or export to CSV.",
		},
		// A change history's empty value, and a milestone's days before its deadline.
		"history.empty":       {EL: "—", EN: "—"},
		"history.days_before": {EL: "%d ημέρες πριν", EN: "%d days before", ELOne: "%d ημέρα πριν", ENOne: "%d day before"},
		"modal.submit":        {EL: "Αποθήκευση", EN: "Save"},
		"modal.close":         {EL: "Άκυρο", EN: "Cancel"},
		"hint.attachments": {
			EL: "Χωρίστε με κόμματα, π.χ. πρόσκληση.pdf, πρόγραμμα επίσκεψης.docx.",
			EN: "Separate with commas, e.g. invitation.pdf, visit programme.docx.",
		},
		"hint.documents": {
			EL: "Σύνδεσμοι, χωρισμένοι με κόμματα, π.χ. https://diavgeia.gov.gr/doc/6ΜΟΜΩΡΦ-56Δ.",
			EN: "Links, separated by commas, e.g. https://diavgeia.gov.gr/doc/6ΜΟΜΩΡΦ-56Δ.",
		},
		"hint.comma_list": {
			EL: "Χωρίστε με κόμματα, π.χ. forum, cerv.",
			EN: "Separate with commas, e.g. forum, cerv.",
		},
	})
}
