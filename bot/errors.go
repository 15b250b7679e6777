package bot

import (
	"errors"
	"fmt"
)

// Code classifies an error for the edge (what to show, which status to use).
type Code string

// Error codes.
const (
	EInvalid   Code = "invalid"   // bad input; the message says how to fix it
	ENotFound  Code = "not_found" // no such record
	EConflict  Code = "conflict"  // clashes with stored state (duplicate, closed)
	EForbidden Code = "forbidden" // not allowed for this user
	ELimited   Code = "limited"   // rate limited
	EInternal  Code = "internal"  // our fault; details are logged, not shown
)

// Error is an error with a code and a message meant for people.
type Error struct {
	Code    Code
	Message string // shown to the user, in their language
	Field   string // form field at fault, for inline form errors
	Err     error  // underlying cause, logged only
	// Buttons offer the corrected command ("Mente du Fauske?"): a click
	// runs it as typed, so a refusal can be fixed without retyping.
	Buttons []Button
}

func (e *Error) Error() string {
	if e.Err != nil {
		return fmt.Sprintf("%s: %s: %v", e.Code, e.Message, e.Err)
	}
	return fmt.Sprintf("%s: %s", e.Code, e.Message)
}

func (e *Error) Unwrap() error { return e.Err }

// Errorf makes an *Error with a formatted message.
func Errorf(code Code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// FieldError makes an invalid-input error that points at a form field.
func FieldError(field, message string) *Error {
	return &Error{Code: EInvalid, Message: message, Field: field}
}

// Internal wraps an unexpected error; the user sees a generic message.
func Internal(err error) *Error {
	return &Error{Code: EInternal, Err: err}
}

// Coded is a typed error that knows its code but carries no words: the
// store's refusals (store.NotFoundError, ...) and the parser's (ArgsError).
// Handlers choose the words from the error's kind and the request's
// language; an error that reaches the router unworded gets its code's
// generic message.
type Coded interface {
	error
	ErrorCode() Code
}

// ErrorCode returns the code of err, EInternal for unknown errors and "" for nil.
func ErrorCode(err error) Code {
	if err == nil {
		return ""
	}
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	var c Coded
	if errors.As(err, &c) {
		return c.ErrorCode()
	}
	return EInternal
}

// ErrorMessage returns the message for people, or a generic one for the
// error's code in lang.
func ErrorMessage(err error, lang Lang) string {
	var e *Error
	if errors.As(err, &e) && e.Message != "" && e.Code != EInternal {
		return e.Message
	}
	switch code := ErrorCode(err); code {
	case EInvalid, ENotFound, EConflict, EForbidden, ELimited:
		return T(lang, "error."+string(code))
	}
	return T(lang, "error.internal")
}

// ErrorField returns the form field an error points at, if any.
func ErrorField(err error) string {
	var e *Error
	if errors.As(err, &e) {
		return e.Field
	}
	return ""
}
