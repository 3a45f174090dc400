package i18n

// Messages of reminders, digests and their buttons.
func init() {
	register(map[string]Message{
		"reminder.invalid.item": {
			EL: "Η υπενθύμιση δεν αναφέρεται σε γνωστή εγγραφή. Ανοίξτε την εγγραφή από τη λίστα με /ir reminders.",
			EN: "The reminder does not refer to a known record. Open the record from the list with /ir reminders.",
		},
		"reminder.invalid.mark": {
			EL: "Η υπενθύμιση μπορεί να σημειωθεί μόνο ως ολοκληρωμένη ή σε αναβολή έως μια ημερομηνία.",
			EN: "A reminder can only be marked done, or snoozed until a date.",
		},
		"reminder.invalid.by": {
			EL: "Ο χρήστης του Slack δεν είναι έγκυρος.",
			EN: "The Slack user is not valid.",
		},
		"reminder.not_found": {
			EL: "Η αποστολή της υπενθύμισης δεν βρέθηκε.",
			EN: "The reminder delivery was not found.",
		},
		"reminder.lease.not_found": {
			EL: "Κανένα αντίγραφο του Proxenos δεν έχει αναλάβει ακόμη την αποστολή υπενθυμίσεων.",
			EN: "No Proxenos replica has taken on sending reminders yet.",
		},
		"reminder.unavailable": {
			EL: "Οι υπενθυμίσεις δεν έχουν ρυθμιστεί σε αυτή την εγκατάσταση. Ζητήστε από τον διαχειριστή να ορίσει το κανάλι του γραφείου.",
			EN: "Reminders are not set up in this installation. Ask the administrator to set the office channel.",
		},
		"reminder.setup": {
			EL: "Οι υπενθυμίσεις αυτού του χώρου εργασίας δεν έχουν κανάλι γραφείου. Ορίστε το με /ir setup.",
			EN: "This workspace's reminders have no office channel. Set it with /ir setup.",
		},
		"reminder.invalid.days": {
			EL: "Δώστε πόσες ημέρες μπροστά να δείξω, από 1 έως %d, π.χ. /ir reminders 30.",
			EN: "Give how many days ahead to show, from 1 to %d, e.g. /ir reminders 30.",
		},
		"reminder.overdue": {EL: "Εκπρόθεσμο εδώ και %d ημέρες", EN: "Overdue by %d days",
			ELOne: "Εκπρόθεσμο εδώ και %d ημέρα", ENOne: "Overdue by %d day"},
		"reminder.today":    {EL: "Σήμερα", EN: "Today"},
		"reminder.tomorrow": {EL: "Αύριο", EN: "Tomorrow"},
		"reminder.in_days":  {EL: "Σε %d ημέρες", EN: "In %d days"},
		"reminder.kind.call": {
			EL: "⏰ *%s: προθεσμία υποβολής* — %s · %s",
			EN: "⏰ *%s: submission deadline* — %s · %s",
		},
		"reminder.kind.milestone": {
			EL: "📌 *%s: εσωτερικό ορόσημο* — %s · %s",
			EN: "📌 *%s: internal milestone* — %s · %s",
		},
		"reminder.kind.obligation": {
			EL: "📋 *%s: υποχρέωση συμφωνίας* — %s · %s",
			EN: "📋 *%s: agreement obligation* — %s · %s",
		},
		"reminder.kind.agreement_end": {
			EL: "🤝 *%s: λήξη συμφωνίας* — %s · %s",
			EN: "🤝 *%s: agreement ends* — %s · %s",
		},
		"reminder.kind.agreement_notice": {
			EL: "🤝 *%s: τελευταία ημέρα για καταγγελία ή μη ανανέωση* — %s · %s",
			EN: "🤝 *%s: last day to give notice* — %s · %s",
		},
		"reminder.about": {EL: "Αφορά: %s", EN: "About: %s"},
		"reminder.owner": {EL: "Υπεύθυνος/η: %s", EN: "Owner: %s"},
		"reminder.late": {
			EL: "Στέλνεται καθυστερημένα· ήταν για %s.",
			EN: "Sent late; it was due %s.",
		},
		"reminder.button.done":        {EL: "Έγινε", EN: "Done"},
		"reminder.button.snooze_day":  {EL: "Αναβολή 1 ημέρα", EN: "Snooze 1 day"},
		"reminder.button.snooze_week": {EL: "Αναβολή 1 εβδομάδα", EN: "Snooze 1 week"},
		"reminder.button.open":        {EL: "Άνοιγμα", EN: "Open"},
		"reminder.status.done": {
			EL: "✅ Σημειώθηκε ως ολοκληρωμένο από %s, %s.",
			EN: "✅ Marked done by %s, %s.",
		},
		"reminder.status.snoozed": {
			EL: "💤 Σε αναβολή από %s έως %s.",
			EN: "💤 Snoozed by %s until %s.",
		},
		"reminder.status.opened": {
			EL: "Μόνο εσείς βλέπετε αυτό το μήνυμα.",
			EN: "Only you can see this message.",
		},
		"help.ir.digest.usage": {EL: "/ir digest", EN: "/ir digest"},
		"help.ir.digest.description": {
			EL: "δείχνει τώρα τη σύνοψη: ό,τι λήγει αυτή την εβδομάδα, τα εκπρόθεσμα, τη νέα αλληλογραφία και τις νέες προσκλήσεις",
			EN: "shows the digest now: what is due this week, what is overdue, new correspondence and newly open calls",
		},
		"help.ir.reminders.usage": {EL: "/ir reminders [ημέρες]", EN: "/ir reminders [days]"},
		"help.ir.reminders.description": {
			EL: "δείχνει τις υπενθυμίσεις των επόμενων ημερών (14 αν δεν δοθεί αριθμός)",
			EN: "lists the reminders of the coming days (14 unless given)",
		},
		"help.ir.reminders.example": {EL: "/ir reminders 30", EN: "/ir reminders 30"},
		"reminder.item_gone": {
			EL: "Η εγγραφή αυτής της υπενθύμισης άλλαξε ή διαγράφηκε· δείτε τις τρέχουσες με /ir reminders.",
			EN: "The record of this reminder changed or was deleted; see the current ones with /ir reminders.",
		},
		"digest.title":                 {EL: "Σύνοψη γραφείου — %s %s", EN: "Office digest — %s %s"},
		"digest.week":                  {EL: "Λήγουν αυτή την εβδομάδα", EN: "Due this week"},
		"digest.overdue":               {EL: "Εκπρόθεσμα", EN: "Overdue"},
		"digest.missed":                {EL: "Υπενθυμίσεις που δεν στάλθηκαν όσο ο Proxenos ήταν εκτός λειτουργίας", EN: "Reminders not sent while Proxenos was down"},
		"digest.correspondence":        {EL: "Νέα αλληλογραφία από την προηγούμενη σύνοψη", EN: "New correspondence since the last digest"},
		"digest.opened":                {EL: "Προσκλήσεις που άνοιξαν", EN: "Calls newly open"},
		"digest.none":                  {EL: "—", EN: "—"},
		"digest.more":                  {EL: "…και %d ακόμη", EN: "…and %d more"},
		"digest.line":                  {EL: "• %s: %s — %s", EN: "• %s: %s — %s"},
		"digest.corr_line":             {EL: "• %s %s — %s: %s", EN: "• %s %s — %s: %s"},
		"digest.kind.call":             {EL: "Πρόσκληση", EN: "Call"},
		"digest.kind.milestone":        {EL: "Ορόσημο", EN: "Milestone"},
		"digest.kind.obligation":       {EL: "Υποχρέωση", EN: "Obligation"},
		"digest.kind.agreement_end":    {EL: "Λήξη συμφωνίας", EN: "Agreement ends"},
		"digest.kind.agreement_notice": {EL: "Προθεσμία καταγγελίας", EN: "Last day for notice"},
		"digest.weekly.title":          {EL: "Εβδομαδιαία εικόνα — %s", EN: "Weekly summary — %s"},
		"digest.weekly.numbers":        {EL: "Σε αριθμούς", EN: "In numbers"},
		// The weekly numbers agree with the part (the first argument), not
		// the total.
		"digest.weekly.calls": {
			EL:    "• Ανοιχτές προσκλήσεις: %[2]d, από τις οποίες %[1]d λήγουν μέσα σε 30 ημέρες",
			EN:    "• Open calls: %[2]d, of which %[1]d close within 30 days",
			ELOne: "• Ανοιχτές προσκλήσεις: %[2]d, από τις οποίες %[1]d λήγει μέσα σε 30 ημέρες",
			ENOne: "• Open calls: %[2]d, of which %[1]d closes within 30 days",
		},
		"digest.weekly.obligations": {
			EL:    "• Εκκρεμείς υποχρεώσεις: %[2]d, από τις οποίες %[1]d εκπρόθεσμες",
			EN:    "• Open obligations: %[2]d, of which %[1]d overdue",
			ELOne: "• Εκκρεμείς υποχρεώσεις: %[2]d, από τις οποίες %[1]d εκπρόθεσμη",
			ENOne: "• Open obligations: %[2]d, of which %[1]d overdue",
		},
		"digest.weekly.agreements": {
			EL:    "• Συμφωνίες σε ισχύ: %[2]d, από τις οποίες %[1]d λήγουν μέσα σε 90 ημέρες",
			EN:    "• Active agreements: %[2]d, of which %[1]d end within 90 days",
			ELOne: "• Συμφωνίες σε ισχύ: %[2]d, από τις οποίες %[1]d λήγει μέσα σε 90 ημέρες",
			ENOne: "• Active agreements: %[2]d, of which %[1]d ends within 90 days",
		},
		"digest.upcoming": {EL: "Υπενθυμίσεις των επόμενων %d ημερών", EN: "Reminders of the next %d days",
			ELOne: "Υπενθυμίσεις της επόμενης %d ημέρας", ENOne: "Reminders of the next %d day"},
		"digest.upcoming_count": {EL: "Σύνολο: %s", EN: "Total: %s"},
		"digest.upcoming_line":  {EL: "• %s — %s: %s (%s)", EN: "• %s — %s: %s (%s)"},
	})
}
