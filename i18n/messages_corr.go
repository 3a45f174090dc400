package i18n

// Messages of the correspondence register (/corr).
func init() {
	register(map[string]Message{
		"corr.direction.in":  {EL: "ΕΙΣ", EN: "IN"},
		"corr.direction.out": {EL: "ΕΞ", EN: "OUT"},
		"corr.medium.email":  {EL: "email", EN: "email"},
		"corr.medium.letter": {EL: "επιστολή", EN: "letter"},
		"corr.medium.other":  {EL: "άλλο", EN: "other"},

		"corr.invalid.number": {
			EL: "Ο αριθμός πρωτοκόλλου «%s» δεν αναγνωρίζεται· γράψτε π.χ. 42/2026.",
			EN: "The protocol number “%s” is not recognised; write e.g. 42/2026.",
		},
		"corr.invalid.related_missing": {
			EL: "Δεν υπάρχει καταχώρηση %s στο πρωτόκολλο. Το σχετ: συνδέει καταχώρηση του μητρώου, π.χ. σχετ:12/2026· τον αριθμό πρωτοκόλλου του αποστολέα δώστε τον με αρ:, π.χ. αρ:\"ΙΡΙΔΑ 4521\".",
			EN: "There is no entry %s in the register. related: links an entry of the register, e.g. related:12/2026; give the sender's own number with ref:, e.g. ref:\"IRIDA 4521\".",
		},
		"corr.invalid.to_incoming": {
			EL: "Μια εισερχόμενη έχει αποστολέα: δώστε τον με από:, π.χ. /corr εισ από:\"Comune di Faenza\" θέμα:\"Πρόσκληση\". Για επιστολή προς φορέα, /corr εξ προς:….",
			EN: "An incoming letter has a sender: give it with from:, e.g. /corr in from:\"Comune di Faenza\" subject:\"Invitation\". For a letter you send, /corr out to:….",
		},
		"corr.invalid.from_outgoing": {
			EL: "Μια εξερχόμενη έχει παραλήπτη: δώστε τον με προς:, π.χ. /corr εξ προς:\"Comune di Faenza\" θέμα:\"Απάντηση\". Για επιστολή που λάβατε, /corr εισ από:….",
			EN: "An outgoing letter has a recipient: give it with to:, e.g. /corr out to:\"Comune di Faenza\" subject:\"Reply\". For a letter you received, /corr in from:….",
		},
		"corr.invalid.direction": {
			EL: "Διαλέξτε αν το έγγραφο είναι εισερχόμενο ή εξερχόμενο, π.χ. /corr εισ ή /corr εξ.",
			EN: "Choose whether the document is incoming or outgoing, e.g. /corr in or /corr out.",
		},
		"corr.invalid.year": {
			EL: "Το έτος πρωτοκόλλου πρέπει να είναι τετραψήφιο, π.χ. 2026.",
			EN: "The protocol year must have four digits, e.g. 2026.",
		},
		"corr.invalid.date": {
			EL: "Η ημερομηνία πρέπει να είναι π.χ. 20/11/2026.",
			EN: "Date must be a date, e.g. 20/11/2026.",
		},
		"corr.invalid.date_future": {
			EL: "Η ημερομηνία του εγγράφου (ημ:) δεν μπορεί να είναι μεταγενέστερη της ημέρας καταχώρησης (%[2]s): γράψατε %[1]s. Γράψτε την ημερομηνία που φέρει το έγγραφο, π.χ. ημ:20/11/2026.",
			EN: "The document's date (date:) cannot be after the day it is registered (%[2]s): you wrote %[1]s. Give the date the document bears, e.g. date:20/11/2026.",
		},
		"corr.invalid.registered": {
			EL: "Το έτος πρωτοκόλλου (%[2]d) πρέπει να είναι το έτος της καταχώρησης (%[1]s).",
			EN: "The protocol year (%[2]d) must be the year of registration (%[1]s).",
		},
		"corr.invalid.medium": {
			EL: "Το μέσο «%s» δεν υπάρχει· γράψτε email, επιστολή ή άλλο, π.χ. μέσο:επιστολή.",
			EN: "The medium “%s” does not exist; write email, letter or other, e.g. medium:letter.",
		},
		"corr.invalid.period": {
			EL: "Η περίοδος «%s» δεν αναγνωρίζεται· γράψτε π.χ. 2026, 11/2026, 2026-Τ3, 20/11/2026 ή «προηγούμενος μήνας».",
			EN: "The period “%s” is not recognised; write e.g. 2026, 2026-11, 2026-Q3, 20/11/2026 or “last month”.",
		},
		"corr.required.subject": {
			EL: "Λείπει το θέμα, π.χ. θέμα:\"Πρόσκληση σε φόρουμ\".",
			EN: "The subject is missing, e.g. subject:\"Invitation to the forum\".",
		},
		"corr.required.counterpart": {
			EL: "Λείπει ο αποστολέας ή ο παραλήπτης, π.χ. από:\"Stadt Köln\" ή προς:\"Comune di Faenza\".",
			EN: "The sender or recipient is missing, e.g. from:\"Stadt Köln\" or to:\"Comune di Faenza\".",
		},
		"corr.required.number": {
			EL: "Γράψτε τον αριθμό πρωτοκόλλου, π.χ. /corr show 42/2026.",
			EN: "Give the protocol number, e.g. /corr show 42/2026.",
		},
		"corr.required.query": {
			EL: "Γράψτε λέξεις για αναζήτηση, π.χ. /corr search φόρουμ Köln.",
			EN: "Give words to search for, e.g. /corr search forum Köln.",
		},

		"corr.created": {
			EL: "Καταχωρήθηκε %s %s — %s",
			EN: "Logged %s %s — %s",
		},
		"corr.updated": {
			EL: "Διορθώθηκε %s %s — %s",
			EN: "Updated %s %s — %s",
		},
		"corr.partner_ambiguous": {
			EL: "Το «%s» δεν συνδέθηκε με φορέα, γιατί ταιριάζει με περισσότερους: %s. Διορθώστε την εγγραφή για να διαλέξετε.",
			EN: "“%s” was not linked to a partner because it matches several: %s. Edit the entry to choose.",
		},
		"corr.button.edit": {EL: "Διόρθωση", EN: "Edit"},
		"corr.button.show": {EL: "Προβολή", EN: "Show"},
		"corr.history":     {EL: "Ιστορικό αλλαγών", EN: "Edit history"},
		"corr.history_line": {
			EL: "%s, %s: %s",
			EN: "%s, %s: %s",
		},
		"corr.list.title": {EL: "Αλληλογραφία: %d εγγραφές", EN: "Correspondence: %d entries",
			ELOne: "Αλληλογραφία: %d εγγραφή", ENOne: "Correspondence: %d entry"},
		"corr.search.title": {EL: "Αποτελέσματα αναζήτησης: %d", EN: "Search results: %d"},
		"corr.list.empty": {
			EL: "Δεν βρέθηκαν εγγραφές.",
			EN: "No entries found.",
		},
		"corr.export.done": {
			EL:    "Εξαγωγή %d εγγραφών σε CSV.",
			EN:    "Exported %d entries to CSV.",
			ELOne: "Εξαγωγή %d εγγραφής σε CSV.",
			ENOne: "Exported %d entry to CSV.",
		},
		"corr.export.title": {EL: "Μητρώο αλληλογραφίας", EN: "Correspondence register"},

		"corr.modal.opening":    {EL: "Ανοίγει η φόρμα…", EN: "Opening the form…"},
		"corr.modal.title_new":  {EL: "Νέα αλληλογραφία", EN: "New correspondence"},
		"corr.modal.title_edit": {EL: "Διόρθωση %s", EN: "Edit %s"},
		"corr.hint.counterpart": {
			EL: "Ο φορέας όπως τον γράφετε· αν είναι στον κατάλογο, συνδέεται αυτόματα.",
			EN: "The body as you write it; if it is in the directory, it is linked automatically.",
		},
		"corr.hint.copies": {
			EL: "Όσοι λαμβάνουν κοινοποίηση (ΚΟΙΝ.), χωρισμένοι με κόμμα, π.χ. Πρεσβεία της Ιταλίας, Γραφείο Δημάρχου.",
			EN: "Who receives a copy (cc), separated by commas, e.g. Embassy of Italy, Mayor's office.",
		},
		"corr.hint.ref": {
			EL: "Ο αριθμός του εγγράφου σε άλλο σύστημα, π.χ. ΙΡΙΔΑ.",
			EN: "The document's number in another system, e.g. ΙΡΙΔΑ.",
		},

		"corr.field.direction":   {EL: "Κατεύθυνση", EN: "Direction"},
		"corr.field.date":        {EL: "Ημερομηνία εγγράφου", EN: "Document date"},
		"corr.field.registered":  {EL: "Καταχώρηση", EN: "Registered"},
		"corr.line.dates":        {EL: "%s (καταχ. %s)", EN: "%s (logged %s)"},
		"corr.field.counterpart": {EL: "Αποστολέας / Παραλήπτης", EN: "Sender / Recipient"},
		"corr.field.copies":      {EL: "Κοινοποίηση", EN: "Copies"},
		"corr.field.country":     {EL: "Χώρα", EN: "Country"},
		"corr.field.subject":     {EL: "Θέμα", EN: "Subject"},
		"corr.field.summary":     {EL: "Περίληψη", EN: "Summary"},
		"corr.field.lang":        {EL: "Γλώσσα", EN: "Language"},
		"corr.field.medium":      {EL: "Μέσο", EN: "Medium"},
		"corr.field.ref":         {EL: "Αρ. πρωτ. αποστολέα", EN: "Their reference"},
		"corr.field.attachment":  {EL: "Συνημμένο", EN: "Attachment"},
		"corr.field.attachments": {EL: "Συνημμένα", EN: "Attachments"},
		"corr.field.tags":        {EL: "Ετικέτες", EN: "Tags"},
		"corr.field.related":     {EL: "Σε απάντηση / σχετικό με", EN: "In reply to / related to"},
		"corr.field.logged_by":   {EL: "Καταχώρηση", EN: "Logged by"},
	})
}
