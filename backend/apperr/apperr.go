// Package apperr defines errors with stable codes. The code is the key the
// frontend translates (src/i18n/locales/*.json, under "errors"), so a code,
// once shipped, is never renamed.
package apperr

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"syscall"
)

// Error is an error a user may see. Code is stable and doubles as the i18n
// key; Params fill the placeholders of the translated message; Field names the
// form field the error belongs to, when there is one.
type Error struct {
	Code   string         `json:"code"`
	Field  string         `json:"field,omitempty"`
	Params map[string]any `json:"params,omitempty"`
	// Message is an English fallback for logs and the command line.
	Message string `json:"message"`
	cause   error
}

func (e *Error) Error() string {
	if e.cause != nil {
		return e.Message + ": " + e.cause.Error()
	}
	return e.Message
}

// Unwrap returns the underlying cause, if any.
func (e *Error) Unwrap() error { return e.cause }

// New returns an error with a code and an English message.
func New(code, message string) *Error {
	return &Error{Code: code, Message: message}
}

// Invalid returns a validation error for one field.
func Invalid(code, field, message string) *Error {
	return &Error{Code: code, Field: field, Message: message}
}

// With returns a copy of e carrying one more placeholder parameter.
func (e *Error) With(key string, value any) *Error {
	c := *e
	c.Params = make(map[string]any, len(e.Params)+1)
	for k, v := range e.Params {
		c.Params[k] = v
	}
	c.Params[key] = value
	return &c
}

// Wrap returns a copy of e that keeps cause for errors.Is/As and logs.
func (e *Error) Wrap(cause error) *Error {
	c := *e
	c.cause = cause
	return &c
}

// Reasons a file operation failed, sent as the "reason" param by WithCause.
// The window says each in the user's language (errors.reasons.<reason>);
// the system's own text, in English and with full paths, goes only into the
// "detail" param, which the window shows on a separate details line.
const (
	ReasonNotFound    = "not_found"
	ReasonPermission  = "permission"
	ReasonNoSpace     = "no_space"
	ReasonIsDirectory = "is_directory"
	ReasonReadOnly    = "read_only"
)

// ReasonOf classifies a file-system error for people: one of the Reason
// constants, or "" when the error is none of them.
func ReasonOf(err error) string {
	switch {
	case err == nil:
		return ""
	case errors.Is(err, fs.ErrNotExist):
		return ReasonNotFound
	case errors.Is(err, fs.ErrPermission):
		return ReasonPermission
	case errors.Is(err, syscall.ENOSPC):
		return ReasonNoSpace
	case errors.Is(err, syscall.EISDIR):
		return ReasonIsDirectory
	case errors.Is(err, syscall.EROFS):
		return ReasonReadOnly
	}
	return ""
}

// WithCause returns a copy of e that wraps cause and carries its text as the
// "detail" param (for the details line and the command line) and, when it
// is a common file-system failure, its reason as the "reason" param, so the
// message itself can be said in the user's language.
func (e *Error) WithCause(cause error) *Error {
	c := e.With("detail", cause.Error())
	if r := ReasonOf(cause); r != "" {
		c = c.With("reason", r)
	}
	return c.Wrap(cause)
}

// Common codes used across domains.
const (
	CodeInternal = "internal"
	CodeNotFound = "not_found"
)

// Internal wraps an unexpected error so the user sees a generic, translated
// message while the cause stays in the log.
func Internal(cause error) *Error {
	return &Error{Code: CodeInternal, Message: "something went wrong", cause: cause}
}

// As returns err as an *Error, wrapping unknown errors as internal ones.
func As(err error) *Error {
	if err == nil {
		return nil
	}
	var e *Error
	if errors.As(err, &e) {
		return e
	}
	return Internal(err)
}

// Code returns the stable code of err ("" for nil).
func Code(err error) string {
	if err == nil {
		return ""
	}
	return As(err).Code
}

// JSON renders err as the object the frontend receives when a bound call
// rejects: {"code":…, "field":…, "params":…, "message":…}.
func JSON(err error) string {
	e := As(err)
	b, mErr := json.Marshal(e)
	if mErr != nil {
		return fmt.Sprintf(`{"code":%q,"message":%q}`, CodeInternal, err.Error())
	}
	return string(b)
}
