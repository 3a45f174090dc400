package i18n

// Messages of the console about its buttons and the reminders that come
// while it is busy.
func init() {
	register(map[string]Message{
		"console.help.buttons": {
			EL: "Τα κουμπιά εμφανίζονται ως [Έγινε] !3· γράψτε !3 για να πατήσετε αυτό το κουμπί. Κάθε κουμπί κρατά τον αριθμό του ως την έξοδο, και κάθε υπενθύμιση τα δικά της. Υπενθυμίσεις και σύνοψη που φτάνουν ενώ εκτελείται μια εντολή ή είναι ανοιχτή μια φόρμα εμφανίζονται μόλις τελειώσει.",
			EN: "Buttons show as [Done] !3: type !3 to press that one. Every button keeps its number until you leave, and each reminder its own. Reminders and the digest that arrive while a command runs or a form is open are shown once it is done.",
		},
		"console.button.none": {
			EL: "Δεν υπάρχει κουμπί !%s: δεν έχει εμφανιστεί ακόμη κανένα κουμπί.",
			EN: "There is no button !%s: no button has been shown yet.",
		},
		// The count comes second: the number typed is text ("x", "").
		"console.button.unknown": {
			EL:    "Δεν υπάρχει κουμπί !%s: τα κουμπιά που εμφανίστηκαν ως τώρα έχουν αριθμούς από !1 έως !%d.",
			EN:    "There is no button !%s: the buttons shown so far are numbered !1 to !%d.",
			ELOne: "Δεν υπάρχει κουμπί !%s: το μόνο κουμπί που εμφανίστηκε ως τώρα είναι το !%d.",
			ENOne: "There is no button !%s: the only button shown so far is !%d.",
		},
	})
}
