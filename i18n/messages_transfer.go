package i18n

// Messages of `proxenos migrate`, `export` and `import` (transfer/ and
// cmd/proxenos): what an operator moving or backing up the records reads.
func init() {
	register(map[string]Message{
		"transfer.invalid.line": {
			EL: "Γραμμή %d του αντιγράφου: δεν διαβάζεται (%s).",
			EN: "Line %d of the backup cannot be read (%s).",
		},
		"transfer.invalid.version": {
			EL: "Γραμμή %d του αντιγράφου: μορφή %d, ενώ αυτή η έκδοση του Proxenos διαβάζει έως τη %d. Αναβαθμίστε το Proxenos.",
			EN: "Line %d of the backup is in format %d; this Proxenos reads up to %d. Upgrade Proxenos.",
		},
		"transfer.invalid.type": {
			EL: "Γραμμή %d του αντιγράφου: άγνωστο είδος εγγραφής «%s».",
			EN: "Line %d of the backup: unknown kind of record “%s”.",
		},
		"transfer.invalid.team": {
			EL: "Γραμμή %d του αντιγράφου: λείπει ο χώρος εργασίας (team).",
			EN: "Line %d of the backup has no workspace (team).",
		},
		"transfer.invalid.read": {
			EL: "Το αντίγραφο δεν διαβάζεται: %s",
			EN: "The backup cannot be read: %s",
		},
		"transfer.report.header": {
			EL: "χώρος\tμητρώο\tπηγή\tγράφτηκαν\tστόχος\t\t",
			EN: "workspace\tregister\tsource\twritten\ttarget\t\t",
		},
		"transfer.report.ok": {
			EL: "εντάξει",
			EN: "ok",
		},
		"transfer.report.missing": {
			EL: "ΛΕΙΠΟΥΝ %d",
			EN: "MISSING %d",
			// Greek: "1 is missing"; English reads the same.
			ELOne: "ΛΕΙΠΕΙ %d",
			ENOne: "MISSING %d",
		},
		"transfer.report.total": {
			EL: "σύνολο",
			EN: "total",
		},
		"transfer.failed": {
			EL: "Ο στόχος δεν έχει όλες τις εγγραφές της πηγής (δείτε τον πίνακα). Ξανατρέξτε την εντολή: ό,τι έχει ήδη γραφτεί δεν γράφεται ξανά.",
			EN: "The target does not hold every record of the source (see the table). Run the command again: what is already written is not written twice.",
		},
		"transfer.same_store": {
			EL: "Η πηγή και ο στόχος είναι η ίδια αποθήκη (%s).",
			EN: "The source and the target are the same store (%s).",
		},
		"transfer.required.from_to": {
			EL: "Ορίστε και την πηγή και τον στόχο, π.χ. proxenos migrate --from sqlite:./data/proxenos.db --to mongodb://mongo:27017/proxenos",
			EN: "Name both the source and the target, e.g. proxenos migrate --from sqlite:./data/proxenos.db --to mongodb://mongo:27017/proxenos",
		},
		"transfer.file.open": {
			EL: "Το αρχείο %s δεν ανοίγει: %s",
			EN: "Cannot open the file %s: %s",
		},
		"transfer.exported": {
			EL:    "Εξήχθησαν %d εγγραφές στο %s.",
			EN:    "Exported %d records to %s.",
			ELOne: "Εξήχθη %d εγγραφή στο %s.",
			ENOne: "Exported %d record to %s.",
		},
	})
}
