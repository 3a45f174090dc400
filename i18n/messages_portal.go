package i18n

// Messages of the EU portal import: the portal's own status of a topic.
func init() {
	register(map[string]Message{
		"portal.status.forthcoming": {EL: "προσεχώς", EN: "forthcoming"},
		"portal.status.open":        {EL: "ανοιχτή", EN: "open"},
		"portal.status.closed":      {EL: "κλειστή", EN: "closed"},

		"call.imported.portal_status": {EL: "Στην πύλη: %s", EN: "On the portal: %s"},
		"call.imported.closed": {
			EL: "⚠️ Η πύλη δείχνει την πρόσκληση κλειστή: δεν δέχεται πλέον προτάσεις. Καταχωρίστηκε μόνο για το αρχείο.",
			EN: "⚠️ The portal lists this call as closed: it no longer takes proposals. It was added for the record only.",
		},
		"call.imported.deadlines_passed": {
			EL: "⚠️ Όλες οι προθεσμίες της πρόσκλησης έχουν περάσει: δεν δέχεται πλέον προτάσεις. Καταχωρίστηκε μόνο για το αρχείο.",
			EN: "⚠️ All the call's deadlines have passed: it no longer takes proposals. It was added for the record only.",
		},
	})
}
