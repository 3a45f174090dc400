package i18n

// Messages of the /mou command: agreements and their obligations.
func init() {
	register(map[string]Message{
		"help.mou.cmd.description": {
			EL: "αδελφοποιήσεις, μνημόνια, πρωτόκολλα φιλίας, δίκτυα και οι υποχρεώσεις τους· σκέτο /mou ανοίγει φόρμα",
			EN: "twinnings, memoranda, friendship protocols, networks and their obligations; a bare /mou opens a form",
		},
		"help.mou.add.usage": {
			EL: "/mou add είδος:… εταίρος:… τίτλος:… [υπογραφή:…] [απόφαση:…] [έναρξη:…] [λήξη:…|αόριστη] [ανανέωση:…] [προειδοποίηση:\"3 μήνες\"] [έγγραφα:…]",
			EN: "/mou add kind:… partner:… title:… [signed:…] [decision:…] [start:…] [end:…|open] [renewal:…] [notice:3m] [docs:…]",
		},
		"help.mou.add.description": {
			EL: "νέα συμφωνία: αδελφοποίηση, πρωτόκολλο φιλίας, μνημόνιο, δίκτυο (σκέτο: φόρμα)",
			EN: "add an agreement: twinning, friendship, memorandum, network (bare: a form)",
		},
		"help.mou.add.example": {
			EL: "/mou add είδος:αδελφοποίηση εταίρος:\"Φαέντσα\" τίτλος:\"Αδελφοποίηση Αμαρουσίου – Φαέντσας\" υπογραφή:12/05/2019 απόφαση:\"ΑΔΣ 123/2019\" λήξη:αόριστη",
			EN: "/mou add kind:twinning partner:\"Faenza\" title:\"Twinning Maroussi – Faenza\" signed:12/05/2019 decision:\"ΑΔΣ 123/2019\" end:open",
		},
		"help.mou.edit.usage":       {EL: "/mou edit ΣΥΜΦΩΝΙΑ [πεδίο:τιμή …]", EN: "/mou edit AGREEMENT [field:value …]"},
		"help.mou.edit.description": {EL: "διόρθωση συμφωνίας (φόρμα, ή πεδία στη γραμμή)", EN: "edit an agreement (form, or fields on the line)"},
		"help.mou.show.usage":       {EL: "/mou show ΚΩΔΙΚΟΣ|ΦΟΡΕΑΣ", EN: "/mou show ID|PARTNER"},
		"help.mou.show.description": {EL: "μια συμφωνία με τις υποχρεώσεις της", EN: "an agreement with its obligations"},
		"help.mou.show.example":     {EL: "/mou show Φαέντσα", EN: "/mou show Faenza"},
		"help.mou.list.usage":       {EL: "/mou list [λήγουν [ημέρες]|φορέας]", EN: "/mou list [expiring [days]|partner]"},
		"help.mou.list.description": {
			EL: "συμφωνίες, πρώτα όσες λήγουν νωρίτερα· λήγουν: όσες λήγουν μέσα σε 180 ημέρες",
			EN: "agreements, those ending first on top; expiring: those ending within 180 days",
		},
		"help.mou.list.example": {EL: "/mou list λήγουν 90", EN: "/mou list expiring"},
		"help.mou.oblige.usage": {
			EL: "/mou oblige ΣΥΜΦΩΝΙΑ κείμενο:… έως:… [κάθε:ετήσια] [υπεύθυνος:@…] [υπενθύμιση:30,7]",
			EN: "/mou oblige AGREEMENT text:… due:… [every:1y] [owner:@…] [lead:30d,7d]",
		},
		"help.mou.oblige.description": {EL: "υποχρέωση από συμφωνία, εφάπαξ ή επαναλαμβανόμενη", EN: "an obligation under an agreement, once or recurring"},
		"help.mou.oblige.example": {
			EL: "/mou oblige Φαέντσα κείμενο:\"Ετήσια έκθεση προόδου\" έως:31/03/2027 κάθε:ετήσια υπενθύμιση:30,7",
			EN: "/mou oblige Faenza text:\"Annual progress report\" due:31/03/2027 every:1y lead:30d,7d",
		},
		"help.mou.done.usage": {EL: "/mou done ΥΠΟΧΡΕΩΣΗ [τεκμηρίωση]", EN: "/mou done OBLIGATION [evidence]"},
		"help.mou.done.description": {
			EL: "η υποχρέωση εκπληρώθηκε· μια επαναλαμβανόμενη περνά στην επόμενη προθεσμία",
			EN: "mark an obligation fulfilled; a recurring one moves to its next due date",
		},
		"help.mou.done.example": {EL: "/mou done Φαέντσα ΕΞ 258/2026", EN: "/mou done Faenza https://example.org/report.pdf"},

		"mou.created":     {EL: "Καταχωρήθηκε η συμφωνία «%s».", EN: "Added the agreement “%s”."},
		"mou.updated":     {EL: "Διορθώθηκε η συμφωνία «%s».", EN: "Updated the agreement “%s”."},
		"mou.button.show": {EL: "Προβολή", EN: "Show"},
		"mou.open_ended":  {EL: "αορίστου χρόνου", EN: "open-ended"},
		"mou.until":       {EL: "έως %s (%s)", EN: "until %s (%s)"},
		"mou.notice_by":   {EL: "καταγγελία έως %s", EN: "notice by %s"},
		"mou.reminders": {EL: "υπενθυμίσεις %[2]s ημέρες πριν", EN: "reminders %[2]s days before",
			ELOne: "υπενθύμιση %[2]s ημέρα πριν", ENOne: "reminder %[2]s day before"},
		"mou.obligations": {EL: "Υποχρεώσεις (%d)", EN: "Obligations (%d)"},
		"mou.next_due":    {EL: "Επόμενη προθεσμία: %s (%s).", EN: "Next due: %s (%s)."},
		"mou.no_more_due": {EL: "Δεν έχει άλλη προθεσμία.", EN: "It is not due again."},
		"mou.fulfilled":   {EL: "Καταγράφηκε ότι εκπληρώθηκε η υποχρέωση «%s» (%s).", EN: "Recorded the obligation “%s” (%s) as fulfilled."},
		"mou.choose":      {EL: "Το «%s» έχει %d συμφωνίες· δώστε τον κωδικό μίας:", EN: "“%s” has %d agreements; give the id of one:"},
		"mou.list.title":  {EL: "Συμφωνίες: %d", EN: "Agreements: %d"},
		"mou.list.empty_expiring": {EL: "Καμία συμφωνία σε ισχύ δεν λήγει μέσα σε %d ημέρες. Όλες: /mou list.",
			EN:    "No agreement in force ends within %d days. Every agreement: /mou list.",
			ELOne: "Καμία συμφωνία σε ισχύ δεν λήγει μέσα σε %d ημέρα. Όλες: /mou list.",
			ENOne: "No agreement in force ends within %d day. Every agreement: /mou list."},
		"mou.list.empty_partner": {EL: "Καμία συμφωνία με τον φορέα «%s». Όλες: /mou list.", EN: "No agreement with “%s”. Every agreement: /mou list."},
		"mou.list.empty":         {EL: "Δεν βρέθηκαν συμφωνίες. Προσθέστε μία με /mou add.", EN: "No agreements found. Add one with /mou add."},
		"mou.modal.opening":      {EL: "Ανοίγει η φόρμα της συμφωνίας…", EN: "Opening the agreement form…"},
		"mou.obligations.none": {
			EL: "Καμία υποχρέωση. Προσθέστε με /mou oblige.",
			EN: "No obligations. Add one with /mou oblige.",
		},
		"mou.list.title_partner": {EL: "Συμφωνίες με τον φορέα «%s»: %d", EN: "Agreements with %s: %d"},
		"mou.list.title_expiring": {EL: "Συμφωνίες σε ισχύ που λήγουν μέσα σε %d ημέρες: %d", EN: "Active agreements ending within %d days: %d",
			ELOne: "Συμφωνίες σε ισχύ που λήγουν μέσα σε %d ημέρα: %d", ENOne: "Active agreements ending within %d day: %d"},
		"mou.obligation_added": {EL: "Νέα υποχρέωση «%s» στη συμφωνία «%s».", EN: "New obligation “%s” under “%s”."},
		"mou.obligation_overdue": {EL: "⚠️ Η προθεσμία της έχει ήδη περάσει, πριν από %d ημέρες (%s): σημειώστε την με /mou done όταν γίνει.",
			EN:    "⚠️ It is already overdue, by %d days (%s): mark it with /mou done once it is done.",
			ELOne: "⚠️ Η προθεσμία της έχει ήδη περάσει, πριν από %d ημέρα (%s): σημειώστε την με /mou done όταν γίνει.",
			ENOne: "⚠️ It is already overdue, by %d day (%s): mark it with /mou done once it is done."},

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
			EL: "καμία, με απόφαση (του δημοτικού συμβουλίου) ή αυτόματη 3 (αυτόματη ανά 3 έτη).",
			EN: "none, decision (by council decision) or auto 3 (automatic every 3 years).",
		},
		"mou.hint.notice": {EL: "π.χ. 6 μήνες ή 90 ημέρες", EN: "e.g. 6m or 90d"},

		"mou.required.which": {
			EL: "Ποια συμφωνία; Δώστε τον κωδικό της ή τον φορέα, π.χ. /mou show Φαέντσα.",
			EN: "Which agreement? Give its id or the partner, e.g. /mou show Faenza.",
		},
		"mou.required.obligation": {
			EL: "Ποια υποχρέωση; Δώστε τον κωδικό της από το /mou show, π.χ. /mou done 3fa2c9e1b0d4a7f2.",
			EN: "Which obligation? Give its id from /mou show, e.g. /mou done 3fa2c9e1b0d4a7f2.",
		},
		"mou.obligation.several": {
			EL: "Το «%s» έχει περισσότερες υποχρεώσεις: %s. Γράψτε τον κωδικό εκείνης που εννοείτε.",
			EN: "“%s” has several obligations: %s. Write the id of the one you mean.",
		},
		"mou.obligation.agreements": {
			EL: "Ο φορέας «%s» έχει %d συμφωνίες. Γράψτε τον κωδικό της υποχρέωσης· τον δείχνει το /mou show.",
			EN: "“%s” has %d agreements. Write the obligation's id, as /mou show lists it.",
		},
		"mou.partner_ambiguous": {
			EL: "Το «%s» ταιριάζει με %d φορείς. Γράψτε ολόκληρο το όνομα του φορέα ή τον κωδικό της συμφωνίας.",
			EN: "“%s” matches %d partners. Write the partner's full name or the agreement's id.",
		},
		"mou.invalid.expiring": {
			EL: "Το «%s» δεν είναι πλήθος ημερών, π.χ. /mou list λήγουν 90.",
			EN: "“%s” is not a number of days, e.g. /mou list expiring 90.",
		},

		// Changing, waiving and reopening one obligation.
		"help.mou.change.usage": {
			EL: "/mou change ΥΠΟΧΡΕΩΣΗ [κείμενο:…] [έως:…] [υπεύθυνος:@…|κανείς] [κάθε:…|εφάπαξ] [υπενθύμιση:…|προεπιλογή]",
			EN: "/mou change OBLIGATION [text:…] [due:…] [owner:@…|none] [every:…|once] [lead:…|default]",
		},
		"help.mou.change.description": {
			EL: "αλλαγή μίας υποχρέωσης: κείμενο, προθεσμία, υπεύθυνος, επανάληψη, υπενθυμίσεις",
			EN: "change one obligation: its text, due date, owner, recurrence or reminders",
		},
		"help.mou.change.example": {
			EL: "/mou change Φαέντσα έως:15/3/2027 υπεύθυνος:@maria",
			EN: "/mou change Faenza due:15/3/2027 owner:@maria",
		},
		"help.mou.waive.usage": {EL: "/mou waive ΥΠΟΧΡΕΩΣΗ [αιτιολογία]", EN: "/mou waive OBLIGATION [reason]"},
		"help.mou.waive.description": {
			EL: "η υποχρέωση δεν ισχύει πια: δεν εκκρεμεί και δεν στέλνονται υπενθυμίσεις",
			EN: "an obligation no longer applies: it is no longer due and its reminders stop",
		},
		"help.mou.waive.example": {
			EL: "/mou waive Φαέντσα καταργήθηκε με την ΑΔΣ 45/2026",
			EN: "/mou waive Faenza dropped by council decision 45/2026",
		},
		"help.mou.reopen.usage": {EL: "/mou reopen ΥΠΟΧΡΕΩΣΗ [έως:…]", EN: "/mou reopen OBLIGATION [due:…]"},
		"help.mou.reopen.description": {
			EL: "επαναφορά υποχρέωσης που ολοκληρώθηκε ή δεν ίσχυε (όσες ολοκληρώθηκαν θέλουν νέα προθεσμία)",
			EN: "a waived or fulfilled obligation is open again (a fulfilled one needs a new due date)",
		},
		"help.mou.reopen.example": {EL: "/mou reopen Φαέντσα έως:31/03/2028", EN: "/mou reopen Faenza due:31/03/2028"},

		"mou.change.required_id": {
			EL: "Ποια υποχρέωση; Δώστε τον κωδικό της από το /mou show, π.χ. /mou change 3fa2c9e1b0d4a7f2 έως:15/3/2027.",
			EN: "Which obligation? Give its id from /mou show, e.g. /mou change 3fa2c9e1b0d4a7f2 due:15/3/2027.",
		},
		"mou.change.required_field": {
			EL: "Τι να αλλάξει; Δώστε ένα ή περισσότερα πεδία, π.χ. /mou change %s έως:15/3/2027 υπεύθυνος:@maria.",
			EN: "What should change? Give one or more fields, e.g. /mou change %s due:15/3/2027 owner:@maria.",
		},
		"mou.change.closed": {
			EL: "Η υποχρέωση «%s» %s· δεν έχει προθεσμία ή υπενθυμίσεις να αλλάξουν (μόνο το κείμενό της). Επαναφέρετέ την πρώτα με /mou reopen %s.",
			EN: "The obligation “%s” is %s: it has no due date or reminders to change (only its text). Reopen it first with /mou reopen %s.",
		},
		"mou.change.nothing": {
			EL: "Τίποτα δεν άλλαξε: η υποχρέωση «%s» έχει ήδη αυτές τις τιμές.",
			EN: "Nothing changed: the obligation “%s” already has these values.",
		},
		"mou.changed":             {EL: "Άλλαξε η υποχρέωση «%s» (%s):", EN: "Changed the obligation “%s” (%s):"},
		"mou.change.item":         {EL: "• %s: %s → %s", EN: "• %s: %s → %s"},
		"mou.change.field.text":   {EL: "Κείμενο", EN: "Text"},
		"mou.change.field.due":    {EL: "Προθεσμία", EN: "Due"},
		"mou.change.field.owner":  {EL: "Υπεύθυνος", EN: "Owner"},
		"mou.change.field.every":  {EL: "Επανάληψη", EN: "Recurrence"},
		"mou.change.field.lead":   {EL: "Υπενθυμίσεις", EN: "Reminders"},
		"mou.change.field.status": {EL: "Κατάσταση", EN: "Status"},
		"mou.change.field.waiver": {EL: "Αιτιολογία", EN: "Reason"},
		// An obligation's history in /mou show: date, who, what.
		"mou.history.line":      {EL: "↳ %s, %s: %s", EN: "↳ %s, %s: %s"},
		"mou.history.fulfilled": {EL: "εκπληρώθηκε (προθεσμία %s)", EN: "fulfilled (due %s)"},
		"mou.history.earlier": {EL: "↳ … %d παλαιότερες δεν εμφανίζονται", EN: "↳ … %d earlier not shown",
			ELOne: "↳ … %d παλαιότερη δεν εμφανίζεται", ENOne: "↳ … %d earlier not shown"},
		"mou.waiver_reason": {EL: "↳ Γιατί δεν απαιτείται: %s", EN: "↳ Why it was waived: %s"},
		"mou.lead.days": {EL: "%[2]s ημέρες πριν", EN: "%[2]s days before",
			ELOne: "%[2]s ημέρα πριν", ENOne: "%[2]s day before"},
		"mou.lead.default":  {EL: "οι προεπιλεγμένες υπενθυμίσεις", EN: "the default reminders"},
		"mou.waived":        {EL: "Η υποχρέωση «%s» (%s) δεν ισχύει πια· δεν στέλνονται άλλες υπενθυμίσεις.", EN: "Waived the obligation “%s” (%s): no more reminders are sent."},
		"mou.waived.reason": {EL: "Αιτιολογία: %s.", EN: "Reason: %s."},
		"mou.waived.undo":   {EL: "Αναίρεση με /mou reopen %s.", EN: "To undo: /mou reopen %s."},
		"mou.reopened":      {EL: "Η υποχρέωση «%s» (%s) εκκρεμεί ξανά· οι υπενθυμίσεις συνεχίζονται.", EN: "Reopened the obligation “%s” (%s); its reminders resume."},
		"mou.waive.required_id": {
			EL: "Ποια υποχρέωση; Δώστε τον κωδικό της από το /mou show, π.χ. /mou waive 3fa2c9e1b0d4a7f2 καταργήθηκε.",
			EN: "Which obligation? Give its id from /mou show, e.g. /mou waive 3fa2c9e1b0d4a7f2 no longer applies.",
		},
		"mou.waive.done": {
			EL: "Η υποχρέωση «%s» έχει ήδη εκπληρωθεί· δεν γίνεται να χαρακτηριστεί ότι δεν ισχύει.",
			EN: "The obligation “%s” was already fulfilled; it cannot be waived.",
		},
		"mou.waive.already": {
			EL: "Η υποχρέωση «%s» έχει ήδη χαρακτηριστεί ότι δεν ισχύει. Επαναφορά με /mou reopen %s.",
			EN: "The obligation “%s” is already waived. To reopen it: /mou reopen %s.",
		},
		"mou.reopen.required_id": {
			EL: "Ποια υποχρέωση; Δώστε τον κωδικό της από το /mou show, π.χ. /mou reopen 3fa2c9e1b0d4a7f2 έως:31/03/2028.",
			EN: "Which obligation? Give its id from /mou show, e.g. /mou reopen 3fa2c9e1b0d4a7f2 due:31/03/2028.",
		},
		"mou.reopen.open": {
			EL: "Η υποχρέωση «%s» ήδη εκκρεμεί. Αλλάξτε την με /mou change.",
			EN: "The obligation “%s” is already open. Change it with /mou change.",
		},
		"mou.due_fulfilled": {
			EL: "Η υποχρέωση «%s» έχει ήδη εκπληρωθεί για τις %s. Δώστε νέα προθεσμία, π.χ. έως:31/03/2028.",
			EN: "The obligation “%s” was already fulfilled for %s. Give a new due date, e.g. due:31/03/2028.",
		},
	})
}
