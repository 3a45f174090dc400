// Package chat is the neutral message model: the requests users send
// (commands, forms, buttons, messages addressed to the bot) and the
// answers Proxenos gives (text, blocks, modals, files). bot/ renders them
// as Slack's Block Kit and the console as text; handlers and the
// scheduler make them without knowing either.
package chat
