// Package bot is the Slack adapter of Proxenos. It receives Slack traffic
// (signed HTTP requests or Socket Mode envelopes), acknowledges it at once,
// turns it into calls on a Dispatcher, and renders the neutral
// chat.Response as Block Kit. It never decides what a command does.
//
// # Acknowledge first
//
// Slack wants every command, action and submission acknowledged within
// 3 s. Bot answers HTTP 200 (or the Socket Mode ack) before any handler
// runs; the handler then runs in a goroutine that Shutdown waits for, with
// WorkTimeout as its bound. The one exception is a modal submission,
// whose validation errors must travel in the acknowledgement: its handler
// runs first, within SubmissionTimeout (2.5 s), and if it overruns, the
// modal closes and the answer is posted when it is ready.
//
// At most MaxWork jobs (4 × GOMAXPROCS) run at once; the others wait their
// turn without using the CPU, so that acknowledgements are not slowed by
// the work of earlier requests. Nothing waiting is dropped, except when
// Shutdown's context ends first.
//
// # Repeats
//
// Slack retries an event it thinks was not received, and a user can
// double-click: Bot drops repeats, remembering them for 15 minutes (at
// most 10,000 of each kind). Events repeat by event_id; block actions by
// action_ts, user, action_id and message; a view submission by view id
// and hash while the first runs, and by view id alone once the first has
// closed the modal. A repeated submission gets the first one's
// acknowledgement. One that got field errors is forgotten, so that the
// corrected form goes through.
//
// Replicas behind a load balancer share Config.Receipts: a request this
// replica sees first is then claimed in the store, so that a repeat
// reaching another replica is dropped there. Events and actions are
// claimed after their acknowledgement, in their work slot; a view
// submission before it, within SubmissionTimeout, and a repeat of one
// that another replica received is answered with an empty 200, which
// closes the modal. Each claim waits at most ReceiptTimeout (500 ms); a
// store that fails or is slow lets the request through (fail open).
//
// A slash command or an interaction other than a view submission sent
// again over HTTP with the same signature, within the signature window,
// is a replay, refused with 401 before anything runs: it is kept in the
// intake under an id made of what its signature covers (see signedID).
//
// # Requests kept until answered
//
// With Config.Intake, a command, button press or shortcut is recorded in
// the store before its acknowledgement, and a form's answer before the
// acknowledgement closes the form. The answer is saved before it is
// delivered and the record closed after. RunIntake takes over what a
// replica that died (this one included, before a restart) acknowledged
// and left unanswered within the response_url's 30 minutes: a saved
// answer is delivered, anything else run again under the same request
// id; both say they come late. An answer the response_url refuses goes
// ephemerally to the channel, or to the user's DM; a saved one that
// cannot be delivered at all is left to recovery, and the user is never
// told to try again something that was done.
//
// # Where answers go
//
//   - A Response with a Modal opens it with the request's trigger_id.
//   - A command's or button's answer goes through its response_url:
//     ephemeral or in the channel, or in place of the message the button
//     is in when Replace is set; when the response_url refuses it, with
//     chat.postEphemeral, or in the user's DM.
//   - InThread answers in a thread (a new one under Text when the request
//     has no message), continuing over several messages instead of cutting
//     blocks past Slack's 50.
//   - A submission's answer goes to the channel the modal was opened from
//     (bot keeps it in the modal's private_metadata), or to the user's DM.
//   - Files are shared in the channel; an Ephemeral answer's files go to
//     the user's DM, since files cannot be ephemeral.
//
// A handler that panics is logged with its request id, and the user gets
// the short apology "error.panic" with that id; the process keeps serving.
//
// # Shortcuts
//
// Message and global shortcuts go through HandleAction with ActionID set
// to the shortcut's callback_id; for a message shortcut, Value is the
// text of the message it was used on, and Files, MessageTS and ThreadTS
// describe it. Their trigger_id can open a modal.
//
// # Answering early
//
// Commands, actions and events carry a chat.Replier: a handler doing
// slow work (a translation) posts a first message and updates it with
// chat.update as work goes on. A command's threaded reply becomes the
// parent its final InThread answer goes under. Bot also implements
// handlers.Conversations (FindMessage, Download) for reading shared files.
//
// # Many workspaces
//
// With Config.Installations, one Bot serves every workspace that
// installed Proxenos (distribution mode); without it, the one workspace
// of Config.Token, as before. In distribution mode:
//
//   - A command, interaction or event whose team_id (and enterprise_id,
//     within a grid) has no active installation is refused before its
//     acknowledgement and runs nothing: a command is answered, in Greek
//     and English, that Proxenos is not installed; the rest get an empty
//     200. A request that names no workspace is refused the same way.
//   - The team of a request is its signed payload's: the handlers'
//     context and every Web API call for it (answers, modals, Home tab,
//     files, users.info) use that workspace alone, with its own client,
//     cached and replaced when the installation's token changes (read
//     again every WorkspaceTTL, at once after Slack refuses a token, or
//     after ForgetWorkspace). Post, Update and FindDelivery take the
//     workspace from their context; one without is refused.
//   - app_uninstalled, and tokens_revoked naming bot tokens, stop the
//     workspace's work at once: its running jobs are cancelled, waiting
//     and recovered requests are finished unrun, further Web API calls
//     fail without reaching Slack, Active reports false (the scheduler
//     asks it), and the installation is marked uninstalled in the store.
//   - Fair sharing: a workspace's jobs hold at most MaxTeamWork of the
//     MaxWork slots (half by default), so that one busy municipality's
//     translations cannot keep another's commands waiting, and Web API
//     calls wait their turn per workspace and method (Pacing, after
//     Slack's tiers), so that a burst of one workspace never delays
//     another's reminder.
//
// # Languages
//
// Request.Lang is the user's Slack locale (users.info, remembered for
// LocaleTTL) when it is Greek or English, else Config.DefaultLang. The
// same call gives the name Bot.UserName returns (handlers.People), which
// exports show in place of user ids.
package bot
