package i18n

// Messages of the Slack adapter (bot/): texts it adds around the handlers'
// answers, never the answers themselves.
func init() {
	register(map[string]Message{
		"bot.truncated": {
			EL:    "…και άλλα %d τμήματα που δεν χωρούν σε ένα μήνυμα. Περιορίστε την αναζήτηση ή ζητήστε εξαγωγή.",
			EN:    "…and %d more parts that do not fit in one message. Narrow the request or ask for an export.",
			ELOne: "…και άλλο %d τμήμα που δεν χωράει σε ένα μήνυμα. Περιορίστε την αναζήτηση ή ζητήστε εξαγωγή.",
			ENOne: "…and %d more part that does not fit in one message. Narrow the request or ask for an export.",
		},
		"bot.modal.submit": {
			EL: "Υποβολή",
			EN: "Submit",
		},
		"bot.modal.close": {
			EL: "Άκυρο",
			EN: "Cancel",
		},
		"bot.select.placeholder": {
			EL: "Επιλέξτε…",
			EN: "Choose…",
		},
		"bot.not_in_channel": {
			EL: "Δεν μπορώ να γράψω σε αυτό το κανάλι. Προσκαλέστε με στο κανάλι (/invite) ή δώστε την εντολή σε προσωπικό μήνυμα προς εμένα.",
			EN: "I cannot post in this channel. Invite me to the channel (/invite) or run the command in a direct message to me.",
		},
		"bot.not_installed": {
			EL: "Ο Πρόξενος δεν είναι εγκατεστημένος σε αυτόν τον χώρο εργασίας του Slack (ή αφαιρέθηκε). Ζητήστε από τον διαχειριστή σας να τον εγκαταστήσει ξανά.",
			EN: "Proxenos is not installed in this Slack workspace (or was removed). Ask your administrator to install it again.",
		},
		"bot.delayed": {
			EL: "Καθυστερημένη απάντηση (η υπηρεσία επανεκκινήθηκε στο μεταξύ):",
			EN: "Delayed answer (the service restarted in the meantime):",
		},
		"bot.delayed.command": {
			EL: "Καθυστερημένη απάντηση στην εντολή %s (η υπηρεσία επανεκκινήθηκε στο μεταξύ):",
			EN: "Delayed answer to %s (the service restarted in the meantime):",
		},
		"bot.modal.failed": {
			EL: "Η φόρμα δεν άνοιξε εγκαίρως. Δώστε ξανά την εντολή.",
			EN: "The form did not open in time. Please run the command again.",
		},
	})
}
