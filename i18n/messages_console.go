package i18n

// Messages of the proxenos program itself: the console, start-up and
// configuration errors, and the command-line help.
func init() {
	register(map[string]Message{
		// The console.
		"console.welcome": {
			EL: "Proxenos — κονσόλα. Γράψτε μια εντολή, π.χ. /ir help ή /corr list· exit για έξοδο.",
			EN: "Proxenos console. Type a command, e.g. /ir help or /corr list; exit to leave.",
		},
		"console.not_command": {
			EL: "Οι εντολές αρχίζουν με /, π.χ. /ir help. Γράψτε exit για έξοδο.",
			EN: "Commands start with /, e.g. /ir help. Type exit to leave.",
		},
		"console.file_written": {
			EL: "Αρχείο: %s",
			EN: "File written: %s",
		},
		"console.file_failed": {
			EL: "Δεν γράφτηκε το αρχείο %s: %s",
			EN: "Could not write the file %s: %s",
		},
		"console.modal.intro": {
			EL: "Συμπληρώστε τα πεδία· Enter κρατά την τρέχουσα τιμή, - αδειάζει ένα προαιρετικό πεδίο, /cancel ακυρώνει.",
			EN: "Fill in the fields; Enter keeps the current value, - empties an optional field, /cancel cancels.",
		},
		"console.modal.optional": {
			EL: "(προαιρετικό)",
			EN: "(optional)",
		},
		"console.modal.current": {
			EL: "τρέχουσα τιμή: %s",
			EN: "current value: %s",
		},
		"console.modal.date": {
			EL: "ημερομηνία, π.χ. 18/02/2027",
			EN: "a date, e.g. 18/02/2027",
		},
		"console.modal.user": {
			EL: "αναγνωριστικό χρήστη Slack, π.χ. U0123456789",
			EN: "a Slack user id, e.g. U0123456789",
		},
		"console.modal.channel": {
			EL: "αναγνωριστικό καναλιού Slack, π.χ. C0123456789",
			EN: "a Slack channel id, e.g. C0123456789",
		},
		"console.modal.users": {
			EL: "αναγνωριστικά χρηστών Slack χωρισμένα με κόμμα, π.χ. U0123456789, U0987654321",
			EN: "Slack user ids separated by commas, e.g. U0123456789, U0987654321",
		},
		"console.modal.choose": {
			EL: "Επιλέξτε έναν αριθμό από 1 έως %d.",
			EN: "Choose a number from 1 to %d.",
		},
		"console.modal.required": {
			EL: "Το πεδίο είναι υποχρεωτικό.",
			EN: "This field is required.",
		},
		"console.modal.field_error": {
			EL: "%s: %s",
			EN: "%s: %s",
		},
		"console.modal.cancelled": {
			EL: "Ακυρώθηκε· δεν αποθηκεύτηκε τίποτα.",
			EN: "Cancelled; nothing was saved.",
		},

		// Configuration errors: each names the setting and gives an example.
		"config.file.read": {
			EL: "Δεν διαβάζεται το αρχείο ρυθμίσεων %s: %s",
			EN: "Cannot read the configuration file %s: %s",
		},
		"config.file.parse": {
			EL: "Το αρχείο ρυθμίσεων %s δεν είναι έγκυρο: %s. Συγκρίνετέ το με το config.example.yaml.",
			EN: "The configuration file %s is not valid: %s. Compare it with config.example.yaml.",
		},
		"config.invalid.timezone": {
			EL: "Η ρύθμιση PROXENOS_TIMEZONE (office.timezone) %q δεν είναι ζώνη ώρας· π.χ. Europe/Athens.",
			EN: "PROXENOS_TIMEZONE (office.timezone) %q is not a time zone; use e.g. Europe/Athens.",
		},
		"config.invalid.language": {
			EL: "Η ρύθμιση PROXENOS_LANGUAGE (office.language) %q δεν είναι γλώσσα του Proxenos· χρησιμοποιήστε el ή en.",
			EN: "PROXENOS_LANGUAGE (office.language) %q is not a language of Proxenos; use el or en.",
		},
		"config.invalid.storage": {
			EL: "Η ρύθμιση PROXENOS_STORAGE_URL (storage.url) %q δεν είναι διεύθυνση αποθήκης· π.χ. sqlite:./data/proxenos.db ή mongodb://user:password@db.example.org:27017/proxenos.",
			EN: "PROXENOS_STORAGE_URL (storage.url) %q is not a storage URL; use e.g. sqlite:./data/proxenos.db or mongodb://user:password@db.example.org:27017/proxenos.",
		},
		"config.invalid.addr": {
			EL: "Η ρύθμιση PROXENOS_HTTP_ADDR (http.addr) %q δεν είναι διεύθυνση ακρόασης· π.χ. :3000 ή 127.0.0.1:3000.",
			EN: "PROXENOS_HTTP_ADDR (http.addr) %q is not a listen address; use e.g. :3000 or 127.0.0.1:3000.",
		},
		"config.invalid.token": {
			EL: "Η ρύθμιση %[1]s (%[2]s) δεν είναι σωστό είδος token: πρέπει να αρχίζει με %[3]s (π.χ. %[3]s1234-…). Αντιγράψτε το από τη σελίδα της εφαρμογής στο api.slack.com.",
			EN: "%[1]s (%[2]s) is not the right kind of token: it must start with %[3]s (e.g. %[3]s1234-…). Copy it from the app's page on api.slack.com.",
		},
		"config.invalid.url": {
			EL: "Η ρύθμιση %s (%s) πρέπει να είναι διεύθυνση http(s), π.χ. https://slack.com/api/.",
			EN: "%s (%s) must be an http(s) URL, e.g. https://slack.com/api/.",
		},
		"config.invalid.channel": {
			EL: "Η ρύθμιση PROXENOS_OFFICE_CHANNEL (office.channel) %q δεν είναι αναγνωριστικό καναλιού· π.χ. C0123456789 (Λεπτομέρειες καναλιού, στο κάτω μέρος).",
			EN: "PROXENOS_OFFICE_CHANNEL (office.channel) %q is not a channel id; use e.g. C0123456789 (channel details, at the bottom).",
		},
		"config.missing.llm_model": {
			EL: "Ορίστε PROXENOS_LLM_MODEL (llm.model) για τις μεταφράσεις, π.χ. gpt-4o-mini· ή αφαιρέστε τα OPENAI_API_KEY και OPENAI_BASE_URL για να μείνει κλειστή η μετάφραση.",
			EN: "Set PROXENOS_LLM_MODEL (llm.model) for translations, e.g. gpt-4o-mini; or unset OPENAI_API_KEY and OPENAI_BASE_URL to leave translation off.",
		},
		"config.missing.slack": {
			EL: "Δεν δόθηκαν στοιχεία Slack. Ορίστε SLACK_BOT_TOKEN (xoxb-…) και SLACK_SIGNING_SECRET για HTTP, ή και SLACK_APP_TOKEN (xapp-…) για Socket Mode. Για δοκιμή χωρίς Slack: proxenos console",
			EN: "No Slack credentials. Set SLACK_BOT_TOKEN (xoxb-…) and SLACK_SIGNING_SECRET for HTTP, or also SLACK_APP_TOKEN (xapp-…) for Socket Mode. To try Proxenos without Slack: proxenos console",
		},
		"config.missing.bot_token": {
			EL: "Λείπει το SLACK_BOT_TOKEN (slack.bot_token, xoxb-…): χωρίς αυτό το Proxenos δεν μπορεί να απαντήσει στο Slack.",
			EN: "SLACK_BOT_TOKEN (slack.bot_token, xoxb-…) is missing: without it Proxenos cannot answer in Slack.",
		},
		"config.missing.verifier": {
			EL: "Ορίστε SLACK_SIGNING_SECRET (slack.signing_secret) για τα αιτήματα HTTP ή SLACK_APP_TOKEN (slack.app_token, xapp-…) για Socket Mode.",
			EN: "Set SLACK_SIGNING_SECRET (slack.signing_secret) for HTTP requests or SLACK_APP_TOKEN (slack.app_token, xapp-…) for Socket Mode.",
		},

		// Start-up.
		"serve.slack_auth": {
			EL: "Το Slack δεν δέχτηκε το SLACK_BOT_TOKEN (%s). Ελέγξτε ότι η εφαρμογή είναι εγκατεστημένη και ότι το token είναι το «Bot User OAuth Token».",
			EN: "Slack refused SLACK_BOT_TOKEN (%s). Check that the app is installed and that the token is the \"Bot User OAuth Token\".",
		},
		"serve.slack_unreachable": {
			EL: "Το Slack δεν απαντά (%s). Ελέγξτε τη σύνδεση στο διαδίκτυο, τον διακομιστή μεσολάβησης (HTTPS_PROXY) και το PROXENOS_SLACK_API_URL.",
			EN: "Slack does not answer (%s). Check the Internet connection, the proxy (HTTPS_PROXY) and PROXENOS_SLACK_API_URL.",
		},
		"serve.storage": {
			EL: "Δεν ανοίγει η αποθήκη %s: %s",
			EN: "Cannot open the store %s: %s",
		},
		"serve.listen": {
			EL: "Δεν ανοίγει η διεύθυνση %s (PROXENOS_HTTP_ADDR): %s",
			EN: "Cannot listen on %s (PROXENOS_HTTP_ADDR): %s",
		},

		// The command line.
		"cli.usage": {
			EL: "Χρήση: proxenos [εντολή] [επιλογές]\n\nΕντολές:\n  serve     το bot του Slack (προεπιλογή)\n  console   οι ίδιες εντολές χωρίς Slack, σε γραμμή εντολών\n  version   η έκδοση\n  migrate   αντιγραφή όλων των εγγραφών σε άλλη αποθήκη (π.χ. SQLite → MongoDB)\n  export    αντίγραφο ασφαλείας ως JSON lines\n  import    επαναφορά αντιγράφου\n  healthcheck  έλεγχος ότι ένα Proxenos που τρέχει είναι ζωντανό\n  workspace    διαγραφή ενός χώρου εργασίας (delete) ή νέο κλειδί κρυπτογράφησης (rekey)\n\nproxenos <εντολή> --help για τις επιλογές κάθε εντολής.",
			EN: "Usage: proxenos [command] [options]\n\nCommands:\n  serve     the Slack bot (default)\n  console   the same commands without Slack, at a prompt\n  version   print the version\n  migrate   copy every record to another store (e.g. SQLite → MongoDB)\n  export    back up every record as JSON lines\n  import    restore a backup\n  healthcheck  check that a running Proxenos is alive\n  workspace    delete a workspace (delete) or re-encrypt with a new key (rekey)\n\nproxenos <command> --help shows each command's options.",
		},
		"cli.usage.command": {
			EL: "Χρήση: proxenos %s [επιλογές]\n\n%s\n\nΕπιλογές:",
			EN: "Usage: proxenos %s [options]\n\n%s\n\nOptions:",
		},
		"cli.about.serve": {
			EL: "Ξεκινά το bot: Socket Mode όταν ορίζεται SLACK_APP_TOKEN, και πάντα HTTP στα /healthz, /readyz, /metrics (και /slack/* με SLACK_SIGNING_SECRET).\nΟι ρυθμίσεις διαβάζονται από το αρχείο (--config ή PROXENOS_CONFIG) και από μεταβλητές περιβάλλοντος· δείτε το README.",
			EN: "Runs the bot: Socket Mode when SLACK_APP_TOKEN is set, and always HTTP on /healthz, /readyz, /metrics (and /slack/* with SLACK_SIGNING_SECRET).\nSettings come from the file (--config or PROXENOS_CONFIG) and environment variables; see the README.",
		},
		"cli.about.console": {
			EL: "Εκτελεί τις εντολές (/corr, /ir …) χωρίς Slack. Οι απαντήσεις εμφανίζονται ως κείμενο· τα αρχεία γράφονται στον φάκελο --out.\nΔιαβάζει γραμμές και από αρχείο ή σωλήνα, π.χ. echo '/corr list' | proxenos console",
			EN: "Runs the commands (/corr, /ir …) without Slack. Answers are shown as text; files are written to the --out directory.\nIt also reads lines from a file or pipe, e.g. echo '/corr list' | proxenos console",
		},
		"cli.about.version": {
			EL: "Εμφανίζει την έκδοση του Proxenos και της Go.",
			EN: "Prints the version of Proxenos and of Go.",
		},
		"cli.flag.config": {
			EL: "αρχείο ρυθμίσεων YAML (ή PROXENOS_CONFIG)",
			EN: "YAML configuration file (or PROXENOS_CONFIG)",
		},
		"cli.flag.out": {
			EL: "φάκελος όπου γράφονται τα αρχεία (εξαγωγές)",
			EN: "directory where files (exports) are written",
		},
		"cli.flag.verbose": {
			EL: "εμφάνιση καταγραφών (logs) στο stderr",
			EN: "show logs on stderr",
		},
		"cli.unknown_command": {
			EL: "Άγνωστη εντολή %q. Δοκιμάστε proxenos --help.",
			EN: "Unknown command %q. Try proxenos --help.",
		},
		"cli.version": {
			EL: "proxenos %s (%s, %s/%s)",
			EN: "proxenos %s (%s, %s/%s)",
		},
	})
}
