package i18n

func init() {
	register(map[string]Message{
		"storage.call.changed": {
			EL: "Η πρόσκληση %s άλλαξε από άλλον χρήστη την ίδια στιγμή. Δείτε την ξανά με /call show %[1]s και επαναλάβετε την αλλαγή.",
			EN: "The call %s was changed by someone else at the same moment. Look at it again with /call show %[1]s and repeat the change.",
		},
		"storage.agreement.changed": {
			EL: "Η συμφωνία άλλαξε από άλλον χρήστη την ίδια στιγμή. Δείτε την ξανά με /mou show και επαναλάβετε την αλλαγή.",
			EN: "The agreement was changed by someone else at the same moment. Look at it again with /mou show and repeat the change.",
		},
		"storage.obligation.changed": {
			EL: "Η υποχρέωση άλλαξε από άλλον χρήστη την ίδια στιγμή. Δείτε την ξανά με /mou show και επαναλάβετε την ενέργεια.",
			EN: "The obligation was changed by someone else at the same moment. Look at it again with /mou show and repeat the action.",
		},
	})
}
