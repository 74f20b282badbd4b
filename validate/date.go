package validate

import (
	"fmt"
	"strconv"
	"strings"
)

var monthNames = []string{"January", "February", "March", "April", "May", "June",
	"July", "August", "September", "October", "November", "December"}

// dateLabel is a parsed date line. err is set when the line looks like a
// date but is not a valid "Mon D" label.
type dateLabel struct {
	month, day int
	err        string
}

// parseDate recognizes a date line. It returns ok for anything that looks
// like one ("Mar 14", "march 14", "Mar 34", "Mar 14, 2024"), with d.err set
// unless the line is exactly a valid listing label: a three-letter month
// name, one space and a day without a leading zero.
func parseDate(s string) (d dateLabel, ok bool) {
	if len(s) > len("September 30, 2024") {
		return d, false // most paragraphs; spare them the split
	}
	fields := strings.Fields(s)
	if len(fields) < 2 || len(fields) > 3 {
		return d, false
	}
	d.month = monthNumber(fields[0])
	day, err := strconv.Atoi(strings.TrimSuffix(fields[1], ","))
	if d.month == 0 || err != nil || day < 0 {
		return d, false
	}
	d.day = day
	canonical := fmt.Sprintf("%s %d", monthNames[d.month-1][:3], day)
	switch {
	case day < 1 || day > daysIn(d.month, 2024): // 2024 is a leap year: Feb 29 is a label
		d.err = fmt.Sprintf("impossible date %q: %s has %d days", s, monthNames[d.month-1], daysIn(d.month, 2024))
	case s != canonical:
		d.err = fmt.Sprintf("date line %q is not in the listing's form; write it as %q", s, canonical)
	}
	return d, true
}

// isDateLike reports whether s is a date line, valid or not.
func isDateLike(s string) bool {
	_, ok := parseDate(s)
	return ok
}

// monthNumber returns 1 to 12 for a month name or its three-letter
// abbreviation, in any case, and 0 for anything else.
func monthNumber(s string) int {
	for i, name := range monthNames {
		if len(s) >= 3 && (strings.EqualFold(s, name) || strings.EqualFold(s, name[:3])) {
			return i + 1
		}
	}
	return 0
}

// daysIn returns the number of days of a month (1 to 12) in a year.
func daysIn(month, year int) int {
	switch month {
	case 2:
		if year%4 == 0 && (year%100 != 0 || year%400 == 0) {
			return 29
		}
		return 28
	case 4, 6, 9, 11:
		return 30
	}
	return 31
}
