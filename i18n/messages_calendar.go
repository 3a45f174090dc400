package i18n

// Messages of the calendar feed: /ir calendar and the events of the feed.
func init() {
	register(map[string]Message{
		"calendar.invalid.feed": {
			EL: "Η ροή ημερολογίου χρειάζεται χρήστη και κλειδί.",
			EN: "A calendar feed needs a user and a key.",
		},
		"calendar.not_found": {
			EL: "Η ροή ημερολογίου δεν βρέθηκε.",
			EN: "The calendar feed was not found.",
		},
		"calendar.unavailable": {
			EL: "Η ροή ημερολογίου δεν έχει ρυθμιστεί σε αυτή την εγκατάσταση. Ζητήστε από τον διαχειριστή να ορίσει τη δημόσια διεύθυνση (PROXENOS_PUBLIC_URL).",
			EN: "The calendar feed is not set up in this installation. Ask the administrator to set the public address (PROXENOS_PUBLIC_URL).",
		},
		"calendar.unknown_verb": {
			EL: "Το /ir calendar δέχεται «δικά» ή «ανάκληση» («%s» δεν είναι ένα από αυτά).",
			EN: "/ir calendar takes mine or revoke (“%s” is neither).",
		},
		"calendar.help.usage": {
			EL: "/ir calendar · δικά · ανάκληση",
			EN: "/ir calendar · mine · revoke",
		},
		"calendar.help.description": {
			EL: "ιδιωτικός σύνδεσμος ημερολογίου (Outlook, Google, Thunderbird) με προθεσμίες, ορόσημα, υποχρεώσεις και λήξεις συμφωνιών· δικά: μόνο όσα έχετε αναλάβει· ανάκληση: ακυρώνει τους συνδέσμους σας",
			EN: "a private calendar link (Outlook, Google, Thunderbird) with deadlines, milestones, obligations and agreement expiries; mine: only what you are responsible for; revoke: cancels your links",
		},
		"calendar.help.example": {
			EL: "/ir calendar δικά",
			EN: "/ir calendar mine",
		},
		"calendar.link.all": {
			EL: "📅 Ο ιδιωτικός σας σύνδεσμος ημερολογίου με όλες τις προθεσμίες του γραφείου:",
			EN: "📅 Your private calendar link with all the office's deadlines:",
		},
		"calendar.link.mine": {
			EL: "📅 Ο ιδιωτικός σας σύνδεσμος ημερολογίου με όσα έχετε αναλάβει:",
			EN: "📅 Your private calendar link with what you are responsible for:",
		},
		"calendar.link.how": {
			EL: "Outlook: Προσθήκη ημερολογίου → Από το Internet. Google Calendar: Άλλα ημερολόγια → Από URL. Thunderbird: Νέο ημερολόγιο → Στο δίκτυο.",
			EN: "Outlook: Add calendar → Subscribe from web. Google Calendar: Other calendars → From URL. Thunderbird: New calendar → On the network.",
		},
		"calendar.link.private": {
			EL: "Κρατήστε τον σύνδεσμο για εσάς: όποιος τον έχει διαβάζει το ημερολόγιο. Οι παλαιότεροι σύνδεσμοί σας ισχύουν ακόμη· το /ir calendar ανάκληση τους ακυρώνει όλους.",
			EN: "Keep the link to yourself: anyone who has it can read the calendar. Your earlier links still work; /ir calendar revoke cancels them all.",
		},
		"calendar.revoked": {
			EL:    "Σύνδεσμοι ημερολογίου σας που ακυρώθηκαν: %d. Όσα ημερολόγια τους χρησιμοποιούσαν δεν θα ενημερώνονται πια.",
			EN:    "Calendar links of yours cancelled: %d. Calendars that used them will no longer update.",
			ELOne: "Σύνδεσμοι ημερολογίου σας που ακυρώθηκαν: %d. Όσα ημερολόγια τον χρησιμοποιούσαν δεν θα ενημερώνονται πια.",
			ENOne: "Calendar links of yours cancelled: %d. Calendars that used it will no longer update.",
		},
		"calendar.revoked_none": {
			EL: "Δεν έχετε ενεργό σύνδεσμο ημερολογίου.",
			EN: "You have no active calendar link.",
		},

		"calendar.name.all": {
			EL: "Proxenos — Διεθνείς Σχέσεις",
			EN: "Proxenos — International Relations",
		},
		"calendar.name.mine": {
			EL: "Proxenos — τα δικά μου",
			EN: "Proxenos — mine",
		},
		"calendar.event.deadline": {
			EL: "Προθεσμία: %s — %s",
			EN: "Deadline: %s — %s",
		},
		"calendar.event.milestone": {
			EL: "Ορόσημο: %s — %s",
			EN: "Milestone: %s — %s",
		},
		"calendar.event.obligation": {
			EL: "Υποχρέωση: %s — %s",
			EN: "Obligation: %s — %s",
		},
		"calendar.event.agreement_end": {
			EL: "Λήξη συμφωνίας: %s",
			EN: "Agreement ends: %s",
		},
		"calendar.event.agreement_notice": {
			EL: "Τελευταία ημέρα καταγγελίας: %s",
			EN: "Last day to give notice: %s",
		},
		"calendar.desc.call": {
			EL: "%s (%s), κατάσταση: %s",
			EN: "%s (%s), status: %s",
		},
		"calendar.desc.deadline_time": {
			EL: "Ώρα Βρυξελλών: %s",
			EN: "Brussels time: %s",
		},
		"calendar.desc.slack": {
			EL: "Στο Slack: %s",
			EN: "In Slack: %s",
		},
	})
}
