package pack

// ValidID reports whether id is a valid pack, study or reference id:
// lowercase ASCII letters, digits, '.', '_' and '-', starting with a letter
// or digit.
func ValidID(id string) bool { return idPattern.MatchString(id) }
