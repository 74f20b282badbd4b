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
	year       int // the year the line gives, 0 for none
	err        string
}

// parseDate recognizes a date line. It returns ok for anything that looks
// like one ("Mar 14", "march 14", "Mar 34", "Mar 14, 2024", "14 Mar",
// "2024-03-14"), with d.err set unless the line is exactly a valid listing
// label: a three-letter month name, one space and a day without a leading
// zero. A date in another form gets one error that says how to write it.
func parseDate(s string) (d dateLabel, ok bool) {
	if len(s) > len("September 30, 2024") {
		return d, false // most paragraphs; spare them the split
	}
	fields := strings.Fields(s)
	var day int
	switch {
	case len(fields) == 1:
		month, dayOfMonth, isISO := isoDate(fields[0])
		if !isISO {
			return d, false
		}
		d.month, day = month, dayOfMonth
		d.year, _ = strconv.Atoi(fields[0][:4]) // isoDate checked the four digits
	case len(fields) == 2 || len(fields) == 3:
		if len(fields) == 3 && !isYear(fields[2]) {
			return d, false
		}
		if len(fields) == 3 {
			d.year, _ = strconv.Atoi(fields[2]) // isYear checked the four digits
		}
		monthField, dayField := fields[0], fields[1]
		if monthNumber(strings.TrimSuffix(monthField, ".")) == 0 {
			monthField, dayField = dayField, monthField // "14 Mar"
		}
		d.month = monthNumber(strings.TrimSuffix(strings.TrimSuffix(monthField, ","), "."))
		n, err := strconv.Atoi(strings.TrimSuffix(dayField, ","))
		if d.month == 0 || err != nil || n < 0 {
			return d, false
		}
		day = n
	default:
		return d, false
	}
	d.day = day
	canonical := fmt.Sprintf("%s %d", monthNames[d.month-1][:3], day)
	switch {
	case day < 1 || day > daysIn(d.month, 2024): // 2024 is a leap year: Feb 29 is a label
		d.err = fmt.Sprintf("impossible date %q: %s has %d days", s, monthNames[d.month-1], daysIn(d.month, 2024))
	case s != canonical && d.year != 0:
		// The year must not be lost: it belongs to --year.
		d.err = fmt.Sprintf("date line %q is not in the listing's form; write it as %q and give its year with --year %d", s, canonical, d.year)
	case s != canonical:
		d.err = fmt.Sprintf("date line %q is not in the listing's form; write it as %q", s, canonical)
	}
	return d, true
}

// isoDate parses the month and day of "2024-03-14" or "2024/03/14".
func isoDate(s string) (month, day int, ok bool) {
	if len(s) != len("2024-03-14") || s[4] != s[7] || (s[4] != '-' && s[4] != '/') || !isYear(s[:4]) {
		return 0, 0, false
	}
	month, errM := strconv.Atoi(s[5:7])
	day, errD := strconv.Atoi(s[8:])
	if errM != nil || errD != nil || month < 1 || month > 12 || day < 0 {
		return 0, 0, false
	}
	return month, day, true
}

// isYear reports whether s is a four-digit year.
func isYear(s string) bool {
	n, err := strconv.Atoi(s)
	return err == nil && len(s) == 4 && n >= 1000
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
