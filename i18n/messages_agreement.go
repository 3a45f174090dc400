package i18n

// Messages of agreements, their obligations, recurrences and periods.
func init() {
	register(map[string]Message{
		"agreement.kind.twinning":   {EL: "Αδελφοποίηση", EN: "Twinning"},
		"agreement.kind.friendship": {EL: "Πρωτόκολλο φιλίας και συνεργασίας", EN: "Protocol of friendship and cooperation"},
		"agreement.kind.memorandum": {EL: "Μνημόνιο συνεργασίας", EN: "Memorandum of understanding"},
		"agreement.kind.network":    {EL: "Μέλος δικτύου", EN: "Network membership"},

		"agreement.status.draft":      {EL: "σχέδιο", EN: "draft"},
		"agreement.status.active":     {EL: "σε ισχύ", EN: "active"},
		"agreement.status.expired":    {EL: "έληξε", EN: "expired"},
		"agreement.status.terminated": {EL: "καταγγέλθηκε", EN: "terminated"},

		"agreement.renewal.none":      {EL: "χωρίς ανανέωση", EN: "no renewal"},
		"agreement.renewal.automatic": {EL: "αυτόματη ανανέωση ανά %d έτη", EN: "renews automatically every %d years"},
		"agreement.renewal.yearly":    {EL: "αυτόματη ανανέωση κάθε χρόνο", EN: "renews automatically every year"},
		"agreement.renewal.decision":  {EL: "ανανέωση με απόφαση του δημοτικού συμβουλίου", EN: "renewed by council decision"},

		"agreement.invalid.kind": {
			EL: "Το είδος «%s» δεν είναι γνωστό. Επιλέξτε: αδελφοποίηση, πρωτόκολλο φιλίας, μνημόνιο ή δίκτυο.",
			EN: "The kind “%s” is not known. Choose twinning, friendship, memorandum or network.",
		},
		"agreement.required.partner": {
			EL: "Δώστε τουλάχιστον έναν εταίρο από τον κατάλογο, π.χ. εταίρος:Φαέντσα.",
			EN: "Give at least one partner from the directory, e.g. partner:Faenza.",
		},
		"agreement.required.title": {
			EL: "Δώστε τίτλο, π.χ. τίτλος:\"Αδελφοποίηση Αμαρουσίου – Φαέντσας\".",
			EN: "Give a title, e.g. title:\"Twinning Maroussi – Faenza\".",
		},
		"agreement.invalid.status": {
			EL: "Η κατάσταση «%s» δεν είναι γνωστή. Επιλέξτε: σχέδιο, σε ισχύ, έληξε ή καταγγέλθηκε.",
			EN: "The status “%s” is not known. Choose draft, active, expired or terminated.",
		},
		"agreement.invalid.end": {
			EL: "Η λήξη είναι πριν από την έναρξη, π.χ. έναρξη:01/01/2026 λήξη:31/12/2030.",
			EN: "The end is before the start, e.g. start:01/01/2026 end:31/12/2030.",
		},
		"agreement.required.end": {
			EL: "Μια συμφωνία που ανανεώνεται χρειάζεται ημερομηνία λήξης, π.χ. λήξη:31/12/2030.",
			EN: "An agreement that renews needs an end date, e.g. end:31/12/2030.",
		},
		"agreement.invalid.renewal": {
			EL: "Η ανανέωση «%s» δεν είναι γνωστή. Γράψτε «καμία», «με απόφαση» ή «αυτόματη» με έτη (π.χ. ανανέωση:\"αυτόματη 3\").",
			EN: "The renewal “%s” is not known. Write none, automatic with years (e.g. renew:auto:3) or decision.",
		},
		"agreement.invalid.renewal_years": {
			EL: "Η αυτόματη ανανέωση είναι από 1 έως %d έτη, π.χ. ανανέωση:αυτόματη:3.",
			EN: "An automatic renewal runs 1 to %d years, e.g. renew:auto:3.",
		},
		"agreement.invalid.document": {
			EL: "Το έγγραφο «%s» δεν είναι σύνδεσμος ιστού, π.χ. https://diavgeia.gov.gr/doc/6ΜΟΜΩΡΦ-56Δ.",
			EN: "The document “%s” is not a web link, e.g. https://diavgeia.gov.gr/doc/6ΜΟΜΩΡΦ-56Δ.",
		},
		"agreement.notfound": {
			EL: "Δεν βρέθηκε συμφωνία «%s». Δείτε τις συμφωνίες με /mou list.",
			EN: "No agreement “%s” was found. See the agreements with /mou list.",
		},

		"obligation.status.open":   {EL: "εκκρεμεί", EN: "open"},
		"obligation.status.done":   {EL: "ολοκληρώθηκε", EN: "done"},
		"obligation.status.waived": {EL: "δεν απαιτείται πλέον", EN: "waived"},

		"obligation.required.agreement": {
			EL: "Δώστε τη συμφωνία της υποχρέωσης, π.χ. /mou oblige Φαέντσα κείμενο:\"Ετήσια έκθεση\".",
			EN: "Give the agreement the obligation belongs to, e.g. /mou oblige faenza text:\"Annual report\".",
		},
		"obligation.required.text": {
			EL: "Περιγράψτε την υποχρέωση, π.χ. κείμενο:\"Ετήσια έκθεση προόδου\".",
			EN: "Describe the obligation, e.g. text:\"Annual progress report\".",
		},
		"obligation.required.due": {
			EL: "Δώστε προθεσμία, και για τις επαναλαμβανόμενες την πρώτη, π.χ. έως:31/03/2027 κάθε:ετήσια.",
			EN: "Give a due date, for recurring ones the first, e.g. due:31/03/2027 every:1y.",
		},
		"obligation.invalid.start": {
			EL: "Η πρώτη προθεσμία της σειράς είναι μετά την τρέχουσα· η σειρά πρέπει να αρχίζει πριν από αυτήν ή μαζί της.",
			EN: "The series starts after the date now due, e.g. first:31/03/2026 due:31/03/2027.",
		},
		"obligation.invalid.status": {
			EL: "Η κατάσταση «%s» δεν είναι γνωστή. Επιλέξτε: εκκρεμεί, ολοκληρώθηκε ή δεν απαιτείται πλέον.",
			EN: "The status “%s” is not known. Choose open, done or waived.",
		},
		"obligation.invalid.lead": {
			EL: "Οι υπενθυμίσεις δίνονται σε ημέρες πριν από την προθεσμία, από 0 έως %d, π.χ. υπενθύμιση:30,7,1.",
			EN: "Reminders are given in days before the due date, 0 to %d, e.g. remind:30,7,1.",
		},
		"obligation.invalid.owner": {
			EL: "Ο υπεύθυνος πρέπει να είναι χρήστης του Slack, π.χ. υπεύθυνος:@maria.",
			EN: "The owner must be a Slack user, e.g. owner:@maria.",
		},
		"obligation.conflict.closed": {
			EL: "Η υποχρέωση δεν εκκρεμεί πια (ολοκληρώθηκε ή δεν απαιτείται). Δείτε την με /mou show.",
			EN: "The obligation is no longer open (done or waived). See it with /mou show.",
		},
		"obligation.invalid.waiver": {
			EL: "Αιτιολογία δίνεται μόνο όταν μια υποχρέωση παύει να απαιτείται, π.χ. /mou waive ΚΩΔΙΚΟΣ καταργήθηκε με την απόφαση 45/2026.",
			EN: "A reason is given only when an obligation is waived, e.g. /mou waive ID dropped by council decision 45/2026.",
		},
		// The status an update expected is no longer the obligation's:
		// one key per status it has now, the obligation's text as argument.
		"obligation.conflict.now.open": {
			EL: "Η υποχρέωση «%s» εκκρεμεί πλέον (άνοιξε ξανά στο μεταξύ)· δεν άλλαξε τίποτα. Δείτε την με /mou show.",
			EN: "The obligation “%s” is open by now (it was reopened meanwhile); nothing was changed. See it with /mou show.",
		},
		"obligation.conflict.now.done": {
			EL: "Η υποχρέωση «%s» καταγράφηκε στο μεταξύ ως εκπληρωμένη· δεν άλλαξε τίποτα. Δείτε την με /mou show.",
			EN: "The obligation “%s” was recorded as fulfilled meanwhile; nothing was changed. See it with /mou show.",
		},
		"obligation.conflict.now.waived": {
			EL: "Η υποχρέωση «%s» ορίστηκε στο μεταξύ ως μη απαιτούμενη· δεν άλλαξε τίποτα. Δείτε την με /mou show.",
			EN: "The obligation “%s” was waived meanwhile; nothing was changed. See it with /mou show.",
		},
		"obligation.conflict.fulfilled": {
			EL: "Αυτή η προθεσμία της υποχρέωσης έχει ήδη καταγραφεί ως εκπληρωμένη.",
			EN: "This occurrence of the obligation has already been recorded as fulfilled.",
		},
		"obligation.conflict.moved": {
			EL: "Η υποχρέωση δεν έχει πια αυτή την προθεσμία (εκπληρώθηκε ή άλλαξε ημερομηνία στο μεταξύ)· δεν καταγράφηκε τίποτα. Δείτε την με /mou show.",
			EN: "The obligation is no longer due on that date (it was fulfilled or re-dated meanwhile); nothing was recorded. See it with /mou show.",
		},
		"obligation.conflict.pending": {
			EL: "Αυτή η προθεσμία της υποχρέωσης καταγράφεται αυτή τη στιγμή, ή μια προηγούμενη προσπάθεια διακόπηκε. Δείτε την με /mou show και δοκιμάστε ξανά σε ένα λεπτό αν δεν έχει καταγραφεί.",
			EN: "This occurrence of the obligation is being recorded right now, or an earlier attempt was interrupted. See it with /mou show and try again in a minute if it is not recorded.",
		},
		// A completion of an occurrence met already (a retry whose first
		// attempt went through): its due date, the day it was met and the
		// next due date, as days.
		"obligation.conflict.done_next": {
			EL: "Η προθεσμία της %s έχει ήδη καταγραφεί ως εκπληρωμένη (στις %s)· δεν καταγράφηκε τίποτα ξανά. Η επόμενη προθεσμία είναι στις %s.",
			EN: "The occurrence due on %s was already recorded as fulfilled (on %s); nothing was recorded again. The next one is due on %s.",
		},
		"obligation.conflict.done": {
			EL: "Η προθεσμία της %s έχει ήδη καταγραφεί ως εκπληρωμένη (στις %s)· δεν καταγράφηκε τίποτα ξανά.",
			EN: "The occurrence due on %s was already recorded as fulfilled (on %s); nothing was recorded again.",
		},
		"obligation.notfound": {
			EL: "Δεν βρέθηκε υποχρέωση «%s». Δείτε τις υποχρεώσεις με /mou show.",
			EN: "No obligation “%s” was found. See the obligations with /mou show.",
		},

		"fulfilment.required.at": {
			EL: "Δώστε πότε εκπληρώθηκε η υποχρέωση, π.χ. 15/03/2027.",
			EN: "Give when the obligation was fulfilled, e.g. 15/03/2027.",
		},
		"fulfilment.required.by": {
			EL: "Δώστε ποιος εκπλήρωσε την υποχρέωση, π.χ. @maria.",
			EN: "Give who fulfilled the obligation, e.g. @maria.",
		},
		"fulfilment.invalid.by": {
			EL: "Η εκπλήρωση καταγράφεται από χρήστη του Slack, π.χ. @maria.",
			EN: "A fulfilment is recorded by a Slack user, e.g. @maria.",
		},
		"fulfilment.invalid.evidence": {
			EL: "Η τεκμηρίωση «%s» δεν είναι σύνδεσμος ιστού. Δώστε σύνδεσμο (https://…) ή αριθμό πρωτοκόλλου, π.χ. ΕΞ 258/2026.",
			EN: "The evidence “%s” is not a web link. Give a link (https://…) or a protocol number, e.g. ΕΞ 258/2026.",
		},

		"recurrence.invalid": {
			EL: "Η επανάληψη «%s» δεν είναι κατανοητή. Γράψτε π.χ. ετήσια, κάθε 6 μήνες ή RRULE:FREQ=YEARLY (έως κάθε 10 έτη).",
			EN: "The recurrence “%s” is not understood. Write e.g. 1y, 6m, yearly, every 6 months or RRULE:FREQ=YEARLY (up to every 10 years).",
		},
		"recurrence.invalid.rule": {
			EL: "Ο κανόνας «%s» δεν είναι έγκυρο RRULE, χωρίς DTSTART, που επαναλαμβάνεται το πολύ ημερησίως, π.χ. RRULE:FREQ=MONTHLY;BYMONTHDAY=-1.",
			EN: "The rule “%s” is not a valid RRULE without DTSTART, repeating at most daily, e.g. RRULE:FREQ=MONTHLY;BYMONTHDAY=-1.",
		},
		"recurrence.once":    {EL: "μία φορά", EN: "once"},
		"recurrence.yearly":  {EL: "κάθε χρόνο", EN: "every year"},
		"recurrence.monthly": {EL: "κάθε μήνα", EN: "every month"},
		"recurrence.years":   {EL: "κάθε %d χρόνια", EN: "every %d years"},
		"recurrence.months":  {EL: "κάθε %d μήνες", EN: "every %d months"},
		"recurrence.rule":    {EL: "κατά τον κανόνα %s", EN: "by the rule %s"},

		"period.invalid": {
			EL: "Η περίοδος «%s» δεν είναι κατανοητή. Γράψτε π.χ. 6 μήνες ή 90 ημέρες (έως 10 έτη).",
			EN: "The period “%s” is not understood. Write e.g. 6m, 90d, 6 months or 90 days (up to 10 years).",
		},
		"period.months":      {EL: "%d μήνες", EN: "%d months", ELOne: "%d μήνας", ENOne: "%d month"},
		"period.days":        {EL: "%d ημέρες", EN: "%d days", ELOne: "%d ημέρα", ENOne: "%d day"},
		"period.months_days": {EL: "%[1]s + %[2]s", EN: "%[1]s + %[2]s"}, // a period of months and days: "1 μήνας + 15 ημέρες"
	})
}
