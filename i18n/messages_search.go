package i18n

// Search results whose count stopped at proxenos.MaxSearchCount.
func init() {
	register(map[string]Message{
		"corr.search.title.capped": {EL: "Αποτελέσματα αναζήτησης: %d+", EN: "Search results: %d+"},
		"list.more.capped": {
			EL: "…και τουλάχιστον %d ακόμη. Περιορίστε την αναζήτηση με περισσότερες λέξεις.",
			EN: "…and at least %d more. Narrow the search with more words.",
		},
	})
}
