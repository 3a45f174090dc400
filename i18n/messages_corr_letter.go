package i18n

// Messages of logging from a message, an e-mail or a file: the message
// shortcut "Log as correspondence", /corr from-file, and the links an
// entry keeps to what it was logged from.
func init() {
	register(map[string]Message{
		"field.sources":          {EL: "Προέλευση", EN: "Sources"},
		"field.source":           {EL: "Σύνδεσμος μηνύματος", EN: "Message link"},
		"field.translation":      {EL: "Σύνδεσμος μετάφρασης", EN: "Translation link"},
		"corr.field.source":      {EL: "Από μήνυμα", EN: "Logged from"},
		"corr.field.translation": {EL: "Μετάφραση", EN: "Translation"},
		"corr.link.message":      {EL: "το μήνυμα στο Slack", EN: "the Slack message"},
		"corr.link.translation":  {EL: "το πρόχειρο μετάφρασης", EN: "the draft translation"},
		"corr.invalid.link": {
			EL: "Το πεδίο «%s» δέχεται μόνο σύνδεσμο https, π.χ. https://maroussi.slack.com/archives/C0123/p1712345678000100.",
			EN: "The field “%s” takes only an https link, e.g. https://maroussi.slack.com/archives/C0123/p1712345678000100.",
		},
		"corr.letter.reading": {
			EL: "⏳ Διαβάζω το μήνυμα και τα συνημμένα του· η φόρμα θα συμπληρωθεί σε λίγο.",
			EN: "⏳ Reading the message and its files; the form fills in shortly.",
		},
		"corr.letter.unread": {
			EL: "⚠️ Το μήνυμα δεν διαβάστηκε όλο: %s Συμπληρώστε ό,τι λείπει.",
			EN: "⚠️ The message could not be read in full: %s Fill in what is missing.",
		},
		"corr.letter.budget_spent": {
			EL: "⚠️ Το μηνιαίο όριο του γλωσσικού μοντέλου εξαντλήθηκε· τα πεδία είναι μόνο όσα βρέθηκαν στις κεφαλίδες και στο κείμενο.",
			EN: "⚠️ The monthly language-model budget is spent; the fields are only those found in the headers and the text.",
		},
		"corr.letter.model_failed": {
			EL: "⚠️ Το γλωσσικό μοντέλο δεν απάντησε· τα πεδία είναι μόνο όσα βρέθηκαν στις κεφαλίδες και στο κείμενο.",
			EN: "⚠️ The language model did not answer; the fields are only those found in the headers and the text.",
		},
		"corr.letter.by_model": {
			EL: "🤖 Τα διάβασε το γλωσσικό μοντέλο, ελέγξτε τα: %s.",
			EN: "🤖 Read by the language model, check them: %s.",
		},
		"corr.letter.check": {
			EL: "Ελέγξτε τα πεδία και πατήστε «Αποθήκευση»· τίποτα δεν καταχωρείται χωρίς εσάς.",
			EN: "Check the fields and press Save; nothing is logged without you.",
		},
		"corr.letter.open_later": {
			EL: "Η φόρμα δεν άνοιξε εγκαίρως (το Slack δίνει 3 δευτερόλεπτα). Πατήστε το κουμπί για να ανοίξει.",
			EN: "The form did not open in time (Slack allows 3 seconds). Press the button to open it.",
		},
		"corr.letter.open_button": {EL: "Άνοιγμα φόρμας", EN: "Open the form"},
		"corr.letter.no_files": {
			EL: "Εδώ δεν μπορώ να διαβάσω μηνύματα ή αρχεία του Slack.",
			EN: "Slack messages and files cannot be read here.",
		},
		"corr.from_file.console_only": {
			EL: "Το `/corr από-αρχείο` διαβάζει αρχεία του διακομιστή και δουλεύει μόνο στην κονσόλα. Στο Slack, στο μήνυμα με το email ή την επιστολή: ⋮ → «Πρωτοκόλληση μηνύματος» (στην αγγλική εφαρμογή «Log as correspondence»).",
			EN: "`/corr from-file` reads files of the server and works in the console only. In Slack, on the message with the e-mail or letter: ⋮ → “Log as correspondence”.",
		},
		"corr.from_file.required": {
			EL: "Γράψτε τη διαδρομή του αρχείου, π.χ. `/corr από-αρχείο /srv/inbox/kassel.eml` (.eml, .pdf, .docx, .odt, .txt).",
			EN: "Give the file's path, e.g. `/corr from-file /srv/inbox/kassel.eml` (.eml, .pdf, .docx, .odt, .txt).",
		},
		"corr.letter.office_unknown": {
			EL: "Η κατεύθυνση προτείνεται ΕΙΣ: ο Proxenos δεν γνωρίζει ακόμη τα e-mail και τα ονόματα του γραφείου, για να αναγνωρίζει τα εξερχόμενα (ο διαχειριστής τα ορίζει με /ir setup). Ελέγξτε την.",
			EN: "The direction is set to incoming: Proxenos does not know the office's mail domains and names yet, to tell what it sent (the administrator sets them with /ir setup). Check it.",
		},
		"corr.letter.attachments_cut": {
			EL: "%d ακόμη συνημμένα δεν χωρούν στο πεδίο «Συνημμένα» (όριο %d)· βρίσκονται στο ίδιο το email.",
			EN: "%d more attachments do not fit in the Attachments field (limit %d); they are in the e-mail itself.",
		},
		"corr.from_file.not_found": {
			EL: "Δεν υπάρχει αρχείο «%s». Γράψτε τη διαδρομή του όπως είναι στον διακομιστή, π.χ. `/corr από-αρχείο /srv/inbox/kassel.eml`.",
			EN: "There is no file “%s”. Give its path as it is on the server, e.g. `/corr from-file /srv/inbox/kassel.eml`.",
		},
		"corr.from_file.denied": {
			EL: "Ο Proxenos δεν έχει δικαίωμα να διαβάσει το αρχείο «%s».",
			EN: "Proxenos is not allowed to read the file “%s”.",
		},
		"corr.from_file.not_regular": {
			EL: "Το «%s» δεν είναι αρχείο (π.χ. είναι φάκελος ή συσκευή)· δώστε ένα .eml, .pdf, .docx, .odt ή .txt.",
			EN: "“%s” is not a file (it is a folder or a device, for instance); give an .eml, .pdf, .docx, .odt or .txt.",
		},
		"corr.from_file.unreadable": {
			EL: "Το αρχείο «%s» δεν διαβάζεται: %s",
			EN: "The file “%s” cannot be read: %s",
		},
		"help.corr.from_file.usage": {EL: "από-αρχείο ΔΙΑΔΡΟΜΗ", EN: "from-file PATH"},
		"help.corr.from_file.description": {
			EL: "Μόνο στην κονσόλα: ανοίγει τη φόρμα συμπληρωμένη από email (.eml) ή επιστολή (.pdf, .docx, .odt, .txt). Στο Slack: ⋮ → «Πρωτοκόλληση μηνύματος» (στην αγγλική εφαρμογή «Log as correspondence») σε οποιοδήποτε μήνυμα.",
			EN: "Console only: opens the form prefilled from an e-mail (.eml) or letter (.pdf, .docx, .odt, .txt). In Slack: ⋮ → “Log as correspondence” on any message.",
		},
		"storage.corr.source_not_found": {
			EL: "Δεν έχει καταχωρηθεί τίποτα από αυτό το μήνυμα.",
			EN: "Nothing has been logged from this message.",
		},
		"corr.already_logged": {
			EL: "Αυτό έχει ήδη καταχωρηθεί με αρ. πρωτ. %s· δείτε το με `/corr show %[1]s`.",
			EN: "This was already logged as %s; see it with `/corr show %[1]s`.",
		},
		"corr.being_logged": {
			EL: "Αυτό το καταχωρεί αυτή τη στιγμή άλλος συνάδελφος· δοκιμάστε ξανά σε λίγο για να δείτε τον αριθμό πρωτοκόλλου του.",
			EN: "Someone else is logging this right now; try again in a moment to see its protocol number.",
		},
	})
}
