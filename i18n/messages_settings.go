package i18n

// Messages of a workspace's settings (issue 19): their validation and
// the /ir setup form.
func init() {
	register(map[string]Message{
		"settings.invalid.channel": {
			EL: "Το κανάλι «%s» δεν είναι κανάλι του Slack. Διαλέξτε το κανάλι του γραφείου (π.χ. C0123ABCD).",
			EN: "“%s” is not a Slack channel. Choose the office channel (e.g. C0123ABCD).",
		},
		"settings.invalid.lang": {
			EL: "Δεν γνωρίζω τη γλώσσα «%s». Διαλέξτε ελληνικά (el) ή αγγλικά (en).",
			EN: "I do not know the language “%s”. Choose Greek (el) or English (en).",
		},
		"settings.invalid.timezone": {
			EL: "Δεν γνωρίζω τη ζώνη ώρας «%s». Γράψτε τη όπως στη βάση IANA, π.χ. Europe/Athens.",
			EN: "I do not know the time zone “%s”. Write it as in the IANA database, e.g. Europe/Athens.",
		},
		"settings.invalid.allowed": {
			EL: "Το «%s» δεν είναι χρήστης ή ομάδα χρηστών του Slack. Διαλέξτε χρήστες (π.χ. U0123ABCD) ή ομάδες (π.χ. S0123ABCD).",
			EN: "“%s” is not a Slack user or user group. Choose users (e.g. U0123ABCD) or groups (e.g. S0123ABCD).",
		},
		"settings.invalid.admin": {
			EL: "Το «%s» δεν είναι χρήστης του Slack. Διαλέξτε χρήστες (π.χ. U0123ABCD).",
			EN: "“%s” is not a Slack user. Choose users (e.g. U0123ABCD).",
		},
		"settings.invalid.call_days": {
			EL: "Ημέρες υπενθύμισης για προσκλήσεις: το %d δεν είναι από 0 έως 365. Γράψτε τις χωρισμένες με κόμμα, π.χ. 14, 7, 1.",
			EN: "Reminder days for calls: %d is not between 0 and 365. Write them separated by commas, e.g. 14, 7, 1.",
		},
		"settings.invalid.obligation_days": {
			EL: "Ημέρες υπενθύμισης για υποχρεώσεις: το %d δεν είναι από 0 έως 365. Γράψτε τις χωρισμένες με κόμμα, π.χ. 14, 3.",
			EN: "Reminder days for obligations: %d is not between 0 and 365. Write them separated by commas, e.g. 14, 3.",
		},
		"settings.invalid.agreement_days": {
			EL: "Ημέρες υπενθύμισης για συμφωνίες: το %d δεν είναι από 0 έως 365. Γράψτε τις χωρισμένες με κόμμα, π.χ. 90, 30.",
			EN: "Reminder days for agreements: %d is not between 0 and 365. Write them separated by commas, e.g. 90, 30.",
		},
		"settings.invalid.reminder_time": {
			EL: "Ώρα υπενθυμίσεων: το «%s» δεν είναι ώρα. Γράψτε ΩΩ:ΛΛ, π.χ. 09:00.",
			EN: "Reminder time: “%s” is not a time. Write HH:MM, e.g. 09:00.",
		},
		"settings.invalid.digest_time": {
			EL: "Ώρα σύνοψης: το «%s» δεν είναι ώρα. Γράψτε ΩΩ:ΛΛ, π.χ. 08:30.",
			EN: "Digest time: “%s” is not a time. Write HH:MM, e.g. 08:30.",
		},
		"settings.invalid.tokens": {
			EL: "Μηνιαίο όριο tokens: το %d είναι αρνητικό. Γράψτε 0 για την προεπιλογή ή ένα θετικό αριθμό, π.χ. 2000000.",
			EN: "Monthly token budget: %d is negative. Write 0 for the default or a positive number, e.g. 2000000.",
		},
		"storage.settings.not_found": {
			EL: "Ο χώρος εργασίας δεν έχει δικές του ρυθμίσεις· ισχύουν οι προεπιλογές.",
			EN: "The workspace has no settings of its own; the defaults apply.",
		},
	})
}
