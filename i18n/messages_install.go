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
		"install.config.missing": {
			EL: "Για την εγκατάσταση σε πολλούς χώρους εργασίας χρειάζονται τα SLACK_CLIENT_ID, SLACK_CLIENT_SECRET και SLACK_SIGNING_SECRET.",
			EN: "Installing in many workspaces needs SLACK_CLIENT_ID, SLACK_CLIENT_SECRET and SLACK_SIGNING_SECRET.",
		},
		"install.config.redirect": {
			EL: "Η διεύθυνση επιστροφής «%s» δεν είναι πλήρης διεύθυνση https. Ορίστε το PROXENOS_PUBLIC_URL, π.χ. https://proxenos.example.gr",
			EN: "The redirect address “%s” is not a full https address. Set PROXENOS_PUBLIC_URL, e.g. https://proxenos.example.gr",
		},
		"install.uninstalled": {
			EL: "Το Proxenos έχει απεγκατασταθεί από αυτόν τον χώρο εργασίας του Slack.",
			EN: "Proxenos has been uninstalled from this Slack workspace.",
		},
		"install.page.title":      {EL: "Proxenos για το Slack", EN: "Proxenos for Slack"},
		"install.add.heading":     {EL: "Εγκατάσταση του Proxenos", EN: "Install Proxenos"},
		"install.add.button":      {EL: "Προσθήκη στο Slack", EN: "Add to Slack"},
		"install.again":           {EL: "Ξεκινήστε ξανά", EN: "Start again"},
		"install.success.heading": {EL: "Έτοιμο", EN: "Done"},
		"install.add.lead": {
			EL: "Ο βοηθός του γραφείου διεθνών σχέσεων μέσα στο Slack του δήμου σας: πρωτόκολλο αλληλογραφίας, εταίροι, προσκλήσεις χρηματοδότησης, συμφωνίες και υπενθυμίσεις.",
			EN: "The international relations office's assistant in your municipality's Slack: correspondence register, partners, funding calls, agreements and reminders.",
		},
		"install.add.note": {
			EL: "Το Slack θα σας ζητήσει να εγκρίνετε τα δικαιώματα του Proxenos στον χώρο εργασίας σας. Ο σύνδεσμος ισχύει 10 λεπτά.",
			EN: "Slack will ask you to allow Proxenos's permissions in your workspace. The link is valid for 10 minutes.",
		},
		"install.success.text": {
			EL: "Το Proxenos εγκαταστάθηκε στο %s.",
			EN: "Proxenos is installed in %s.",
		},
		"install.success.next": {
			EL: "Επόμενο βήμα: προσκαλέστε το στο κανάλι του γραφείου σας και γράψτε /ir setup.",
			EN: "Next: invite it to your office channel and run /ir setup.",
		},
		"install.failed.heading": {EL: "Η εγκατάσταση δεν ολοκληρώθηκε", EN: "The installation did not complete"},
		"install.failed.denied": {
			EL: "Ακυρώσατε την εγκατάσταση στο Slack· τίποτα δεν άλλαξε.",
			EN: "You cancelled the installation in Slack; nothing has changed.",
		},
		"install.failed.expired": {
			EL: "Η εγκατάσταση άργησε πάνω από 10 λεπτά και ο σύνδεσμος έληξε. Ξεκινήστε ξανά.",
			EN: "The installation took more than 10 minutes and its link expired. Please start again.",
		},
		"install.failed.state": {
			EL: "Η εγκατάσταση δεν ξεκίνησε από αυτόν τον φυλλομετρητή, ή τα cookies του είναι κλειστά. Ξεκινήστε ξανά από τη σελίδα εγκατάστασης.",
			EN: "The installation was not started in this browser, or its cookies are off. Please start again from the install page.",
		},
		"install.failed.slack": {
			EL: "Το Slack δεν ολοκλήρωσε την εγκατάσταση. Δοκιμάστε ξανά σε λίγο· αν επαναληφθεί, ειδοποιήστε τον πάροχο.",
			EN: "Slack did not complete the installation. Try again in a while; if it happens again, tell your provider.",
		},
		"install.failed.store": {
			EL: "Η εγκατάσταση δεν αποθηκεύτηκε. Δοκιμάστε ξανά σε λίγο.",
			EN: "The installation could not be saved. Try again in a while.",
		},
	})
}
