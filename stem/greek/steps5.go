package greek

// Steps 5a–5m remove verb endings, step 6 the plain inflectional endings
// and step 7 the comparative and superlative endings. A `do (...)` block of
// greek.sbl is followed here by toEnd, as the block gives the cursor back.

// toEnd moves the cursor back to the end of the word.
func (w *word) toEnd() { w.c = len(w.b) }

// step5a removes -αμε (first person plural); the word αγαμε alone becomes
// αγαμ.
func step5a(w *word) {
	if string(w.b) == "αγαμε" {
		w.b = append(w.b[:0], "αγαμ"...)
		w.toEnd()
	}
	w.removeSuffix(step5aLong)
	w.toEnd()
	if w.removeSuffix(step5aAme) {
		w.appendIfWhole(step5aExceptions)
	}
}

var (
	step5aLong       = suffixes("αγαμε ησαμε ουσαμε ηκαμε ηθηκαμε")
	step5aAme        = suffixes("αμε")
	step5aExceptions = among("αμ", "αναπ αποθ αποκ αποστ βουβ ξεθ ουλ πεθ πικρ ποτ σιχ χ")
)

// step5b removes -ανε (third person plural).
func step5b(w *word) {
	if w.removeSuffix(step5bLong) {
		w.appendIfWhole(step5bLongExceptions)
	}
	w.toEnd()
	if w.removeSuffix(step5bAne) {
		w.vowelOrWhole(vowelsNoUpsil, "αν", step5bExceptions)
	}
}

var (
	step5bLong           = suffixes("αγανε ησανε ουσανε ιοντανε ιοτανε ιουντανε οντανε οτανε ουντανε ηκανε ηθηκανε")
	step5bLongExceptions = among("αγαν", "τρ τσ")
	step5bAne            = suffixes("ανε")
	step5bExceptions     = among("αν", "βετερ βουλκ βραχμ γ δραδουμ θ καλπουζ καστελ κορμορ λαοπλ μωαμεθ "+
		"μ μουσουλμ ν ουλ π πελεκ πλ πολισ πορτολ σαρακατσ σουλτ τσαρλατ ορφ τσιγγ τσοπ "+
		"φωτοστεφ χ ψυχοπλ αγ γαλ γερ δεκ διπλ αμερικαν ουρ πιθ πουριτ σ ζωντ ικ καστ κοπ λιχ "+
		"λουθηρ μαιντ μελ σιγ σπ στεγ τραγ τσαγ φ ερ αδαπ αθιγγ αμηχ ανικ ανοργ απηγ απιθ "+
		"ατσιγγ βασ βασκ βαθυγαλ βιομηχ βραχυκ διατ διαφ ενοργ θυσ καπνοβιομηχ καταγαλ κλιβ "+
		"κοιλαρφ λιβ μεγλοβιομηχ μικροβιομηχ νταβ ξηροκλιβ ολιγοδαμ ολογαλ πενταρφ περηφ "+
		"περιτρ πλατ πολυδαπ πολυμηχ στεφ ταβ τετ υπερηφ υποκοπ χαμηλοδαπ ψηλοταβ")
)

// step5c removes -ετε (second person plural).
func step5c(w *word) {
	w.removeSuffix(step5cHsete)
	w.toEnd()
	if !w.removeSuffix(step5cEte) {
		return
	}
	// As in vowelOrWhole, greek.sbl's `or` makes the exceptions still
	// apply after either of the first two alternatives has appended ετ.
	w.ket, w.bra = w.c, w.c
	if w.precededBy(vowelsNoUpsil) {
		w.replace("ετ")
	} else {
		w.appendIfEnds(step5cEndings)
	}
	w.whole(step5cExceptions)
}

var (
	step5cHsete   = suffixes("ησετε")
	step5cEte     = suffixes("ετε")
	step5cEndings = among("ετ", "οδ αιρ φορ ταθ διαθ σχ ενδ ευρ τιθ υπερθ ραθ ενθ ροθ σθ πυρ αιν συνδ συν "+
		"συνθ χωρ πον βρ καθ ευθ εκθ νετ ρον αρκ βαρ βολ ωφελ")
	step5cExceptions = among("ετ", "αβαρ βεν εναρ αβρ αδ αθ αν απλ βαρον ντρ σκ κοπ μπορ νιφ παγ παρακαλ "+
		"σερπ σκελ συρφ τοκ υ δ εμ θαρρ θ")
)

// step5d removes the participle endings -οντας, -ωντας.
func step5d(w *word) {
	if !w.removeSuffix(step5dSuffixes) {
		return
	}
	if !w.appendIfWhole(step5dArch) {
		w.appendIfEnds(step5dKre)
	}
}

var (
	step5dSuffixes = suffixes("οντασ ωντασ")
	step5dArch     = among("οντ", "αρχ")
	step5dKre      = among("ωντ", "κρε")
)

// step5e removes -όμαστε (first person plural, passive).
func step5e(w *word) {
	if w.removeSuffix(step5eSuffixes) {
		w.appendIfWhole(step5eOn)
	}
}

var (
	step5eSuffixes = suffixes("ομαστε ιομαστε")
	step5eOn       = among("ομαστ", "ον")
)

// step5f removes -ιέστε and -έστε (second person plural, passive).
func step5f(w *word) {
	if w.removeSuffix(step5fIeste) {
		w.appendIfWhole(step5fIesteExceptions)
	}
	w.toEnd()
	if w.removeSuffix(step5fEste) {
		w.appendIfWhole(step5fEsteExceptions)
	}
}

var (
	step5fIeste           = suffixes("ιεστε")
	step5fIesteExceptions = among("ιεστ", "π απ συμπ ασυμπ ακαταπ αμεταμφ")
	step5fEste            = suffixes("εστε")
	step5fEsteExceptions  = among("ιεστ", "αλ αρ εκτελ ζ μ ξ παρακαλ προ νισ")
)

// step5g removes the aorist endings -ηκα, -ηθηκα.
func step5g(w *word) {
	w.removeSuffix(step5gPassive)
	w.toEnd()
	if !w.removeSuffix(step5gSuffixes) {
		return
	}
	if !w.appendIfEnds(step5gEndings) {
		w.appendIfWhole(step5gExceptions)
	}
}

var (
	step5gPassive    = suffixes("ηθηκα ηθηκεσ ηθηκε")
	step5gSuffixes   = suffixes("ηκα ηκεσ ηκε")
	step5gEndings    = among("ηκ", "σκωλ σκουλ ναρθ σφ οθ πιθ")
	step5gExceptions = among("ηκ", "διαθ θ παρακαταθ προσθ συνθ")
)

// step5h removes the participle and imperfect endings -ουσα, -ουσε.
func step5h(w *word) {
	if !w.removeSuffix(step5hSuffixes) {
		return
	}
	if !w.appendIfEnds(step5hEndings) {
		w.appendIfWhole(step5hExceptions)
	}
}

var (
	step5hSuffixes   = suffixes("ουσα ουσεσ ουσε")
	step5hEndings    = among("ουσ", "ποδαρ βλεπ πανταχ φρυδ μαντιλ μαλλ κυματ λαχ ληγ φαγ ομ πρωτ")
	step5hExceptions = among("ουσ", "φαρμακ χαδ αγκ αναρρ βρομ εκλιπ λαμπιδ λεχ μ πατ ρ λ μεδ μεσαζ "+
		"υποτειν αμ αιθ ανηκ δεσποζ ενδιαφερ δε δευτερευ καθαρευ πλε τσα")
)

// step5i removes -αγα, -αγε, -αγες.
func step5i(w *word) {
	if !w.removeSuffix(step5iSuffixes) {
		return
	}
	if w.appendIfEnds(step5iKoll) || w.appendIfEnds(step5iEndings) {
		return
	}
	w.appendIfWhole(step5iExceptions)
}

var (
	step5iSuffixes = suffixes("αγα αγεσ αγε")
	step5iKoll     = among("αγ", "κολλ")
	// ψοφ and ναυλοχ are found (so that οφ and λοχ are not) and get nothing.
	step5iEndings    = among("", "ψοφ ναυλοχ", "αγ", "οφ πελ χορτ λλ σφ ρπ φρ πρ λοχ σμην")
	step5iExceptions = among("αγ", "αβαστ πολυφ αδηφ παμφ ρ ασπ αφ αμαλ αμαλλι ανυστ απερ ασπαρ αχαρ "+
		"δερβεν δροσοπ ξεφ νεοπ νομοτ ολοπ ομοτ προστ προσωποπ συμπ συντ τ υποτ χαρ αειπ αιμοστ "+
		"ανυπ αποτ αρτιπ διατ εν επιτ κροκαλοπ σιδηροπ λ ναυ ουλαμ ουρ π τρ μ")
)

// step5j removes -ησε, -ησου, -ησα.
func step5j(w *word) {
	if w.removeSuffix(step5jSuffixes) {
		w.appendIfWhole(step5jExceptions)
	}
}

var (
	step5jSuffixes   = suffixes("ησε ησου ησα")
	step5jExceptions = among("ησ", "ν χερσον δωδεκαν ερημον μεγαλον επταν")
)

// step5k removes -ηστε.
func step5k(w *word) {
	if w.removeSuffix(step5kSuffixes) {
		w.appendIfWhole(step5kExceptions)
	}
}

var (
	step5kSuffixes   = suffixes("ηστε")
	step5kExceptions = among("ηστ", "ασβ σβ αχρ χρ απλ αειμν δυσχρ ευχρ κοινοχρ παλιμψ")
)

// step5l removes -ουνε, -ησουνε, -ηθουνε.
func step5l(w *word) {
	if w.removeSuffix(step5lSuffixes) {
		w.appendIfWhole(step5lExceptions)
	}
}

var (
	step5lSuffixes   = suffixes("ουνε ησουνε ηθουνε")
	step5lExceptions = among("ουν", "ν ρ σπι στραβομουτσ κακομουτσ εξων")
)

// step5m removes -ουμε, -ησουμε, -ηθουμε.
func step5m(w *word) {
	if w.removeSuffix(step5mSuffixes) {
		w.appendIfWhole(step5mExceptions)
	}
}

var (
	step5mSuffixes   = suffixes("ουμε ησουμε ηθουμε")
	step5mExceptions = among("ουμ", "παρασουσ φ χ ωριοπλ αζ αλλοσουσ ασουσ")
)

// step6 rewrites -ματα, -ματων, -ματος to -μα and then, when no earlier
// step removed a suffix, removes the plain inflectional endings.
func step6(w *word) {
	w.replaceSuffix(step6Mata)
	w.toEnd()
	if w.test1 {
		w.replaceSuffix(step6Suffixes)
	}
}

var (
	step6Mata     = among("μα", "ματα ματων ματοσ")
	step6Suffixes = suffixes("α αγατε αγαν αει αμαι αν ασ ασαι αται αω ε ει εισ ειτε εσαι εσ εται ι " +
		"ιεμαι ιεμαστε ιεται ιεσαι ιεσαστε ιομασταν ιομουν ιομουνα ιονταν ιοντουσαν ιοσασταν " +
		"ιοσαστε ιοσουν ιοσουνα ιοταν ιουμα ιουμαστε ιουνται ιουνταν η ηδεσ ηδων ηθει ηθεισ " +
		"ηθειτε ηθηκατε ηθηκαν ηθουν ηθω ηκατε ηκαν ησ ησαν ησατε ησει ησεσ ησουν ησω ο οι " +
		"ομαι ομασταν ομουν ομουνα ονται ονταν οντουσαν οσ οσασταν οσαστε οσουν οσουνα οταν " +
		"ου ουμαι ουμαστε ουν ουνται ουνταν ουσ ουσαν ουσατε υ υσ ω ων")
)

// step7 removes the comparative and superlative endings.
func step7(w *word) {
	w.replaceSuffix(step7Suffixes)
}

var step7Suffixes = suffixes("εστερ εστατ οτερ οτατ υτερ υτατ ωτερ ωτατ")
