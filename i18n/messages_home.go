package i18n

// Messages of the App Home dashboard.
func init() {
	register(map[string]Message{
		"home.title":             {EL: "Proxenos — Γραφείο Διεθνών Σχέσεων", EN: "Proxenos — International Relations office"},
		"home.updated":           {EL: "Ενημερώθηκε %s", EN: "Updated %s"},
		"home.button.corr":       {EL: "Καταχώρηση αλληλογραφίας", EN: "Log correspondence"},
		"home.button.partner":    {EL: "Νέος φορέας", EN: "Add partner"},
		"home.button.call":       {EL: "Νέα πρόσκληση", EN: "Add call"},
		"home.button.help":       {EL: "Βοήθεια", EN: "Help"},
		"home.button.back":       {EL: "Πίσω στον πίνακα", EN: "Back to the dashboard"},
		"home.button.more":       {EL: "Περισσότερα (%d ακόμη)", EN: "Show more (%d more)"},
		"home.button.less":       {EL: "Λιγότερα", EN: "Show less"},
		"home.more_left":         {EL: "…και %d ακόμη.", EN: "…and %d more."},
		"home.deadlines.title":   {EL: "*Προθεσμίες των επόμενων %d ημερών*", EN: "*Deadlines in the next %d days*"},
		"home.deadlines.empty":   {EL: "Καμία προθεσμία πρόσκλησης τις επόμενες %d ημέρες.", EN: "No call deadlines in the next %d days."},
		"home.deadlines.line":    {EL: "*%s* %s · %s (%s) · υπεύθυνος: %s", EN: "*%s* %s · %s (%s) · owner: %s"},
		"home.obligations.title": {EL: "*Υποχρεώσεις: εκπρόθεσμες και των επόμενων %d ημερών* (πρώτα οι δικές σας)", EN: "*Obligations overdue and due in the next %d days* (yours first)"},
		"home.obligations.empty": {EL: "Καμία υποχρέωση εκπρόθεσμη ή προσεχής.", EN: "No obligations overdue or coming due."},
		"home.obligations.line":  {EL: "%s *%s* — %s · %s (%s) · υπεύθυνος: %s", EN: "%s *%s* — %s · %s (%s) · owner: %s"},
		"home.no_owner":          {EL: "κανείς", EN: "nobody"},
		"home.corr.title":        {EL: "*Τελευταία αλληλογραφία*", EN: "*Latest correspondence*"},
		"home.corr.empty":        {EL: "Δεν υπάρχει ακόμη αλληλογραφία. Καταχωρήστε την πρώτη με το κουμπί παραπάνω ή με /corr.", EN: "No correspondence yet. Log the first with the button above or with /corr."},
		"home.contacts.title":    {EL: "*Πρόσφατες επαφές*", EN: "*Recent contacts*"},
		"home.contacts.empty":    {EL: "Καμία επαφή ακόμη. Καταγράψτε μία με /partner log.", EN: "No contacts yet. Log one with /partner log."},
		"home.contacts.line":     {EL: "*%s* — %s", EN: "*%s* — %s"},
		"home.contacts.logged":   {EL: "*%s* — %s · %s", EN: "*%s* — %s · %s"},
		"home.unavailable":       {EL: "Αυτή η ενότητα δεν φορτώθηκε: %s", EN: "This section could not be loaded: %s"},
		"home.not_configured":    {EL: "Οι προσκλήσεις και οι συμφωνίες δεν έχουν ρυθμιστεί σε αυτή την εγκατάσταση.", EN: "Calls and agreements are not set up in this installation."},
		"home.agreements.title":  {EL: "*Ημερομηνίες συμφωνιών των επόμενων %d ημερών*: καταγγελία, λήξη, ανανέωση", EN: "*Agreement dates in the next %d days*: notice, end, renewal"},
		"home.agreements.empty":  {EL: "Καμία συμφωνία δεν λήγει ούτε έχει προθεσμία καταγγελίας τις επόμενες %d ημέρες.", EN: "No agreement ends or has a notice deadline in the next %d days."},
		"home.agreements.notice": {EL: ":hourglass_flowing_sand: *%s* — καταγγελία έως %s (%s) · %s", EN: ":hourglass_flowing_sand: *%s* — last day to give notice %s (%s) · %s"},
		"home.agreements.end":    {EL: ":page_facing_up: *%s* — λήξη %s (%s) · %s", EN: ":page_facing_up: *%s* — term ends %s (%s) · %s"},
		"home.help.intro":        {EL: "Όλες οι εντολές, με παραδείγματα. Γράψτε τες σε οποιοδήποτε κανάλι ή εδώ στα Μηνύματα.", EN: "Every command, with examples. Type them in any channel or here under Messages."},
	})
}
