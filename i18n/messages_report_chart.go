package i18n

// Messages of the report's chart: what an empty panel says.
func init() {
	register(map[string]Message{
		"report.chart.no_correspondence": {EL: "Καμία αλληλογραφία στην περίοδο", EN: "No correspondence in the period"},
	})
}
