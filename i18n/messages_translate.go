package i18n

func init() {
	register(map[string]Message{
		"translate.draft_header": {
			EL: "ΠΡΟΣΧΕΔΙΟ μετάφρασης για έλεγχο — από %s σε %s, μοντέλο %s",
			EN: "DRAFT translation for review — from %s to %s, model %s",
		},
		"translate.part_failed": {
			EL: "[⚠ Το μέρος %d δεν μεταφράστηκε· ακολουθεί το πρωτότυπο]",
			EN: "[⚠ Part %d was not translated; the original follows]",
		},
		"translate.required.text": {
			EL: "Δώστε το κείμενο προς μετάφραση ή επισυνάψτε ένα έγγραφο.",
			EN: "Give the text to translate, or attach a document.",
		},
		"translate.invalid.lang": {
			EL: "Το «%s» δεν είναι κωδικός γλώσσας. Γράψτε τον κωδικό δύο γραμμάτων, π.χ. en, el, de, fr.",
			EN: "%q is not a language code. Write the two-letter code, e.g. en, el, de, fr.",
		},
		"translate.same_lang": {
			EL: "Το κείμενο είναι ήδη στη γλώσσα %s. Επιλέξτε άλλη γλώσσα-στόχο.",
			EN: "The text is already in %s. Choose another target language.",
		},
		"translate.too_long": {
			EL: "Το κείμενο είναι πολύ μεγάλο για μετάφραση (όριο %d χαρακτήρες). Χωρίστε το σε μικρότερα τμήματα.",
			EN: "The text is too long to translate (limit %d characters). Split it into smaller pieces.",
		},
		"translate.budget_spent": {
			EL: "Το μηνιαίο όριο μεταφράσεων εξαντλήθηκε (%d από %d tokens). Νέες μεταφράσεις θα είναι δυνατές τον επόμενο μήνα ή αν ο διαχειριστής αυξήσει το όριο.",
			EN: "The monthly translation budget is spent (%d of %d tokens). New translations will be possible next month, or if the administrator raises the budget.",
		},
		"translate.budget_exceeded": {
			// Arguments: tokens left (the count), tokens needed.
			EL:    "Το έγγραφο χρειάζεται περίπου %[2]d tokens, αλλά απομένουν %[1]d για αυτόν τον μήνα. Μεταφράστε ένα μικρότερο τμήμα.",
			EN:    "The document needs about %[2]d tokens, but %[1]d remain this month. Translate a smaller piece.",
			ELOne: "Το έγγραφο χρειάζεται περίπου %[2]d tokens, αλλά απομένει %[1]d για αυτόν τον μήνα. Μεταφράστε ένα μικρότερο τμήμα.",
			ENOne: "The document needs about %[2]d tokens, but %[1]d remains this month. Translate a smaller piece.",
		},
		"translate.unavailable": {
			EL: "Η υπηρεσία μετάφρασης δεν είναι διαθέσιμη αυτή τη στιγμή. Δοκιμάστε ξανά σε λίγο.",
			EN: "The translation service is unavailable right now. Please try again shortly.",
		},
		"translate.misconfigured": {
			EL: "Η υπηρεσία μετάφρασης αρνήθηκε το αίτημα (κλειδί ή μοντέλο). Ενημερώστε τον διαχειριστή.",
			EN: "The translation service refused the request (key or model). Tell the administrator.",
		},
		"translate.extract.unsupported": {
			EL: "Δεν διαβάζω αρχεία όπως το «%s». Υποστηρίζονται: %s.",
			EN: "I cannot read files like %q. Supported types: %s.",
		},
		"translate.extract.corrupt": {
			EL: "Το αρχείο «%s» δεν διαβάζεται· ίσως είναι κατεστραμμένο ή προστατευμένο. Υποστηρίζονται: %s.",
			EN: "The file %q cannot be read; it may be damaged or protected. Supported types: %s.",
		},
		"translate.extract.too_large": {
			EL: "Το αρχείο «%s» είναι πολύ μεγάλο (όριο %d MB).",
			EN: "The file %q is too large (limit %d MB).",
		},
		"translate.extract.unreadable": {
			// Arguments: the kind of file (PDF, DOCX, ODT), its name.
			EL: "Το αρχείο %s «%s» δεν μπόρεσε να διαβαστεί (κατεστραμμένο ή υπερβολικά σύνθετο).",
			EN: "The %s file %q could not be read (damaged or too complex).",
		},
		"translate.extract.empty": {
			EL: "Το αρχείο «%s» δεν περιέχει κείμενο· αν είναι σαρωμένο PDF, χρειάζεται πρώτα αναγνώριση κειμένου (OCR).",
			EN: "The file %q contains no text; a scanned PDF needs text recognition (OCR) first.",
		},
	})
}
