package i18n

// Messages of request receipts (dropping repeats across replicas) and of
// the bot's work setting.
func init() {
	register(map[string]Message{
		"receipt.invalid": {
			EL: "Εσωτερικό σφάλμα: μια απόδειξη λήψης αιτήματος χρειάζεται κλειδί και θετική διάρκεια.",
			EN: "Internal error: a request receipt needs a key and a positive duration.",
		},
		"config.invalid.max_work": {
			EL: "Η ρύθμιση %[1]s (%[2]s) %[3]q δεν είναι έγκυρη: δώστε θετικό ακέραιο, π.χ. %[4]s (πόσα αιτήματα του Slack εκτελούνται ταυτόχρονα μετά την επιβεβαίωσή τους).",
			EN: "%[1]s (%[2]s) %[3]q is not valid: give a positive whole number, e.g. %[4]s (how many Slack requests run at once after their acknowledgement).",
		},
	})
}
