package i18n

// Messages of user preferences and /ir lang.
func init() {
	register(map[string]Message{
		"preference.required.user": {EL: "Λείπει ο χρήστης της προτίμησης.", EN: "The preference names no user."},
		"preference.invalid.lang": {
			EL: "Δεν γνωρίζω τη γλώσσα «%s». Γράψτε /ir lang ελληνικά ή /ir lang αγγλικά.",
			EN: "I do not know the language “%s”. Write /ir lang el for Greek or /ir lang en for English.",
		},
		"storage.preference.not_found": {EL: "Δεν έχετε ορίσει προτιμήσεις.", EN: "You have set no preferences."},

		"help.ir.lang.usage":       {EL: "/ir lang [ελληνικά|αγγλικά|αυτόματα]", EN: "/ir lang [el|en|auto]"},
		"help.ir.lang.description": {EL: "η γλώσσα μου: ελληνικά, αγγλικά, ή όπως στο Slack", EN: "my language: Greek, English, or as in Slack"},
		"help.ir.lang.example":     {EL: "/ir lang αγγλικά", EN: "/ir lang el"},

		"lang.name.el": {EL: "ελληνικά", EN: "Greek"},
		"lang.name.en": {EL: "αγγλικά", EN: "English"},
		"lang.current.chosen": {
			EL: "Γλώσσα: *%s*, όπως τη διαλέξατε με /ir lang. Για να ακολουθεί τη γλώσσα σας στο Slack: /ir lang αυτόματα.",
			EN: "Language: *%s*, as you chose with /ir lang. To follow your Slack language: /ir lang auto.",
		},
		"lang.current.slack": {
			EL: "Γλώσσα: *%s*, από τη γλώσσα σας στο Slack. Αλλάξτε τη με /ir lang ελληνικά ή /ir lang αγγλικά.",
			EN: "Language: *%s*, from your Slack language. Change it with /ir lang el or /ir lang en.",
		},
		"lang.current.default": {
			EL: "Γλώσσα: *%s*, η προεπιλογή του χώρου εργασίας (η γλώσσα σας στο Slack δεν είναι ελληνικά ή αγγλικά). Αλλάξτε τη με /ir lang ελληνικά ή /ir lang αγγλικά.",
			EN: "Language: *%s*, the workspace default (your Slack language is neither Greek nor English). Change it with /ir lang el or /ir lang en.",
		},
		"lang.set": {
			EL: "Από τώρα σας μιλώ *%s*. Για να ακολουθώ τη γλώσσα σας στο Slack: /ir lang αυτόματα.",
			EN: "From now on I speak *%s* to you. To follow your Slack language: /ir lang auto.",
		},
		"lang.auto": {
			EL: "Από τώρα ακολουθώ τη γλώσσα σας στο Slack: *%s*.",
			EN: "From now on I follow your Slack language: *%s*.",
		},
		"lang.current.chosen.no_slack": {
			EL: "Γλώσσα: *%s*, όπως τη διαλέξατε με /ir lang. Για να επιστρέψετε στη γλώσσα του γραφείου: /ir lang αυτόματα.",
			EN: "Language: *%s*, as you chose with /ir lang. To return to the office language: /ir lang auto.",
		},
		"lang.current.default.no_slack": {
			EL: "Γλώσσα: *%s*, η γλώσσα του γραφείου. Αλλάξτε τη με /ir lang ελληνικά ή /ir lang αγγλικά.",
			EN: "Language: *%s*, the office language. Change it with /ir lang el or /ir lang en.",
		},
		"lang.set.no_slack": {
			EL: "Από τώρα σας μιλώ *%s*. Για να επιστρέψετε στη γλώσσα του γραφείου: /ir lang αυτόματα.",
			EN: "From now on I speak *%s* to you. To return to the office language: /ir lang auto.",
		},
		"lang.auto.no_slack": {
			EL: "Από τώρα σας μιλώ τη γλώσσα του γραφείου: *%s*.",
			EN: "From now on I speak the office language to you: *%s*.",
		},
		"lang.no_store.no_slack": {
			EL: "Οι προτιμήσεις δεν αποθηκεύονται σε αυτή την εγκατάσταση· ισχύει η γλώσσα του γραφείου.",
			EN: "Preferences are not stored in this installation; the office language applies.",
		},
		"lang.no_store": {
			EL: "Οι προτιμήσεις δεν αποθηκεύονται σε αυτή την εγκατάσταση· η γλώσσα ακολουθεί το Slack.",
			EN: "Preferences are not stored in this installation; the language follows Slack.",
		},
	})
}
