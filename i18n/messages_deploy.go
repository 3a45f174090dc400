package i18n

// Messages of the commands an operator runs around a deployment:
// migrate, export, import, healthcheck, and secrets given as files.
func init() {
	register(map[string]Message{
		"cli.about.migrate": {
			EL: "Αντιγράφει κάθε εγγραφή από μια αποθήκη σε άλλη (π.χ. από SQLite σε MongoDB), με τους αριθμούς πρωτοκόλλου και το ιστορικό τους, και ελέγχει τα πλήθη. Μπορεί να ξανατρέξει με ασφάλεια: ό,τι υπάρχει ήδη δεν γράφεται ξανά.\nΣταματήστε πρώτα το Proxenos που γράφει στην πηγή.",
			EN: "Copies every record from one store to another (e.g. SQLite to MongoDB), keeping protocol numbers and histories, and checks the counts. It is safe to run again: what is already there is not written twice.\nStop the Proxenos writing to the source first.",
		},
		"cli.about.export": {
			EL: "Γράφει κάθε εγγραφή της αποθήκης ως JSON lines (μία εγγραφή ανά γραμμή), για αντίγραφο ασφαλείας ή μεταφορά.",
			EN: "Writes every record of the store as JSON lines (one record a line), for a backup or a move.",
		},
		"cli.about.import": {
			EL: "Επαναφέρει ένα αντίγραφο του proxenos export στην αποθήκη, κρατώντας ταυτότητες, αριθμούς και ημερομηνίες, και ελέγχει τα πλήθη. Μπορεί να ξανατρέξει με ασφάλεια.",
			EN: "Restores a backup made by proxenos export into the store, keeping ids, numbers and dates, and checks the counts. It is safe to run again.",
		},
		"cli.about.healthcheck": {
			EL: "Ρωτά ένα Proxenos που τρέχει αν είναι ζωντανό (GET /healthz)· τερματίζει με 0 όταν απαντά 200. Για το HEALTHCHECK εικόνων χωρίς shell.",
			EN: "Asks a running Proxenos whether it is alive (GET /healthz); exits 0 when it answers 200. For the healthcheck of images without a shell.",
		},
		"cli.flag.from": {
			EL: "η αποθήκη πηγή, π.χ. sqlite:./data/proxenos.db",
			EN: "the source store, e.g. sqlite:./data/proxenos.db",
		},
		"cli.flag.to": {
			EL: "η αποθήκη στόχος, π.χ. mongodb://mongo:27017/proxenos?w=majority",
			EN: "the target store, e.g. mongodb://mongo:27017/proxenos?w=majority",
		},
		"cli.flag.from_configured": {
			EL: "η αποθήκη που διαβάζεται (προεπιλογή: PROXENOS_STORAGE_URL)",
			EN: "the store to read (default: PROXENOS_STORAGE_URL)",
		},
		"cli.flag.to_configured": {
			EL: "η αποθήκη που γράφεται (προεπιλογή: PROXENOS_STORAGE_URL)",
			EN: "the store to write (default: PROXENOS_STORAGE_URL)",
		},
		"cli.flag.backup_out": {
			EL: "το αρχείο του αντιγράφου (- για την έξοδο)",
			EN: "the backup file (- for standard output)",
		},
		"cli.flag.backup_in": {
			EL: "το αρχείο του αντιγράφου (- για την είσοδο)",
			EN: "the backup file (- for standard input)",
		},
		"cli.flag.health_url": {
			EL: "η διεύθυνση που ελέγχεται (προεπιλογή: /healthz στη διεύθυνση PROXENOS_HTTP_ADDR αυτού του μηχανήματος)",
			EN: "the address to check (default: /healthz at PROXENOS_HTTP_ADDR on this host)",
		},
		"cli.health.ok": {
			EL: "εντάξει: %s",
			EN: "ok: %s",
		},
		"cli.health.failed": {
			EL: "Το Proxenos δεν απαντά υγιές στο %s: %s",
			EN: "Proxenos is not healthy at %s: %s",
		},
		"config.secret_both": {
			EL: "Ορίστε είτε το %s είτε το %s, όχι και τα δύο.",
			EN: "Set either %s or %s, not both.",
		},
		"config.secret_file": {
			EL: "Το %s δείχνει το αρχείο %s, που δεν διαβάζεται: %s",
			EN: "%s names the file %s, which cannot be read: %s",
		},
	})
}
