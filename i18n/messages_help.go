package i18n

// Messages of help, command routing, and the commands still to come.
func init() {
	register(map[string]Message{
		"help.title":    {EL: "Proxenos — εντολές του Γραφείου Διεθνών Σχέσεων", EN: "Proxenos — International Relations office commands"},
		"help.examples": {EL: "Παραδείγματα:", EN: "Examples:"},
		"help.unknown_command": {
			EL: "Δεν γνωρίζω την εντολή %s. Δείτε όλες τις εντολές με /ir help.",
			EN: "I do not know the command %s. See every command with /ir help.",
		},
		"help.unknown_subcommand": {
			EL: "Η εντολή %s δεν έχει «%s». Μήπως εννοείτε %s;",
			EN: "%s has no “%s”. Did you mean %s?",
		},
		"help.unknown_subcommand_list": {
			EL: "Η εντολή %s δεν έχει «%s». Δείτε τι κάνει με %s help.",
			EN: "%s has no “%s”. See what it does with %s help.",
		},
		"help.unknown_form": {
			EL: "Αυτή η φόρμα ή το κουμπί δεν ισχύει πια. Ξεκινήστε ξανά από την εντολή.",
			EN: "This form or button is no longer valid. Start again from the command.",
		},

		"help.ir.usage":            {EL: "/ir help", EN: "/ir help"},
		"help.ir.description":      {EL: "βοήθεια για όλες τις εντολές", EN: "help with every command"},
		"help.ir.example":          {EL: "/ir help", EN: "/ir help"},
		"help.ir.help.usage":       {EL: "/ir help", EN: "/ir help"},
		"help.ir.help.description": {EL: "όλες οι εντολές, με παραδείγματα", EN: "every command, with examples"},

		"help.call.usage": {EL: "/call", EN: "/call"},
		"help.mou.usage":  {EL: "/mou", EN: "/mou"},

		"help.corr.usage":       {EL: "/corr", EN: "/corr"},
		"help.corr.description": {EL: "μητρώο αλληλογραφίας με φορείς του εξωτερικού· σκέτο /corr ανοίγει φόρμα", EN: "register of correspondence with bodies abroad; a bare /corr opens a form"},
		"help.corr.in.usage": {
			EL: "/corr εισ από:… θέμα:… [ημ:…] [γλώσσα:…] [χώρα:…] [μέσο:…] [αρ:…] [σχετ:…] [κοιν:…] [ετικέτες:…] [περίληψη:…]",
			EN: "/corr in from:… subject:… [date:…] [lang:…] [country:…] [medium:…] [ref:…] [related:…] [cc:…] [tags:…] [summary:…]",
		},
		"help.corr.in.description": {EL: "καταχώρηση εισερχόμενου (ΕΙΣ)", EN: "log an incoming document (IN)"},
		"help.corr.in.example": {
			EL: "/corr εισ από:\"Stadt Köln\" θέμα:\"Einladung zum Forum\" ημ:20/11/2026 γλώσσα:de",
			EN: "/corr in from:\"Stadt Köln\" subject:\"Einladung zum Forum\" date:20/11/2026 lang:de",
		},
		"help.corr.out.usage": {
			EL: "/corr εξ προς:… θέμα:… [κοιν:…, …] [ημ:…] [γλώσσα:…] [συνημμένα:…]",
			EN: "/corr out to:… subject:… [cc:…, …] [date:…] [lang:…] [attach:…]",
		},
		"help.corr.out.description": {EL: "καταχώρηση εξερχόμενου (ΕΞ)", EN: "log an outgoing document (OUT)"},
		"help.corr.out.example": {
			EL: "/corr εξ προς:\"Comune di Faenza\" κοιν:\"Πρεσβεία της Ιταλίας, Γραφείο Δημάρχου\" θέμα:\"Πρόγραμμα επίσκεψης 2027\" γλώσσα:it",
			EN: "/corr out to:\"Comune di Faenza\" cc:\"Embassy of Italy, Mayor's office\" subject:\"Visit programme 2027\" lang:it",
		},
		"help.corr.edit.usage":       {EL: "/corr edit ΑΡΙΘΜΟΣ [πεδίο:τιμή …]", EN: "/corr edit NUMBER [field:value …]"},
		"help.corr.edit.description": {EL: "διόρθωση εγγραφής (φόρμα, ή πεδία στη γραμμή)", EN: "edit an entry (form, or fields on the line)"},
		"help.corr.edit.example":     {EL: "/corr edit 1 θέμα:\"Πρόσκληση σε φόρουμ\"", EN: "/corr edit 1 subject:\"Invitation to the forum\""},
		"help.corr.show.usage":       {EL: "/corr show ΑΡΙΘΜΟΣ", EN: "/corr show NUMBER"},
		"help.corr.show.description": {EL: "όλα τα στοιχεία και το ιστορικό μιας εγγραφής", EN: "every field and the history of an entry"},
		"help.corr.list.usage": {
			EL: "/corr list [εισ|εξ] [περίοδος] [φορέας:…] [χώρα:…] [ετικέτα:…] [από:… προς:…]",
			EN: "/corr list [in|out] [period] [partner:…] [country:…] [tag:…] [from:… to:…]",
		},
		"help.corr.list.description":   {EL: "οι πιο πρόσφατες εγγραφές, με φίλτρα", EN: "the latest entries, with filters"},
		"help.corr.list.example":       {EL: "/corr list εισ αυτόν τον μήνα", EN: "/corr list in this month"},
		"help.corr.search.usage":       {EL: "/corr search ΛΕΞΕΙΣ", EN: "/corr search WORDS"},
		"help.corr.search.description": {EL: "αναζήτηση σε θέμα, περίληψη, φορέα, κοινοποιήσεις, ετικέτες", EN: "search subject, summary, counterpart, copies, tags"},
		"help.corr.search.example":     {EL: "/corr search φόρουμ Köln", EN: "/corr search forum Köln"},
		"help.corr.export.usage":       {EL: "/corr export [περίοδος] [διαχωριστικό:,]", EN: "/corr export [period] [sep:;]"},
		"help.corr.export.description": {EL: "εξαγωγή σε CSV (για Excel)", EN: "export to CSV (for Excel)"},
		"help.corr.export.example":     {EL: "/corr export φέτος", EN: "/corr export this month"},

		"help.partner.usage":       {EL: "/partner", EN: "/partner"},
		"help.partner.description": {EL: "κατάλογος φορέων: αδελφές πόλεις, δίκτυα, πρεσβείες", EN: "partner directory: sister cities, networks, embassies"},
		"help.partner.add.usage": {
			EL: "/partner add όνομα:… [πρωτότυπο:…] [επίσης:…] [είδος:…] [χώρα:…] [πόλη:…] [σχέση:…] [έτος:…] [ιστότοπος:…] [ετικέτες:…]",
			EN: "/partner add name:… [alt:…] [aliases:…] [kind:…] [country:…] [city:…] [rel:…] [since:…] [web:…] [tags:…]",
		},
		"help.partner.add.description": {EL: "νέος φορέας (σκέτο: φόρμα)", EN: "add a partner (bare: a form)"},
		"help.partner.add.example": {
			EL: "/partner add όνομα:\"Φαέντσα\" πρωτότυπο:\"Comune di Faenza\" είδος:δήμος χώρα:IT σχέση:αδελφοποίηση έτος:1990",
			EN: "/partner add name:\"Faenza\" alt:\"Comune di Faenza\" kind:municipality country:IT rel:sister_city since:1990",
		},
		"help.partner.add.example2": {
			EL: "/partner add όνομα:\"Πλοϊέστι\" πρωτότυπο:\"Municipiul Ploiești\" είδος:δήμος χώρα:RO σχέση:υποψήφιος",
			EN: "/partner add name:\"Ploiești\" alt:\"Municipiul Ploiești\" kind:municipality country:RO rel:prospect",
		},
		"help.partner.add.example3": {
			EL: "/partner add όνομα:\"Έσλινγκεν\" πρωτότυπο:\"Esslingen am Neckar\" επίσης:\"Stadt Esslingen am Neckar, Δήμος Έσλινγκεν\" χώρα:DE",
			EN: "/partner add name:\"Esslingen\" alt:\"Esslingen am Neckar\" aliases:\"Stadt Esslingen am Neckar, Ville d'Esslingen\" country:DE",
		},
		"help.partner.edit.usage": {EL: "/partner edit ΟΝΟΜΑ [πεδίο:τιμή …]", EN: "/partner edit NAME [field:value …]"},
		"help.partner.edit.example": {
			EL: "/partner edit Φαέντσα επίσης:\"Ville de Faenza, Δήμος Φαέντσας\"",
			EN: "/partner edit Faenza aliases:\"Ville de Faenza, Città di Faenza\"",
		},
		"help.partner.edit.description": {EL: "διόρθωση φορέα (φόρμα, ή πεδία στη γραμμή)", EN: "edit a partner (form, or fields on the line)"},
		"help.partner.show.usage":       {EL: "/partner show ΟΝΟΜΑ", EN: "/partner show NAME"},
		"help.partner.show.description": {EL: "στοιχεία, πρόσωπα, αλληλογραφία και επαφές", EN: "details, people, correspondence and contacts"},
		"help.partner.show.example":     {EL: "/partner show Φαέντσα", EN: "/partner show Faenza"},
		"help.partner.find.usage":       {EL: "/partner find ΛΕΞΕΙΣ", EN: "/partner find WORDS"},
		"help.partner.find.description": {EL: "αναζήτηση φορέων", EN: "search partners"},
		"help.partner.list.usage":       {EL: "/partner list [χώρα|είδος|σχέση]", EN: "/partner list [country|kind|relationship]"},
		"help.partner.list.description": {EL: "όλοι οι φορείς, ή όσοι ταιριάζουν", EN: "every partner, or those matching"},
		"help.partner.list.example":     {EL: "/partner list αδελφοποίηση", EN: "/partner list RO"},
		"help.partner.person.usage": {
			EL: "/partner person ΦΟΡΕΑΣ όνομα:… [ρόλος:…] [email:…] [τηλ:…] [γλώσσες:…]",
			EN: "/partner person PARTNER name:… [role:…] [email:…] [phone:…] [langs:…]",
		},
		"help.partner.person.description": {EL: "πρόσωπο επαφής σε φορέα", EN: "add a contact person to a partner"},
		"help.partner.person.example": {
			EL: "/partner person Φαέντσα όνομα:\"Maria Rossi\" ρόλος:\"Ufficio Gemellaggi\" email:m.rossi@example.it γλώσσες:it,en",
			EN: "/partner person Faenza name:\"Maria Rossi\" role:\"Twinning office\" email:m.rossi@example.it langs:it,en",
		},
		"help.partner.log.usage": {
			EL: "/partner log ΦΟΡΕΑΣ είδος:συνάντηση|κλήση|επίσκεψη|βίντεο|εκδήλωση [ημ:…] [σημειώσεις:…]",
			EN: "/partner log PARTNER kind:meeting|call|visit|video|event [date:…] [notes:…]",
		},
		"help.partner.log.description": {EL: "καταγραφή επαφής με φορέα", EN: "log a contact with a partner"},
		"help.partner.log.example": {
			EL: "/partner log Πλοϊέστι είδος:βίντεο ημ:χθες σημειώσεις:\"Προετοιμασία CERV\"",
			EN: "/partner log Ploiești kind:video date:yesterday notes:\"CERV preparation\"",
		},
	})
}
