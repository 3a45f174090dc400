package i18n

// Messages of the request intake: requests acknowledged to Slack, kept
// until they are answered, and answered late after a restart.
func init() {
	register(map[string]Message{
		"intake.invalid": {
			EL: "Εσωτερικό σφάλμα: ένα αίτημα προς φύλαξη χρειάζεται αναγνωριστικό, είδος και ώρα λήψης.",
			EN: "Internal error: a request to keep needs an id, a kind and the time it was received.",
		},
		"intake.not_found": {
			EL: "Εσωτερικό σφάλμα: δεν βρέθηκε το φυλαγμένο αίτημα %s.",
			EN: "Internal error: the kept request %s was not found.",
		},
	})
}
