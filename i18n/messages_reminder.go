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
	})
}
