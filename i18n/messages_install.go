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
		"cli.about.workspace": {
			EL: "Διαχείριση των χώρων εργασίας όταν το Proxenos εγκαθίσταται σε πολλούς (SLACK_CLIENT_ID):\n  proxenos workspace delete ΧΩΡΟΣ --yes   διαγράφει κάθε εγγραφή ενός χώρου εργασίας και την εγκατάστασή του (μετά την εξαγωγή)\n  proxenos workspace purge --yes          διαγράφει τους χώρους που απεγκατέστησαν το Proxenos πριν από 90 ημέρες (--after)\n  proxenos workspace rekey                ξανακρυπτογραφεί τα διακριτικά με το PROXENOS_ENCRYPTION_KEY (τα παλιά κλειδιά στο PROXENOS_ENCRYPTION_OLD_KEYS)",
			EN: "Manages the workspaces when Proxenos is installed in many (SLACK_CLIENT_ID):\n  proxenos workspace delete TEAM --yes   deletes every record of a workspace and its installation (after the export)\n  proxenos workspace purge --yes         deletes the workspaces that removed Proxenos over 90 days ago (--after)\n  proxenos workspace rekey               re-encrypts the tokens with PROXENOS_ENCRYPTION_KEY (old keys in PROXENOS_ENCRYPTION_OLD_KEYS)",
		},
		"cli.flag.workspace_yes": {
			EL: "delete: η εξαγωγή έγινε· διαγραφή οριστικά",
			EN: "delete: the export is done; delete for good",
		},
		"workspace.action_required": {
			EL: "Γράψτε proxenos workspace delete ΧΩΡΟΣ --yes, proxenos workspace purge --yes ή proxenos workspace rekey.",
			EN: "Write proxenos workspace delete TEAM --yes, proxenos workspace purge --yes or proxenos workspace rekey.",
		},
		"workspace.team_required": {
			EL: "Ποιον χώρο εργασίας; Γράψτε το αναγνωριστικό του, π.χ. proxenos workspace delete T0123ABCD --yes",
			EN: "Which workspace? Give its id, e.g. proxenos workspace delete T0123ABCD --yes",
		},
		"workspace.delete.export_first": {
			EL: "Η διαγραφή του χώρου εργασίας %[1]s σβήνει οριστικά κάθε εγγραφή του (πρωτόκολλο, εταίροι, προσκλήσεις, συμφωνίες, υπενθυμίσεις, προτιμήσεις) και την εγκατάστασή του.\nΠρώτα εξαγάγετε τα δεδομένα και δώστε στον δήμο τις γραμμές του (κάθε γραμμή γράφει τον χώρο εργασίας της):\n  proxenos export --out proxenos-backup.jsonl\nΜετά:\n  proxenos workspace delete %[1]s --yes",
			EN: "Deleting workspace %[1]s removes every record of it (register, partners, calls, agreements, reminders, preferences) and its installation, for good.\nExport the data first and give the municipality its lines (each line names its workspace):\n  proxenos export --out proxenos-backup.jsonl\nThen:\n  proxenos workspace delete %[1]s --yes",
		},
		"workspace.delete.needs_yes": {
			EL: "Ο χώρος εργασίας %s δεν διαγράφηκε: χρειάζεται το --yes.",
			EN: "Workspace %s was not deleted: --yes is needed.",
		},
		"workspace.deleted": {
			EL: "Ο χώρος εργασίας %s διαγράφηκε: καμία εγγραφή του δεν έμεινε.",
			EN: "Workspace %s is deleted: no record of it is left.",
		},
		"cli.flag.workspace_after": {
			EL: "purge: πόσο κρατιούνται οι εγγραφές μετά την απεγκατάσταση, π.χ. 2160h (90 ημέρες)",
			EN: "purge: how long records are kept after removal, e.g. 2160h (90 days)",
		},
		"workspace.purge.due": {
			EL: "Προς διαγραφή: %s (απεγκαταστάθηκε πριν από την περίοδο διατήρησης).",
			EN: "Due for deletion: %s (removed before the retention period).",
		},
		"workspace.purge.export_first": {
			EL: "Εξαγάγετε πρώτα τα δεδομένα (proxenos export --out proxenos-backup.jsonl) αν ο δήμος τα ζήτησε, και μετά: proxenos workspace purge --yes",
			EN: "Export the data first (proxenos export --out proxenos-backup.jsonl) if the municipality asked for it, then: proxenos workspace purge --yes",
		},
		"workspace.purge.needs_yes": {
			EL: "Δεν διαγράφηκε κανένας από τους %d χώρους εργασίας: χρειάζεται το --yes.",
			EN: "None of the %d workspaces was deleted: --yes is needed.",
		},
		"workspace.purge.invalid_after": {
			EL: "Το --after πρέπει να είναι διάρκεια όχι αρνητική, π.χ. --after 2160h· γράψατε %s.",
			EN: "--after must be a duration not below zero, e.g. --after 2160h; you wrote %s.",
		},
		"workspace.purged": {
			EL: "Διαγράφηκαν %d χώροι εργασίας που είχαν απεγκαταστήσει το Proxenos πριν από την περίοδο διατήρησης.",
			EN: "Deleted %d workspaces that removed Proxenos before the retention period.",
		},
		"workspace.rekeyed": {
			EL: "Ξανακρυπτογραφήθηκαν %d από %d εγκαταστάσεις με το PROXENOS_ENCRYPTION_KEY. Τα παλιά κλειδιά μπορούν να αφαιρεθούν από το PROXENOS_ENCRYPTION_OLD_KEYS.",
			EN: "Re-encrypted %d of %d installations with PROXENOS_ENCRYPTION_KEY. The old keys may now be removed from PROXENOS_ENCRYPTION_OLD_KEYS.",
		},
		"config.distribution.incomplete": {
			EL: "Για εγκατάσταση σε πολλούς χώρους εργασίας ορίστε και το SLACK_CLIENT_ID και το SLACK_CLIENT_SECRET (slack.client_id, slack.client_secret).",
			EN: "To install in many workspaces set both SLACK_CLIENT_ID and SLACK_CLIENT_SECRET (slack.client_id, slack.client_secret).",
		},
		"config.distribution.key": {
			EL: "Η εγκατάσταση σε πολλούς χώρους εργασίας χρειάζεται κλειδί κρυπτογράφησης των διακριτικών: PROXENOS_ENCRYPTION_KEY (ή PROXENOS_ENCRYPTION_KEY_FILE). Φτιάξτε ένα με: openssl rand -base64 32",
			EN: "Installing in many workspaces needs a key to encrypt the tokens: PROXENOS_ENCRYPTION_KEY (or PROXENOS_ENCRYPTION_KEY_FILE). Make one with: openssl rand -base64 32",
		},
		"config.distribution.signing_secret": {
			EL: "Η εγκατάσταση σε πολλούς χώρους εργασίας χρειάζεται το SLACK_SIGNING_SECRET.",
			EN: "Installing in many workspaces needs SLACK_SIGNING_SECRET.",
		},
		"config.distribution.public_url": {
			EL: "Η εγκατάσταση σε πολλούς χώρους εργασίας χρειάζεται τη δημόσια διεύθυνση, όπου το Slack επιστρέφει: PROXENOS_PUBLIC_URL, π.χ. https://proxenos.example.gr",
			EN: "Installing in many workspaces needs the public address Slack redirects to: PROXENOS_PUBLIC_URL, e.g. https://proxenos.example.gr",
		},
		"config.distribution.socket": {
			EL: "Η εγκατάσταση σε πολλούς χώρους εργασίας γίνεται μόνο μέσω HTTP (ο κατάλογος του Slack δεν δέχεται Socket Mode): αφαιρέστε το SLACK_APP_TOKEN.",
			EN: "Installing in many workspaces works over HTTP only (Slack's directory takes no Socket Mode app): remove SLACK_APP_TOKEN.",
		},
		"config.encryption.old_without_key": {
			EL: "Το PROXENOS_ENCRYPTION_OLD_KEYS ορίζεται χωρίς PROXENOS_ENCRYPTION_KEY: ορίστε το νέο κλειδί.",
			EN: "PROXENOS_ENCRYPTION_OLD_KEYS is set without PROXENOS_ENCRYPTION_KEY: set the new key.",
		},
	})
}
