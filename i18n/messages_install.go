package i18n

// Messages of installing Proxenos by OAuth in many workspaces (issue 19):
// the stores' errors, the settings, the install pages and
// `proxenos workspace`.
func init() {
	register(map[string]Message{
		"installation.required.team":  {EL: "Η εγκατάσταση δεν ονομάζει χώρο εργασίας του Slack.", EN: "The installation names no Slack workspace."},
		"installation.required.token": {EL: "Η εγκατάσταση δεν έχει διακριτικό (token) του bot.", EN: "The installation carries no bot token."},
		"storage.installation.not_found": {
			EL: "Το Proxenos δεν έχει εγκατασταθεί σε αυτόν τον χώρο εργασίας του Slack.",
			EN: "Proxenos is not installed in this Slack workspace.",
		},
	})
}
