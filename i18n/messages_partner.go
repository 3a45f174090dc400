package i18n

// Messages of the partner directory (/partner), its people and contacts.
func init() {
	register(map[string]Message{
		"partner.required.name": {
			EL: "Λείπει το όνομα του φορέα, π.χ. όνομα:\"Φαέντσα\".",
			EN: "The partner's name is missing, e.g. name:\"Faenza\".",
		},
		"partner.invalid.kind": {
			EL: "Το είδος «%s» δεν υπάρχει· γράψτε ένα από: δήμος, δίκτυο, πρεσβεία, πανεπιστήμιο, φορέας ΕΕ, ΜΚΟ, εταιρεία, άλλο.",
			EN: "The kind “%s” does not exist; write one of: municipality, network, embassy, university, eu_body, ngo, company, other.",
		},
		"partner.invalid.relationship": {
			EL: "Η σχέση «%s» δεν υπάρχει· γράψτε μία από: αδελφοποίηση, μνημόνιο συνεργασίας, μέλος δικτύου, υποψήφιος εταίρος.",
			EN: "The relationship “%s” does not exist; write one of: sister_city, memorandum, network_member, prospect.",
		},
		"partner.invalid.list_filter": {
			EL: "Το «%s» δεν είναι είδος, σχέση ή χώρα· π.χ. /partner list CY, /partner list Κύπρος ή /partner list δήμος.",
			EN: "“%s” is not a kind, a relationship or a country; e.g. /partner list CY, /partner list Cyprus or /partner list municipality.",
		},
		"partner.invalid.year": {
			EL: "Το έτος πρέπει να είναι τετραψήφιο, π.χ. έτος:1990.",
			EN: "The year must have four digits, e.g. since:1990.",
		},
		"partner.required.which": {
			EL: "Γράψτε ποιον φορέα εννοείτε, π.χ. /partner show Φαέντσα.",
			EN: "Say which partner you mean, e.g. /partner show Faenza.",
		},
		"partner.required.query": {
			EL: "Γράψτε λέξεις για αναζήτηση, π.χ. /partner find Ρουμανία.",
			EN: "Give words to search for, e.g. /partner find Romania.",
		},
		"partner.not_found": {
			EL: "Δεν βρέθηκε φορέας «%s». Δείτε τη λίστα με /partner list ή προσθέστε τον με /partner add.",
			EN: "No partner “%s” was found. See the list with /partner list or add it with /partner add.",
		},
		"partner.choose": {
			EL: "Το «%s» ταιριάζει με %d φορείς· διαλέξτε:",
			EN: "“%s” matches %d partners; choose one:",
		},
		"person.required.name": {
			EL: "Λείπει το όνομα του προσώπου, π.χ. όνομα:\"Maria Rossi\".",
			EN: "The person's name is missing, e.g. name:\"Maria Rossi\".",
		},
		"person.invalid.email": {
			EL: "Το email «%s» δεν είναι έγκυρο· γράψτε π.χ. email:m.rossi@comune.faenza.ra.it.",
			EN: "The email “%s” is not valid; write e.g. email:m.rossi@comune.faenza.ra.it.",
		},
		"contact.required.partner": {
			EL: "Γράψτε με ποιον φορέα έγινε η επαφή, π.χ. /partner log Φαέντσα είδος:συνάντηση.",
			EN: "Say which partner the contact was with, e.g. /partner log Faenza kind:meeting.",
		},
		"contact.invalid.kind": {
			EL: "Το είδος επαφής «%s» δεν υπάρχει· γράψτε συνάντηση, κλήση, επίσκεψη, βίντεο ή εκδήλωση.",
			EN: "The kind of contact “%s” does not exist; write meeting, call, visit, video or event.",
		},
		"contact.invalid.date": {
			EL: "Η ημερομηνία της επαφής πρέπει να είναι π.χ. 20/11/2026.",
			EN: "The contact's date must be a date, e.g. 20/11/2026.",
		},

		"partner.created": {
			EL: "Προστέθηκε ο φορέας *%s* (%s).",
			EN: "Added the partner *%s* (%s).",
		},
		"partner.updated": {EL: "Διορθώθηκε ο φορέας *%s*.", EN: "Updated the partner *%s*."},
		"partner.linked_letters": {EL: "Συνδέθηκαν με τον φορέα «%[2]s» %[1]d παλαιότερες καταχωρήσεις με αυτό το όνομα:",
			EN:    "Linked %[1]d earlier entries under this name to “%[2]s”:",
			ELOne: "Συνδέθηκε με τον φορέα «%[2]s» %[1]d παλαιότερη καταχώρηση με αυτό το όνομα:",
			ENOne: "Linked %[1]d earlier entry under this name to “%[2]s”:"},
		"partner.linked_more":      {EL: "… και %d ακόμη· όλες στο /partner show %s.", EN: "… and %d more; all of them in /partner show %s."},
		"partner.person_added":     {EL: "Προστέθηκε το πρόσωπο επαφής %s στον φορέα «%s».", EN: "Added %s to %s."},
		"partner.contact_logged":   {EL: "Καταγράφηκε %s με τον φορέα «%s», %s.", EN: "Logged a %s with %s, %s."},
		"partner.button.show":      {EL: "Προβολή", EN: "Show"},
		"partner.modal.opening":    {EL: "Ανοίγει η φόρμα…", EN: "Opening the form…"},
		"partner.modal.title_new":  {EL: "Νέος φορέας", EN: "New partner"},
		"partner.modal.title_edit": {EL: "Διόρθωση φορέα", EN: "Edit partner"},
		"partner.hint.aliases": {
			EL: "Άλλα ονόματα με τα οποία υπογράφει ή είναι γνωστός ο φορέας, χωρισμένα με κόμματα, π.χ. Ville de Faenza, EUROCITIES. Μια επιστολή με ένα από αυτά συνδέεται με τον φορέα.",
			EN: "Other names the partner signs with or is known by, separated by commas, e.g. Ville de Faenza, EUROCITIES. A letter signed with one of them is matched to the partner.",
		},
		"partner.list.title": {EL: "Φορείς: %d", EN: "Partners: %d"},
		"partner.find.title": {EL: "Φορείς που ταιριάζουν: %d", EN: "Matching partners: %d"},
		"partner.list.empty": {EL: "Δεν βρέθηκαν φορείς.", EN: "No partners found."},
		"partner.people":     {EL: "Πρόσωπα", EN: "People"},
		"partner.latest_correspondence": {
			EL:    "Αλληλογραφία (%d εγγραφές συνολικά· πρώτα οι πιο πρόσφατες)",
			EN:    "Correspondence (%d in all, latest first)",
			ELOne: "Αλληλογραφία (%d εγγραφή)",
			ENOne: "Correspondence (%d entry)",
		},
		"partner.no_correspondence": {EL: "Αλληλογραφία: καμία εγγραφή ακόμη", EN: "Correspondence: no entries yet"},
		"partner.latest_contacts":   {EL: "Πρόσφατες επαφές", EN: "Latest contacts"},
		"partner.since":             {EL: "από το %d", EN: "since %d"},

		"partner.field.name":         {EL: "Όνομα", EN: "Name"},
		"partner.field.alt":          {EL: "Πρωτότυπο όνομα", EN: "Original name"},
		"partner.field.aliases":      {EL: "Άλλα ονόματα", EN: "Also known as"},
		"partner.field.kind":         {EL: "Είδος", EN: "Kind"},
		"partner.field.country":      {EL: "Χώρα", EN: "Country"},
		"partner.field.city":         {EL: "Πόλη", EN: "City"},
		"partner.field.place":        {EL: "Τόπος", EN: "Place"},
		"partner.field.rel":          {EL: "Σχέση", EN: "Relationship"},
		"partner.field.since":        {EL: "Έτος έναρξης", EN: "Since (year)"},
		"partner.field.web":          {EL: "Ιστότοπος", EN: "Website"},
		"partner.field.tags":         {EL: "Ετικέτες", EN: "Tags"},
		"partner.field.notes":        {EL: "Σημειώσεις", EN: "Notes"},
		"partner.field.last_contact": {EL: "Τελευταία επαφή", EN: "Last contact"},

		"partner.kind.municipality": {EL: "δήμος", EN: "municipality"},
		"partner.kind.network":      {EL: "δίκτυο", EN: "network"},
		"partner.kind.embassy":      {EL: "πρεσβεία", EN: "embassy"},
		"partner.kind.university":   {EL: "πανεπιστήμιο", EN: "university"},
		"partner.kind.eu_body":      {EL: "φορέας ΕΕ", EN: "EU body"},
		"partner.kind.ngo":          {EL: "ΜΚΟ", EN: "NGO"},
		"partner.kind.company":      {EL: "εταιρεία", EN: "company"},
		"partner.kind.other":        {EL: "άλλο", EN: "other"},

		"partner.rel.sister_city":    {EL: "αδελφοποίηση", EN: "sister city"},
		"partner.rel.memorandum":     {EL: "μνημόνιο συνεργασίας", EN: "memorandum"},
		"partner.rel.network_member": {EL: "μέλος δικτύου", EN: "network member"},
		"partner.rel.prospect":       {EL: "υποψήφιος εταίρος", EN: "prospect"},

		"contact.kind.meeting": {EL: "συνάντηση", EN: "meeting"},
		"contact.kind.call":    {EL: "τηλεφωνική κλήση", EN: "call"},
		"contact.kind.visit":   {EL: "επίσκεψη", EN: "visit"},
		"contact.kind.video":   {EL: "τηλεδιάσκεψη", EN: "video call"},
		"contact.kind.event":   {EL: "εκδήλωση", EN: "event"},
	})
}
