package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/exec"
	"slices"
	"strconv"
	"testing"
	"time"

	"github.com/proxenos/proxenos/bot"
)

// ackSenderEnv, in the environment of this test binary, makes it a
// sender process for BenchmarkAck: it sends the ackRun the variable
// holds (JSON), prints the latencies (JSON) and exits.
const ackSenderEnv = "PROXENOS_BENCH_ACK_SENDER"

// ackRun is one run of BenchmarkAck: N signed /ir help commands to the
// bare handler and N to the bot, interleaved, from Senders senders; the
// bot's answers go to Sink, numbered from First.
type ackRun struct {
	Bare, Bot, Sink string
	N, Senders      int
	First           int64
}

// ackLatencies are the acknowledgements' latencies of a run.
type ackLatencies struct {
	Bare, Bot []time.Duration
}

// send sends the run from this process.
func (r ackRun) send() (ackLatencies, error) {
	v := bot.NewVerifier(testSecret)
	client := loadClient(r.Senders)
	defer client.CloseIdleConnections()
	lat, err := sendAll(2*r.N, r.Senders, func(i int) (time.Duration, error) {
		target := r.Bare
		if i%2 == 1 {
			target = r.Bot
		}
		answerTo := r.Sink + "/response/" + strconv.FormatInt(r.First+int64(i/2), 10)
		return postSigned(client, v, target, commandBody("/ir", "help", answerTo))
	})
	var out ackLatencies
	for i, d := range lat {
		if i%2 == 0 {
			out.Bare = append(out.Bare, d)
		} else {
			out.Bot = append(out.Bot, d)
		}
	}
	return out, err
}

// apart sends the run from another process: this test binary, run again
// as a sender (see ackSender).
func (r ackRun) apart() (ackLatencies, error) {
	spec, err := json.Marshal(r)
	if err != nil {
		return ackLatencies{}, err
	}
	cmd := exec.Command(os.Args[0])
	cmd.Env = append(os.Environ(), ackSenderEnv+"="+string(spec))
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		return ackLatencies{}, fmt.Errorf("sender: %w: %s", err, stderr.String())
	}
	var out ackLatencies
	err = json.Unmarshal(stdout.Bytes(), &out)
	return out, err
}

// ackSender is the sender process: it sends the run in spec and writes
// the latencies to w. It returns the exit status.
func ackSender(spec string, w io.Writer) int {
	var r ackRun
	if err := json.Unmarshal([]byte(spec), &r); err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 2
	}
	lat, err := r.send()
	if err == nil {
		err = json.NewEncoder(w).Encode(lat)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	return 0
}

// report reports the percentiles of both and their ratios.
func (l ackLatencies) report(b *testing.B) {
	slices.Sort(l.Bare)
	slices.Sort(l.Bot)
	p50, p99 := percentile(l.Bot, 50), percentile(l.Bot, 99)
	bare50, bare99 := percentile(l.Bare, 50), percentile(l.Bare, 99)
	b.ReportMetric(p50, "p50-ms")
	b.ReportMetric(p99, "p99-ms")
	b.ReportMetric(bare50, "bare-p50-ms")
	b.ReportMetric(bare99, "bare-p99-ms")
	b.ReportMetric(p50/bare50, "x-bare-p50")
	b.ReportMetric(p99/bare99, "x-bare-p99")
}
