package i18n

func init() {
	register(map[string]Message{
		"config.invalid.llm_tuning": {
			EL: "Η ρύθμιση %[1]s (%[2]s) %[3]q δεν είναι έγκυρη· π.χ. %[4]s. Παράλληλα τμήματα: 1–32· χρονικό όριο: 5s–30m· μηνιαίο όριο tokens: αριθμός ≥ 0 (0: χωρίς όριο).",
			EN: "%[1]s (%[2]s) %[3]q is not valid; use e.g. %[4]s. Parts at once: 1–32; timeout: 5s–30m; monthly token budget: a number ≥ 0 (0: no limit).",
		},
		"config.invalid.documents": {
			EL: "Η ρύθμιση %[1]s (%[2]s) %[3]q δεν είναι έγκυρη· π.χ. %[4]s. Χρονικό όριο ανάγνωσης εγγράφου: 5s–10m· μνήμη: 256–16384 MB.",
			EN: "%[1]s (%[2]s) %[3]q is not valid; use e.g. %[4]s. Time limit for reading a document: 5s–10m; memory: 256–16384 MB.",
		},
	})
}
