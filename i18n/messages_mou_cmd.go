package i18n

// Messages of the /mou command: agreements and their obligations.
func init() {
	register(map[string]Message{
		"help.mou.cmd.description": {
			EL: "αδελφοποιήσεις, μνημόνια, πρωτόκολλα φιλίας, δίκτυα και οι υποχρεώσεις τους· σκέτο /mou ανοίγει φόρμα",
			EN: "twinnings, memoranda, friendship protocols, networks and their obligations; a bare /mou opens a form",
		},
		"help.mou.add.usage": {
			EL: "/mou add είδος:… εταίρος:… τίτλος:… [υπογραφή:…] [απόφαση:…] [έναρξη:…] [λήξη:…|open] [ανανέωση:…] [προειδοποίηση:3m] [έγγραφα:…]",
			EN: "/mou add kind:… partner:… title:… [signed:…] [decision:…] [start:…] [end:…|open] [renewal:…] [notice:3m] [docs:…]",
		},
		"help.mou.add.description": {
			EL: "νέα συμφωνία: αδελφοποίηση, πρωτόκολλο φιλίας, μνημόνιο, δίκτυο (σκέτο: φόρμα)",
			EN: "add an agreement: twinning, friendship, memorandum, network (bare: a form)",
		},
		"help.mou.add.example": {
			EL: "/mou add είδος:αδελφοποίηση εταίρος:\"Φαέντσα\" τίτλος:\"Αδελφοποίηση Αμαρουσίου – Φαέντσας\" υπογραφή:12/05/2019 απόφαση:\"ΑΔΣ 123/2019\" λήξη:open",
			EN: "/mou add kind:twinning partner:\"Faenza\" title:\"Twinning Maroussi – Faenza\" signed:12/05/2019 decision:\"ΑΔΣ 123/2019\" end:open",
		},
		"help.mou.edit.usage":       {EL: "/mou edit ΣΥΜΦΩΝΙΑ [πεδίο:τιμή …]", EN: "/mou edit AGREEMENT [field:value …]"},
		"help.mou.edit.description": {EL: "διόρθωση συμφωνίας (φόρμα, ή πεδία στη γραμμή)", EN: "edit an agreement (form, or fields on the line)"},
		"help.mou.show.usage":       {EL: "/mou show ΚΩΔΙΚΟΣ|ΦΟΡΕΑΣ", EN: "/mou show ID|PARTNER"},
		"help.mou.show.description": {EL: "μια συμφωνία με τις υποχρεώσεις της", EN: "an agreement with its obligations"},
		"help.mou.show.example":     {EL: "/mou show Φαέντσα", EN: "/mou show Faenza"},
		"help.mou.list.usage":       {EL: "/mou list [expiring [ημέρες]|φορέας]", EN: "/mou list [expiring [days]|partner]"},
		"help.mou.list.description": {
			EL: "συμφωνίες, πρώτα όσες λήγουν νωρίτερα· expiring: όσες λήγουν σε 180 ημέρες",
			EN: "agreements, those ending first on top; expiring: those ending within 180 days",
		},
		"help.mou.list.example": {EL: "/mou list expiring 90", EN: "/mou list expiring"},
		"help.mou.oblige.usage": {
			EL: "/mou oblige ΣΥΜΦΩΝΙΑ κείμενο:… έως:… [κάθε:1y] [υπεύθυνος:@…] [υπενθύμιση:30d,7d]",
			EN: "/mou oblige AGREEMENT text:… due:… [every:1y] [owner:@…] [lead:30d,7d]",
		},
		"help.mou.oblige.description": {EL: "υποχρέωση από συμφωνία, εφάπαξ ή επαναλαμβανόμενη", EN: "an obligation under an agreement, once or recurring"},
		"help.mou.oblige.example": {
			EL: "/mou oblige Φαέντσα κείμενο:\"Ετήσια έκθεση προόδου\" έως:31/03/2027 κάθε:1y υπενθύμιση:30d,7d",
			EN: "/mou oblige Faenza text:\"Annual progress report\" due:31/03/2027 every:1y lead:30d,7d",
		},
		"help.mou.done.usage": {EL: "/mou done ΥΠΟΧΡΕΩΣΗ [τεκμηρίωση]", EN: "/mou done OBLIGATION [evidence]"},
		"help.mou.done.description": {
			EL: "η υποχρέωση εκπληρώθηκε· μια επαναλαμβανόμενη περνά στην επόμενη προθεσμία",
			EN: "mark an obligation fulfilled; a recurring one moves to its next due date",
		},
		"help.mou.done.example": {EL: "/mou done 3fa2c9e1b0d4a7f2 ΕΞ 258/2026", EN: "/mou done 3fa2c9e1b0d4a7f2 https://example.org/report.pdf"},

		"mou.created":       {EL: "Καταχωρήθηκε η συμφωνία «%s».", EN: "Added the agreement “%s”."},
		"mou.updated":       {EL: "Διορθώθηκε η συμφωνία «%s».", EN: "Updated the agreement “%s”."},
		"mou.button.show":   {EL: "Προβολή", EN: "Show"},
		"mou.open_ended":    {EL: "αορίστου χρόνου", EN: "open-ended"},
		"mou.until":         {EL: "έως %s (%s)", EN: "until %s (%s)"},
		"mou.notice_by":     {EL: "καταγγελία έως %s", EN: "notice by %s"},
		"mou.reminders":     {EL: "υπενθυμίσεις %s ημέρες πριν", EN: "reminders %s days before"},
		"mou.obligations":   {EL: "Υποχρεώσεις (%d)", EN: "Obligations (%d)"},
		"mou.next_due":      {EL: "Επόμενη προθεσμία: %s (%s).", EN: "Next due: %s (%s)."},
		"mou.no_more_due":   {EL: "Δεν έχει άλλη προθεσμία.", EN: "It is not due again."},
		"mou.fulfilled":     {EL: "Καταγράφηκε ότι εκπληρώθηκε η υποχρέωση «%s» (%s).", EN: "Recorded the obligation “%s” (%s) as fulfilled."},
		"mou.choose":        {EL: "Το «%s» έχει %d συμφωνίες· δώστε τον κωδικό μίας:", EN: "“%s” has %d agreements; give the id of one:"},
		"mou.list.title":    {EL: "Συμφωνίες: %d", EN: "Agreements: %d"},
		"mou.list.empty":    {EL: "Δεν βρέθηκαν συμφωνίες. Προσθέστε μία με /mou add.", EN: "No agreements found. Add one with /mou add."},
		"mou.modal.opening": {EL: "Ανοίγει η φόρμα της συμφωνίας…", EN: "Opening the agreement form…"},
		"mou.obligations.none": {
			EL: "Καμία υποχρέωση. Προσθέστε με /mou oblige.",
			EN: "No obligations. Add one with /mou oblige.",
		},
		"mou.list.title_partner":  {EL: "Συμφωνίες με %s: %d", EN: "Agreements with %s: %d"},
		"mou.list.title_expiring": {EL: "Συμφωνίες σε ισχύ που λήγουν μέσα σε %d ημέρες: %d", EN: "Active agreements ending within %d days: %d"},
		"mou.obligation_added":    {EL: "Νέα υποχρέωση «%s» στη συμφωνία «%s».", EN: "New obligation “%s” under “%s”."},

		"mou.field.kind":        {EL: "Είδος", EN: "Kind"},
		"mou.field.partners":    {EL: "Εταίροι", EN: "Partners"},
		"mou.field.title":       {EL: "Τίτλος", EN: "Title"},
		"mou.field.status":      {EL: "Κατάσταση", EN: "Status"},
		"mou.field.signed":      {EL: "Υπογραφή", EN: "Signed"},
		"mou.field.decision":    {EL: "Απόφαση", EN: "Decision"},
		"mou.field.start":       {EL: "Έναρξη", EN: "Start"},
		"mou.field.end":         {EL: "Λήξη", EN: "End"},
		"mou.field.renewal":     {EL: "Ανανέωση", EN: "Renewal"},
		"mou.field.notice":      {EL: "Προειδοποίηση καταγγελίας", EN: "Notice period"},
		"mou.field.renewed_end": {EL: "Λήξη μετά την ανανέωση", EN: "End after renewal"},
		"mou.field.document":    {EL: "Έγγραφο", EN: "Document"},
		"mou.field.documents":   {EL: "Έγγραφα", EN: "Documents"},
		"mou.field.notes":       {EL: "Σημειώσεις", EN: "Notes"},
		"mou.field.id":          {EL: "Κωδικός", EN: "Id"},

		"mou.modal.title_new":  {EL: "Νέα συμφωνία", EN: "New agreement"},
		"mou.modal.title_edit": {EL: "Διόρθωση συμφωνίας", EN: "Edit agreement"},
		"mou.hint.end":         {EL: "Κενό: αορίστου χρόνου.", EN: "Empty: open-ended."},
		"mou.hint.renewal": {
			EL: "none, decision (με απόφαση) ή auto 3 (αυτόματη ανά 3 έτη).",
			EN: "none, decision (by council decision) or auto 3 (automatic every 3 years).",
		},
		"mou.hint.notice": {EL: "π.χ. 6m ή 90d", EN: "e.g. 6m or 90d"},

		"mou.required.which": {
			EL: "Ποια συμφωνία; Δώστε τον κωδικό της ή τον φορέα, π.χ. /mou show Φαέντσα.",
			EN: "Which agreement? Give its id or the partner, e.g. /mou show Faenza.",
		},
		"mou.required.obligation": {
			EL: "Ποια υποχρέωση; Δώστε τον κωδικό της από το /mou show, π.χ. /mou done 3fa2c9e1b0d4a7f2.",
			EN: "Which obligation? Give its id from /mou show, e.g. /mou done 3fa2c9e1b0d4a7f2.",
		},
		"mou.partner_ambiguous": {
			EL: "Το «%s» ταιριάζει με %d φορείς. Γράψτε ολόκληρο το όνομα του φορέα ή τον κωδικό της συμφωνίας.",
			EN: "“%s” matches %d partners. Write the partner's full name or the agreement's id.",
		},
		"mou.invalid.expiring": {
			EL: "Το «%s» δεν είναι πλήθος ημερών, π.χ. /mou list expiring 90.",
			EN: "“%s” is not a number of days, e.g. /mou list expiring 90.",
		},
	})
}
