package store

import (
	"fmt"
	"time"

	"github.com/kulturskoleradet/kulturbot/bot"
)

// The store's refusals are typed errors that carry no words: the handlers
// say them in the asker's language (handlers.storeErr). Each knows its code
// (bot.Coded), so one that reaches the router unworded is still classified
// right and shown with its code's generic message.

// What a NotFoundError or MissingError is about.
const (
	WhatGathering      = "gathering"
	WhatInterest       = "interest"
	WhatQuestion       = "question"
	WhatAnswer         = "answer"
	WhatMunicipality   = "municipality"
	WhatMunicipalities = "municipalities"
)

// NotFoundError: no record of the kind What with this ID (or Name). What
// is "" when the query did not say (sql.ErrNoRows from FormatError).
type NotFoundError struct {
	What string
	ID   int64
	Name string
	Err  error
}

func (e *NotFoundError) Error() string {
	if e.Name != "" {
		return fmt.Sprintf("no %s %q", e.What, e.Name)
	}
	return fmt.Sprintf("no %s #%d", e.What, e.ID)
}

func (e *NotFoundError) Unwrap() error { return e.Err }

// ErrorCode makes it a not-found error.
func (e *NotFoundError) ErrorCode() bot.Code { return bot.ENotFound }

// MissingError: a value that must be given is empty (the question, an
// answer's text, the municipalities of a registration).
type MissingError struct{ What string }

func (e *MissingError) Error() string { return "missing " + e.What }

// ErrorCode makes it an invalid-input error.
func (e *MissingError) ErrorCode() bot.Code { return bot.EInvalid }

// AlreadyAnsweredError: the question was answered before.
type AlreadyAnsweredError struct {
	ID         int64
	AnsweredAt time.Time
}

func (e *AlreadyAnsweredError) Error() string {
	return fmt.Sprintf("question #%d already answered", e.ID)
}

// ErrorCode makes it a conflict.
func (e *AlreadyAnsweredError) ErrorCode() bot.Code { return bot.EConflict }

// UnknownExportError: no export of this kind (ExportKinds lists them).
type UnknownExportError struct{ Kind string }

func (e *UnknownExportError) Error() string { return "unknown export " + e.Kind }

// ErrorCode makes it an invalid-input error.
func (e *UnknownExportError) ErrorCode() bot.Code { return bot.EInvalid }

// ConstraintError is a database constraint that refused a write:
// Duplicate for UNIQUE and PRIMARY KEY, otherwise a CHECK, NOT NULL or
// FOREIGN KEY (invalid values).
type ConstraintError struct {
	Duplicate bool
	Err       error
}

func (e *ConstraintError) Error() string { return "constraint: " + e.Err.Error() }

func (e *ConstraintError) Unwrap() error { return e.Err }

// ErrorCode makes a duplicate a conflict and any other constraint invalid input.
func (e *ConstraintError) ErrorCode() bot.Code {
	if e.Duplicate {
		return bot.EConflict
	}
	return bot.EInvalid
}

// Codes of the store's older typed refusals.

// ErrorCode makes it an invalid-input error.
func (e *BadNameError) ErrorCode() bot.Code { return bot.EInvalid }

// ErrorCode makes it a conflict.
func (e *ClosedError) ErrorCode() bot.Code { return bot.EConflict }

// ErrorCode makes it a forbidden error.
func (e *NotOwnerError) ErrorCode() bot.Code { return bot.EForbidden }

// ErrorCode makes it a conflict.
func (e *AlreadyWithdrawnError) ErrorCode() bot.Code { return bot.EConflict }

// ErrorCode makes it a conflict.
func (e *InRegionError) ErrorCode() bot.Code { return bot.EConflict }

// ErrorCode makes it a conflict.
func (e *RegionExistsError) ErrorCode() bot.Code { return bot.EConflict }

// ErrorCode makes it an invalid-input error.
func (e *TooFewError) ErrorCode() bot.Code { return bot.EInvalid }

// ErrorCode makes it a conflict.
func (e *AlreadyCancelledError) ErrorCode() bot.Code { return bot.EConflict }

// ErrorCode makes it an invalid-input error.
func (e *UnknownMunicipalityError) ErrorCode() bot.Code { return bot.EInvalid }

// ErrorCode makes it an invalid-input error.
func (e *AmbiguousMunicipalityError) ErrorCode() bot.Code { return bot.EInvalid }

// ErrorCode makes it a forbidden error.
func (e *OutOfRegionError) ErrorCode() bot.Code { return bot.EForbidden }

// ErrorCode makes it an invalid-input error.
func (e *NotUnlinkedError) ErrorCode() bot.Code { return bot.EInvalid }

// ErrorCode makes it an invalid-input error.
func (e *NationalGatheringError) ErrorCode() bot.Code { return bot.EInvalid }

// ErrorCode makes it a conflict.
func (e *AlreadyAllowedError) ErrorCode() bot.Code { return bot.EConflict }
