package i18n

// Messages of package letter's reading of e-mails and letters.
func init() {
	register(map[string]Message{
		"letter.read.charset": {
			EL: "Το e-mail είναι γραμμένο σε κωδικοποίηση χαρακτήρων που δεν αναγνωρίζω («%s»)· δεν το διαβάζω για να μη βγει αλλοιωμένο κείμενο. Προωθήστε το ξανά ή επικολλήστε το κείμενό του.",
			EN: "The e-mail is written in a character set I do not know (%q); I do not read it, so as not to produce garbled text. Forward it again or paste its text.",
		},
		"letter.read.corrupt": {
			EL: "Το αρχείο δεν είναι e-mail που μπορώ να διαβάσω (.eml κατεστραμμένο ή ελλιπές).",
			EN: "The file is not an e-mail I can read (a damaged or incomplete .eml).",
		},
		"letter.read.too_large": {
			EL: "Το e-mail είναι πολύ μεγάλο (όριο %d MB μαζί με τα συνημμένα).",
			EN: "The e-mail is too large (limit %d MB with its attachments).",
		},
		"letter.read.header_too_large": {
			EL: "Οι επικεφαλίδες του e-mail είναι υπερβολικά μεγάλες (όριο %d KB)· δεν το διαβάζω.",
			EN: "The e-mail's headers are far too large (limit %d KB); I do not read it.",
		},
		"letter.read.too_complex": {
			// Arguments: the most parts, the deepest nesting.
			EL: "Το e-mail είναι υπερβολικά σύνθετο (όριο %d μέρη και %d επίπεδα εμφώλευσης)· δεν το διαβάζω.",
			EN: "The e-mail is far too complex (limit %d parts and %d levels of nesting); I do not read it.",
		},
		"letter.read.unsupported": {
			EL: "Δεν διαβάζω αρχεία όπως το «%s». Υποστηρίζονται: %s.",
			EN: "I cannot read files like %q. Supported types: %s.",
		},
	})
}
