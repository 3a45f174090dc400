package i18n

// Messages of EU funding calls, their milestones and the EU portal import.
func init() {
	register(map[string]Message{
		"call.programme.cerv":            {EL: "CERV", EN: "CERV"},
		"call.programme.erasmus":         {EL: "Erasmus+", EN: "Erasmus+"},
		"call.programme.creative_europe": {EL: "Δημιουργική Ευρώπη", EN: "Creative Europe"},
		"call.programme.life":            {EL: "LIFE", EN: "LIFE"},
		"call.programme.horizon":         {EL: "Ορίζων Ευρώπη", EN: "Horizon Europe"},
		"call.programme.interreg":        {EL: "Interreg", EN: "Interreg"},
		"call.programme.urbact":          {EL: "URBACT", EN: "URBACT"},
		"call.programme.other":           {EL: "Άλλο", EN: "Other"},

		"call.status.watching":  {EL: "υπό παρακολούθηση", EN: "watching"},
		"call.status.preparing": {EL: "σε προετοιμασία", EN: "preparing"},
		"call.status.submitted": {EL: "υποβλήθηκε", EN: "submitted"},
		"call.status.awarded":   {EL: "εγκρίθηκε", EN: "awarded"},
		"call.status.rejected":  {EL: "απορρίφθηκε", EN: "rejected"},
		"call.status.withdrawn": {EL: "αποσύρθηκε", EN: "withdrawn"},
		"call.status.closed":    {EL: "έκλεισε", EN: "closed"},

		"call.required.identifier": {
			EL: "Δώστε τον κωδικό της πρόσκλησης, π.χ. κωδικός:CERV-2027-CITIZENS-TOWN-TT.",
			EN: "Give the topic identifier, e.g. id:CERV-2027-CITIZENS-TOWN-TT.",
		},
		"call.invalid.identifier": {
			EL: "Ο κωδικός «%s» δεν είναι έγκυρος: γράμματα, ψηφία και - . _ / χωρίς κενά, έως 100 χαρακτήρες, π.χ. CERV-2027-CITIZENS-TOWN-TT.",
			EN: "The identifier “%s” is not valid: letters, digits and - . _ / without spaces, up to 100 characters, e.g. CERV-2027-CITIZENS-TOWN-TT.",
		},
		"call.invalid.call_identifier": {
			EL: "Ο κωδικός πρόσκλησης «%s» δεν είναι έγκυρος, π.χ. CERV-2027-CITIZENS-TOWN.",
			EN: "The call identifier “%s” is not valid, e.g. CERV-2027-CITIZENS-TOWN.",
		},
		"call.required.title": {
			EL: "Δώστε τίτλο, π.χ. τίτλος:\"Town-Twinning 2027\".",
			EN: "Give a title, e.g. title:\"Town-Twinning 2027\".",
		},
		"call.invalid.programme": {
			EL: "Το πρόγραμμα «%s» δεν είναι γνωστό. Επιλέξτε CERV, Erasmus+, Creative Europe, LIFE, Horizon Europe, Interreg, URBACT ή άλλο.",
			EN: "The programme “%s” is not known. Choose CERV, Erasmus+, Creative Europe, LIFE, Horizon Europe, Interreg, URBACT or other.",
		},
		"call.invalid.status": {
			EL: "Η κατάσταση «%s» δεν είναι γνωστή. Επιλέξτε: υπό παρακολούθηση, σε προετοιμασία, υποβλήθηκε, εγκρίθηκε, απορρίφθηκε, αποσύρθηκε ή έκλεισε.",
			EN: "The status “%s” is not known. Choose: watching, preparing, submitted, awarded, rejected, withdrawn, closed.",
		},
		"call.required.deadline": {
			EL: "Δώστε τουλάχιστον μία προθεσμία, π.χ. προθεσμία:\"18/09/2027 17:00\" (ώρα Βρυξελλών).",
			EN: "Give at least one deadline, e.g. deadline:\"18/09/2027 17:00\" (Brussels time).",
		},
		"call.invalid.deadline": {
			EL: "Η προθεσμία «%s» δεν είναι ημερομηνία. Γράψτε π.χ. 18/09/2027 17:00 (ώρα Βρυξελλών· χωρίς ώρα σημαίνει 17:00).",
			EN: "The deadline “%s” is not a date. Write e.g. 18/09/2027 17:00 (Brussels time; a date alone means 17:00).",
		},
		"call.invalid.deadline_year": {
			EL: "Η προθεσμία «%s» θέλει έτος από %d έως %d. Γράψτε π.χ. 18/09/2027 17:00 (ώρα Βρυξελλών).",
			EN: "The deadline “%s” needs a year from %d to %d. Write e.g. 18/09/2027 17:00 (Brussels time).",
		},
		"call.invalid.opening": {
			EL: "Η ημερομηνία έναρξης είναι μετά από μια προθεσμία. Ελέγξτε τις ημερομηνίες, π.χ. έναρξη 20/01/2027, προθεσμία 18/09/2027.",
			EN: "The opening date is after a deadline. Check the dates, e.g. opening 20/01/2027, deadline 18/09/2027.",
		},
		"call.invalid.budget": {
			EL: "Ο προϋπολογισμός και τα ποσά επιχορήγησης είναι ποσά σε ευρώ, μηδέν ή θετικά, π.χ. 4500000.",
			EN: "The budget and grant amounts are sums in euro, zero or more, e.g. 4500000.",
		},
		"call.invalid.grant_range": {
			EL: "Η ελάχιστη επιχορήγηση είναι μεγαλύτερη από τη μέγιστη, π.χ. γράψτε 8500–51000.",
			EN: "The smallest grant is larger than the largest, e.g. write 8500–51000.",
		},
		"call.invalid.link": {
			EL: "Ο σύνδεσμος «%s» δεν είναι διεύθυνση ιστού, π.χ. https://ec.europa.eu/…",
			EN: "The link “%s” is not a web address, e.g. https://ec.europa.eu/…",
		},
		"call.invalid.owner": {
			EL: "Ο υπεύθυνος πρέπει να είναι χρήστης του Slack, π.χ. υπεύθυνος:@maria.",
			EN: "The owner must be a Slack user, e.g. owner:@maria.",
		},
		"call.ambiguous": {
			EL: "Περισσότερες από μία προσκλήσεις ταιριάζουν με «%s»: %s. Γράψτε ολόκληρο τον κωδικό.",
			EN: "More than one call matches “%s”: %s. Write the whole code.",
		},
		"call.notfound": {
			EL: "Δεν βρέθηκε πρόσκληση «%s». Δείτε τις προσκλήσεις με /call list όλες.",
			EN: "No call “%s” was found. See the calls with /call list all.",
		},
		"call.conflict.identifier": {
			EL: "Η πρόσκληση %s υπάρχει ήδη. Δείτε την με /call show %[1]s.",
			EN: "The call %s already exists. See it with /call show %[1]s.",
		},

		"milestone.required.text": {
			EL: "Δώστε περιγραφή του ορόσημου, π.χ. \"σχέδιο στο Τμήμα Πόρων\".",
			EN: "Describe the milestone, e.g. \"draft to the resources office\".",
		},
		"milestone.required.when": {
			EL: "Δώστε πότε λήγει το ορόσημο: είτε ημέρες πριν από την προθεσμία (π.χ. πριν:14) είτε ημερομηνία (π.χ. στις:01/09/2027), όχι και τα δύο.",
			EN: "Say when the milestone is due: either days before the deadline (e.g. before:14) or a date (e.g. at:01/09/2027), not both.",
		},
		"milestone.invalid.days": {
			EL: "Οι ημέρες πριν από την προθεσμία είναι από 1 έως %d, π.χ. πριν:14.",
			EN: "Days before the deadline go from 1 to %d, e.g. before:14.",
		},

		"portal.unavailable": {
			EL: "Η πύλη Funding & Tenders της ΕΕ δεν απαντά αυτή τη στιγμή. Δεν καταχωρίστηκε τίποτα· δοκιμάστε ξανά σε λίγο ή προσθέστε την πρόσκληση με /call add.",
			EN: "The EU Funding & Tenders portal is not answering right now. Nothing was added; try again shortly, or add the call with /call add.",
		},
		"portal.notfound": {
			EL: "Η πύλη της ΕΕ δεν έχει θέμα με κωδικό %s. Ελέγξτε τον κωδικό, π.χ. CERV-2027-CITIZENS-TOWN-TT.",
			EN: "The EU portal has no topic %s. Check the identifier, e.g. CERV-2027-CITIZENS-TOWN-TT.",
		},
	})
}
