package bot

import (
	"context"
	"strconv"
	"strings"
	"time"

	"github.com/proxenos/proxenos"
	"github.com/proxenos/proxenos/chat"
	"github.com/slack-go/slack"
	"github.com/slack-go/slack/slackevents"
)

// The dispatch paths below are shared by HTTP and Socket Mode. Each takes
// a parsed payload and a channel that the transport closes once Slack has
// its acknowledgement; the work waits for it.

// command schedules a slash command, kept in Config.Intake before the
// acknowledgement (see keep). Its answer goes through the command's
// response_url, or opens a modal with its trigger.
func (b *Bot) command(cmd slack.SlashCommand, id string, acked <-chan struct{}) error {
	if err := b.admit(cmd.TeamID, cmd.EnterpriseID); err != nil {
		return err
	}
	to := target{User: cmd.UserID, Channel: cmd.ChannelID, ResponseURL: cmd.ResponseURL, TriggerID: cmd.TriggerID}
	text := commandText(cmd.Text)
	k, err := b.keep(keptCommand, cmd.TeamID, id, keptRequest{To: to, Command: cmd.Command, Text: text}, nil)
	if err != nil {
		return err
	}
	req := &chat.Request{ID: k.requestID(), Team: cmd.TeamID, User: cmd.UserID,
		Channel: cmd.ChannelID, Command: cmd.Command, Text: text}
	return b.startKept(b.commandJob(req, to, k), acked)
}

// commandJob is the job of a slash command: the kept request's id is
// the request's id, with which the handlers may recognise a repeat.
func (b *Bot) commandJob(req *chat.Request, to target, k *kept) job {
	return job{
		kind: "command", name: req.Command, id: req.ID, team: req.Team, user: req.User, to: to, kept: k,
		run: func(ctx context.Context, to *target) error {
			req.Lang, req.Replier = to.Lang, &replier{b: b, to: to}
			return b.answerKept(ctx, k, to, b.d.HandleCommand(ctx, req), req.Command)
		},
	}
}

// startKept starts j; a request refused at shutdown (Slack gets a 503,
// and the user an error) is not left to recovery.
func (b *Bot) startKept(j job, acked <-chan struct{}) error {
	err := b.start(j, acked)
	if err != nil {
		b.settle(j.kept, true)
	}
	return err
}

// interaction handles an interactivity payload. It returns what the
// acknowledgement must carry: nil, except for a view submission that
// shows field errors or replaces the modal. View submissions are the one
// case that runs handler work before the acknowledgement, since Slack
// wants their answer in it; SubmissionTimeout bounds that work.
func (b *Bot) interaction(cb *slack.InteractionCallback, id string, acked <-chan struct{}) (any, error) {
	if err := b.admit(cb.Team.ID, cb.Enterprise.ID); err != nil {
		return nil, err
	}
	switch cb.Type {
	case slack.InteractionTypeBlockActions:
		for i, a := range cb.ActionCallback.BlockActions {
			if err := b.action(cb, a, nth(id, i), acked); err != nil {
				return nil, err
			}
		}
	case slack.InteractionTypeViewSubmission:
		return b.submission(cb, acked), nil
	case slack.InteractionTypeMessageAction, slack.InteractionTypeShortcut:
		return nil, b.shortcut(cb, id, acked)
	}
	return nil, nil
}

// nth returns the id of the i-th action of a request named id: the
// request's own for the first, so that its replay is told there.
func nth(id string, i int) string {
	if id == "" || i == 0 {
		return id
	}
	return id + "." + strconv.Itoa(i)
}

// actionTarget is where the answer to a button or shortcut goes.
func actionTarget(cb *slack.InteractionCallback) target {
	channel := cb.Channel.ID
	if channel == "" {
		channel = cb.Container.ChannelID
	}
	return target{User: cb.User.ID, Channel: channel, ResponseURL: cb.ResponseURL, TriggerID: cb.TriggerID,
		MessageTS: cb.Container.MessageTs, ThreadTS: cb.Container.ThreadTs}
}

// action schedules a pressed button (or a changed select in a message).
// A Response with Replace updates the message the button is in. The same
// action delivered twice (same action_ts, user, action and message) is
// acknowledged and dropped.
func (b *Bot) action(cb *slack.InteractionCallback, a *slack.BlockAction, id string, acked <-chan struct{}) error {
	ts := a.ActionTs
	if ts == "" {
		ts = cb.ActionTs
	}
	var receipt string
	if ts != "" {
		key := ts + "/" + cb.User.ID + "/" + a.ActionID + "/" + cb.Container.MessageTs
		if !b.clicks.first(key, b.Now()) {
			b.log.Info("slack action repeated", "action_id", a.ActionID, "user", cb.User.ID, "action_ts", ts)
			return nil
		}
		receipt = receiptAction + key
	}
	to := actionTarget(cb)
	act := &chat.Action{Team: cb.Team.ID, User: cb.User.ID, Channel: to.Channel,
		ActionID: a.ActionID, Value: actionValue(*a), MessageTS: to.MessageTS, ThreadTS: to.ThreadTS}
	k, err := b.keep(keptAction, act.Team, id, keptRequest{To: to, Action: act}, nil)
	if err != nil {
		return err
	}
	act.ID = k.requestID()
	return b.startKept(b.actionJob(keptAction, act, to, receipt, k), acked)
}

// actionJob is the job of a button press or a shortcut (kind), answered
// through HandleAction.
func (b *Bot) actionJob(kind string, act *chat.Action, to target, receipt string, k *kept) job {
	return job{
		kind: kind, name: act.ActionID, id: act.ID, team: act.Team, user: act.User, to: to, receipt: receipt, kept: k,
		run: func(ctx context.Context, to *target) error {
			r := &replier{b: b, to: to}
			act.Lang, act.Replier, act.Forms = to.Lang, r, r
			return b.answerKept(ctx, k, to, b.d.HandleAction(ctx, act), "")
		},
	}
}

// shortcut schedules a message shortcut or a global shortcut. It goes
// through HandleAction with ActionID = the shortcut's callback_id; for a
// message shortcut, Value is the text of the message it was used on, and
// Files, MessageTS and ThreadTS describe it, so that the answer can go in
// its thread.
func (b *Bot) shortcut(cb *slack.InteractionCallback, id string, acked <-chan struct{}) error {
	to := actionTarget(cb)
	to.MessageTS, to.ThreadTS = cb.Message.Timestamp, cb.Message.ThreadTimestamp
	act := &chat.Action{Team: cb.Team.ID, User: cb.User.ID, Channel: to.Channel,
		ActionID: cb.CallbackID, Value: cb.Message.Text, Files: files(cb.Message.Files),
		MessageTS: to.MessageTS, ThreadTS: to.ThreadTS}
	k, err := b.keep(keptShortcut, act.Team, id, keptRequest{To: to, Action: act}, nil)
	if err != nil {
		return err
	}
	act.ID = k.requestID()
	return b.startKept(b.actionJob(keptShortcut, act, to, "", k), acked)
}

// actionValue reads the value of an interactive element.
func actionValue(a slack.BlockAction) string {
	switch a.Type {
	case "datepicker":
		return a.SelectedDate
	case "static_select", "external_select":
		return a.SelectedOption.Value
	case "users_select":
		return a.SelectedUser
	case "conversations_select":
		return a.SelectedConversation
	case "channels_select":
		return a.SelectedChannel
	case "multi_users_select":
		return strings.Join(a.SelectedUsers, ",")
	}
	return a.Value
}

// commaList splits a UsersInput's value into ids, leaving out blanks.
func commaList(s string) []string {
	var out []string
	for _, id := range strings.Split(s, ",") {
		if id = strings.TrimSpace(id); id != "" {
			out = append(out, id)
		}
	}
	return out
}

// submitted is what HandleSubmission gave back, or the panic it raised.
type submitted struct {
	resp   *chat.Response
	errs   chat.FieldErrors
	panick any
}

// submission submits a modal once. A repeat of a view submission — the
// same view id and hash while the first is running or after it replaced
// the modal, or the same view id once the first closed it — runs nothing
// and is acknowledged as the first was: a double-clicked submit stores
// one entry. A submission that got field errors is forgotten, so that
// the corrected form, which Slack sends with the same hash, goes through.
//
// With Config.Receipts, a submission this replica has not seen is then
// checked against the other replicas' receipts, within the submission's
// budget. A repeat of one another replica received gets an empty
// acknowledgement, which closes the modal: Slack allows a view
// submission to be acknowledged with an empty 200, and the first replica
// stores the entry and posts its answer. Only when the first one's
// field errors and the repeat's close race to Slack can the modal close
// on a refused form; the user then sees no confirmation and opens it
// again.
func (b *Bot) submission(cb *slack.InteractionCallback, acked <-chan struct{}) any {
	deadline := time.Now().Add(b.SubmissionTimeout)
	id := cb.View.ID
	if id == "" {
		return b.submit(cb, acked, deadline)
	}
	viewKey, hashKey := id, id+"/"+cb.View.Hash
	f, first := b.views.claim(b.Now(), hashKey, viewKey)
	if !first {
		return b.repeated(cb, f)
	}
	settled := false
	receipt := viewReceipt(cb.View)
	defer func() {
		if !settled { // submit panicked: let a repeat try again
			b.views.forget(hashKey)
			b.forget(cb.Team.ID, receipt)
			f.settle(nil)
		}
	}()
	ctx, cancel := context.WithDeadline(b.workCtx, deadline)
	elsewhere := !b.receive(ctx, cb.Team.ID, receipt)
	cancel()
	if elsewhere {
		// Whatever the first replica answers, this one remembers nothing:
		// a later submission of the view is asked about again.
		b.views.forget(hashKey)
		settled = true
		f.settle(nil)
		return nil
	}
	ack := b.submit(cb, acked, deadline)
	switch a := ack.(type) {
	case nil: // the modal is closed: any later submission of it is a repeat
		b.views.put(viewKey, f, b.Now())
	case *slack.ViewSubmissionResponse:
		if a.ResponseAction == slack.RAErrors {
			b.views.forget(hashKey)
			b.forget(cb.Team.ID, receipt)
		}
	}
	settled = true
	f.settle(ack)
	return ack
}

// repeated answers a repeated view submission with the first one's
// acknowledgement, once known within SubmissionTimeout; else it closes
// the modal, as the first one does when it overruns.
func (b *Bot) repeated(cb *slack.InteractionCallback, f *flight) any {
	b.log.Info("slack submission repeated", "name", cb.View.CallbackID, "user", cb.User.ID, "view_id", cb.View.ID)
	timer := time.NewTimer(b.SubmissionTimeout)
	defer timer.Stop()
	select {
	case <-f.done:
		return f.ack
	case <-timer.C:
		return nil
	}
}

// submit runs HandleSubmission until deadline (SubmissionTimeout after
// the request arrived) and returns the acknowledgement payload: field
// errors keep the modal open, a Response with a Modal replaces it,
// anything else closes it and the Response is posted to the channel the
// modal came from (or as a DM). A handler that overruns its budget has
// the modal closed and its answer posted when it is done.
func (b *Bot) submit(cb *slack.InteractionCallback, acked <-chan struct{}, deadline time.Time) any {
	begin := time.Now()
	meta := decodeMetadata(cb.View.PrivateMetadata)
	ctx, cancel := context.WithDeadline(b.workCtx, deadline)
	defer cancel()
	ctx = proxenos.NewContextWithTeam(ctx, cb.Team.ID)
	to := target{User: cb.User.ID, Channel: meta.Channel}
	to.Lang = b.lang(ctx, cb.Team.ID, to.User)
	sub := &chat.Submission{ID: newRequestID(), Team: cb.Team.ID, User: cb.User.ID, Channel: meta.Channel,
		Lang: to.Lang, CallbackID: cb.View.CallbackID, Metadata: meta.Metadata, Values: submissionValues(cb.View.State)}
	logDone := func(outcome string) {
		b.log.Info("slack request", "request_id", sub.ID, "kind", "submission", "name", sub.CallbackID,
			"user", sub.User, "team", sub.Team, "outcome", outcome, "elapsed", time.Since(begin))
	}

	// The handler runs in its own goroutine so that an overrun can be
	// abandoned to a follow-up job instead of blocking the acknowledgement.
	done := make(chan submitted, 1)
	if !b.track(func() {
		defer func() {
			if r := recover(); r != nil {
				done <- submitted{panick: r}
			}
		}()
		resp, errs := b.d.HandleSubmission(ctx, sub)
		done <- submitted{resp: resp, errs: errs}
	}) {
		logDone("refused")
		return nil
	}

	var s submitted
	select {
	case s = <-done:
	case <-ctx.Done():
		logDone("late")
		b.follow(sub, to, acked, done, nil)
		return nil
	}
	switch {
	case s.panick != nil:
		b.log.Error("slack request panicked", "request_id", sub.ID, "kind", "submission", "name", sub.CallbackID,
			"panic", s.panick, "stack", stack())
		logDone("panic")
		b.track(func() {
			<-acked
			b.apologize(proxenos.NewContextWithTeam(b.workCtx, sub.Team), &to, sub.ID)
		})
		return nil
	case len(s.errs) > 0:
		logDone("invalid")
		return slack.NewErrorsViewSubmissionResponse(s.errs)
	case s.resp != nil && s.resp.Modal != nil:
		view, err := renderModal(to.Lang, s.resp.Modal, meta.Channel)
		if err != nil {
			b.log.Error("slack modal render failed", "request_id", sub.ID, "err", err)
			logDone("error")
			return nil
		}
		logDone("ok")
		return slack.NewUpdateViewSubmissionResponse(&view)
	}
	logDone("ok")
	result := make(chan submitted, 1)
	result <- s
	b.follow(sub, to, acked, result, b.keepSubmitted(sub, to, s.resp))
	return nil
}

// keepSubmitted keeps, before the acknowledgement closes the form, the
// answer a submission will post, so that it is posted even if the
// process dies first: the entry is stored by now. Nil when there is
// nothing to post, or no store. A late answer is not kept: only the
// handler, still running, knows it.
func (b *Bot) keepSubmitted(sub *chat.Submission, to target, resp *chat.Response) *kept {
	if resp == nil {
		return nil
	}
	answer := saveAnswer(to.Lang, followUp(resp))
	if answer == nil {
		return nil
	}
	k, _ := b.keep(keptSubmission, sub.Team, "", keptRequest{To: to}, answer) // no error without an id
	if k != nil {
		sub.ID = k.id // the id the user may quote is the one recovery logs
	}
	return k
}

// followUp is the part of a submission's answer posted after the form
// closed: no modal, nothing to replace.
func followUp(resp *chat.Response) *chat.Response {
	out := *resp
	out.Modal, out.Replace = nil, false
	return &out
}

// follow delivers a submission's answer, from done, after the
// acknowledgement; k is its kept record, if any. During Shutdown the
// answer is dropped, and logged; a kept one is left to recovery.
func (b *Bot) follow(sub *chat.Submission, to target, acked <-chan struct{}, done <-chan submitted, k *kept) {
	err := b.start(job{
		kind: "submission.reply", name: sub.CallbackID, id: sub.ID, team: sub.Team, user: sub.User, to: to, kept: k,
		run: func(ctx context.Context, to *target) error {
			var s submitted
			select {
			case s = <-done:
			case <-ctx.Done():
				return ctx.Err()
			}
			if s.panick != nil {
				panic(s.panick)
			}
			if s.resp == nil || len(s.errs) > 0 {
				return nil // field errors can no longer be shown: the modal is closed
			}
			return b.answerKept(ctx, k, to, followUp(s.resp), "")
		},
	}, acked)
	if err != nil {
		b.log.Warn("slack submission answer dropped", "request_id", sub.ID, "err", err)
		b.release(k)
	}
}

// track runs fn in a goroutine that Shutdown waits for; it reports false,
// and does not run fn, once Shutdown has begun.
func (b *Bot) track(fn func()) bool {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.closing {
		return false
	}
	b.work.Add(1)
	go func() {
		defer b.work.Done()
		fn()
	}()
	return true
}

// event routes an Events API event to the EventHandler, once per event_id.
func (b *Bot) event(outer slackevents.EventsAPIEvent, acked <-chan struct{}) error {
	cb, ok := outer.Data.(*slackevents.EventsAPICallbackEvent)
	if !ok {
		return nil
	}
	if cb.EventID != "" && !b.seen.first(cb.EventID, b.Now()) {
		b.log.Info("slack event repeated", "event_id", cb.EventID, "type", outer.InnerEvent.Type)
		return nil
	}
	if err := b.admit(outer.TeamID, outer.EnterpriseID); err != nil {
		return err
	}
	if b.uninstalled(outer) {
		return nil
	}
	h := b.cfg.Events
	if h == nil {
		return nil
	}
	ev := &Event{ID: newRequestID(), Team: outer.TeamID}
	var to target
	var handle func(ctx context.Context) error
	reply := func(answer func(context.Context, *Event) *chat.Response) func(context.Context) error {
		return func(ctx context.Context) error { return b.deliver(ctx, &to, answer(ctx, ev)) }
	}
	switch e := outer.InnerEvent.Data.(type) {
	// Messages from bots, this one included, are ignored, so that two bots
	// cannot answer each other forever.
	case *slackevents.AppMentionEvent:
		if e.BotID != "" {
			return nil
		}
		ev.User, ev.Channel, ev.Text, ev.TS, ev.ThreadTS = e.User, e.Channel, e.Text, e.TimeStamp, e.ThreadTimeStamp
		ev.Files = files(e.Files)
		handle = reply(h.HandleMention)
	case *slackevents.AppHomeOpenedEvent:
		// The event also fires for the Messages tab, which has nothing to draw.
		if e.Tab != "home" {
			return nil
		}
		ev.User, ev.Channel = e.User, e.Channel
		handle = func(ctx context.Context) error { return b.publishHome(ctx, ev, h.HandleHomeOpened(ctx, ev)) }
	case *slackevents.MessageEvent:
		if e.BotID != "" || e.SubType != "file_share" || e.Message == nil || len(e.Message.Files) == 0 {
			return nil
		}
		ev.User, ev.Channel, ev.Text, ev.TS, ev.ThreadTS = e.User, e.Channel, e.Message.Text, e.TimeStamp, e.ThreadTimeStamp
		ev.Files = files(e.Message.Files)
		handle = reply(h.HandleFiles)
	default:
		return nil
	}
	to = target{User: ev.User, Channel: ev.Channel, MessageTS: ev.TS, ThreadTS: ev.ThreadTS}
	var receipt string
	if cb.EventID != "" {
		receipt = receiptEvent + cb.EventID
	}
	return b.start(job{
		kind: "event", name: outer.InnerEvent.Type, id: ev.ID, team: ev.Team, user: ev.User, to: to, receipt: receipt,
		run: func(ctx context.Context, t *target) error {
			ev.Lang, to.Lang = t.Lang, t.Lang
			ev.Replier = &replier{b: b, to: &to}
			return handle(ctx)
		},
	}, acked)
}

// uninstalled stops the work of a workspace that removed the app or
// revoked its bot token, in distribution mode, and reports whether outer
// said so. A revocation of users' tokens alone changes nothing: Bot
// uses none.
func (b *Bot) uninstalled(outer slackevents.EventsAPIEvent) bool {
	if !b.distributed() {
		return false
	}
	switch e := outer.InnerEvent.Data.(type) {
	case *slackevents.AppUninstalledEvent:
	case *slackevents.TokensRevokedEvent:
		if len(e.Tokens.Bot) == 0 {
			return false
		}
	default:
		return false
	}
	b.uninstall(outer.TeamID, outer.InnerEvent.Type)
	return true
}

// publishHome publishes resp's blocks as the Home tab of ev.User.
func (b *Bot) publishHome(ctx context.Context, ev *Event, resp *chat.Response) error {
	if resp == nil {
		return nil
	}
	view := renderHome(ev.Lang, resp)
	return b.retry(ctx, "views.publish", func(api *slack.Client) error {
		_, err := api.PublishViewContext(ctx, slack.PublishViewContextRequest{UserID: ev.User, View: view})
		return err
	})
}

// files converts Slack's file objects.
func files(in []slack.File) []File {
	var out []File
	for _, f := range in {
		out = append(out, File{ID: f.ID, Name: f.Name, Mimetype: f.Mimetype, Size: f.Size, URL: f.URLPrivateDownload, Email: email(f)})
	}
	return out
}

// email returns the e-mail an e-mail file forwarded to Slack holds; nil
// for any other file.
func email(f slack.File) *chat.Email {
	if f.Filetype != "email" && f.Mode != "email" {
		return nil
	}
	return &chat.Email{From: mailboxes(f.From), To: mailboxes(f.To), Cc: mailboxes(f.Cc), Subject: f.Subject,
		Date: f.Headers.Date, MessageID: f.Headers.MessageID, Text: f.PlainText}
}

func mailboxes(in []slack.EmailFileUserInfo) []chat.Mailbox {
	var out []chat.Mailbox
	for _, m := range in {
		out = append(out, chat.Mailbox{Name: m.Name, Address: m.Address})
	}
	return out
}
