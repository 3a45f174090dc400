package i18n

// Messages of the translation feature in Slack: /translate, the message
// shortcut, mentions with documents, /ir glossary and /ir usage.
func init() {
	register(map[string]Message{
		"translate.help.usage": {
			EL: "/translate [σε:γλώσσα] [από:γλώσσα] κείμενο",
			EN: "/translate [to:lang] [from:lang] text",
		},
		"translate.help.description": {
			EL: "πρόχειρη μετάφραση κειμένου· για έγγραφο, αναφέρετε το @Proxenos στο νήμα του ή χρησιμοποιήστε τη συντόμευση «Πρόχειρη μετάφραση» (στην αγγλική εφαρμογή «Translate (draft)»)",
			EN: "draft translation of a text; for a document, mention @Proxenos in its thread or use the “Translate (draft)” shortcut",
		},
		"translate.help.example": {
			EL: "/translate σε:αγγλικά Ευχαριστούμε για την πρόσκληση στο φόρουμ.",
			EN: "/translate to:el Thank you for the invitation to the forum.",
		},
		"translate.not_configured": {
			EL: "Η μετάφραση δεν έχει ρυθμιστεί: ο διαχειριστής ορίζει OPENAI_API_KEY (το κλειδί), OPENAI_BASE_URL (για υπηρεσία συμβατή με OpenAI, π.χ. Azure ή Ollama) και PROXENOS_LLM_MODEL (το μοντέλο) και επανεκκινεί το Proxenos.",
			EN: "Translation is not configured: the administrator sets OPENAI_API_KEY (the key), OPENAI_BASE_URL (for an OpenAI-compatible service such as Azure or Ollama) and PROXENOS_LLM_MODEL (the model), then restarts Proxenos.",
		},
		"translate.working": {
			EL: "⏳ Μεταφράζω…",
			EN: "⏳ Translating…",
		},
		"translate.working_file": {
			EL: "⏳ Μεταφράζω το «%s»…",
			EN: "⏳ Translating %q…",
		},
		"translate.progress": {
			EL: "⏳ Μεταφράζω… %d/%d τμήματα",
			EN: "⏳ Translating… %d/%d parts",
		},
		"translate.stopped": {
			EL: "⚠ Η μετάφραση δεν ολοκληρώθηκε.",
			EN: "⚠ The translation did not finish.",
		},
		// Arguments: how many parts failed (the count), their numbers.
		"translate.failed_parts": {
			EL:    "Τα τμήματα %[2]s δεν μεταφράστηκαν — κρατήθηκε το πρωτότυπο.",
			EN:    "Parts %[2]s were not translated — the original was kept.",
			ELOne: "Το τμήμα %[2]s δεν μεταφράστηκε — κρατήθηκε το πρωτότυπο.",
			ENOne: "Part %[2]s was not translated — the original was kept.",
		},
		"translate.lang_unknown": {
			EL: "άγνωστη γλώσσα",
			EN: "an unknown language",
		},
		"translate.attached": {
			EL: "Το προσχέδιο είναι μεγάλο για μήνυμα· επισυνάπτεται ως «%s».",
			EN: "The draft is too long for a message; it is attached as %q.",
		},
		"translate.file_title": {
			EL: "ΠΡΟΣΧΕΔΙΟ μετάφρασης — %s",
			EN: "DRAFT translation — %s",
		},
		"translate.button.again": {
			EL: "Νέα μετάφραση",
			EN: "Translate again",
		},
		"translate.button.log": {
			EL: "Καταχώρηση στην αλληλογραφία",
			EN: "Log as correspondence",
		},
		"translate.mention_help": {
			EL: "Για μετάφραση: ανεβάστε ένα έγγραφο (%[1]s) και αναφέρετέ με στο νήμα του, π.χ. «@Proxenos σε αγγλικά», ή γράψτε «@Proxenos σε αγγλικά» και το κείμενο. Για κείμενο: %[2]s.",
			EN: "To translate: share a document (%[1]s) and mention me in its thread, e.g. “@Proxenos to el”, or write “@Proxenos to el” and the text. For text: %[2]s.",
		},
		"translate.message_not_found": {
			EL: "Το μήνυμα προς μετάφραση δεν βρέθηκε· ίσως διαγράφηκε.",
			EN: "The message to translate was not found; it may have been deleted.",
		},
		"translate.source_gone": {
			EL: "Το κείμενο δεν κρατήθηκε για νέα μετάφραση· δώστε ξανά την εντολή /translate.",
			EN: "The text was not kept for another translation; run /translate again.",
		},

		"glossary.help.usage": {
			EL: "/ir glossary προσθήκη el:\"…\" en:\"…\" · λίστα · αφαίρεση ΚΩΔΙΚΟΣ",
			EN: "/ir glossary add el:\"…\" en:\"…\" · list · remove ID",
		},
		"glossary.help.description": {
			EL: "το γλωσσάριο του γραφείου, που εφαρμόζεται σε κάθε μετάφραση",
			EN: "the office glossary, applied in every translation",
		},
		"glossary.help.example": {
			EL: "/ir glossary add el:\"Δήμος Αμαρουσίου\" en:\"Municipality of Maroussi\"",
			EN: "/ir glossary add el:\"Δήμος Αμαρουσίου\" en:\"Municipality of Maroussi\"",
		},
		"glossary.unknown_verb": {
			EL: "Το /ir glossary δέχεται «προσθήκη», «λίστα» ή «αφαίρεση» («%s» δεν είναι ένα από αυτά).",
			EN: "/ir glossary takes add, list or remove (“%s” is none of them).",
		},
		"glossary.invalid.lang": {
			EL: "Το «%s:» δεν είναι κωδικός γλώσσας. Γράψτε τους όρους ως el:\"…\" en:\"…\".",
			EN: "“%s:” is not a language code. Write the terms as el:\"…\" en:\"…\".",
		},
		"glossary.unexpected_text": {
			EL: "Δεν ξέρω σε ποια γλώσσα ανήκει το «%s». Γράψτε κάθε όρο με τη γλώσσα του, π.χ. en:\"Municipality of Maroussi\".",
			EN: "I do not know which language “%s” is in. Write each term with its language, e.g. en:\"Municipality of Maroussi\".",
		},
		"glossary.required.id": {
			EL: "Δώστε τον κωδικό του όρου, όπως τον δείχνει το /ir glossary λίστα.",
			EN: "Give the entry's id, as /ir glossary list shows it.",
		},
		"glossary.added": {
			EL: "Προστέθηκε στο γλωσσάριο (κωδικός %s): %s",
			EN: "Added to the glossary (id %s): %s",
		},
		"glossary.removed": {
			EL: "Ο όρος %s αφαιρέθηκε από το γλωσσάριο.",
			EN: "Entry %s was removed from the glossary.",
		},
		"glossary.title": {
			EL:    "Γλωσσάριο (%d όροι)",
			EN:    "Glossary (%d entries)",
			ELOne: "Γλωσσάριο (%d όρος)",
			ENOne: "Glossary (%d entry)",
		},
		"glossary.empty": {
			EL: "Το γλωσσάριο είναι άδειο. Προσθέστε όρο με /ir glossary προσθήκη el:\"…\" en:\"…\".",
			EN: "The glossary is empty. Add an entry with /ir glossary add el:\"…\" en:\"…\".",
		},
		"glossary.not_stored": {
			EL: "Το γλωσσάριο και η χρήση χρειάζονται αποθήκη δεδομένων, που δεν έχει ρυθμιστεί. Ενημερώστε τον διαχειριστή.",
			EN: "The glossary and usage need a data store, which is not configured. Tell the administrator.",
		},

		"usage.help.usage": {
			EL: "/ir usage",
			EN: "/ir usage",
		},
		"usage.help.description": {
			EL: "η χρήση των μεταφράσεων τον τρέχοντα μήνα",
			EN: "translation usage this month",
		},
		"usage.title": {
			EL: "Χρήση μεταφράσεων — %s",
			EN: "Translation usage — %s",
		},
		"usage.requests": {
			EL: "Αιτήματα: %s",
			EN: "Requests: %s",
		},
		"usage.characters": {
			EL: "Χαρακτήρες: %s",
			EN: "Characters: %s",
		},
		"usage.tokens": {
			EL: "Tokens: %s (%s εισόδου, %s εξόδου)",
			EN: "Tokens: %s (%s in, %s out)",
		},
		"usage.budget": {
			// Arguments: tokens left (the count), the budget and tokens
			// left as the language writes numbers.
			EL:    "Μηνιαίο όριο: %[2]s tokens· απομένουν %[3]s.",
			EN:    "Monthly budget: %[2]s tokens; %[3]s left.",
			ELOne: "Μηνιαίο όριο: %[2]s tokens· απομένει %[3]s.",
			ENOne: "Monthly budget: %[2]s tokens; %[3]s left.",
		},
		"usage.no_budget": {
			EL: "Δεν έχει οριστεί μηνιαίο όριο tokens.",
			EN: "No monthly token budget is set.",
		},
	})
}
