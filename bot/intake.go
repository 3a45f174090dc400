package bot

import (
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"time"

	"github.com/slack-go/slack"

	"github.com/proxenos/proxenos"
	"github.com/proxenos/proxenos/chat"
	"github.com/proxenos/proxenos/i18n"
)

// Kinds of kept requests, as recorded.
const (
	keptCommand    = "command"
	keptAction     = "action"
	keptShortcut   = "shortcut"
	keptSubmission = "submission"
)

// Recovery of kept requests. A response_url takes 5 posts within 30
// minutes: the first delivery and two recoveries use at most 3.
const (
	responseURLTTL  = 30 * time.Minute
	maxKeptAttempts = 3
	recoverBatch    = 50
)

// kept is a request recorded in Config.Intake: the job that runs it
// closes the record when done, or releases it for recovery.
type kept struct {
	id   string
	team string
	// delayed: the request is run or answered by recovery, late.
	delayed bool
	// saved: its answer was saved before delivery (Done); a delivery that
	// fails then leaves it to recovery instead of telling the user
	// anything more.
	saved bool
}

// keptRequest is what a record's payload holds: enough to run the
// request again, and to answer it where the first run would have.
type keptRequest struct {
	To      target       `json:"to"`
	Command string       `json:"command,omitempty"`
	Text    string       `json:"text,omitempty"`
	Action  *chat.Action `json:"action,omitempty"`
}

// savedAnswer is an answer as saved before its delivery: the message as
// rendered, so that recovery delivers it without running the handler.
type savedAnswer struct {
	Text      string       `json:"text"`
	Blocks    slack.Blocks `json:"blocks"`
	Ephemeral bool         `json:"ephemeral,omitempty"`
	Replace   bool         `json:"replace,omitempty"`
}

// keep records a request before its acknowledgement, in Config.Intake,
// under id (see signedID), or a new id when id is empty, and returns it;
// nil without a store. The one error is errReplayed: a request kept
// under id before. Like receive it fails open: when the store errs or
// does not answer within IntakeTimeout the request is acknowledged and
// run all the same, unkept, and a warning is logged. A request that
// would then be lost only if the process also died is better than one
// refused now: the store being down, the handler will most likely
// answer that it is unavailable.
func (b *Bot) keep(kind, team, id string, req keptRequest, answer []byte) (*kept, error) {
	if b.cfg.Intake == nil {
		return nil, nil
	}
	payload, err := json.Marshal(req)
	if err != nil {
		b.log.Error("slack request not kept", "kind", kind, "err", err)
		return nil, nil
	}
	rec := &proxenos.Intake{ID: cmp.Or(id, newRequestID()), User: req.To.User, Channel: req.To.Channel, Kind: kind,
		Payload: payload, ResponseURL: req.To.ResponseURL, ReceivedAt: b.Now(), Holder: b.holder, Answer: answer}
	ctx, cancel := context.WithTimeout(proxenos.NewContextWithTeam(b.workCtx, team), b.IntakeTimeout)
	defer cancel()
	err = errStoreResting
	if b.storeAnswers() {
		err = b.cfg.Intake.Accept(ctx, rec)
		b.storeFailed(err)
	}
	switch {
	case id != "" && proxenos.ErrorCode(err) == proxenos.ECONFLICT:
		b.log.Warn("slack request replayed; refused", "kind", kind, "team", team, "request_id", id)
		return nil, errReplayed
	case err != nil:
		b.log.Warn("slack request not kept; handling it all the same", "kind", kind, "team", team,
			"code", proxenos.ErrorCode(err), "err", err)
		return nil, nil
	}
	return &kept{id: rec.ID, team: team, saved: answer != nil}, nil
}

// requestID is the id of a kept request, else a new one.
func (k *kept) requestID() string {
	if k == nil {
		return newRequestID()
	}
	return k.id
}

// answerKept saves resp as the answer of k (when it is a message: a
// modal or a Home tab cannot be shown again later), then delivers it,
// with a word on the delay when recovery runs it.
func (b *Bot) answerKept(ctx context.Context, k *kept, to *target, resp *chat.Response, name string) error {
	if k == nil || resp == nil {
		return b.deliver(ctx, to, resp)
	}
	if saved := saveAnswer(to.Lang, resp); saved != nil && !k.saved {
		err := b.intake(ctx, k, "save answer", func(ctx context.Context) error { return b.cfg.Intake.Done(ctx, k.id, saved) })
		k.saved = err == nil
	}
	if k.delayed {
		resp = delayedResponse(to.Lang, name, resp)
	}
	return b.deliver(ctx, to, resp)
}

// saveAnswer renders the message part of resp for Done; nil when resp
// is a modal or a Home tab, or has nothing to say.
func saveAnswer(lang i18n.Lang, resp *chat.Response) []byte {
	if resp.Modal != nil || resp.Home || (resp.Text == "" && len(resp.Blocks) == 0) {
		return nil
	}
	a := savedAnswer{Text: truncate(resp.Text, maxMessageText), Ephemeral: resp.Ephemeral, Replace: resp.Replace,
		Blocks: slack.Blocks{BlockSet: renderBlocks(lang, resp.Blocks, maxMessageBlocks)}}
	out, err := json.Marshal(a)
	if err != nil {
		return nil
	}
	return out
}

// delayedResponse returns resp with a first line saying it comes late.
func delayedResponse(lang i18n.Lang, name string, resp *chat.Response) *chat.Response {
	late := *resp
	note := delayedNote(lang, name)
	late.Text = note + "\n" + resp.Text
	if len(resp.Blocks) > 0 {
		late.Blocks = append([]chat.Block{chat.Context{Elements: []string{note}}}, resp.Blocks...)
	}
	return &late
}

// delayedNote is the word on the delay: the command it answers, when
// it answers one (its name only: the text typed is not echoed).
func delayedNote(lang i18n.Lang, name string) string {
	if name != "" && name[0] == '/' {
		return i18n.T(lang, "bot.delayed.command", name)
	}
	return i18n.T(lang, "bot.delayed")
}

// settle ends the record of a job whose work is over: closed, or, when
// its saved answer could not be delivered, released, so that recovery
// delivers it (on this replica or another) instead of the user being
// told to try again something that was done.
func (b *Bot) settle(k *kept, delivered bool) {
	if k == nil {
		return
	}
	ctx, cancel := context.WithTimeout(context.WithoutCancel(b.workCtx), b.IntakeTimeout)
	defer cancel()
	if !delivered && k.saved {
		b.log.Warn("slack answer not delivered; left to recovery", "request_id", k.id, "team", k.team)
		_ = b.intake(ctx, k, "release", func(ctx context.Context) error { return b.cfg.Intake.Release(ctx, k.id) })
		return
	}
	_ = b.intake(ctx, k, "close", func(ctx context.Context) error { return b.cfg.Intake.Close(ctx, k.id) })
}

// release gives up a kept request that was never run (dropped at
// shutdown), so that another replica, or this one restarted, runs it.
func (b *Bot) release(k *kept) {
	if k == nil {
		return
	}
	ctx, cancel := context.WithTimeout(context.Background(), b.IntakeTimeout)
	defer cancel()
	_ = b.intake(ctx, k, "release", func(ctx context.Context) error { return b.cfg.Intake.Release(ctx, k.id) })
}

// intake calls fn on Config.Intake in k's workspace within
// IntakeTimeout; a failure is logged and returned.
func (b *Bot) intake(ctx context.Context, k *kept, doing string, fn func(ctx context.Context) error) error {
	ctx, cancel := context.WithTimeout(proxenos.NewContextWithTeam(context.WithoutCancel(ctx), k.team), b.IntakeTimeout)
	defer cancel()
	err := fn(ctx)
	if err != nil {
		b.log.Warn("slack intake record not updated", "doing", doing, "request_id", k.id, "team", k.team,
			"code", proxenos.ErrorCode(err), "err", err)
	}
	return err
}

// RunIntake keeps this replica's claims on the requests it works on
// alive and, every IntakeLease/3, takes over the requests that others
// (or this process before a restart) acknowledged and left unanswered
// less than 30 minutes ago, while their response_url still answers: a
// request whose answer was saved is only delivered, any other is run
// again; both say that they come late. It returns when ctx ends; without
// Config.Intake at once.
func (b *Bot) RunIntake(ctx context.Context) {
	if b.cfg.Intake == nil {
		return
	}
	tick := time.NewTicker(max(b.IntakeLease/3, time.Millisecond))
	defer tick.Stop()
	for {
		b.RecoverIntake(ctx)
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
		}
	}
}

// RecoverIntake renews this replica's claims and takes over the stale
// ones once; RunIntake calls it on every tick.
func (b *Bot) RecoverIntake(ctx context.Context) {
	if b.cfg.Intake == nil {
		return
	}
	ctx, cancel := context.WithTimeout(ctx, b.IntakeLease)
	defer cancel()
	if err := b.cfg.Intake.Renew(ctx, b.holder); err != nil {
		b.log.Warn("slack intake claims not renewed", "code", proxenos.ErrorCode(err), "err", err)
	}
	now := b.Now()
	recs, err := b.cfg.Intake.Claim(ctx, proxenos.IntakeClaim{Holder: b.holder, StaleBefore: now.Add(-b.IntakeLease),
		ReceivedAfter: now.Add(-responseURLTTL), MaxAttempts: maxKeptAttempts, Limit: recoverBatch})
	if err != nil {
		b.log.Warn("slack intake not recovered", "code", proxenos.ErrorCode(err), "err", err)
		return
	}
	for _, rec := range recs {
		b.resume(rec)
	}
}

// resume schedules a request taken over from the intake.
func (b *Bot) resume(rec *proxenos.Intake) {
	var req keptRequest
	if err := json.Unmarshal(rec.Payload, &req); err != nil {
		b.log.Error("slack kept request unreadable; dropped", "request_id", rec.ID, "err", err)
		b.settle(&kept{id: rec.ID, team: rec.Team}, true)
		return
	}
	k := &kept{id: rec.ID, team: rec.Team, delayed: true, saved: rec.State == proxenos.IntakeDone}
	if err := b.admit(rec.Team, ""); errors.Is(err, errNotInstalled) {
		// The workspace removed the app: what it asked is not done now.
		b.log.Warn("slack kept request dropped: workspace not served", "request_id", rec.ID, "team", rec.Team)
		b.settle(k, true)
		return
	}
	b.log.Info("slack request recovered", "request_id", rec.ID, "kind", rec.Kind, "state", rec.State,
		"team", rec.Team, "attempt", rec.Attempts, "received", rec.ReceivedAt)
	var j job
	switch {
	case rec.State == proxenos.IntakeDone:
		var a savedAnswer
		if err := json.Unmarshal(rec.Answer, &a); err != nil {
			b.log.Error("slack saved answer unreadable; dropped", "request_id", rec.ID, "err", err)
			b.settle(k, true)
			return
		}
		name := req.Command
		j = job{kind: rec.Kind + ".answer", name: name, id: rec.ID, team: rec.Team, user: req.To.User, to: req.To, kept: k,
			run: func(ctx context.Context, to *target) error { return b.deliverSaved(ctx, to, &a, name) }}
	case rec.Kind == keptCommand:
		j = b.commandJob(&chat.Request{ID: rec.ID, Team: rec.Team, User: req.To.User, Channel: req.To.Channel,
			Command: req.Command, Text: req.Text}, req.To, k)
	case (rec.Kind == keptAction || rec.Kind == keptShortcut) && req.Action != nil:
		req.Action.ID = rec.ID
		j = b.actionJob(rec.Kind, req.Action, req.To, "", k)
	default:
		b.log.Error("slack kept request of unknown kind; dropped", "request_id", rec.ID, "kind", rec.Kind)
		b.settle(k, true)
		return
	}
	if err := b.start(j, closedChan); err != nil {
		b.release(k)
	}
}

// deliverSaved delivers a saved answer, late: where the request came
// from, as deliverMessage does.
func (b *Bot) deliverSaved(ctx context.Context, to *target, a *savedAnswer, name string) error {
	note := delayedNote(to.Lang, name)
	blocks := a.Blocks.BlockSet
	if len(blocks) > 0 {
		blocks = append([]slack.Block{slack.NewContextBlock("", slack.NewTextBlockObject(slack.MarkdownType, note, false, false))}, blocks...)
		blocks = blocks[:min(len(blocks), maxMessageBlocks)]
	}
	opts := []slack.MsgOption{slack.MsgOptionText(truncate(note+"\n"+a.Text, maxMessageText), false)}
	if len(blocks) > 0 {
		opts = append(opts, slack.MsgOptionBlocks(blocks...))
	}
	return b.sendMessage(ctx, to, opts, a.Ephemeral, a.Replace)
}
