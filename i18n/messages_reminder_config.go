package i18n

// Messages of the reminder settings: each names the setting and gives an
// example.
func init() {
	register(map[string]Message{
		"config.invalid.reminder_days": {
			EL: "Η ρύθμιση %[1]s (%[2]s) %[3]q πρέπει να είναι ημέρες πριν από την ημερομηνία, ακέραιοι από 0 έως %[4]d χωρισμένοι με κόμμα (0 είναι το πρωί της ημέρας)· π.χ. %[5]s.",
			EN: "%[1]s (%[2]s) %[3]q must be days before the date, whole numbers from 0 to %[4]d separated by commas (0 is the morning of the day); use e.g. %[5]s.",
		},
		"config.invalid.reminder_time": {
			EL: "Η ρύθμιση %[1]s (%[2]s) %[3]q πρέπει να είναι ώρα της ημέρας ΩΩ:ΛΛ, ώρα γραφείου· π.χ. %[4]s.",
			EN: "%[1]s (%[2]s) %[3]q must be a time of day HH:MM, office time; use e.g. %[4]s.",
		},
		"config.invalid.reminder_duration": {
			EL: "Η ρύθμιση %[1]s (%[2]s) %[3]q πρέπει να είναι διάρκεια από %[4]s έως %[5]s· π.χ. %[6]s (s δευτερόλεπτα, m λεπτά, h ώρες).",
			EN: "%[1]s (%[2]s) %[3]q must be a duration from %[4]s to %[5]s; use e.g. %[6]s (s seconds, m minutes, h hours).",
		},
		"config.invalid.reminder_switch": {
			EL: "Η ρύθμιση %[1]s (%[2]s) %[3]q πρέπει να είναι on (ενεργή) ή off (ανενεργή)· π.χ. %[4]s.",
			EN: "%[1]s (%[2]s) %[3]q must be on or off; use e.g. %[4]s.",
		},
	})
}
