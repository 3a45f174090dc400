package chat

// Response is what a handler answers, in neutral form: bot/ renders it as
// Block Kit, the console as plain text. Text is always set; it is the
// notification text in Slack and the whole answer where blocks cannot show.
type Response struct {
	Text      string
	Blocks    []Block
	Ephemeral bool     // only the requesting user sees it
	InThread  bool     // answer in a thread of the request's message
	Modal     *Modal   // open this modal (needs the request's trigger)
	Files     []Upload // upload these to the conversation
	Replace   bool     // replace the message the action came from
	Home      bool     // publish Blocks as the user's Home tab instead of posting
	// DeliveryKey names the reminder or digest delivery a posted message
	// is; it travels in the message's metadata, so that after a crash the
	// sender can tell whether Slack has the message.
	DeliveryKey string
}

// Block is one element of a message: Header, Section, Context, Divider or Actions.
type Block interface{ block() }

// Header is a large title line.
type Header struct{ Text string }

// Section is a paragraph of mrkdwn text with optional two-column fields.
type Section struct {
	Text   string
	Fields []string
}

// Context is a line of small print: sources, dates, who did what.
type Context struct{ Elements []string }

// Divider is a horizontal rule.
type Divider struct{}

// Actions is a row of buttons.
type Actions struct {
	ID      string
	Buttons []Button
}

// Button is a clickable action. ActionID routes the click to a handler;
// Value carries the record it acts on. A URL button opens a link instead.
type Button struct {
	Text     string
	ActionID string
	Value    string
	URL      string
	Style    string // "", "primary" or "danger"
}

func (Header) block()  {}
func (Section) block() {}
func (Context) block() {}
func (Divider) block() {}
func (Actions) block() {}

// Upload is a file to share, e.g. a CSV export.
type Upload struct {
	Name    string
	Title   string
	Content []byte
}

// Modal is a form. CallbackID routes its submission; Metadata carries
// state (such as the protocol number being edited) to the submission.
type Modal struct {
	CallbackID string
	Title      string // ≤24 characters
	Submit     string
	Close      string
	Metadata   string
	Notes      []string // lines of small print above the inputs, in mrkdwn
	Inputs     []Input
}

// InputKind is the kind of field in a modal.
type InputKind int

// The kinds of input.
const (
	TextInput InputKind = iota
	LongTextInput
	DateInput
	SelectInput
	UserInput
	// ChannelInput picks one channel; its value is the channel id (C…,
	// G…). Where there is no picker (the console) it is typed.
	ChannelInput
	// UsersInput picks any number of users; its value is their ids
	// joined by commas, as Initial gives them. The console types them.
	UsersInput
)

// Input is one field of a modal. ID is the key of its value on submission.
type Input struct {
	ID          string
	Label       string
	Hint        string
	Placeholder string
	Initial     string
	Kind        InputKind
	Optional    bool
	Options     []Option // for SelectInput
}

// Option is one choice of a select.
type Option struct {
	Value string
	Label string
}
