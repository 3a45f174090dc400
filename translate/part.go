package translate

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/proxenos/proxenos"
	"github.com/sashabaranov/go-openai"
)

// errDamaged marks an answer that cannot be used: placeholders lost or
// invented, empty, or cut short.
var errDamaged = errors.New("translate: damaged answer")

// translatePart returns the translation of part i with its surrounding
// space. An error means the part is kept in the original, except errFatal,
// which stops the job.
func (j *job) translatePart(ctx context.Context, i int) (string, error) {
	lead, core, trail := trimSpace(j.parts[i])
	if core == "" {
		return j.parts[i], nil
	}
	m := mask(core, j.req.Names)
	if strings.TrimSpace(placeholder.ReplaceAllString(m.Text, "")) == "" {
		return j.parts[i], nil // only numbers, links or code: nothing to translate
	}
	// The cache holds the model's masked answer: a part that differs only
	// in its numbers or links is served too, with its own put back.
	key := j.cacheKey(m.Text)
	if j.t.Cache != nil {
		if answer, ok := j.t.Cache.Get(key); ok {
			if out, ok := m.unmask(answer); ok {
				j.mu.Lock()
				j.cached++
				j.mu.Unlock()
				return lead + out + trail, nil
			}
		}
	}
	log := j.t.logger().With("part", i+1, "parts", len(j.parts), "chars", len(core), "model", j.t.Model)
	var err error
	for try := 0; try < 2; try++ { // a damaged answer is asked for once more
		var answer string
		answer, err = j.ask(ctx, j.chatRequest(m.Text), len(core))
		if err != nil {
			if !errors.Is(err, errDamaged) {
				log.Warn("translate: part failed", "err", err)
				return "", err
			}
			log.Warn("translate: answer unusable", "try", try+1)
			continue
		}
		out, ok := m.unmask(answer)
		if !ok {
			err = errDamaged
			log.Warn("translate: placeholders damaged", "try", try+1, "placeholders", len(m.Spans))
			continue
		}
		if j.t.Cache != nil {
			j.t.Cache.Put(key, answer)
		}
		return lead + out + trail, nil
	}
	return "", err
}

// ask sends one chat request, with retries, records its usage and returns
// the cleaned answer. chars is the size of the text, for the record.
func (j *job) ask(ctx context.Context, req openai.ChatCompletionRequest, chars int) (string, error) {
	start := time.Now()
	resp, err := j.t.complete(ctx, req)
	if err != nil {
		return "", err
	}
	// Recorded before the answer is judged: a damaged answer spent tokens too.
	j.record(ctx, resp.Usage, chars, time.Since(start))
	if len(resp.Choices) == 0 {
		return "", errDamaged
	}
	c := resp.Choices[0]
	answer := cleanAnswer(c.Message.Content)
	// "length": cut off at the output limit; "content_filter": parts withheld.
	if answer == "" || c.FinishReason == openai.FinishReasonLength || c.FinishReason == openai.FinishReasonContentFilter {
		return "", errDamaged
	}
	return answer, nil
}

// record adds one answered request to the job's total and to the
// UsageService. A failure to record is logged, not returned: the user
// already has the translation.
func (j *job) record(ctx context.Context, u openai.Usage, chars int, d time.Duration) {
	j.mu.Lock()
	j.usage.Requests++
	j.usage.Characters += chars
	j.usage.PromptTokens += u.PromptTokens
	j.usage.CompletionTokens += u.CompletionTokens
	j.mu.Unlock()
	if j.t.Usage == nil {
		return
	}
	rec := &proxenos.Usage{
		User:             j.req.User,
		Model:            j.t.Model,
		Characters:       chars,
		PromptTokens:     u.PromptTokens,
		CompletionTokens: u.CompletionTokens,
		Duration:         d,
		At:               j.t.now(),
	}
	// Without the caller's cancellation: the tokens are spent even if the
	// user gave up, and the monthly budget must count them.
	if err := j.t.Usage.RecordUsage(context.WithoutCancel(ctx), rec); err != nil {
		j.t.logger().Error("translate: record usage", "err", err, "tokens", u.TotalTokens)
	}
}

// detect finds the source language: from the script when it names one
// language (Greek, Han, Hangul, …), else by asking the model once about
// the start of the first part. It returns "" when neither can tell.
func (j *job) detect(ctx context.Context) string {
	if code := scriptLanguage(j.req.Text); code != "" {
		return code
	}
	_, sample, _ := trimSpace(j.parts[0])
	// A document's opening is enough to tell its language, and keeps the
	// request cheap; masked like a part, so it cannot close the delimiters.
	if r := []rune(sample); len(r) > 2000 {
		sample = string(r[:2000])
	}
	m := mask(sample, nil)
	req := openai.ChatCompletionRequest{
		Model: j.t.Model,
		Messages: []openai.ChatCompletionMessage{
			{Role: openai.ChatMessageRoleSystem, Content: fmt.Sprintf(detectPrompt, openTag, closeTag)},
			{Role: openai.ChatMessageRoleUser, Content: openTag + "\n" + m.Text + "\n" + closeTag},
		},
		User: j.req.User,
	}
	answer, err := j.ask(ctx, req, len(sample))
	// Models wrap the code in quotes or end it with a full stop.
	code := strings.ToLower(strings.Trim(answer, " \t\r\n.\"'`"))
	if err != nil || !isLangCode(code) {
		j.t.logger().Warn("translate: language not detected", "err", err, "answer_len", len(answer))
		return ""
	}
	return code
}
