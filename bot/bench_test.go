package bot

import (
	"net/http"
	"strconv"
	"testing"
	"time"

	"github.com/proxenos/proxenos/chat"
	"github.com/proxenos/proxenos/i18n"
)

// BenchmarkVerify measures the signature check every HTTP request pays.
func BenchmarkVerify(b *testing.B) {
	v := NewVerifier(vectorSecret)
	v.Now = func() time.Time { return time.Unix(1531420618, 0) }
	h := http.Header{}
	h.Set("X-Slack-Request-Timestamp", vectorTimestamp)
	h.Set("X-Slack-Signature", vectorSignature)
	body := []byte(vectorBody)
	for b.Loop() {
		if err := v.Verify(h, body); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkRenderBlocks renders a full list answer: 60 records, cut to 50 blocks.
func BenchmarkRenderBlocks(b *testing.B) {
	var blocks []chat.Block
	for i := range 60 {
		blocks = append(blocks, chat.Section{Text: "*" + strconv.Itoa(i) + "/2026* Επίσκεψη αντιπροσωπείας",
			Fields: []string{"ΕΙΣ", "email", "Q-Cities", "26 Νοεμβρίου 2026"}})
	}
	for b.Loop() {
		if got := renderBlocks(i18n.Greek, blocks, maxMessageBlocks); len(got) != maxMessageBlocks {
			b.Fatalf("got %d blocks", len(got))
		}
	}
}
