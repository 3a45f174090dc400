package i18n

func init() {
	register(map[string]Message{
		"storage.url.invalid": {
			EL: "Η διεύθυνση αποθήκης «%s» δεν αναγνωρίζεται. Ορίστε το PROXENOS_STORAGE_URL, π.χ. sqlite:./data/proxenos.db ή mongodb://localhost:27017/proxenos.",
			EN: "The storage address “%s” is not recognised. Set PROXENOS_STORAGE_URL, e.g. sqlite:./data/proxenos.db or mongodb://localhost:27017/proxenos.",
		},
		"storage.sqlite.path_required": {
			EL: "Λείπει η διαδρομή του αρχείου SQLite. Ορίστε το PROXENOS_STORAGE_URL, π.χ. sqlite:./data/proxenos.db.",
			EN: "The SQLite file path is missing. Set PROXENOS_STORAGE_URL, e.g. sqlite:./data/proxenos.db.",
		},
		"storage.sqlite.cannot_open": {
			EL: "Δεν ανοίγει το αρχείο δεδομένων %s: %s. Ελέγξτε τη διαδρομή και τα δικαιώματα.",
			EN: "Cannot open the data file %s: %s. Check the path and its permissions.",
		},
		"storage.sqlite.newer_schema": {
			EL: "Το αρχείο %s γράφτηκε από νεότερη έκδοση του Proxenos (σχήμα %d, αυτή η έκδοση γνωρίζει έως %d). Αναβαθμίστε το Proxenos· το αρχείο δεν αγγίχτηκε.",
			EN: "The file %s was written by a newer Proxenos (schema %d; this version knows up to %d). Upgrade Proxenos; the file was not touched.",
		},
		"storage.mongo.unreachable": {
			EL: "Η MongoDB στο %s δεν απαντά. Ελέγξτε το PROXENOS_STORAGE_URL και ότι ο διακομιστής τρέχει.",
			EN: "MongoDB at %s does not answer. Check PROXENOS_STORAGE_URL and that the server is running.",
		},
		"storage.mongo.selection_timeout": {
			EL: "Το serverSelectionTimeoutMS=%d του PROXENOS_STORAGE_URL είναι εκτός ορίων: από 1 έως %d χιλιοστά του δευτερολέπτου.",
			EN: "serverSelectionTimeoutMS=%d in PROXENOS_STORAGE_URL is out of range: from 1 to %d milliseconds.",
		},
		"storage.conflict": {
			EL: "Η εγγραφή υπάρχει ήδη.",
			EN: "The record already exists.",
		},
		"storage.corr.search_full": {
			EL: "Η καταχώριση %s δεν χωρά στο ευρετήριο αναζήτησης του αρχείου (έως 1.048.575 καταχωρίσεις τον χρόνο και 512 χώροι εργασίας).",
			EN: "Entry %s does not fit the file's search index (up to 1,048,575 entries a year and 512 workspaces).",
		},
		"storage.corr.not_found": {
			EL: "Δεν υπάρχει εγγραφή με αριθμό πρωτοκόλλου %s.",
			EN: "There is no entry with protocol number %s.",
		},
		"storage.partner.not_found": {
			EL: "Ο φορέας δεν βρέθηκε (κωδικός %s).",
			EN: "The partner was not found (id %s).",
		},
		"storage.partner.unknown": {
			EL: "Ο φορέας με κωδικό %s δεν υπάρχει στον κατάλογο. Επιλέξτε έναν υπάρχοντα φορέα ή αφήστε το πεδίο κενό.",
			EN: "The partner with id %s is not in the directory. Choose an existing partner or leave the field empty.",
		},
		"storage.partner.name_taken": {
			EL: "Υπάρχει ήδη φορέας με το όνομα «%s». Χρησιμοποιήστε τον υπάρχοντα ή δώστε άλλο όνομα.",
			EN: "A partner named “%s” already exists. Use the existing one or choose another name.",
		},
		"storage.contact.not_found": {
			EL: "Η επαφή δεν βρέθηκε (κωδικός %s).",
			EN: "The contact was not found (id %s).",
		},
		"storage.glossary.not_found": {
			EL: "Ο όρος του γλωσσαρίου δεν βρέθηκε (κωδικός %s).",
			EN: "The glossary entry was not found (id %s).",
		},
	})
}
