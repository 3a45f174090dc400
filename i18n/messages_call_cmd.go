package i18n

// Messages of the /call command, and the phrases both /call and /mou use:
// days left, partners on forms, a command the server has not set up.
func init() {
	register(map[string]Message{
		"help.call.cmd.description": {
			EL: "προσκλήσεις χρηματοδότησης (ΕΕ κ.ά.): προθεσμίες, υπεύθυνοι, ορόσημα· σκέτο /call ανοίγει φόρμα",
			EN: "calls for proposals (EU and others): deadlines, owners, milestones; a bare /call opens a form",
		},
		"help.call.add.usage": {
			EL: "/call add κωδικός:… τίτλος:… προθεσμία:\"ηη/μμ/εεεε ωω:λλ\" [πρόγραμμα:…] [πρόσκληση:…] [άνοιγμα:…] [σύνδεσμος:…] [προϋπολογισμός:…] [επιχορήγηση:…] [εταίροι:…] [υπεύθυνος:@…] [σημειώσεις:…]",
			EN: "/call add id:… title:… deadline:\"dd/mm/yyyy hh:mm\" [programme:…] [call:…] [opening:…] [link:…] [budget:…] [grant:…] [partners:…] [owner:@…] [notes:…]",
		},
		"help.call.add.description": {
			EL: "νέα πρόσκληση· προθεσμίες σε ώρα Βρυξελλών εκτός αν δοθεί ζώνη (σκέτο: φόρμα)",
			EN: "add a call; deadlines in Brussels time unless a zone is given (bare: a form)",
		},
		"help.call.add.example": {
			EL: "/call add κωδικός:CERV-2027-CITIZENS-TOWN-TT τίτλος:\"Αδελφοποιήσεις πόλεων 2027\" προθεσμία:\"18/09/2027 17:00\" επιχορήγηση:8500-51000",
			EN: "/call add id:CERV-2027-CITIZENS-TOWN-TT title:\"Town twinning 2027\" deadline:\"18/09/2027 17:00\" grant:8500-51000",
		},
		"help.call.edit.usage":       {EL: "/call edit ΚΩΔΙΚΟΣ [πεδίο:τιμή …]", EN: "/call edit ID [field:value …]"},
		"help.call.edit.description": {EL: "διόρθωση πρόσκλησης (φόρμα, ή πεδία στη γραμμή)", EN: "edit a call (form, or fields on the line)"},
		"help.call.show.usage":       {EL: "/call show ΚΩΔΙΚΟΣ", EN: "/call show ID"},
		"help.call.show.description": {EL: "όλα τα στοιχεία, οι προθεσμίες και τα ορόσημα μιας πρόσκλησης", EN: "every field, deadline and milestone of a call"},
		"help.call.list.usage":       {EL: "/call list [ανοιχτές|δικές μου|όλες|πρόγραμμα]", EN: "/call list [open|mine|all|programme]"},
		"help.call.list.description": {EL: "προσκλήσεις, πρώτα η πιο κοντινή προθεσμία", EN: "calls, soonest deadline first"},
		"help.call.list.example":     {EL: "/call list cerv", EN: "/call list mine"},
		"help.call.status.usage":     {EL: "/call status ΚΩΔΙΚΟΣ ΚΑΤΑΣΤΑΣΗ", EN: "/call status ID STATUS"},
		"help.call.status.description": {
			EL: "αλλαγή κατάστασης: υπό παρακολούθηση, σε προετοιμασία, υποβλήθηκε, εγκρίθηκε, απορρίφθηκε, αποσύρθηκε, έκλεισε",
			EN: "change the status: watching, preparing, submitted, awarded, rejected, withdrawn, closed",
		},
		"help.call.status.example":    {EL: "/call status CERV-2027-CITIZENS-TOWN-TT υποβλήθηκε", EN: "/call status CERV-2027-CITIZENS-TOWN-TT submitted"},
		"help.call.owner.usage":       {EL: "/call owner ΚΩΔΙΚΟΣ @χρήστης", EN: "/call owner ID @user"},
		"help.call.owner.description": {EL: "ορισμός υπευθύνου (κανείς: χωρίς υπεύθυνο)", EN: "set the owner (none: nobody)"},
		"help.call.milestone.usage": {
			EL: "/call milestone ΚΩΔΙΚΟΣ \"κείμενο\" πριν:ημέρες | στις:ημερομηνία",
			EN: "/call milestone ID \"text\" 14d | at:date",
		},
		"help.call.milestone.description": {
			EL: "εσωτερικό ορόσημο, ημέρες πριν από την προθεσμία ή σε ημερομηνία",
			EN: "an internal milestone, days before the deadline or on a date",
		},
		"help.call.milestone.example": {
			EL: "/call milestone CERV-2027-CITIZENS-TOWN-TT \"σχέδιο στο Τμήμα Πόρων\" πριν:14",
			EN: "/call milestone CERV-2027-CITIZENS-TOWN-TT \"draft to the resources office\" 14d",
		},
		"help.call.import.usage":       {EL: "/call import ΚΩΔΙΚΟΣ_ΘΕΜΑΤΟΣ", EN: "/call import TOPIC-ID"},
		"help.call.import.description": {EL: "εισαγωγή από την πύλη Funding & Tenders της ΕΕ", EN: "import from the EU Funding & Tenders portal"},
		"help.call.import.example":     {EL: "/call import CERV-2027-CITIZENS-TOWN-NT", EN: "/call import CERV-2027-CITIZENS-TOWN-NT"},

		"call.created":  {EL: "Προστέθηκε η πρόσκληση %s — %s", EN: "Added call %s — %s"},
		"call.imported": {EL: "Εισήχθη από την πύλη της ΕΕ: %s — %s", EN: "Imported from the EU portal: %s — %s"},
		"call.updated":  {EL: "Διορθώθηκε η πρόσκληση %s — %s", EN: "Updated call %s — %s"},
		"call.status_changed": {
			EL: "Η κατάσταση της πρόσκλησης %s άλλαξε σε «%s».",
			EN: "Call %s is now “%s”.",
		},
		"call.owner_changed": {EL: "Υπεύθυνος της πρόσκλησης %s είναι πλέον: %s.", EN: "The owner of call %s is now %s."},
		"call.owner_cleared": {EL: "Η πρόσκληση %s δεν έχει πλέον υπεύθυνο.", EN: "Call %s no longer has an owner."},
		"call.milestone_added": {
			EL: "Νέο ορόσημο στην πρόσκληση %s: «%s», έως %s.",
			EN: "New milestone for call %s: “%s”, due %s.",
		},
		"call.milestone.before": {EL: "%d ημέρες πριν από την προθεσμία", EN: "%d days before the deadline",
			ELOne: "%d ημέρα πριν από την προθεσμία", ENOne: "%d day before the deadline"},
		"call.brussels_time": {EL: "%s ώρα Βρυξελλών", EN: "%s Brussels time"},
		"call.grant_range":   {EL: "%s έως %s", EN: "%s to %s"},
		"call.history":       {EL: "Ιστορικό αλλαγών", EN: "Edit history"},
		"call.history_line":  {EL: "%s, %s: %s", EN: "%s, %s: %s"},
		"call.button.show":   {EL: "Προβολή", EN: "Show"},

		"call.list.title.open":      {EL: "Ανοιχτές προσκλήσεις: %d", EN: "Open calls: %d"},
		"call.list.title.mine":      {EL: "Οι προσκλήσεις μου: %d", EN: "My calls: %d"},
		"call.list.title.all":       {EL: "Όλες οι προσκλήσεις: %d", EN: "All calls: %d"},
		"call.list.title.programme": {EL: "Προσκλήσεις %s: %d", EN: "%s calls: %d"},
		"call.list.empty_open": {
			EL: "Καμία ανοιχτή πρόσκληση με προθεσμία που δεν έχει περάσει. Όλες, και οι υποβεβλημένες: /call list όλες.",
			EN: "No open call with a deadline still ahead. Every call, submitted ones too: /call list all.",
		},
		"call.list.empty_mine": {
			EL: "Δεν είστε υπεύθυνος/η καμίας πρόσκλησης. Όλες: /call list όλες.",
			EN: "You own no call. Every call: /call list all.",
		},
		"call.list.empty_programme": {
			EL: "Καμία πρόσκληση του προγράμματος %s. Όλες: /call list όλες.",
			EN: "No %s call. Every call: /call list all.",
		},
		"call.list.empty": {
			EL: "Δεν βρέθηκαν προσκλήσεις. Προσθέστε μία με /call add ή /call import.",
			EN: "No calls found. Add one with /call add or /call import.",
		},
		"call.list.invalid_filter": {
			EL: "Δεν καταλαβαίνω το «%s». Γράψτε /call list ανοιχτές, δικές μου, όλες ή ένα πρόγραμμα, π.χ. /call list cerv.",
			EN: "I do not understand “%s”. Write /call list open, mine, all or a programme, e.g. /call list cerv.",
		},

		"call.field.id":              {EL: "Κωδικός θέματος", EN: "Topic identifier"},
		"call.field.title":           {EL: "Τίτλος", EN: "Title"},
		"call.field.programme":       {EL: "Πρόγραμμα", EN: "Programme"},
		"call.field.call":            {EL: "Πρόσκληση", EN: "Call"},
		"call.field.status":          {EL: "Κατάσταση", EN: "Status"},
		"call.field.owner":           {EL: "Υπεύθυνος", EN: "Owner"},
		"call.field.opening":         {EL: "Άνοιγμα", EN: "Opens"},
		"call.field.deadline":        {EL: "Προθεσμία", EN: "Deadline"},
		"call.field.deadlines":       {EL: "Προθεσμίες", EN: "Deadlines"},
		"call.field.budget":          {EL: "Προϋπολογισμός", EN: "Budget"},
		"call.field.grants":          {EL: "Επιχορήγηση", EN: "Grant"},
		"call.field.expected_grants": {EL: "Αναμενόμενες επιχορηγήσεις", EN: "Expected grants"},
		"call.field.link":            {EL: "Σύνδεσμος", EN: "Link"},
		"call.field.partners":        {EL: "Εταίροι", EN: "Partners"},
		"call.field.milestones":      {EL: "Ορόσημα", EN: "Milestones"},
		"call.field.notes":           {EL: "Σημειώσεις", EN: "Notes"},

		"call.modal.title_new":  {EL: "Νέα πρόσκληση", EN: "New call"},
		"call.modal.title_edit": {EL: "Διόρθωση πρόσκλησης", EN: "Edit call"},
		"call.modal.opening":    {EL: "Ανοίγει η φόρμα της πρόσκλησης…", EN: "Opening the call form…"},
		"call.hint.deadlines": {
			EL: "Ώρα Βρυξελλών· χωρίς ώρα σημαίνει 17:00. Πολλές προθεσμίες: χωρίστε με ;",
			EN: "Brussels time; a date alone means 17:00. Several deadlines: separate with ;",
		},
		"call.hint.programme": {EL: "Κενό: από τον κωδικό θέματος.", EN: "Empty: from the topic identifier."},

		"call.required.which": {
			EL: "Ποια πρόσκληση; Δώστε τον κωδικό, π.χ. /call show CERV-2027-CITIZENS-TOWN-TT.",
			EN: "Which call? Give its identifier, e.g. /call show CERV-2027-CITIZENS-TOWN-TT.",
		},
		"call.required.status": {
			EL: "Δώστε την πρόσκληση και τη νέα κατάσταση, π.χ. /call status CERV-2027-CITIZENS-TOWN-TT υποβλήθηκε.",
			EN: "Give the call and its new status, e.g. /call status CERV-2027-CITIZENS-TOWN-TT submitted.",
		},
		"call.required.owner": {
			EL: "Δώστε την πρόσκληση και τον υπεύθυνο, π.χ. /call owner CERV-2027-CITIZENS-TOWN-TT @maria.",
			EN: "Give the call and its owner, e.g. /call owner CERV-2027-CITIZENS-TOWN-TT @maria.",
		},
		"call.required.milestone": {
			EL: "Δώστε την πρόσκληση και το ορόσημο, π.χ. /call milestone CERV-2027-CITIZENS-TOWN-TT \"σχέδιο στο Τμήμα Πόρων\" πριν:14.",
			EN: "Give the call and the milestone, e.g. /call milestone CERV-2027-CITIZENS-TOWN-TT \"draft to the resources office\" 14d.",
		},
		"call.invalid.amount": {
			EL: "Το πεδίο «%s» πρέπει να είναι ποσό σε ευρώ, π.χ. προϋπολογισμός:4500000 ή επιχορήγηση:8500-51000 («%s» δεν είναι).",
			EN: "The field “%s” must be a sum in euro, e.g. budget:4500000 or grant:8500-51000 (“%s” is not).",
		},
		"call.invalid.identifier_change": {
			EL: "Ο κωδικός μιας πρόσκλησης δεν αλλάζει. Προσθέστε τη σωστή με /call add.",
			EN: "The identifier of a call cannot change. Add the right one with /call add.",
		},
		"call.portal_not_configured": {
			EL: "Η εισαγωγή από την πύλη της ΕΕ δεν έχει ρυθμιστεί σε αυτόν τον διακομιστή. Προσθέστε την πρόσκληση με /call add.",
			EN: "Import from the EU portal is not set up on this server. Add the call with /call add.",
		},

		"command.not_configured": {
			EL: "Η εντολή %s δεν έχει ρυθμιστεί σε αυτόν τον διακομιστή· ενημερώστε τον διαχειριστή.",
			EN: "%s is not set up on this server; tell the administrator.",
		},
		"input.partner_ambiguous": {
			EL: "Το «%s» ταιριάζει με περισσότερους φορείς: %s. Γράψτε ολόκληρο το όνομα.",
			EN: "“%s” matches several partners: %s. Write the full name.",
		},
		"hint.partner_list": {
			EL: "Ονόματα από τον κατάλογο φορέων, χωρισμένα με κόμματα.",
			EN: "Names from the partner directory, separated by commas.",
		},

		"days.today":       {EL: "σήμερα", EN: "today"},
		"days.in":          {EL: "σε %d ημέρες", EN: "in %d days", ELOne: "σε %d ημέρα", ENOne: "in %d day"},
		"days.ended_today": {EL: "έληξε σήμερα", EN: "ended today"},
		"days.ended":       {EL: "έληξε πριν από %d ημέρες", EN: "ended %d days ago", ELOne: "έληξε πριν από %d ημέρα", ENOne: "ended %d day ago"},
		"days.overdue":     {EL: "εκπρόθεσμη κατά %d ημέρες", EN: "overdue by %d days", ELOne: "εκπρόθεσμη κατά %d ημέρα", ENOne: "overdue by %d day"},
	})
}
