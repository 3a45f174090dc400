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
		"secret.key.base64": {
			EL: "Το %s δεν είναι κλειδί σε base64. Φτιάξτε ένα με: openssl rand -base64 32",
			EN: "%s is not a base64 key. Make one with: openssl rand -base64 32",
		},
		"secret.key.size": {
			EL: "Το %s έχει %d byte· ένα κλειδί έχει %d τυχαία byte. Φτιάξτε ένα με: openssl rand -base64 32",
			EN: "%s holds %d bytes; a key is %d random bytes. Make one with: openssl rand -base64 32",
		},
		"secret.not_sealed": {
			EL: "Το μυστικό %s είναι αποθηκευμένο χωρίς κρυπτογράφηση· εγκαταστήστε ξανά το Proxenos σε αυτόν τον χώρο εργασίας.",
			EN: "The secret %s is stored unencrypted; install Proxenos in that workspace again.",
		},
		"secret.key.unknown": {
			EL: "Το μυστικό %s κρυπτογραφήθηκε με το κλειδί %s, που δεν είναι ούτε το PROXENOS_ENCRYPTION_KEY ούτε στο PROXENOS_ENCRYPTION_OLD_KEYS.",
			EN: "The secret %s was encrypted with key %s, which is neither PROXENOS_ENCRYPTION_KEY nor among PROXENOS_ENCRYPTION_OLD_KEYS.",
		},
		"secret.corrupt": {
			EL: "Το μυστικό %s δεν αποκρυπτογραφείται: αλλοιώθηκε ή αντιγράφηκε από άλλον χώρο εργασίας.",
			EN: "The secret %s does not decrypt: it was altered or copied from another workspace.",
		},
	})
}
