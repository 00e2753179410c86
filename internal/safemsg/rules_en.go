package safemsg

import (
	"regexp"
	"strconv"
	"strings"
)

// Building blocks of the English patterns. Every pattern is matched case
// insensitively; \s+ lets a phrase run across a soft line break.
const (
	// num is a number in figures or words: "2", "1,200", "2.5", "two", "a few".
	num = `(?:\d+(?:[.,]\d+)*|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|a\s+few|a\s+couple\s+of|several|half\s+a)`
	// weightUnit is a unit of body weight.
	weightUnit = `(?:kg|kgs|kilos?|kilograms?|kilogrammes?|lbs?|pounds?|stones?|grams?|grammes?)`
	// gap is what may stand between a number and its unit: "2 kg", "2kg", "2-kg".
	gap = `\s*-?\s*`
	// sp is what stands between the words of a phrase: spaces (a soft line
	// break too) or a hyphen, with or without spaces around it, so that
	// "trouble-spots" is "trouble spots".
	sp = `(?:\s*-\s*|\s+)`
)

// phrase writes a pattern's words with sp between them: the words are
// regular expressions themselves ("areas?", "(?:problem|trouble)").
func phrase(words ...string) string { return strings.Join(words, sp) }

func en(expr string) *regexp.Regexp { return regexp.MustCompile(`(?i)` + expr) }

// english is the English rules table. docs/pack-format.md shows it; a test
// keeps the two in step.
var english = &Rules{Language: "en", rules: []*Rule{
	{
		ID:      "weight-target",
		What:    "weight-loss targets",
		Problem: "sets a weight-loss target",
		Instead: "describe habits and how people feel (moving more, sleeping well, eating regular meals), not amounts to lose",
		Breaks:  "Aim to lose 2 kg before the summer.",
		Passes:  "Diet plus exercise reduced weight in both groups.",
		patterns: []pattern{
			{re: en(`\b(?:lose|loses|losing|lost|drop|drops|dropping|dropped|shed|sheds|shedding|cut|cuts|cutting|melt|melts|melting|trim|trims|trimming|burn|burns|burning|get\s+rid\s+of|take\s+off|knock\s+off)\s+(?:up\s+to\s+|at\s+least\s+|about\s+|around\s+|over\s+|more\s+than\s+|another\s+|an?\s+extra\s+)?` +
				num + gap + `(?:(?:` + weightUnit + `|per\s?cent|dress\s+sizes?|clothes\s+sizes?|sizes?|inches|inch|cm)\b|%)`), need: []string{"los", "drop", "shed", "cut", "melt", "trim", "burn", "rid", "off"}, also: []string{"kg", "kilo", "lb", "pound", "stone", "gram", "%", "cent", "size", "inch", "cm"}},
			{re: en(`\b(?:lose|loses|losing|drop|drops|dropping|shed|sheds|shedding)\s+a\s+(?:stone|pound|kilo|dress\s+size|jeans\s+size|clothes\s+size|size)\b`), need: []string{"los", "drop", "shed"}},
			{re: en(`\b` + phrase(`(?:goal|target|ideal|dream)`, `(?:body`+sp+`)?weights?`) + `\b`), words: true, need: []string{"weight"}},
			{re: en(`\b` + phrase(`weight`, `loss`, `(?:goals?|targets?)`) + `\b`), words: true, need: []string{"weight"}},
			{re: en(`\b` + phrase(`(?:lose|shed|drop)`, `(?:the`+sp+`)?(?:weight|pounds|kilos|fat|belly`+sp+`fat)`, `(?:fast|quickly)`) + `\b`), words: true, need: []string{"fast", "quick"}},
		},
	},
	{
		ID:      "body-weight",
		What:    "body weights and body-size numbers",
		Problem: "gives a body weight or body size",
		Instead: "talk about health, strength and habits rather than numbers about bodies (study figures belong in a study's results)",
		Breaks:  "Most people in the class weighed over 90 kg.",
		Passes:  "Fat mass was measured with DXA.",
		patterns: []pattern{
			{re: en(`\b` + num + gap + weightUnit + `\b`), need: []string{"kg", "kilo", "lb", "pound", "stone", "gram"}},
			{re: en(`\bBMI\s*(?:of|over|under|above|below|at|is|was|=|:|>|<|≥|≤)?\s*(?:about\s+|around\s+)?\d+(?:[.,]\d+)?`), need: []string{"bmi"}, digits: 1},
			{re: en(`\b(?:dress|clothes|clothing|jeans|trouser|waist)\s+size\s+\d+`), need: []string{"size"}, digits: 1},
			{re: en(`\b\d+(?:[.,]\d+)?` + gap + `(?:cm|centimetres?|centimeters?|inch|inches)\s+(?:waist|hips?|thighs?|arms?)\b`), need: []string{"cm", "centimet", "inch"}, digits: 1},
			{re: en(`\b(?:waist|hips?|thighs?)\s+(?:of|measuring)\s+\d+`), need: []string{"waist", "hip", "thigh"}, digits: 1},
		},
	},
	{
		ID:      "calories",
		What:    "calorie figures and calorie targets",
		Problem: "gives a calorie figure or target",
		Instead: "talk about regular, satisfying meals and habits, not numbers of calories",
		Breaks:  "Keep to 1,200 calories a day.",
		Passes:  "Exercise uses energy from fat stored all over the body.",
		patterns: []pattern{
			{re: en(`\b\d+(?:[.,]\d+)*` + gap + `(?:k?cals?|kilocalories?|calories|calorie|kj|kilojoules?)\b`), need: []string{"cal", "kj", "kilojoule"}, digits: 1},
			{re: en(`\b` + phrase(`calorie`, `(?:deficits?|targets?|goals?|limits?|budgets?|allowances?|counting)`) + `\b`), words: true, need: []string{"calorie"}},
			{re: en(`\b` + phrase(`count(?:s|ing|ed)?`, `(?:(?:your|the|every)`+sp+`)?calories`) + `\b`), words: true, need: []string{"calories"}},
			{re: en(`\b` + phrase(`(?:cut|cuts|cutting|slash|slashing|restrict|restricting)`, `(?:(?:your|back`+sp+`on|down`+sp+`on)`+sp+`)?calories`) + `\b`), words: true, need: []string{"calories"}},
		},
	},
	{
		ID:      "body-part-label",
		What:    `labels for parts of the body ("problem areas", "trouble spots", "stubborn fat", "love handles")`,
		Problem: "labels part of the body as a problem",
		Instead: `name the place ("the abdomen", "the thighs") or say what was measured`,
		Breaks:  "These moves target your problem areas.",
		Passes:  "The trial measured fat on the abdomen and thighs.",
		patterns: []pattern{
			{re: en(`\b` + phrase(`(?:problem|trouble|troubled|problematic|stubborn)`, `(?:areas?|spots?|zones?|parts?|bits?)`) + `\b`), words: true, need: []string{"problem", "trouble", "stubborn"}},
			{re: en(`\b` + phrase(`stubborn`, `(?:fat|belly|pounds|kilos|flab)`) + `\b`), words: true, need: []string{"stubborn"}},
			{re: en(`\b(?:` + strings.Join([]string{
				phrase(`muffin`, `tops?`), phrase(`love`, `handles`), phrase(`(?:bingo|bat)`, `wings`), `saddle(?:` + sp + `)?bags`,
				phrase(`thunder`, `thighs`), `cankles`, phrase(`(?:jiggly|wobbly)`, `bits`), phrase(`spare`, `(?:tyres?|tires?)`),
				phrase(`(?:beer|pot)`, `bell(?:y|ies)`), phrase(`turkey`, `necks?`), phrase(`double`, `chins?`),
				phrase(`(?:bikini|beach)`, `body`), phrase(`beach`, `ready`), phrase(`flabby`, `\pL+`), `flab`,
			}, "|") + `)\b`), words: true, need: []string{"muffin", "love", "wing", "saddle", "thunder", "cankle", "jiggly", "wobbly", "spare", "bell", "turkey", "chin", "bikini", "beach", "flab"}},
		},
	},
	{
		ID:      "before-after",
		What:    "before-and-after framing",
		Problem: "frames bodies as before and after",
		Instead: "describe what changed in health or habits, or what the study measured",
		Breaks:  "Share your before-and-after photos with the group.",
		Passes:  "Fat was measured before and after the programme.",
		patterns: []pattern{
			{re: en(`\bbefore\s*(?:-\s*and\s*-|/|&|-n-|-)\s*after\b`), words: true, need: []string{"after"}},
			{re: en(`\b` + phrase(`before`, `(?:and|&|n)`, `after`, `(?:photos?|photographs?|pictures?|pics?|images?|shots?|selfies?|comparisons?|transformations?|bodies|body|looks?)`) + `\b`), words: true, need: []string{"after"}},
			{re: en(`\b` + phrase(`(?:transformation|progress)`, `(?:photos?|photographs?|pictures?|pics?|shots?|selfies?)`) + `\b`), words: true, need: []string{"photo", "pic", "shot", "selfie"}},
		},
	},
	{
		ID:        "phone-number",
		What:      "phone numbers (helplines go stale in an offline pack)",
		Problem:   "looks like a phone number",
		Instead:   `numbers change and the pack is read offline, so say who to contact ("your doctor or GP", "local emergency services")`,
		Breaks:    "Call the helpline on 0800 123 4567.",
		Passes:    "The trial ran from 2007-2011 and enrolled 104 people.",
		QuotedToo: true,
		patterns: []pattern{
			{re: regexp.MustCompile(`\+?(?:\(\d{1,5}\)[ .-]?)?\d{2,5}(?:[ .-]\d{2,5}){1,4}`), accept: phoneLike, digits: 7},
			{re: regexp.MustCompile(`(?i:\b(?:call|calling|phone|ring|dial|text|txt|telephone|tel|helpline|hotline|freephone))\b(?:[ \t]+(?:(?i:us|them|on|at|to|free|now|the|line|number|is))|[ \t]+[A-Z]{2,})*[ \t]*:?[ \t]*(?:\+\d{1,3}|\d{3,})(?:[ .-]\d{2,})*`), need: []string{"call", "phone", "ring", "dial", "text", "txt", "tel", "line"}, digits: 3},
		},
	},
}}

var (
	isoDate   = regexp.MustCompile(`^\d{4}-\d{2}-\d{2}$`)
	dottedDMY = regexp.MustCompile(`^\d{1,2}\.\d{1,2}\.\d{2,4}$`)
	digitRun  = regexp.MustCompile(`\d+`)
)

// phoneLike decides whether a run of digit groups is a phone number and
// not a date, a range, a version or a large number.
func phoneLike(src string, start, end int) bool {
	// Part of a longer token: a version, a DOI, a decimal, an identifier.
	if start > 0 && strings.ContainsAny(src[start-1:start], "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ_./\\=") {
		return false
	}
	if end < len(src) && strings.ContainsAny(src[end:end+1], "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ_/%") {
		return false
	}
	if end+1 < len(src) && src[end] == '.' && src[end+1] >= '0' && src[end+1] <= '9' {
		return false
	}
	s := src[start:end]
	groups := digitRun.FindAllString(s, -1)
	digits := 0
	for _, g := range groups {
		digits += len(g)
	}
	if digits < 7 || digits > 15 {
		return false
	}
	if isoDate.MatchString(s) || dottedDMY.MatchString(s) {
		return false
	}
	if strings.HasPrefix(s, "+") || strings.HasPrefix(s, "(") {
		return true
	}
	seps := strings.Map(func(r rune) rune {
		if r >= '0' && r <= '9' {
			return -1
		}
		return r
	}, s)
	if len(groups) == 2 {
		// "10.1152" is a decimal; "1861-1871" and "2007 2011" are ranges or lists.
		if seps == "." {
			return false
		}
		a, _ := strconv.Atoi(groups[0])
		b, _ := strconv.Atoi(groups[1])
		if groups[0][0] != '0' && a < b {
			return false
		}
	}
	// Years in a row: "2006 2007 2011".
	years := true
	for _, g := range groups {
		y, _ := strconv.Atoi(g)
		years = years && len(g) == 4 && y >= 1800 && y <= 2199
	}
	if years {
		return false
	}
	// A large number with spaces between its thousands: "1 000 000".
	if groups[0][0] != '0' && len(groups[0]) <= 3 && strings.Trim(seps, " ") == "" {
		thousands := true
		for _, g := range groups[1:] {
			thousands = thousands && len(g) == 3
		}
		if thousands {
			return false
		}
	}
	return true
}
