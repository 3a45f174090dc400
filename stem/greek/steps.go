package greek

// The steps of greek.sbl, each after its routine of the same name. Word
// lists are written as the lowered text the steps see (σ, never ς; no
// accents). A list of exceptions is matched against the whole remaining
// word (`atlimit` in greek.sbl) unless its name says it matches an ending.

const (
	vowels        = "αεηιουω" // greek.sbl's grouping v
	vowelsNoUpsil = "αεηιοω"  // greek.sbl's grouping v2
)

// step1 rewrites the irregular plurals and genitives of a few nouns
// (κρέας, κρέατα → κρε; φως, φώτα → φω; γεγονός, γεγονότα → γεγον …).
func step1(w *word) {
	if w.replaceSuffix(step1Words) {
		w.test1 = false
	}
}

var step1Words = among(
	"φα", "φαγια φαγιου φαγιων",
	"σκα", "σκαγια σκαγιου σκαγιων",
	"ολο", "ολογιου ολογια ολογιων",
	"σο", "σογιου σογια σογιων",
	"τατο", "τατογια τατογιου τατογιων",
	"κρε", "κρεασ κρεατοσ κρεατα κρεατων",
	"περ", "περασ περατοσ περατη περατα περατων",
	"τερ", "τερασ τερατοσ τερατα τερατων",
	"φω", "φωσ φωτοσ φωτα φωτων",
	"καθεστ", "καθεστωσ καθεστωτοσ καθεστωτα καθεστωτων",
	"γεγον", "γεγονοσ γεγονοτοσ γεγονοτα γεγονοτων",
)

// stepS1 removes the endings of verbs in -ίζω.
func stepS1(w *word) {
	if w.removeSuffix(s1Suffixes) {
		w.appendIfWhole(s1Exceptions)
	}
}

var (
	s1Suffixes   = suffixes("ιζα ιζεσ ιζε ιζαμε ιζατε ιζαν ιζανε ιζω ιζεισ ιζει ιζουμε ιζετε ιζουν ιζουνε")
	s1Exceptions = among(
		"ι", "αναμπα εμπα επα ξαναπα πα περιπα αθρο συναθρο δανε",
		"ιζ", "μαρκ κορν αμπαρ αρρ βαθυρι βαρκ β βολβορ γκρ γλυκορ γλυκυρ ιμπ λ λου μαρ μ πρ μπρ πολυρ π ρ πιπερορ",
	)
)

// stepS2 removes the passive aorist endings in -ώθηκα.
func stepS2(w *word) {
	if w.removeSuffix(s2Suffixes) {
		w.appendIfWhole(s2Exceptions)
	}
}

var (
	s2Suffixes   = suffixes("ωθηκα ωθηκεσ ωθηκε ωθηκαμε ωθηκατε ωθηκαν ωθηκανε")
	s2Exceptions = among("ων", "αλ βι εν υψ λι ζω σ χ")
)

// isaExceptions are the stems that keep their ι before -ισα, -ισω … (s3, s4).
const isaExceptions = "αναμπα αθρο εμπα εσε εσωκλε επα ξαναπα επε περιπα συναθρο δανε κλε χαρτοπα εξαρχα μετεπε αποκλε απεκλε εκλε πε"

// stepS3 removes the aorist endings in -ισα; the word ισα alone becomes ισ.
func stepS3(w *word) {
	if string(w.b) == "ισα" {
		w.b = append(w.b[:0], "ισ"...)
		return
	}
	if w.removeSuffix(s3Suffixes) {
		w.appendIfWhole(s3Exceptions)
	}
}

var (
	s3Suffixes   = suffixes("ισα ισεσ ισε ισαμε ισατε ισαν ισανε")
	s3Exceptions = among(
		"ι", isaExceptions,
		"ισ", "αν αφ γε γιγαντοαφ γκε δημοκρατ κομ γκ μ π πουκαμ ολο λαρ",
	)
)

// stepS4 removes the subjunctive endings in -ίσω.
func stepS4(w *word) {
	if w.removeSuffix(s4Suffixes) {
		w.appendIfWhole(s4Exceptions)
	}
}

var (
	s4Suffixes   = suffixes("ισω ισεισ ισει ισουμε ισετε ισουν ισουνε")
	s4Exceptions = among("ι", isaExceptions)
)

// stepS5 removes the endings of nouns in -ιστής and -ιστός.
func stepS5(w *word) {
	if w.removeSuffix(s5Suffixes) {
		w.appendIfWhole(s5Exceptions)
	}
}

var (
	s5Suffixes   = suffixes("ιστοσ ιστου ιστο ιστε ιστοι ιστων ιστουσ ιστη ιστησ ιστα ιστεσ")
	s5Exceptions = among(
		"ι", "δανε συναθρο κλε σε εσωκλε ασε πλε",
		"ιστ", "μ π απ αρ ηδ κτ σκ σχ υψ φα χρ χτ ακτ αορ ασχ ατα αχν αχτ γεμ γυρ εμπ ευπ εχθ ηφα καθ κακ κυλ λυγ μακ μεγ ταχ φιλ χωρ",
	)
)

// stepS6 removes the endings of nouns in -ισμός.
func stepS6(w *word) {
	if !w.removeSuffix(s6Suffixes) {
		return
	}
	if !w.appendIfWhole(s6Exceptions) {
		w.replaceSuffix(s6Rewrites)
	}
}

var (
	s6Suffixes   = suffixes("ισμο ισμοι ισμοσ ισμου ισμουσ ισμων")
	s6Exceptions = among(
		"ισμ", "σε μετασε μικροσε εγκλε αποκλε",
		"ι", "δανε αντιδανε",
	)
	s6Rewrites = among(
		"αγνωστ", "αγνωστικ",
		"ατομ", "ατομικ",
		"γνωστ", "γνωστικ",
		"εθν", "εθνικ",
		"εκλεκτ", "εκλεκτικ",
		"σκεπτ", "σκεπτικ",
		"τοπ", "τοπικ",
		"αλεξανδρ", "αλεξανδριν",
		"βυζαντ", "βυζαντιν",
		"θεατρ", "θεατριν",
	)
)

// stepS7 removes the diminutives in -άκι after -ουδ- and -αρ-.
func stepS7(w *word) {
	if w.removeSuffix(s7Suffixes) {
		w.appendIfWhole(s7Exceptions)
	}
}

var (
	s7Suffixes   = suffixes("αρακι αρακια ουδακι ουδακια")
	s7Exceptions = among("αρακ", "σ χ")
)

// stepS8 removes the diminutives in -άκι and -ίτσα.
func stepS8(w *word) {
	if !w.removeSuffix(s8Suffixes) {
		return
	}
	if !w.appendIfWhole(s8Exceptions) {
		w.appendIfEnds(s8EndsInKor)
	}
}

var (
	s8Suffixes   = suffixes("ακι ακια ιτσα ιτσασ ιτσεσ ιτσων αρακι αρακια")
	s8Exceptions = among(
		"ακ", "βαμβ βρ καιμ κον κορ λαβρ λουλ μερ μουστ ναγκασ πλ ρ ρυ σ σκ σοκ σπαν τζ φαρμ χ "+
			"καπακ αλισφ αμβρ ανθρ κ φυλ κατραπ κλιμ μαλ σλοβ φ σφ τσεχοσλοβ",
		"ιτσ", "β βαλ γιαν γλ ζ ηγουμεν καρδ μακρυν νυφ πατερ π τοσ τριπολ",
	)
	s8EndsInKor = among("ιτσ", "κορ")
)

// stepS9 removes the endings of adjectives in -ίδιος.
func stepS9(w *word) {
	if !w.removeSuffix(s9Suffixes) {
		return
	}
	if !w.appendIfWhole(s9Exceptions) {
		w.appendIfEnds(s9Endings)
	}
}

var (
	s9Suffixes   = suffixes("ιδιο ιδια ιδιων")
	s9Exceptions = among("ιδ", "αιφν ιρ ολο ψαλ")
	s9Endings    = among("ιδ", "ε παιχν")
)

// stepS10 removes the diminutives in -ίσκος.
func stepS10(w *word) {
	if w.removeSuffix(s10Suffixes) {
		w.appendIfWhole(s10Exceptions)
	}
}

var (
	s10Suffixes   = suffixes("ισκοσ ισκου ισκο ισκε")
	s10Exceptions = among("ισκ", "δ ιβ μην ρ φραγκ λυκ οβελ")
)

// step2a rewrites the plurals in -άδες (παπάδες → παπαδ) except after
// the nouns whose singular keeps the δ away (μαμάδες → μαμ). Like 2b and
// 2c it does not count as a removed suffix for step 6.
func step2a(w *word) {
	if w.replaceSuffix(step2aSuffixes) && !w.endsWith(step2aKeep) {
		w.appendText("αδ")
	}
}

var (
	step2aSuffixes = suffixes("αδεσ αδων")
	step2aKeep     = suffixes("οκ μαμ μαν μπαμπ πατερ γιαγι νταντ κυρ θει πεθερ")
)

// step2b removes the plurals in -έδες, keeping εδ after a few endings.
func step2b(w *word) {
	if w.replaceSuffix(step2bSuffixes) {
		w.appendIfEnds(step2bEndings)
	}
}

var (
	step2bSuffixes = suffixes("εδεσ εδων")
	step2bEndings  = among("εδ", "οπ ιπ εμπ υπ γηπ δαπ κρασπ μιλ")
)

// step2c removes the plurals in -ούδες, keeping ουδ after a few endings.
func step2c(w *word) {
	if w.replaceSuffix(step2cSuffixes) {
		w.appendIfEnds(step2cEndings)
	}
}

var (
	step2cSuffixes = suffixes("ουδεσ ουδων")
	step2cEndings  = among("ουδ", "αρκ καλιακ πεταλ λιχ πλεξ σκ σ φλ φρ βελ λουλ χν σπ τραγ φε")
)

// step2d removes the genitives in -εως and -εων.
func step2d(w *word) {
	if w.removeSuffix(step2dSuffixes) {
		w.appendIfWhole(step2dExceptions)
	}
}

var (
	step2dSuffixes   = suffixes("εωσ εων")
	step2dExceptions = among("ε", "θ δ ελ γαλ ν π ιδ παρ")
)

// step3 removes -ια, -ιου, -ιων, keeping the ι after a vowel.
func step3(w *word) {
	if !w.removeSuffix(step3Suffixes) {
		return
	}
	w.ket, w.bra = w.c, w.c
	if w.precededBy(vowels) {
		w.replace("ι")
	}
}

var step3Suffixes = suffixes("ια ιου ιων")

// step4 removes the adjective endings -ικα, -ικο, -ικου, -ικων, keeping
// ικ after a vowel and after a few stems.
func step4(w *word) {
	if w.removeSuffix(step4Suffixes) {
		w.vowelOrWhole(vowels, "ικ", step4Exceptions)
	}
}

var (
	step4Suffixes   = suffixes("ικα ικο ικου ικων")
	step4Exceptions = among("ικ", "αλ αδ ενδ αμαν αμμοχαλ ηθ ανηθ αντιδ φυσ βρωμ γερ εξωδ καλπ καλλιν καταδ "+
		"μουλ μπαν μπαγιατ μπολ μποσ νιτ ξικ συνομηλ πετσ πιτσ πικαντ πλιατσ ποστελν πρωτοδ σερτ "+
		"συναδ τσαμ υποδ φιλον φυλοδ χασ")
)

// vowelOrWhole is greek.sbl's `([] v <- X) or [] substring atlimit among
// (...)` of steps 4 and 5b. Snowball's `or` binds tighter than a sequence,
// so the reference reads `(([] v <- X) or [) ] substring atlimit among`:
// after appending X behind a final vowel it still looks up the word
// without that vowel and, when it is an exception, puts the exception's
// ending in place of the vowel too (αλαικα → αλικικ). We do the same.
func (w *word) vowelOrWhole(vowelSet, x string, exceptions *table) {
	w.ket, w.bra = w.c, w.c
	if w.precededBy(vowelSet) {
		w.replace(x)
	}
	w.whole(exceptions)
}
