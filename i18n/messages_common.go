package i18n

func init() {
	register(map[string]Message{
		"error.internal": {
			EL: "Κάτι πήγε στραβά από τη μεριά μας. Δοκιμάστε ξανά σε λίγο· αν επιμένει, ενημερώστε τον διαχειριστή.",
			EN: "Something went wrong on our side. Please try again shortly; if it persists, tell the administrator.",
		},
		"error.panic": {
			EL: "Συγγνώμη, η εντολή απέτυχε απροσδόκητα (κωδικός %s). Τίποτα δεν αποθηκεύτηκε μισό· δοκιμάστε ξανά.",
			EN: "Sorry, the command failed unexpectedly (reference %s). Nothing was half-saved; please try again.",
		},
		"error.unavailable": {
			EL: "Η αποθήκη δεδομένων δεν είναι διαθέσιμη αυτή τη στιγμή. Δεν αποθηκεύτηκε τίποτα· δοκιμάστε ξανά σε λίγο.",
			EN: "The data store is unavailable right now. Nothing was saved; please try again shortly.",
		},
		"error.unavailable_unconfirmed": {
			EL: "Η αποθήκη δεδομένων δεν επιβεβαίωσε την εντολή (ίσως αλλάζει διακομιστή). Δοκιμάστε ξανά σε ένα λεπτό· αν καταχωρίζατε κάτι, ελέγξτε πρώτα αν αποθηκεύτηκε, για να μην το καταχωρίσετε δύο φορές.",
			EN: "The data store did not confirm the command (it may be switching servers). Try again in a minute; if you were entering something, check first whether it was saved, so as not to enter it twice.",
		},
		"error.unauthorized": {
			EL: "Δεν έχετε πρόσβαση σε αυτό. Ζητήστε από τον διαχειριστή του γραφείου να σας προσθέσει.",
			EN: "You do not have access to this. Ask the office administrator to add you.",
		},
	})
}
