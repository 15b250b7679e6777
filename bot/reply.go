package bot

// Reply is what a handler answers. Adapters render it: Block Kit on Slack,
// content+embeds+components on Discord, plain text on the console.
type Reply struct {
	Title string // short header, optional
	// Text is the main body in the neutral format (text.go): plain text
	// with the bot's *bold*, _italic_, `code` and Link; what others wrote
	// goes in wrapped with Esc. Adapters render it to their markup.
	Text    string
	Fields  []Field // label/value pairs (two columns where the platform can)
	Items   []Item  // list rows, each with its own buttons (gathering lists)
	Context string  // small print: source, date, totals
	Buttons []Button
	// Form asks the adapter to open an interactive form (Slack/Discord modal).
	// The console prints the usage instead.
	Form *Form
	// Private replies are shown only to the asker (ephemeral).
	Private bool
	// Replace asks the adapter to update the message the button was on,
	// instead of posting a new one (RSVP list after a click).
	Replace bool
	// Files are attachments (data export, mine-data).
	Files []File
	// Notices are messages to other people or places (an answer to the user
	// who asked a question earlier). Adapters deliver them through a Poster.
	Notices []Notice
	// Mention is the id of a user on the reply's platform whom the message
	// is for and who should be notified ("your question was answered").
	// Adapters write the mention themselves: mention syntax in Text is
	// escaped like everything else others wrote.
	Mention string
	// Error is set when the request failed; Text then holds the message.
	Error *Error
	// Lang the reply is written in.
	Lang Lang
}

// Field is a label and a value.
type Field struct {
	Label string
	Value string
}

// Item is one row of a list: a line of text with its own buttons.
type Item struct {
	Text    string
	Buttons []Button
}

// Button runs a command line as the user who clicks it. Encoding the action
// as a command line ("/rsvp 3 ja") means a click takes exactly the same path,
// validation and storage as typing it, on every platform.
type Button struct {
	Label   string
	Command string // e.g. "/rsvp 3 ja" or "/kulturbot stemme 12 opp"
	Style   string // "", "primary" or "danger"
}

// Form describes a modal: the fields to ask for and the command to run
// with the submitted values (as Request.Form).
type Form struct {
	ID      string // stable id, also the command it submits to ("interesse")
	Command string // command that receives the values
	Text    string // command text to keep (e.g. "logg" or "3" for /rsvp 3)
	Title   string
	Submit  string
	Fields  []FormField
}

// FormField is one input of a Form.
type FormField struct {
	Name        string // argument key the value is submitted as
	Label       string
	Kind        FieldKind
	Options     []Option // for FieldSelect
	Optional    bool
	Placeholder string
	Initial     string
	Min, Max    int // for FieldNumber
}

// FieldKind is the kind of input a FormField needs.
type FieldKind string

// Form field kinds.
const (
	FieldText      FieldKind = "text"
	FieldMultiline FieldKind = "multiline"
	FieldSelect    FieldKind = "select"
	FieldDate      FieldKind = "date"
	FieldNumber    FieldKind = "number"
)

// Option is one choice of a select field.
type Option struct {
	Label string
	Value string
}

// File is an attachment.
type File struct {
	Name    string
	Type    string // MIME type
	Content []byte
}

// Notice is a message for someone other than the asker, or somewhere else.
type Notice struct {
	Platform Platform
	Channel  string
	Thread   string
	UserID   string // when set and Channel is empty: a direct message
	Reply    Reply
}

// Text is a shorthand for a plain reply.
func Text(s string) Reply { return Reply{Text: s} }

// Privatef is a shorthand for a private plain reply.
func PrivateText(s string) Reply { return Reply{Text: s, Private: true} }
