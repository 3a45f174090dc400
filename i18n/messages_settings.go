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
		"settings.invalid.timezone_utc": {
			EL: "Η «%s» δεν είναι ζώνη ώρας γραφείου. Γράψτε τη ζώνη της πόλης σας, π.χ. Europe/Athens ή Europe/Lisbon.",
			EN: "“%s” is not an office's time zone. Write your city's zone, e.g. Europe/Athens or Europe/Lisbon.",
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
		"settings.invalid.office_domain": {
			EL: "Τομείς e-mail του γραφείου: το «%s» δεν είναι τομέας e-mail. Γράψτε το μέρος μετά το @, χωρισμένα με κόμμα, π.χ. maroussi.gr.",
			EN: "Office's mail domains: “%s” is not a mail domain. Write the part after the @, separated by commas, e.g. maroussi.gr.",
		},
		"settings.invalid.tokens": {
			EL: "Μηνιαίο όριο tokens: το %d είναι αρνητικό. Γράψτε 0 για την προεπιλογή ή ένα θετικό αριθμό, π.χ. 2000000.",
			EN: "Monthly token budget: %d is negative. Write 0 for the default or a positive number, e.g. 2000000.",
		},
		"help.ir.setup.usage":       {EL: "/ir setup", EN: "/ir setup"},
		"help.ir.setup.description": {EL: "οι ρυθμίσεις του χώρου εργασίας (για διαχειριστές)", EN: "the workspace's settings (for admins)"},
		"help.ir.setup.example":     {EL: "/ir setup", EN: "/ir setup"},
		"setup.single": {
			EL: "Σε αυτή την εγκατάσταση οι ρυθμίσεις ορίζονται από τον διαχειριστή του διακομιστή, με μεταβλητές περιβάλλοντος ή στο config.yaml: " +
				"PROXENOS_OFFICE_CHANNEL (κανάλι γραφείου), PROXENOS_LANGUAGE, PROXENOS_TIMEZONE, PROXENOS_ALLOWED_USERS, PROXENOS_ADMINS, " +
				"PROXENOS_REMINDER_CALL_DAYS, PROXENOS_REMINDER_OBLIGATION_DAYS, PROXENOS_REMINDER_AGREEMENT_DAYS, PROXENOS_REMINDER_TIME, " +
				"PROXENOS_DIGEST_TIME, PROXENOS_LLM_MONTHLY_TOKENS, PROXENOS_OFFICE_DOMAINS και PROXENOS_OFFICE_NAMES.",
			EN: "In this installation the settings are set by the server's administrator, in environment variables or config.yaml: " +
				"PROXENOS_OFFICE_CHANNEL (the office channel), PROXENOS_LANGUAGE, PROXENOS_TIMEZONE, PROXENOS_ALLOWED_USERS, PROXENOS_ADMINS, " +
				"PROXENOS_REMINDER_CALL_DAYS, PROXENOS_REMINDER_OBLIGATION_DAYS, PROXENOS_REMINDER_AGREEMENT_DAYS, PROXENOS_REMINDER_TIME, " +
				"PROXENOS_DIGEST_TIME, PROXENOS_LLM_MONTHLY_TOKENS, PROXENOS_OFFICE_DOMAINS and PROXENOS_OFFICE_NAMES.",
		},
		"setup.refused": {
			EL: "Τις ρυθμίσεις του χώρου εργασίας αλλάζουν μόνο όποιος εγκατέστησε το Proxenos, οι διαχειριστές του Slack και οι διαχειριστές που ορίζονται στις ρυθμίσεις.",
			EN: "Only whoever installed Proxenos, the workspace's Slack admins and the admins named in the settings may change the workspace's settings.",
		},
		"setup.opening": {EL: "Ανοίγω τις ρυθμίσεις του χώρου εργασίας…", EN: "Opening the workspace's settings…"},
		"setup.title":   {EL: "Ρυθμίσεις", EN: "Settings"},
		"setup.note": {
			EL: "Ισχύουν για όλο τον χώρο εργασίας. Όσα πεδία μείνουν κενά παίρνουν τις προεπιλογές της υπηρεσίας.",
			EN: "They apply to the whole workspace. Fields left empty take the service's defaults.",
		},
		"setup.field.channel":         {EL: "Κανάλι γραφείου", EN: "Office channel"},
		"setup.hint.channel":          {EL: "Εκεί πηγαίνουν οι υπενθυμίσεις και η σύνοψη· προσκαλέστε πρώτα το Proxenos.", EN: "Reminders and the digest go there; invite Proxenos to it first."},
		"setup.field.lang":            {EL: "Γλώσσα", EN: "Language"},
		"setup.field.timezone":        {EL: "Ζώνη ώρας", EN: "Time zone"},
		"setup.field.allowed_users":   {EL: "Χρήστες με πρόσβαση", EN: "Users with access"},
		"setup.hint.allowed":          {EL: "Κενό: όλοι οι χρήστες του χώρου εργασίας.", EN: "Empty: everyone in the workspace."},
		"setup.field.allowed_groups":  {EL: "Ομάδες χρηστών με πρόσβαση", EN: "User groups with access"},
		"setup.hint.groups":           {EL: "Αναγνωριστικά ομάδων (S…) χωρισμένα με κόμμα.", EN: "Group ids (S…) separated by commas."},
		"setup.field.admins":          {EL: "Διαχειριστές των ρυθμίσεων", EN: "Admins of these settings"},
		"setup.hint.admins":           {EL: "Εκτός από όποιον εγκατέστησε το Proxenos και τους διαχειριστές του Slack.", EN: "Besides whoever installed Proxenos and the Slack admins."},
		"setup.field.call_days":       {EL: "Υπενθυμίσεις προσκλήσεων (ημέρες πριν)", EN: "Call reminders (days before)"},
		"setup.hint.days":             {EL: "Αριθμοί ημερών χωρισμένοι με κόμμα.", EN: "Numbers of days separated by commas."},
		"setup.field.obligation_days": {EL: "Υπενθυμίσεις υποχρεώσεων (ημέρες πριν)", EN: "Obligation reminders (days before)"},
		"setup.field.agreement_days":  {EL: "Υπενθυμίσεις συμφωνιών (ημέρες πριν)", EN: "Agreement reminders (days before)"},
		"setup.field.reminder_time":   {EL: "Ώρα υπενθυμίσεων", EN: "Reminder time"},
		"setup.field.digest_time":     {EL: "Ώρα σύνοψης", EN: "Digest time"},
		"setup.field.model":           {EL: "Γλωσσικό μοντέλο (μεταφράσεις, ανάγνωση επιστολών)", EN: "Language model (translations, reading letters)"},
		"setup.model.on":              {EL: "Ενεργό", EN: "On"},
		"setup.model.off":             {EL: "Ανενεργό", EN: "Off"},
		"setup.field.tokens":          {EL: "Μηνιαίο όριο tokens", EN: "Monthly token budget"},
		"setup.field.office_domains":  {EL: "Τομείς e-mail του γραφείου", EN: "Office's mail domains"},
		"setup.hint.office_domains": {
			EL: "Το μέρος μετά το @ στα e-mail του Δήμου, χωρισμένα με κόμμα. Μια επιστολή από αυτά καταχωρείται ως εξερχόμενη. Κενό: του διακομιστή.",
			EN: "The part after the @ of the municipality's e-mails, separated by commas. A letter from them is logged as outgoing. Empty: the server's.",
		},
		"setup.field.office_names": {EL: "Ονόματα του γραφείου", EN: "Office's names"},
		"setup.hint.office_names": {
			EL: "Πώς υπογράφει ο Δήμος, χωρισμένα με κόμμα, π.χ. Δήμος Αμαρουσίου, Municipality of Maroussi.",
			EN: "How the municipality signs, separated by commas, e.g. Δήμος Αμαρουσίου, Municipality of Maroussi.",
		},
		"setup.hint.tokens": {EL: "Κενό ή 0: η προεπιλογή της υπηρεσίας.", EN: "Empty or 0: the service's default."},
		"setup.invalid.days": {
			EL: "Το «%s» δεν είναι λίστα ημερών. Γράψτε αριθμούς χωρισμένους με κόμμα, π.χ. 14, 7, 1.",
			EN: "“%s” is not a list of days. Write numbers separated by commas, e.g. 14, 7, 1.",
		},
		"setup.invalid.tokens": {
			EL: "Το «%s» δεν είναι αριθμός. Γράψτε π.χ. 2000000.",
			EN: "“%s” is not a number. Write e.g. 2000000.",
		},
		"setup.saved": {
			EL: "Οι ρυθμίσεις του χώρου εργασίας αποθηκεύτηκαν και ισχύουν από τώρα.",
			EN: "The workspace's settings are saved and apply from now on.",
		},
		"model.off": {
			EL: "Το γλωσσικό μοντέλο είναι ανενεργό σε αυτόν τον χώρο εργασίας· ένας διαχειριστής μπορεί να το ενεργοποιήσει με /ir setup.",
			EN: "The language model is off in this workspace; an admin can turn it on with /ir setup.",
		},
		"storage.settings.not_found": {
			EL: "Ο χώρος εργασίας δεν έχει δικές του ρυθμίσεις· ισχύουν οι προεπιλογές.",
			EN: "The workspace has no settings of its own; the defaults apply.",
		},
	})
}
